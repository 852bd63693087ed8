/**
 * The one route table. API Gateway routes (infra/api.ts), the local HTTP server
 * (infra/local/api-server.ts), request validation (shared/http/http-handler.ts) and
 * /openapi.json (shared/http/openapi.ts) are all built from it, so local and deployed
 * behaviour cannot drift. A newcomer finds any behaviour in two hops: route → handler → use case.
 */
import * as z from 'zod';
import { ClientInput, ClientPatch, Client } from './schemas/clients.js';
import { idParams, id, listQuery, page } from './schemas/common.js';
import { CancelInvoiceInput, Invoice, LitigationInput, WriteOffInput, InvoiceExportQuery, InvoiceInput, InvoiceListQuery, InvoicePatch, Payment, PaymentInput, TimelineEvent } from './schemas/invoices.js';
import { Settings, SettingsInput } from './schemas/settings.js';
import { BatchReminderInput, BatchReminderView, ClientReminderInput, ClientReminderView, DryRunQuery } from './schemas/client-reminders.js';
import { AcceptPlanRequestInput, DeclinePlanRequestInput, PaymentPlanInput, PaymentPlanView, PlanDecisionView, PlanRequestInput, PlanRequestView } from './schemas/payment-plans.js';
import { ClientListQuery, ClientRowFields, CockpitQuery, CockpitView, ImportBody, ImportQuery, ImportJobView, ImportReportView, StatementView } from './schemas/cockpit.js';
import { CreditNoteInput, CreditNoteResult, CreditNoteView, DepositInput, FinalInvoiceInput, QuoteInput, QuoteListQuery, QuotePatch, QuoteView } from './schemas/quotes.js';
import {
  LetterPostedInput,
  LetterToPostView,
  ManualReminderInput,
  StepParams,
  PlannedStepView,
  PreviewInput,
  PreviewView,
  ScenarioCreate,
  ScenarioUpdate,
  ScenarioView,
  SimulationQuery,
  SimulationView,
  TemplateCreate,
  TemplateInput,
  TemplateView,
  TestSendInput,
} from './schemas/reminders.js';
import { DisputeInput, PauseInput, PortalDisputeInput, PortalLinkView, PortalPaidInput, portalParams, PortalPromiseInput, PortalActionResult, PortalView } from './schemas/portal.js';
import { NotificationListQuery, NotificationView, OverviewQuery, OverviewView, ReadAllResult, stepParams } from './schemas/notifications.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/invoices/{id}`. */
  readonly path: string;
  /** Handler module, relative to the repository root, without extension; it exports `handler`. */
  readonly handler: string;
  readonly summary: string;
  /** `none` only for /health, /openapi.json and the client portal (`/portal/{token}`: the token is the credential, API Gateway throttles these routes). */
  readonly auth: 'jwt' | 'none';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Success response schema (JSON), for the OpenAPI document. */
  readonly response?: z.ZodType;
  readonly successStatus?: number;
  /** Honours `Idempotency-Key` (POSTs that create or send). */
  readonly idempotent?: boolean;
  /** Renders PDFs: the function ships @react-pdf/renderer as a real node_modules package. */
  readonly pdf?: boolean;
  /** Sends email with SESv2. */
  readonly email?: boolean;
  /** Larger memory / timeout for rendering. */
  readonly heavy?: boolean;
  /** Issues client-portal links (`<web>/p/<token>`): the function is given the web app's address and the portal secret. */
  readonly portalLinks?: boolean;
  /** Also takes `text/csv`, handed to the body schema as `{ csv: <text> }`. */
  readonly csvBody?: boolean;
}

const paymentParams = z.object({ id, paymentId: id });
const docParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be a scenario or template id' }) });

export const routes = {
  health: { method: 'GET', path: '/health', handler: 'functions/system/health', summary: 'Liveness', auth: 'none' },
  openapi: { method: 'GET', path: '/openapi.json', handler: 'functions/system/openapi', summary: 'This API as OpenAPI 3.1', auth: 'none' },

  createClient: { method: 'POST', path: '/clients', handler: 'functions/clients/clients-api', summary: 'Create a client', auth: 'jwt', body: ClientInput, response: Client, successStatus: 201, idempotent: true },
  listClients: { method: 'GET', path: '/clients', handler: 'functions/clients/clients-api', summary: 'Clients with their balances; q searches name, email, SIREN (prefix, accents ignored); sort by name, balance or overdue', auth: 'jwt', query: ClientListQuery, response: page(Client.extend(ClientRowFields)) },
  clientStatement: { method: 'GET', path: '/clients/{id}/statement', handler: 'functions/clients/clients-api', summary: 'Statement of account (relevé de compte): open invoices, credit notes, payments, running balance', auth: 'jwt', params: idParams, response: StatementView },
  clientStatementPdf: { method: 'GET', path: '/clients/{id}/statement.pdf', handler: 'functions/clients/get-statement-pdf', summary: 'The statement of account as a PDF', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  getClient: { method: 'GET', path: '/clients/{id}', handler: 'functions/clients/clients-api', summary: 'Get a client', auth: 'jwt', params: idParams, response: Client },
  updateClient: { method: 'PATCH', path: '/clients/{id}', handler: 'functions/clients/clients-api', summary: 'Update a client', auth: 'jwt', params: idParams, body: ClientPatch, response: Client },

  createInvoice: { method: 'POST', path: '/invoices', handler: 'functions/invoices/invoices-api', summary: 'Create a draft invoice', auth: 'jwt', body: InvoiceInput, response: Invoice, successStatus: 201, idempotent: true },
  listInvoices: { method: 'GET', path: '/invoices', handler: 'functions/invoices/invoices-api', summary: 'The follow-up list', auth: 'jwt', query: InvoiceListQuery, response: page(Invoice) },
  exportInvoices: { method: 'GET', path: '/invoices/export.csv', handler: 'functions/invoices/export-invoices', summary: 'The follow-up list as CSV for the accountant (same filters and sort; ; separated, French decimals)', auth: 'jwt', query: InvoiceExportQuery },
  getInvoice: { method: 'GET', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', summary: 'Get an invoice', auth: 'jwt', params: idParams, response: Invoice },
  updateInvoice: { method: 'PATCH', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', summary: 'Edit a draft, or pause / dispute a sent invoice', auth: 'jwt', params: idParams, body: InvoicePatch, response: Invoice },
  sendInvoice: { method: 'POST', path: '/invoices/{id}/send', handler: 'functions/invoices/send-invoice', summary: 'Number, render and email the invoice', auth: 'jwt', params: idParams, response: Invoice, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelInvoice: { method: 'POST', path: '/invoices/{id}/cancel', handler: 'functions/invoices/cancel-invoice', summary: 'Cancel the invoice and stop its reminders: a credit note for its balance if issued, void if a draft', auth: 'jwt', params: idParams, body: CancelInvoiceInput, response: Invoice, idempotent: true, pdf: true, email: true, heavy: true },
  invoicePdf: { method: 'GET', path: '/invoices/{id}/pdf', handler: 'functions/invoices/get-invoice-pdf', summary: 'The invoice PDF', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  pauseInvoice: { method: 'POST', path: '/invoices/{id}/pause', handler: 'functions/invoices/invoices-api', summary: 'Pause the reminders, until a date (they resume by themselves that day) or until resumed', auth: 'jwt', params: idParams, body: PauseInput, response: Invoice },
  resumeInvoice: { method: 'POST', path: '/invoices/{id}/resume', handler: 'functions/invoices/invoices-api', summary: 'Resume paused reminders now (a new plan from the next step not yet sent)', auth: 'jwt', params: idParams, response: Invoice },
  disputeInvoice: { method: 'POST', path: '/invoices/{id}/dispute', handler: 'functions/invoices/invoices-api', summary: 'Mark the invoice disputed: reminders stop until the dispute is resolved', auth: 'jwt', params: idParams, body: DisputeInput, response: Invoice },
  resolveDispute: { method: 'POST', path: '/invoices/{id}/resolve-dispute', handler: 'functions/invoices/invoices-api', summary: 'Close the dispute: reminders resume', auth: 'jwt', params: idParams, response: Invoice },
  issuePortalLink: { method: 'POST', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', summary: 'A new client-portal link for the invoice (older links stop working); the URL is shown once', auth: 'jwt', params: idParams, response: PortalLinkView, successStatus: 201, idempotent: true, portalLinks: true },
  revokePortalLinks: { method: 'DELETE', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', summary: 'Switch the invoice’s client-portal links off (emails stop carrying one until a new link is issued)', auth: 'jwt', params: idParams, successStatus: 204 },
  invoiceTimeline: { method: 'GET', path: '/invoices/{id}/timeline', handler: 'functions/invoices/invoices-api', summary: 'Every event, oldest first', auth: 'jwt', params: idParams, query: listQuery, response: page(TimelineEvent) },

  moveToLitigation: { method: 'POST', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', summary: 'Move an unpaid invoice to litigation (contentieux): its reminders stop', auth: 'jwt', params: idParams, body: LitigationInput, response: Invoice },
  writeOffInvoice: { method: 'POST', path: '/invoices/{id}/write-off', handler: 'functions/invoices/litigation-documents', summary: 'Write off an invoice in litigation (créance irrécouvrable): a credit note for its balance regularises the VAT (CGI art. 272-1); it leaves every outstanding figure', auth: 'jwt', params: idParams, body: WriteOffInput, response: CreditNoteResult, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  proofPdf: { method: 'GET', path: '/invoices/{id}/proof.pdf', handler: 'functions/invoices/litigation-documents', summary: 'The proof file (dossier de preuves): the invoice, payments, every reminder with its recipients, SES message id and delivery, the mise en demeure and its posting, portal actions, penalties', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  leaveLitigation: { method: 'DELETE', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', summary: 'Take an invoice back from litigation: its status follows its balance and its reminders re-plan', auth: 'jwt', params: idParams, response: Invoice },

  recordPayment: { method: 'POST', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', summary: 'Record a payment', auth: 'jwt', params: idParams, body: PaymentInput, response: Invoice, successStatus: 201, idempotent: true },
  listPayments: { method: 'GET', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', summary: 'Payments of an invoice, removed ones included', auth: 'jwt', params: idParams, response: page(Payment) },
  removePayment: { method: 'DELETE', path: '/invoices/{id}/payments/{paymentId}', handler: 'functions/payments/payments-api', summary: 'Remove a wrong payment (kept in history)', auth: 'jwt', params: paymentParams, response: Invoice },

  createPaymentPlan: { method: 'POST', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', summary: 'Agree a payment plan (échéancier): instalments adding up to the balance, ascending, from today; its reminders replace the invoice’s while it runs', auth: 'jwt', params: idParams, body: PaymentPlanInput, response: PaymentPlanView, successStatus: 201, idempotent: true },
  getPaymentPlan: { method: 'GET', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', summary: 'The payment plan: each instalment pending, paid or late with what is still due on it', auth: 'jwt', params: idParams, response: PaymentPlanView },
  deletePaymentPlan: { method: 'DELETE', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', summary: 'End the running payment plan (kept in history); the invoice’s own reminders resume where they stood', auth: 'jwt', params: idParams, response: PaymentPlanView },
  acceptPlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/accept', handler: 'functions/plans/plans-email', summary: 'Accept the plan the client asked for: it becomes the payment plan, the client is told by email', auth: 'jwt', params: idParams, body: AcceptPlanRequestInput, response: PlanDecisionView, idempotent: true, email: true },
  declinePlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/decline', handler: 'functions/plans/plans-email', summary: 'Decline the plan the client asked for; the client is told by email (with the reason, if given)', auth: 'jwt', params: idParams, body: DeclinePlanRequestInput, response: PlanDecisionView, idempotent: true, email: true },

  reminderPlan: { method: 'GET', path: '/invoices/{id}/reminders', handler: 'functions/reminders/reminders-api', summary: 'The reminder plan: each step with its time, state and reason', auth: 'jwt', params: idParams, response: z.object({ items: z.array(PlannedStepView) }) },
  sendReminderNow: { method: 'POST', path: '/invoices/{id}/reminders', handler: 'functions/reminders/send-reminder-now', summary: 'Send a reminder now', auth: 'jwt', params: idParams, body: ManualReminderInput, response: PlannedStepView, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendClientReminder: { method: 'POST', path: '/clients/{id}/reminders', handler: 'functions/reminders/client-reminders', summary: 'One reminder for several invoices of a client (default: its open invoices): a table and every PDF; dryRun=true previews it, nothing sent or written', auth: 'jwt', params: idParams, query: DryRunQuery, body: ClientReminderInput, response: ClientReminderView, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendBatchReminders: { method: 'POST', path: '/reminders/batch', handler: 'functions/reminders/client-reminders', summary: 'Mass send: up to 500 invoices (ids or the follow-up list filters), one message per client, gaps respected; an answer per invoice and totals', auth: 'jwt', body: BatchReminderInput, response: BatchReminderView, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelReminderStep: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/cancel', handler: 'functions/reminders/reminders-api', summary: 'Cancel one scheduled step (state cancelled, reason owner_cancelled); 409 once it is sent, skipped, cancelled, failed or being sent', auth: 'jwt', params: stepParams, response: PlannedStepView },
  simulation: { method: 'GET', path: '/reminders/simulation', handler: 'functions/reminders/reminders-api', summary: 'Dry run: what would be sent and skipped, and why', auth: 'jwt', query: SimulationQuery, response: SimulationView },
  lettersToPost: { method: 'GET', path: '/reminders/to-post', handler: 'functions/reminders/reminders-api', summary: 'Letters of letter steps produced and waiting to be posted by registered mail, oldest first', auth: 'jwt', response: z.object({ items: z.array(LetterToPostView) }) },
  markLetterPosted: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/posted', handler: 'functions/reminders/reminders-api', summary: 'Close a letter step: it went by registered post (to_post → sent, postedAt, trackingNumber); repeating it is harmless, 409 if the letter is not to_post', auth: 'jwt', params: StepParams, body: LetterPostedInput, response: PlannedStepView },
  letterPdf: { method: 'GET', path: '/invoices/{id}/reminders/{stepId}/letter.pdf', handler: 'functions/reminders/reminders-pdf', summary: 'The mise en demeure letter of a letter step, rendered again from what the step recorded (same bytes, SHA-256 on the step)', auth: 'jwt', params: StepParams, pdf: true, heavy: true },

  listScenarios: { method: 'GET', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', summary: 'Built-in and custom scenarios', auth: 'jwt', response: z.object({ items: z.array(ScenarioView) }) },
  createScenario: { method: 'POST', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', summary: 'Create a scenario', auth: 'jwt', body: ScenarioCreate, response: ScenarioView, successStatus: 201, idempotent: true },
  getScenario: { method: 'GET', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', summary: 'Get a scenario', auth: 'jwt', params: docParams, response: ScenarioView },
  putScenario: { method: 'PUT', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', summary: 'Change a scenario: the fields given (name, steps, tags) replace its own; a built-in one becomes an editable copy', auth: 'jwt', params: docParams, body: ScenarioUpdate, response: ScenarioView },
  deleteScenario: { method: 'DELETE', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', summary: 'Delete a custom scenario (or revert a customised built-in)', auth: 'jwt', params: docParams },

  listTemplates: { method: 'GET', path: '/templates', handler: 'functions/templates/templates-api', summary: 'Built-in and custom templates', auth: 'jwt', response: z.object({ items: z.array(TemplateView) }) },
  createTemplate: { method: 'POST', path: '/templates', handler: 'functions/templates/templates-api', summary: 'Create a template', auth: 'jwt', body: TemplateCreate, response: TemplateView, successStatus: 201, idempotent: true },
  getTemplate: { method: 'GET', path: '/templates/{id}', handler: 'functions/templates/templates-api', summary: 'Get a template', auth: 'jwt', params: docParams, response: TemplateView },
  putTemplate: { method: 'PUT', path: '/templates/{id}', handler: 'functions/templates/templates-api', summary: 'Replace a template (a built-in one becomes an editable copy)', auth: 'jwt', params: docParams, body: TemplateInput, response: TemplateView },
  deleteTemplate: { method: 'DELETE', path: '/templates/{id}', handler: 'functions/templates/templates-api', summary: 'Delete a custom template (or revert a customised built-in)', auth: 'jwt', params: docParams },
  previewTemplate: { method: 'POST', path: '/templates/{id}/preview', handler: 'functions/templates/templates-api', summary: 'Rendered subject and body for an invoice', auth: 'jwt', params: docParams, body: PreviewInput, response: PreviewView },
  testTemplate: { method: 'POST', path: '/templates/{id}/test', handler: 'functions/templates/test-template', summary: 'Send the rendered template to yourself', auth: 'jwt', params: docParams, body: TestSendInput, pdf: true, email: true, heavy: true },

  createQuote: { method: 'POST', path: '/quotes', handler: 'functions/quotes/quotes-api', summary: 'Create a quote (devis), pending', auth: 'jwt', body: QuoteInput, response: QuoteView, successStatus: 201, idempotent: true },
  listQuotes: { method: 'GET', path: '/quotes', handler: 'functions/quotes/quotes-api', summary: 'Quotes with their job figures, latest validity first', auth: 'jwt', query: QuoteListQuery, response: page(QuoteView) },
  getQuote: { method: 'GET', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', summary: 'The quote and its job: quoted, invoiced, paid, remaining, linked documents', auth: 'jwt', params: idParams, response: QuoteView },
  updateQuote: { method: 'PATCH', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', summary: 'Edit a pending quote not yet sent', auth: 'jwt', params: idParams, body: QuotePatch, response: QuoteView },
  sendQuote: { method: 'POST', path: '/quotes/{id}/send', handler: 'functions/quotes/send-quote', summary: 'Number (D-<year>-NNNN) and email the quote with its PDF', auth: 'jwt', params: idParams, response: QuoteView, idempotent: true, pdf: true, email: true, heavy: true },
  acceptQuote: { method: 'POST', path: '/quotes/{id}/accept', handler: 'functions/quotes/quotes-api', summary: 'Record the client’s acceptance', auth: 'jwt', params: idParams, response: QuoteView, idempotent: true },
  refuseQuote: { method: 'POST', path: '/quotes/{id}/refuse', handler: 'functions/quotes/quotes-api', summary: 'Record the client’s refusal', auth: 'jwt', params: idParams, response: QuoteView, idempotent: true },
  quoteTimeline: { method: 'GET', path: '/quotes/{id}/timeline', handler: 'functions/quotes/quotes-api', summary: 'Every event of the quote, oldest first', auth: 'jwt', params: idParams, query: listQuery, response: page(TimelineEvent) },
  quotePdf: { method: 'GET', path: '/quotes/{id}/pdf', handler: 'functions/quotes/get-quote-pdf', summary: 'The quote PDF', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  createDeposit: { method: 'POST', path: '/quotes/{id}/deposits', handler: 'functions/quotes/create-deposit', summary: 'A deposit invoice (facture d’acompte) from an accepted quote, as a percentage or an amount', auth: 'jwt', params: idParams, body: DepositInput, response: Invoice, successStatus: 201, idempotent: true },
  createFinalInvoice: { method: 'POST', path: '/quotes/{id}/final-invoice', handler: 'functions/quotes/create-final-invoice', summary: 'The final invoice, listing and deducting the deposit invoices', auth: 'jwt', params: idParams, body: FinalInvoiceInput, response: Invoice, successStatus: 201, idempotent: true },

  issueCreditNote: { method: 'POST', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/issue-credit-note', summary: 'Reduce or cancel a sent invoice with a credit note (avoir A-<year>-NNNN)', auth: 'jwt', params: idParams, body: CreditNoteInput, response: CreditNoteResult, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  listCreditNotes: { method: 'GET', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/invoices-api', summary: 'Credit notes of an invoice', auth: 'jwt', params: idParams, response: z.object({ items: z.array(CreditNoteView) }) },
  creditNotePdf: { method: 'GET', path: '/invoices/{id}/credit-notes/{creditNoteId}/pdf', handler: 'functions/invoices/get-credit-note-pdf', summary: 'A credit note PDF', auth: 'jwt', params: z.object({ id, creditNoteId: id }), pdf: true, heavy: true },

  importInvoices: { method: 'POST', path: '/imports/invoices', handler: 'functions/imports/imports-api', summary: 'Import invoices issued elsewhere (CSV ; or , with French decimals, or JSON); dryRun=true reports what would be created and every row error. Up to 200 invoices to write are written in the request (200, status done); more answer 202 with a job (status running, Location /imports/{id})', auth: 'jwt', query: ImportQuery, body: ImportBody, response: ImportReportView, idempotent: true, csvBody: true, heavy: true },
  getImport: { method: 'GET', path: '/imports/{id}', handler: 'functions/imports/imports-api', summary: 'An import job: status running or done, invoices written so far of total, row errors', auth: 'jwt', params: idParams, response: ImportJobView },
  cockpit: { method: 'GET', path: '/cockpit', handler: 'functions/cockpit/get-cockpit', summary: 'Cash cockpit: owed, late, by whom, expected, reminder results (asOf defaults to today)', auth: 'jwt', query: CockpitQuery, response: CockpitView },

  getPortal: { method: 'GET', path: '/portal/{token}', handler: 'functions/portal/portal-api', summary: 'Client portal (public, the link’s token is the credential): the invoice, its balance and payments, how to pay (payment link, IBAN/BIC, EPC QR code); 404 for a wrong, revoked or expired link', auth: 'none', params: portalParams, response: PortalView },
  getPortalPdf: { method: 'GET', path: '/portal/{token}/pdf', handler: 'functions/portal/portal-pdf', summary: 'Client portal: the invoice PDF (with the EPC QR code while a balance is due)', auth: 'none', params: portalParams, pdf: true, heavy: true },
  portalPaid: { method: 'POST', path: '/portal/{token}/paid', handler: 'functions/portal/portal-api', summary: 'Client portal: “j’ai payé” (date, reference): reminders pause 5 business days while the seller checks', auth: 'none', params: portalParams, body: PortalPaidInput, response: PortalActionResult },
  portalPromise: { method: 'POST', path: '/portal/{token}/promise', handler: 'functions/portal/portal-api', summary: 'Client portal: a promise to pay by a date (≤ 60 days): reminders pause and resume the day after if unpaid', auth: 'none', params: portalParams, body: PortalPromiseInput, response: PortalActionResult },
  portalDispute: { method: 'POST', path: '/portal/{token}/dispute', handler: 'functions/portal/portal-api', summary: 'Client portal: contest the invoice (reason): reminders stop until the seller resolves it', auth: 'none', params: portalParams, body: PortalDisputeInput, response: PortalActionResult },
  portalPlanRequest: { method: 'POST', path: '/portal/{token}/plan-request', handler: 'functions/portal/portal-api', summary: 'Client portal: ask for a payment plan (instalments adding up to the balance, ascending, from today); the seller accepts or declines and the client is told by email', auth: 'none', params: portalParams, body: PlanRequestInput, response: PlanRequestView },
  listNotifications: { method: 'GET', path: '/notifications', handler: 'functions/notifications/notifications-api', summary: 'The owner’s notifications (bounce, complaint, dispute, promise, "j’ai payé", failed step, unknown outcome, plan request, litigation), newest first; unread=true for the unread ones', auth: 'jwt', query: NotificationListQuery, response: page(NotificationView) },
  readAllNotifications: { method: 'POST', path: '/notifications/read-all', handler: 'functions/notifications/notifications-api', summary: 'Mark every notification read (500 per call; remaining says if some are left)', auth: 'jwt', response: ReadAllResult },
  readNotification: { method: 'POST', path: '/notifications/{id}/read', handler: 'functions/notifications/notifications-api', summary: 'Mark a notification read', auth: 'jwt', params: idParams, response: NotificationView },
  overview: { method: 'GET', path: '/overview', handler: 'functions/notifications/notifications-api', summary: 'The daily overview: reminders going out that day (each cancellable), letters to post, payments of the day before, invoices newly overdue, unread alerts', auth: 'jwt', query: OverviewQuery, response: OverviewView },

  getSettings: { method: 'GET', path: '/settings', handler: 'functions/settings/settings-api', summary: 'Company identity and reminder program', auth: 'jwt', response: Settings },
  putSettings: { method: 'PUT', path: '/settings', handler: 'functions/settings/settings-api', summary: 'Update settings', auth: 'jwt', body: SettingsInput, response: Settings },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;
export const routeList = (): readonly (RouteDefinition & { name: string })[] =>
  Object.entries(routes).map(([name, r]) => ({ name, ...(r as RouteDefinition) }));
