import type { ChangedItem } from '../changed-item.js';
import { claimFieldsOnly, sameJson } from '../reminders/stream-targets.js';

/**
 * Which table changes move the aggregates. Pure: the update-aggregates handler maps stream
 * records through it and updates each invoice once per batch.
 */
export type AggregateChangeTarget =
  | { readonly kind: 'invoice'; readonly tenantId: string; readonly invoiceId: string }
  | { readonly kind: 'client'; readonly tenantId: string; readonly clientId: string }
  /** `event` identifies the bounce's timeline event (the instant it is filed under and its ULID); `at` is when it bounced. */
  | { readonly kind: 'bounce'; readonly tenantId: string; readonly invoiceId: string; readonly event: { readonly at: string; readonly id: string }; readonly at: string };

/** Items of an invoice partition whose change can move its contribution or its list row. */
const SOURCES: ReadonlySet<ChangedItem['kind']> = new Set(['invoice', 'payment', 'credit-note', 'step']);

const CREDIT_NOTE_EMAIL_FIELDS: ReadonlySet<string> = new Set(['emailStatus', 'emailedAt', 'emailedTo', 'messageId', 'emailClaimedAt']);

const sameExcept = (a: Record<string, unknown>, b: Record<string, unknown>, ignored: ReadonlySet<string>): boolean => {
  const strip = (image: Record<string, unknown>) => Object.fromEntries(Object.entries(image).filter(([k]) => !ignored.has(k)));
  return sameJson(strip(a), strip(b));
};

/**
 * A send's claim, which moves nothing the aggregates show: the step going `scheduled → sending`
 * (a step being sent is still the next one) and the invoice's claim fields. Its `sent` record,
 * a moment later, is what counts. Skipping it saves one read of the invoice's partition per reminder.
 */
const sendClaimOnly = (kind: ChangedItem['kind'], oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): boolean => {
  if (!oldImage || !newImage) return false;
  if (kind === 'step') return oldImage.state === 'scheduled' && newImage.state === 'sending';
  // A credit note's email (claimed, sent or failed) moves no figure: its amount and date are what count.
  if (kind === 'credit-note') return sameExcept(oldImage, newImage, CREDIT_NOTE_EMAIL_FIELDS);
  return kind === 'invoice' && claimFieldsOnly(oldImage, newImage);
};

export const aggregateChangeTarget = (
  item: ChangedItem | undefined,
  eventName: string | undefined,
  newImage?: Record<string, unknown>,
  oldImage?: Record<string, unknown>,
): AggregateChangeTarget | undefined => {
  if (!item) return undefined;
  // A renamed client: its invoices' rows carry (and sort on) its name.
  if (item.kind === 'client') return oldImage && newImage && oldImage.name !== newImage.name ? { kind: 'client', tenantId: item.tenantId, clientId: item.clientId } : undefined;
  if (!('invoiceId' in item)) return undefined;
  const { tenantId, invoiceId } = item;
  if (SOURCES.has(item.kind)) return sendClaimOnly(item.kind, oldImage, newImage) ? undefined : { kind: 'invoice', tenantId, invoiceId };
  // A grouped reminder's bounce is copied on each invoice it was about (`groupOf` names the lead): one message, one bounce.
  const data = newImage?.data as { groupOf?: unknown; stepId?: unknown } | undefined;
  const groupCopy = typeof data?.groupOf === 'string';
  // The cockpit's `reminders.bounces` answers "do my reminders work?": only a reminder's bounce counts (its
  // message carries its step), not the invoice's own email, a credit note, a plan letter or a thank-you.
  const reminder = typeof data?.stepId === 'string';
  if (item.kind === 'invoice-event' && eventName === 'INSERT' && newImage?.type === 'email.bounced' && typeof newImage.at === 'string' && !groupCopy && reminder) {
    return { kind: 'bounce', tenantId, invoiceId, event: { at: item.at, id: item.eventId }, at: newImage.at };
  }
  return undefined;
};
