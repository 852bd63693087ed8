import { invoiceBalanceCents, lateness } from '../domain/invoice.js';
import type { InvoiceView } from '../domain/invoice-types.js';
import type { InvoiceRecord } from './ports.js';

/** The API shape of an invoice: the record plus what is derived from it at `now`. */
export const toInvoiceView = (invoice: InvoiceRecord, now: Date, timeZone: string): InvoiceView => {
  const { tenantId, clientKind, version, emailedAt, reminderCount, lastPaymentAt, portalGeneration, portalLinkStored, lastReminderDay, escalatedPlan, paidInLitigation, portalActions, importedPaidCents, dueDateChanges, deductions, ...rest } = invoice;
  // Internal claim fields (the per-day reminder slot, the escalated plan, the portal's daily count, an import's check): not part of the API's Invoice.
  void [tenantId, clientKind, version, emailedAt, reminderCount, lastPaymentAt, portalGeneration, portalLinkStored, lastReminderDay, escalatedPlan, paidInLitigation, portalActions, importedPaidCents, dueDateChanges];
  return {
    ...rest,
    lines: [...invoice.lines],
    ...(deductions ? { deductions: [...deductions] } : {}),
    totals: { ...invoice.totals, vatBreakdown: [...invoice.totals.vatBreakdown] },
    balanceCents: invoiceBalanceCents(invoice),
    ...lateness(invoice.status, invoice.dueDate, now, timeZone),
  };
};
