/**
 * Which table changes move the aggregates. Pure: the update-aggregates handler maps stream
 * records through it and updates each invoice once per batch.
 */
export type AggregateChangeTarget =
  | { readonly kind: 'invoice'; readonly tenantId: string; readonly invoiceId: string }
  | { readonly kind: 'client'; readonly tenantId: string; readonly clientId: string }
  | { readonly kind: 'bounce'; readonly tenantId: string; readonly invoiceId: string; readonly eventId: string; readonly at: string };

const INVOICE_PK = /^T#(.+)#INV#([^#]+)$/;
/** Items of an invoice partition whose change can move its contribution or its list row. */
const SOURCES = ['#INVOICE', 'PAYMENT#', 'CREDIT#', 'STEP#'];

const TENANT_PK = /^T#([^#]+)$/;

/** What a send's claim writes on the invoice: its day slot, counter and version. No figure or row shows them. */
const CLAIM_FIELDS = new Set(['lastReminderDay', 'lastReminderAt', 'reminderCount', 'version']);

const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => k in y && same(x[k], y[k]));
};

/**
 * A send's claim, which moves nothing the aggregates show: the step going `scheduled → sending`
 * (a step being sent is still the next one) and the invoice's claim fields. Its `sent` record,
 * a moment later, is what counts. Skipping it saves one read of the invoice's partition per reminder.
 */
const sendClaimOnly = (SK: string, oldImage?: Record<string, unknown>, newImage?: Record<string, unknown>): boolean => {
  if (!oldImage || !newImage) return false;
  if (SK.startsWith('STEP#')) return oldImage.state === 'scheduled' && newImage.state === 'sending';
  if (SK !== '#INVOICE') return false;
  const strip = (image: Record<string, unknown>) => Object.fromEntries(Object.entries(image).filter(([k]) => !CLAIM_FIELDS.has(k)));
  return same(strip(oldImage), strip(newImage));
};

export const aggregateChangeTarget = (
  keys: { PK?: string; SK?: string },
  eventName: string | undefined,
  newImage?: Record<string, unknown>,
  oldImage?: Record<string, unknown>,
): AggregateChangeTarget | undefined => {
  const { PK = '', SK = '' } = keys;
  const tenant = TENANT_PK.exec(PK);
  // A renamed client: its invoices' rows carry (and sort on) its name.
  if (tenant && SK.startsWith('CLIENT#') && oldImage && newImage && oldImage.name !== newImage.name) {
    return { kind: 'client', tenantId: tenant[1]!, clientId: SK.slice('CLIENT#'.length) };
  }
  const match = INVOICE_PK.exec(PK);
  if (!match) return undefined;
  const [, tenantId, invoiceId] = match as unknown as [string, string, string];
  if (SOURCES.some((s) => SK.startsWith(s))) return sendClaimOnly(SK, oldImage, newImage) ? undefined : { kind: 'invoice', tenantId, invoiceId };
  if (SK.startsWith('EVENT#') && eventName === 'INSERT' && newImage?.type === 'email.bounced' && typeof newImage.at === 'string') {
    return { kind: 'bounce', tenantId, invoiceId, eventId: SK, at: newImage.at };
  }
  return undefined;
};
