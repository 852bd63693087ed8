import type { ChangedItem } from '../changed-item.js';

/**
 * Which invoices a table change may re-plan. Pure: the sync-schedules handler maps stream
 * records through it, then reconciles each invoice once per batch.
 */
export type ChangeTarget =
  | { readonly kind: 'invoice'; readonly tenantId: string; readonly invoiceId: string }
  | { readonly kind: 'client'; readonly tenantId: string; readonly clientId: string }
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'quote'; readonly tenantId: string; readonly quoteId: string };

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
    case 'step':
      return { kind: 'invoice', tenantId: item.tenantId, invoiceId: item.invoiceId };
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
