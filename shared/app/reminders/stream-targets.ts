/**
 * Which invoices a table change may re-plan. Pure: the sync-schedules handler maps stream
 * records through it, then reconciles each invoice once per batch.
 */
export type ChangeTarget =
  | { readonly kind: 'invoice'; readonly tenantId: string; readonly invoiceId: string }
  | { readonly kind: 'client'; readonly tenantId: string; readonly clientId: string }
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'quote'; readonly tenantId: string; readonly quoteId: string };

const INVOICE_PK = /^T#(.+)#INV#([^#]+)$/;
const TENANT_PK = /^T#([^#]+)$/;
const QUOTE_PK = /^T#(.+)#QUO#([^#]+)$/;

/** Fields of a client whose change affects its reminders. */
const CLIENT_FIELDS = ['remindersEnabled', 'scenarioId', 'tags', 'kind', 'address', 'language', 'emailStatus', 'complained'] as const;

export const changeTarget = (
  keys: { PK?: string; SK?: string },
  oldImage?: Record<string, unknown>,
  newImage?: Record<string, unknown>,
): ChangeTarget | undefined => {
  const { PK = '', SK = '' } = keys;
  const invoice = INVOICE_PK.exec(PK);
  if (invoice) {
    // The invoice itself and its step states re-plan it; timeline events and payments do not
    // (a payment always rewrites the invoice item too).
    if (SK === '#INVOICE' || SK.startsWith('STEP#')) return { kind: 'invoice', tenantId: invoice[1]!, invoiceId: invoice[2]! };
    return undefined;
  }
  const quote = QUOTE_PK.exec(PK);
  if (quote) return SK === '#QUOTE' ? { kind: 'quote', tenantId: quote[1]!, quoteId: quote[2]! } : undefined;
  const tenant = TENANT_PK.exec(PK);
  if (!tenant) return undefined;
  const tenantId = tenant[1]!;
  if (SK.startsWith('CLIENT#')) {
    const changed = CLIENT_FIELDS.some((f) => JSON.stringify(oldImage?.[f]) !== JSON.stringify(newImage?.[f]));
    return changed && oldImage ? { kind: 'client', tenantId, clientId: SK.slice('CLIENT#'.length) } : undefined;
  }
  if (SK === 'SETTINGS' || SK.startsWith('SCENARIO#') || SK.startsWith('TEMPLATE#')) return SK.startsWith('TEMPLATE#') ? undefined : { kind: 'tenant', tenantId };
  return undefined;
};
