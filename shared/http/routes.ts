/**
 * The one route table. API Gateway routes (infra/api.ts), the local HTTP server
 * (infra/local/api-server.ts), request validation (shared/http/http-handler.ts) and
 * /openapi.json (shared/http/openapi.ts) are all built from it, so local and deployed
 * behaviour cannot drift. A newcomer finds any behaviour in two hops: route → handler → use case.
 */
import * as z from 'zod';
import { ClientInput, ClientPatch, Client } from './schemas/clients.js';
import { idParams, id, listQuery, page } from './schemas/common.js';
import { CancelInvoiceInput, Invoice, LitigationInput, ProofQuery, WriteOffInput, InvoiceExportQuery, InvoiceInput, InvoiceListQuery, InvoicePatch, Payment, PaymentInput, TimelineEvent } from './schemas/invoices.js';
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
  health: { method: 'GET', path: '/health', handler: 'functions/system/health', auth: 'none' },
  openapi: { method: 'GET', path: '/openapi.json', handler: 'functions/system/openapi', auth: 'none' },

  createClient: { method: 'POST', path: '/clients', handler: 'functions/clients/clients-api', auth: 'jwt', body: ClientInput, response: Client, successStatus: 201, idempotent: true },
  listClients: { method: 'GET', path: '/clients', handler: 'functions/clients/clients-api', auth: 'jwt', query: ClientListQuery, response: page(Client.extend(ClientRowFields)) },
  clientStatement: { method: 'GET', path: '/clients/{id}/statement', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams, response: StatementView },
  clientStatementPdf: { method: 'GET', path: '/clients/{id}/statement.pdf', handler: 'functions/clients/get-statement-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  getClient: { method: 'GET', path: '/clients/{id}', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams, response: Client },
  updateClient: { method: 'PATCH', path: '/clients/{id}', handler: 'functions/clients/clients-api', auth: 'jwt', params: idParams, body: ClientPatch, response: Client },

  createInvoice: { method: 'POST', path: '/invoices', handler: 'functions/invoices/invoices-api', auth: 'jwt', body: InvoiceInput, response: Invoice, successStatus: 201, idempotent: true },
  listInvoices: { method: 'GET', path: '/invoices', handler: 'functions/invoices/invoices-api', auth: 'jwt', query: InvoiceListQuery, response: page(Invoice) },
  exportInvoices: { method: 'GET', path: '/invoices/export.csv', handler: 'functions/invoices/export-invoices', auth: 'jwt', query: InvoiceExportQuery },
  getInvoice: { method: 'GET', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, response: Invoice },
  updateInvoice: { method: 'PATCH', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: InvoicePatch, response: Invoice },
  sendInvoice: { method: 'POST', path: '/invoices/{id}/send', handler: 'functions/invoices/send-invoice', auth: 'jwt', params: idParams, response: Invoice, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelInvoice: { method: 'POST', path: '/invoices/{id}/cancel', handler: 'functions/invoices/cancel-invoice', auth: 'jwt', params: idParams, body: CancelInvoiceInput, response: Invoice, idempotent: true, pdf: true, email: true, heavy: true },
  invoicePdf: { method: 'GET', path: '/invoices/{id}/pdf', handler: 'functions/invoices/get-invoice-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  pauseInvoice: { method: 'POST', path: '/invoices/{id}/pause', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: PauseInput, response: Invoice },
  resumeInvoice: { method: 'POST', path: '/invoices/{id}/resume', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, response: Invoice },
  disputeInvoice: { method: 'POST', path: '/invoices/{id}/dispute', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: DisputeInput, response: Invoice },
  resolveDispute: { method: 'POST', path: '/invoices/{id}/resolve-dispute', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, response: Invoice },
  issuePortalLink: { method: 'POST', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, response: PortalLinkView, successStatus: 201, idempotent: true, portalLinks: true },
  revokePortalLinks: { method: 'DELETE', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, successStatus: 204 },
  invoiceTimeline: { method: 'GET', path: '/invoices/{id}/timeline', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, query: listQuery, response: page(TimelineEvent) },

  moveToLitigation: { method: 'POST', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: LitigationInput, response: Invoice },
  writeOffInvoice: { method: 'POST', path: '/invoices/{id}/write-off', handler: 'functions/invoices/litigation-documents', auth: 'jwt', params: idParams, body: WriteOffInput, response: CreditNoteResult, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  proofPdf: { method: 'GET', path: '/invoices/{id}/proof.pdf', handler: 'functions/invoices/litigation-documents', auth: 'jwt', params: idParams, query: ProofQuery, pdf: true, heavy: true },
  leaveLitigation: { method: 'DELETE', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, response: Invoice },

  recordPayment: { method: 'POST', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', auth: 'jwt', params: idParams, body: PaymentInput, response: Invoice, successStatus: 201, idempotent: true },
  listPayments: { method: 'GET', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', auth: 'jwt', params: idParams, response: page(Payment) },
  removePayment: { method: 'DELETE', path: '/invoices/{id}/payments/{paymentId}', handler: 'functions/payments/payments-api', auth: 'jwt', params: paymentParams, response: Invoice },

  createPaymentPlan: { method: 'POST', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams, body: PaymentPlanInput, response: PaymentPlanView, successStatus: 201, idempotent: true },
  getPaymentPlan: { method: 'GET', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams, response: PaymentPlanView },
  deletePaymentPlan: { method: 'DELETE', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams, response: PaymentPlanView },
  acceptPlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/accept', handler: 'functions/plans/plans-email', auth: 'jwt', params: idParams, body: AcceptPlanRequestInput, response: PlanDecisionView, idempotent: true, email: true },
  declinePlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/decline', handler: 'functions/plans/plans-email', auth: 'jwt', params: idParams, body: DeclinePlanRequestInput, response: PlanDecisionView, idempotent: true, email: true },

  reminderPlan: { method: 'GET', path: '/invoices/{id}/reminders', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: idParams, response: z.object({ items: z.array(PlannedStepView) }) },
  sendReminderNow: { method: 'POST', path: '/invoices/{id}/reminders', handler: 'functions/reminders/send-reminder-now', auth: 'jwt', params: idParams, body: ManualReminderInput, response: PlannedStepView, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendClientReminder: { method: 'POST', path: '/clients/{id}/reminders', handler: 'functions/reminders/client-reminders', auth: 'jwt', params: idParams, query: DryRunQuery, body: ClientReminderInput, response: ClientReminderView, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendBatchReminders: { method: 'POST', path: '/reminders/batch', handler: 'functions/reminders/client-reminders', auth: 'jwt', body: BatchReminderInput, response: BatchReminderView, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelReminderStep: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/cancel', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: stepParams, response: PlannedStepView },
  simulation: { method: 'GET', path: '/reminders/simulation', handler: 'functions/reminders/reminders-api', auth: 'jwt', query: SimulationQuery, response: SimulationView },
  lettersToPost: { method: 'GET', path: '/reminders/to-post', handler: 'functions/reminders/reminders-api', auth: 'jwt', response: z.object({ items: z.array(LetterToPostView) }) },
  markLetterPosted: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/posted', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: StepParams, body: LetterPostedInput, response: PlannedStepView },
  letterPdf: { method: 'GET', path: '/invoices/{id}/reminders/{stepId}/letter.pdf', handler: 'functions/reminders/reminders-pdf', auth: 'jwt', params: StepParams, pdf: true, heavy: true },

  listScenarios: { method: 'GET', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', response: z.object({ items: z.array(ScenarioView) }) },
  createScenario: { method: 'POST', path: '/scenarios', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', body: ScenarioCreate, response: ScenarioView, successStatus: 201, idempotent: true },
  getScenario: { method: 'GET', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams, response: ScenarioView },
  putScenario: { method: 'PUT', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams, body: ScenarioUpdate, response: ScenarioView },
  deleteScenario: { method: 'DELETE', path: '/scenarios/{id}', handler: 'functions/scenarios/scenarios-api', auth: 'jwt', params: docParams },

  listTemplates: { method: 'GET', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt', response: z.object({ items: z.array(TemplateView) }) },
  createTemplate: { method: 'POST', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt', body: TemplateCreate, response: TemplateView, successStatus: 201, idempotent: true },
  getTemplate: { method: 'GET', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, response: TemplateView },
  putTemplate: { method: 'PUT', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: TemplateInput, response: TemplateView },
  deleteTemplate: { method: 'DELETE', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams },
  previewTemplate: { method: 'POST', path: '/templates/{id}/preview', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: PreviewInput, response: PreviewView },
  testTemplate: { method: 'POST', path: '/templates/{id}/test', handler: 'functions/templates/test-template', auth: 'jwt', params: docParams, body: TestSendInput, pdf: true, email: true, heavy: true },

  createQuote: { method: 'POST', path: '/quotes', handler: 'functions/quotes/quotes-api', auth: 'jwt', body: QuoteInput, response: QuoteView, successStatus: 201, idempotent: true },
  listQuotes: { method: 'GET', path: '/quotes', handler: 'functions/quotes/quotes-api', auth: 'jwt', query: QuoteListQuery, response: page(QuoteView) },
  getQuote: { method: 'GET', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, response: QuoteView },
  updateQuote: { method: 'PATCH', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, body: QuotePatch, response: QuoteView },
  sendQuote: { method: 'POST', path: '/quotes/{id}/send', handler: 'functions/quotes/send-quote', auth: 'jwt', params: idParams, response: QuoteView, idempotent: true, pdf: true, email: true, heavy: true },
  acceptQuote: { method: 'POST', path: '/quotes/{id}/accept', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, response: QuoteView, idempotent: true },
  refuseQuote: { method: 'POST', path: '/quotes/{id}/refuse', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, response: QuoteView, idempotent: true },
  quoteTimeline: { method: 'GET', path: '/quotes/{id}/timeline', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, query: listQuery, response: page(TimelineEvent) },
  quotePdf: { method: 'GET', path: '/quotes/{id}/pdf', handler: 'functions/quotes/get-quote-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  createDeposit: { method: 'POST', path: '/quotes/{id}/deposits', handler: 'functions/quotes/create-deposit', auth: 'jwt', params: idParams, body: DepositInput, response: Invoice, successStatus: 201, idempotent: true },
  createFinalInvoice: { method: 'POST', path: '/quotes/{id}/final-invoice', handler: 'functions/quotes/create-final-invoice', auth: 'jwt', params: idParams, body: FinalInvoiceInput, response: Invoice, successStatus: 201, idempotent: true },

  issueCreditNote: { method: 'POST', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/issue-credit-note', auth: 'jwt', params: idParams, body: CreditNoteInput, response: CreditNoteResult, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  listCreditNotes: { method: 'GET', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, response: z.object({ items: z.array(CreditNoteView) }) },
  creditNotePdf: { method: 'GET', path: '/invoices/{id}/credit-notes/{creditNoteId}/pdf', handler: 'functions/invoices/get-credit-note-pdf', auth: 'jwt', params: z.object({ id, creditNoteId: id }), pdf: true, heavy: true },

  importInvoices: { method: 'POST', path: '/imports/invoices', handler: 'functions/imports/imports-api', auth: 'jwt', query: ImportQuery, body: ImportBody, response: ImportReportView, idempotent: true, csvBody: true, heavy: true },
  getImport: { method: 'GET', path: '/imports/{id}', handler: 'functions/imports/imports-api', auth: 'jwt', params: idParams, response: ImportJobView },
  cockpit: { method: 'GET', path: '/cockpit', handler: 'functions/cockpit/get-cockpit', auth: 'jwt', query: CockpitQuery, response: CockpitView },

  getPortal: { method: 'GET', path: '/portal/{token}', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, response: PortalView },
  getPortalPdf: { method: 'GET', path: '/portal/{token}/pdf', handler: 'functions/portal/portal-pdf', auth: 'none', params: portalParams, pdf: true, heavy: true },
  portalPaid: { method: 'POST', path: '/portal/{token}/paid', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalPaidInput, response: PortalActionResult },
  portalPromise: { method: 'POST', path: '/portal/{token}/promise', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalPromiseInput, response: PortalActionResult },
  portalDispute: { method: 'POST', path: '/portal/{token}/dispute', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalDisputeInput, response: PortalActionResult },
  portalPlanRequest: { method: 'POST', path: '/portal/{token}/plan-request', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PlanRequestInput, response: PlanRequestView },
  listNotifications: { method: 'GET', path: '/notifications', handler: 'functions/notifications/notifications-api', auth: 'jwt', query: NotificationListQuery, response: page(NotificationView) },
  readAllNotifications: { method: 'POST', path: '/notifications/read-all', handler: 'functions/notifications/notifications-api', auth: 'jwt', response: ReadAllResult },
  readNotification: { method: 'POST', path: '/notifications/{id}/read', handler: 'functions/notifications/notifications-api', auth: 'jwt', params: idParams, response: NotificationView },
  overview: { method: 'GET', path: '/overview', handler: 'functions/notifications/notifications-api', auth: 'jwt', query: OverviewQuery, response: OverviewView },

  getSettings: { method: 'GET', path: '/settings', handler: 'functions/settings/settings-api', auth: 'jwt', response: Settings },
  putSettings: { method: 'PUT', path: '/settings', handler: 'functions/settings/settings-api', auth: 'jwt', body: SettingsInput, response: Settings },
} as const satisfies Record<string, RouteDefinition>;

export type RouteName = keyof typeof routes;
export const routeList = (): readonly (RouteDefinition & { name: string })[] =>
  Object.entries(routes).map(([name, r]) => ({ name, ...(r as RouteDefinition) }));
