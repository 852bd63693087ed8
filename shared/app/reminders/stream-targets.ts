import type { ChangedItem } from '../changed-item.js';

/**
 * Which invoices a table change may re-plan. Pure: the sync-schedules handler maps stream
 * records through it, then reconciles each invoice once per batch.
 */
export type ChangeTarget =
  | { readonly kind: 'invoice'; readonly tenantId: string; readonly invoiceId: string }
  | { readonly kind: 'client'; readonly tenantId: string; readonly clientId: string }
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'quote'; readonly tenantId: string; readonly quoteId: string }
  /**
   * A step entered `sending` (a send's claim): only its lease check is missing, which the step's
   * own image describes. No re-plan: the send's `sent` record, a moment later, re-plans the invoice.
   */
  | { readonly kind: 'lease'; readonly tenantId: string; readonly invoiceId: string; readonly step: LeaseStep };

export interface LeaseStep {
  readonly plan: number;
  readonly index: number;
  readonly stepId: string;
  readonly leaseUntil: string;
}

/** Fields of a client whose change affects its reminders. */
const CLIENT_FIELDS = ['remindersEnabled', 'scenarioId', 'tags', 'kind', 'address', 'language', 'emailStatus', 'complained'] as const;

export const changeTarget = (
  item: ChangedItem | undefined,
  oldImage?: Record<string, unknown>,
  newImage?: Record<string, unknown>,
): ChangeTarget | undefined => {
  switch (item?.kind) {
    // The invoice itself and its step states re-plan it; timeline events and payments do not
    // (a payment always rewrites the invoice item too).
    case 'invoice':
      // A send's claim on the invoice (its day slot, counter, version) changes nothing the plan reads.
      return claimFieldsOnly(oldImage, newImage) ? undefined : { kind: 'invoice', tenantId: item.tenantId, invoiceId: item.invoiceId };
    case 'step': {
      const step = enteredSending(oldImage, newImage);
      return step ? { kind: 'lease', tenantId: item.tenantId, invoiceId: item.invoiceId, step } : { kind: 'invoice', tenantId: item.tenantId, invoiceId: item.invoiceId };
    }
    case 'quote':
      return { kind: 'quote', tenantId: item.tenantId, quoteId: item.quoteId };
    case 'client': {
      const changed = CLIENT_FIELDS.some((f) => JSON.stringify(oldImage?.[f]) !== JSON.stringify(newImage?.[f]));
      return changed && oldImage ? { kind: 'client', tenantId: item.tenantId, clientId: item.clientId } : undefined;
    }
    case 'settings':
    case 'scenario':
      return { kind: 'tenant', tenantId: item.tenantId };
    default:
      return undefined;
  }
};

/** What a send's claim writes on the invoice item: its day slot, reminder counter and version. */
export const SEND_CLAIM_FIELDS: ReadonlySet<string> = new Set(['lastReminderDay', 'lastReminderAt', 'reminderCount', 'version']);

export const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => k in y && sameJson(x[k], y[k]));
};

/** True when an invoice item changed only in the fields a send's claim (or its release) writes. */
export const claimFieldsOnly = (oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): boolean => {
  if (!oldImage || !newImage) return false;
  const strip = (image: Record<string, unknown>) => Object.fromEntries(Object.entries(image).filter(([k]) => !SEND_CLAIM_FIELDS.has(k)));
  return sameJson(strip(oldImage), strip(newImage));
};

/** The step a change moved into `sending` (a scheduled step claimed, or a manual one created claimed). */
const enteredSending = (oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): LeaseStep | undefined => {
  if (newImage?.state !== 'sending' || oldImage?.state === 'sending') return undefined;
  if (oldImage && oldImage.state !== 'scheduled') return undefined;
  const { plan, index, stepId, leaseUntil } = newImage;
  if (typeof plan !== 'number' || typeof index !== 'number' || typeof stepId !== 'string' || typeof leaseUntil !== 'string') return undefined;
  return { plan, index, stepId, leaseUntil };
};
