/**
 * The one route table. API Gateway routes (infra/api.ts), the local HTTP server
 * (infra/local/api-server.ts), request validation (shared/http/http-handler.ts) and
 * /openapi.json (shared/http/openapi.ts) are all built from it, so local and deployed
 * behaviour cannot drift. A newcomer finds any behaviour in two hops: route → handler → use case.
 */
import * as z from 'zod';
import { ClientInput, ClientPatch } from './schemas/clients.js';
import { idParams, id, listQuery } from './schemas/common.js';
import { CancelInvoiceInput, LitigationInput, ProofQuery, WriteOffInput, InvoiceExportQuery, InvoiceInput, InvoiceListQuery, InvoicePatch, PaymentInput } from './schemas/invoices.js';
import { SettingsInput } from './schemas/settings.js';
import { BatchReminderInput, ClientReminderInput, DryRunQuery } from './schemas/client-reminders.js';
import { AcceptPlanRequestInput, DeclinePlanRequestInput, PaymentPlanInput, PlanRequestInput } from './schemas/payment-plans.js';
import { ClientListQuery, CockpitQuery, ImportBody, ImportQuery } from './schemas/cockpit.js';
import { CreditNoteInput, DepositInput, FinalInvoiceInput, QuoteInput, QuoteListQuery, QuotePatch } from './schemas/quotes.js';
import {
  LetterPostedInput,
  ManualReminderInput,
  StepParams,
  PreviewInput,
  ScenarioCreate,
  ScenarioUpdate,
  SimulationQuery,
  TemplateCreate,
  TemplateInput,
  TestSendInput,
} from './schemas/reminders.js';
import { DisputeInput, PauseInput, PortalDisputeInput, PortalPaidInput, portalParams, PortalPromiseInput } from './schemas/portal.js';
import { NotificationListQuery, OverviewQuery, stepParams } from './schemas/notifications.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/invoices/{id}`. */
  readonly path: string;
  /** Handler module, relative to the repository root, without extension; it exports `handler`. */
  readonly handler: string;
  /** `none` only for /health, /openapi.json and the client portal (`/portal/{token}`: the token is the credential, API Gateway throttles these routes). */
  readonly auth: 'jwt' | 'none';
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
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
  /** Also takes `text/csv` (UTF-8) and the file as bytes (`application/octet-stream`: UTF-8, else Windows-1252), handed to the body schema as `{ csv: <text> }`. */
  readonly csvBody?: boolean;
}

const paymentParams = z.object({ id, paymentId: id });
const docParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be a scenario or template id' }) });

export const routes = {
  health: { method: 'GET', path: '/health', handler: 'functions/system/health', auth: 'none' },
  openapi: { method: 'GET', path: '/openapi.json', handler: 'functions/system/openapi', auth: 'none' },

  createClient: { method: 'POST', path: '/clients', handler: 'functions/clients/clients-api', auth: 'jwt', body: ClientInput, successStatus: 201, idempotent: true },
  listClients: { method: 'GET', path: '/clients', handler: 'functions/clients/clients-api', auth: 'jwt', query: ClientListQuery },
  clientStatement: { method: 'GET', path: '/clients/{id}/statement', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams },
  clientStatementPdf: { method: 'GET', path: '/clients/{id}/statement.pdf', handler: 'functions/clients/get-statement-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  getClient: { method: 'GET', path: '/clients/{id}', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams },
  updateClient: { method: 'PATCH', path: '/clients/{id}', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams, body: ClientPatch },

  createInvoice: { method: 'POST', path: '/invoices', handler: 'functions/invoices/invoices-api', auth: 'jwt', body: InvoiceInput, successStatus: 201, idempotent: true },
  listInvoices: { method: 'GET', path: '/invoices', handler: 'functions/invoices/invoices-api', auth: 'jwt', query: InvoiceListQuery },
  exportInvoices: { method: 'GET', path: '/invoices/export.csv', handler: 'functions/invoices/export-invoices', auth: 'jwt', query: InvoiceExportQuery },
  getInvoice: { method: 'GET', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  updateInvoice: { method: 'PATCH', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: InvoicePatch },
  sendInvoice: { method: 'POST', path: '/invoices/{id}/send', handler: 'functions/invoices/send-invoice', auth: 'jwt', params: idParams, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelInvoice: { method: 'POST', path: '/invoices/{id}/cancel', handler: 'functions/invoices/cancel-invoice', auth: 'jwt', params: idParams, body: CancelInvoiceInput, idempotent: true, pdf: true, email: true, heavy: true },
  invoicePdf: { method: 'GET', path: '/invoices/{id}/pdf', handler: 'functions/invoices/get-invoice-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  pauseInvoice: { method: 'POST', path: '/invoices/{id}/pause', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: PauseInput },
  resumeInvoice: { method: 'POST', path: '/invoices/{id}/resume', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  disputeInvoice: { method: 'POST', path: '/invoices/{id}/dispute', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: DisputeInput },
  resolveDispute: { method: 'POST', path: '/invoices/{id}/resolve-dispute', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  issuePortalLink: { method: 'POST', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, successStatus: 201, idempotent: true, portalLinks: true },
  revokePortalLinks: { method: 'DELETE', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, successStatus: 204 },
  invoiceTimeline: { method: 'GET', path: '/invoices/{id}/timeline', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, query: listQuery },

  moveToLitigation: { method: 'POST', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: LitigationInput },
  writeOffInvoice: { method: 'POST', path: '/invoices/{id}/write-off', handler: 'functions/invoices/litigation-documents', auth: 'jwt', params: idParams, body: WriteOffInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  proofPdf: { method: 'GET', path: '/invoices/{id}/proof.pdf', handler: 'functions/invoices/litigation-documents', auth: 'jwt', params: idParams, query: ProofQuery, pdf: true, heavy: true },
  leaveLitigation: { method: 'DELETE', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },

  recordPayment: { method: 'POST', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', auth: 'jwt', params: idParams, body: PaymentInput, successStatus: 201, idempotent: true },
  listPayments: { method: 'GET', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', auth: 'jwt', params: idParams },
  getPayment: { method: 'GET', path: '/invoices/{id}/payments/{paymentId}', handler: 'functions/payments/payments-api', auth: 'jwt', params: paymentParams },
  removePayment: { method: 'DELETE', path: '/invoices/{id}/payments/{paymentId}', handler: 'functions/payments/payments-api', auth: 'jwt', params: paymentParams },

  createPaymentPlan: { method: 'POST', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams, body: PaymentPlanInput, successStatus: 201, idempotent: true },
  getPaymentPlan: { method: 'GET', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams },
  deletePaymentPlan: { method: 'DELETE', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams },
  acceptPlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/accept', handler: 'functions/plans/plans-email', auth: 'jwt', params: idParams, body: AcceptPlanRequestInput, idempotent: true, email: true },
  declinePlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/decline', handler: 'functions/plans/plans-email', auth: 'jwt', params: idParams, body: DeclinePlanRequestInput, idempotent: true, email: true },

  reminderPlan: { method: 'GET', path: '/invoices/{id}/reminders', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: idParams },
  sendReminderNow: { method: 'POST', path: '/invoices/{id}/reminders', handler: 'functions/reminders/send-reminder-now', auth: 'jwt', params: idParams, body: ManualReminderInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendClientReminder: { method: 'POST', path: '/clients/{id}/reminders', handler: 'functions/reminders/client-reminders', auth: 'jwt', params: idParams, query: DryRunQuery, body: ClientReminderInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendBatchReminders: { method: 'POST', path: '/reminders/batch', handler: 'functions/reminders/client-reminders', auth: 'jwt', body: BatchReminderInput, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelReminderStep: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/cancel', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: stepParams },
  simulation: { method: 'GET', path: '/reminders/simulation', handler: 'functions/reminders/reminders-api', auth: 'jwt', query: SimulationQuery },
  lettersToPost: { method: 'GET', path: '/reminders/to-post', handler: 'functions/reminders/reminders-api', auth: 'jwt' },
  markLetterPosted: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/posted', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: StepParams, body: LetterPostedInput },
  letterPdf: { method: 'GET', path: '/invoices/{id}/reminders/{stepId}/letter.pdf', handler: 'functions/reminders/reminders-pdf', auth: 'jwt', params: StepParams, pdf: true, heavy: true },

  listScenarios: { method: 'GET', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt' },
  createScenario: { method: 'POST', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', body: ScenarioCreate, successStatus: 201, idempotent: true },
  getScenario: { method: 'GET', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams },
  putScenario: { method: 'PUT', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams, body: ScenarioUpdate },
  deleteScenario: { method: 'DELETE', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams },

  listTemplates: { method: 'GET', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt' },
  createTemplate: { method: 'POST', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt', body: TemplateCreate, successStatus: 201, idempotent: true },
  getTemplate: { method: 'GET', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams },
  putTemplate: { method: 'PUT', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: TemplateInput },
  deleteTemplate: { method: 'DELETE', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams },
  previewTemplate: { method: 'POST', path: '/templates/{id}/preview', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: PreviewInput },
  testTemplate: { method: 'POST', path: '/templates/{id}/test', handler: 'functions/templates/test-template', auth: 'jwt', params: docParams, body: TestSendInput, pdf: true, email: true, heavy: true },

  createQuote: { method: 'POST', path: '/quotes', handler: 'functions/quotes/quotes-api', auth: 'jwt', body: QuoteInput, successStatus: 201, idempotent: true },
  listQuotes: { method: 'GET', path: '/quotes', handler: 'functions/quotes/quotes-api', auth: 'jwt', query: QuoteListQuery },
  getQuote: { method: 'GET', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams },
  updateQuote: { method: 'PATCH', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, body: QuotePatch },
  sendQuote: { method: 'POST', path: '/quotes/{id}/send', handler: 'functions/quotes/send-quote', auth: 'jwt', params: idParams, idempotent: true, pdf: true, email: true, heavy: true },
  acceptQuote: { method: 'POST', path: '/quotes/{id}/accept', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, idempotent: true },
  refuseQuote: { method: 'POST', path: '/quotes/{id}/refuse', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, idempotent: true },
  quoteTimeline: { method: 'GET', path: '/quotes/{id}/timeline', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, query: listQuery },
  quotePdf: { method: 'GET', path: '/quotes/{id}/pdf', handler: 'functions/quotes/get-quote-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  createDeposit: { method: 'POST', path: '/quotes/{id}/deposits', handler: 'functions/quotes/create-deposit', auth: 'jwt', params: idParams, body: DepositInput, successStatus: 201, idempotent: true },
  createFinalInvoice: { method: 'POST', path: '/quotes/{id}/final-invoice', handler: 'functions/quotes/create-final-invoice', auth: 'jwt', params: idParams, body: FinalInvoiceInput, successStatus: 201, idempotent: true },

  issueCreditNote: { method: 'POST', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/issue-credit-note', auth: 'jwt', params: idParams, body: CreditNoteInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  listCreditNotes: { method: 'GET', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  creditNotePdf: { method: 'GET', path: '/invoices/{id}/credit-notes/{creditNoteId}/pdf', handler: 'functions/invoices/get-credit-note-pdf', auth: 'jwt', params: z.object({ id, creditNoteId: id }), pdf: true, heavy: true },

  importInvoices: { method: 'POST', path: '/imports/invoices', handler: 'functions/imports/imports-api', auth: 'jwt', query: ImportQuery, body: ImportBody, idempotent: true, csvBody: true, heavy: true },
  getImport: { method: 'GET', path: '/imports/{id}', handler: 'functions/imports/imports-api', auth: 'jwt', params: idParams },
  cockpit: { method: 'GET', path: '/cockpit', handler: 'functions/cockpit/get-cockpit', auth: 'jwt', query: CockpitQuery },

  getPortal: { method: 'GET', path: '/portal/{token}', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams },
  getPortalPdf: { method: 'GET', path: '/portal/{token}/pdf', handler: 'functions/portal/portal-pdf', auth: 'none', params: portalParams, pdf: true, heavy: true },
  portalPaid: { method: 'POST', path: '/portal/{token}/paid', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalPaidInput },
  portalPromise: { method: 'POST', path: '/portal/{token}/promise', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalPromiseInput },
  portalDispute: { method: 'POST', path: '/portal/{token}/dispute', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalDisputeInput },
  portalPlanRequest: { method: 'POST', path: '/portal/{token}/plan-request', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PlanRequestInput },
  listNotifications: { method: 'GET', path: '/notifications', handler: 'functions/notifications/notifications-api', auth: 'jwt', query: NotificationListQuery },
  readAllNotifications: { method: 'POST', path: '/notifications/read-all', handler: 'functions/notifications/notifications-api', auth: 'jwt' },
  readNotification: { method: 'POST', path: '/notifications/{id}/read', handler: 'functions/notifications/notifications-api', auth: 'jwt', params: idParams },
  overview: { method: 'GET', path: '/overview', handler: 'functions/notifications/notifications-api', auth: 'jwt', query: OverviewQuery },

  getSettings: { method: 'GET', path: '/settings', handler: 'functions/settings/settings-api', auth: 'jwt' },
  putSettings: { method: 'PUT', path: '/settings', handler: 'functions/settings/settings-api', auth: 'jwt', body: SettingsInput },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;
export const routeList = (): readonly (RouteDefinition & { name: string })[] =>
  Object.entries(routes).map(([name, r]) => ({ name, ...(r as RouteDefinition) }));
