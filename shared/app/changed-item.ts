/**
 * The item a table change touched, as the stream consumers need to know it. The handlers parse a
 * stream record's keys into this (shared/adapters/dynamo/keys.ts `parseItemKey`), so the use cases
 * deciding what a change moves never read a key. Items no consumer acts on parse to nothing.
 */
export type ChangedItem =
  /** Items of a tenant's own partition. */
  | { readonly kind: 'settings'; readonly tenantId: string }
  | { readonly kind: 'client'; readonly tenantId: string; readonly clientId: string }
  | { readonly kind: 'scenario'; readonly tenantId: string; readonly scenarioId: string }
  | { readonly kind: 'template'; readonly tenantId: string; readonly templateId: string }
  /** Items of an invoice's partition. */
  | { readonly kind: 'invoice'; readonly tenantId: string; readonly invoiceId: string }
  | { readonly kind: 'payment'; readonly tenantId: string; readonly invoiceId: string; readonly paymentId: string }
  | { readonly kind: 'credit-note'; readonly tenantId: string; readonly invoiceId: string; readonly creditNoteId: string }
  | { readonly kind: 'step'; readonly tenantId: string; readonly invoiceId: string }
  /** A timeline event: the instant it was filed under and its ULID. */
  | { readonly kind: 'invoice-event'; readonly tenantId: string; readonly invoiceId: string; readonly at: string; readonly eventId: string }
  | { readonly kind: 'quote'; readonly tenantId: string; readonly quoteId: string };
