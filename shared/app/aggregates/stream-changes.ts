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
  if (SOURCES.some((s) => SK.startsWith(s))) return { kind: 'invoice', tenantId, invoiceId };
  if (SK.startsWith('EVENT#') && eventName === 'INSERT' && newImage?.type === 'email.bounced' && typeof newImage.at === 'string') {
    return { kind: 'bounce', tenantId, invoiceId, eventId: SK, at: newImage.at };
  }
  return undefined;
};
