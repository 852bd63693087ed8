/**
 * What an import records for what an invoice had already been paid elsewhere (a payment `imp-pay-…`,
 * shared/app/aggregates/import-invoices.ts), kept apart from the CSV reader so the send path and the
 * portal date it without bundling the reader.
 */
export const isPaymentBeforeImport = (paymentId: string) => paymentId.startsWith('imp-pay-');

/**
 * The date a payment is shown at. What was paid before an import has no date of ours: it is recorded on the import
 * day (the engine plans from it, README "Import and export") but stands at the invoice's issue date wherever it is
 * shown: the client statement, the invoice's payment list, its PDF (sent, attached to reminders, on the portal),
 * the portal and the proof file.
 */
export const shownPaymentDate = (invoice: { readonly imported?: boolean; readonly issueDate: string }, payment: { readonly id: string; readonly date: string }): string =>
  invoice.imported && isPaymentBeforeImport(payment.id) && invoice.issueDate < payment.date ? invoice.issueDate : payment.date;

/** The payments as shown: each dated by `shownPaymentDate`. */
export const withShownDates = <P extends { readonly id: string; readonly date: string }>(invoice: { readonly imported?: boolean; readonly issueDate: string }, payments: readonly P[]): P[] =>
  payments.map((p) => ({ ...p, date: shownPaymentDate(invoice, p) }));
