/**
 * Ports: the small interfaces use cases depend on, one module per aggregate or role in
 * ./ports/. Adapters (shared/adapters) implement them with DynamoDB, SESv2, EventBridge
 * Scheduler and react-pdf; unit tests pass fakes. This index keeps `./ports.js` imports
 * working while other branches still use them.
 */
// The domain's records, re-exported where use cases and adapters have always found them.
export type { ClientSnapshot, CreditNoteRecord, DepositDeduction, InvoiceRecord, IssuedParties, PaymentRecord, TimelineRecord } from '../domain/invoice-types.js';
export type { QuoteRecord, QuoteStatus } from '../domain/quote-types.js';
export type { StepRecordItem, StepRecordState } from '../domain/step.js';
export type * from './ports/system.js';
export type * from './ports/clients.js';
export type * from './ports/invoices.js';
export type * from './ports/quotes.js';
export type * from './ports/settings.js';
export type * from './ports/email.js';
export type * from './ports/documents.js';
export type * from './ports/reminders.js';
export type * from './ports/sms.js';
export { SmsOptedOutError } from './ports/sms.js';
export type * from './ports/portal.js';
export type * from './ports/notifications.js';
export type * from './ports/imports.js';
