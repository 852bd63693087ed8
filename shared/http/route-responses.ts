/**
 * Each route's success response schema (JSON), for /openapi.json only. Kept out of the route table:
 * every API function bundles the table and the input schemas it validates with, never these.
 */
import * as z from 'zod';
import type { RouteName } from './routes.js';
import { page } from './schemas/common.js';
import { BatchReminderView, ClientReminderView } from './schemas/client-reminders-views.js';
import { Client } from './schemas/clients-views.js';
import { ClientRowFields } from './schemas/cockpit.js';
import { CockpitView, ImportJobView, ImportReportView, StatementView } from './schemas/cockpit-views.js';
import { Invoice, Payment, TimelineEvent } from './schemas/invoices-views.js';
import { NotificationView, OverviewView, ReadAllResult } from './schemas/notifications-views.js';
import { PaymentPlanView, PlanDecisionView, PlanRequestView } from './schemas/payment-plans-views.js';
import { PortalActionResult, PortalLinkView, PortalView } from './schemas/portal-views.js';
import { CancelResult, CreditNoteResult, CreditNoteView, QuoteView } from './schemas/quotes-views.js';
import { LetterToPostView, PlannedStepView, PreviewView, ScenarioView, SimulationView, TemplateView } from './schemas/reminders-views.js';
import { Settings } from './schemas/settings.js';

export const routeResponses: Partial<Record<RouteName, z.ZodType>> = {
  health: z.object({ status: z.literal('ok'), service: z.string() }),
  openapi: z.record(z.string(), z.unknown()),
  testTemplate: z.object({ messageId: z.string(), to: z.string() }),
  createClient: Client,
  listClients: page(Client.extend(ClientRowFields)),
  clientStatement: StatementView,
  getClient: Client,
  updateClient: Client,
  createInvoice: Invoice,
  listInvoices: page(Invoice),
  getInvoice: Invoice,
  updateInvoice: Invoice,
  sendInvoice: Invoice,
  cancelInvoice: CancelResult,
  pauseInvoice: Invoice,
  recordPromise: Invoice,
  resumeInvoice: Invoice,
  disputeInvoice: Invoice,
  resolveDispute: Invoice,
  issuePortalLink: PortalLinkView,
  invoiceTimeline: page(TimelineEvent),
  moveToLitigation: Invoice,
  writeOffInvoice: CreditNoteResult,
  leaveLitigation: Invoice,
  recordPayment: Payment.extend({ invoice: Invoice }),
  getPayment: Payment,
  listPayments: page(Payment),
  removePayment: Invoice,
  createPaymentPlan: PaymentPlanView,
  getPaymentPlan: PaymentPlanView,
  deletePaymentPlan: PaymentPlanView,
  acceptPlanRequest: PlanDecisionView,
  declinePlanRequest: PlanDecisionView,
  reminderPlan: z.object({ items: z.array(PlannedStepView) }),
  sendReminderNow: PlannedStepView,
  sendClientReminder: ClientReminderView,
  sendBatchReminders: BatchReminderView,
  cancelReminderStep: PlannedStepView,
  simulation: SimulationView,
  lettersToPost: z.object({ items: z.array(LetterToPostView) }),
  markLetterPosted: PlannedStepView,
  listScenarios: z.object({ items: z.array(ScenarioView) }),
  createScenario: ScenarioView,
  getScenario: ScenarioView,
  putScenario: ScenarioView,
  listTemplates: z.object({ items: z.array(TemplateView) }),
  createTemplate: TemplateView,
  getTemplate: TemplateView,
  putTemplate: TemplateView,
  previewTemplate: PreviewView,
  createQuote: QuoteView,
  listQuotes: page(QuoteView),
  getQuote: QuoteView,
  updateQuote: QuoteView,
  sendQuote: QuoteView,
  acceptQuote: QuoteView,
  refuseQuote: QuoteView,
  quoteTimeline: page(TimelineEvent),
  createDeposit: Invoice,
  createFinalInvoice: Invoice,
  issueCreditNote: CreditNoteResult,
  listCreditNotes: z.object({ items: z.array(CreditNoteView) }),
  sendCreditNote: CreditNoteResult,
  importInvoices: ImportReportView,
  getImport: ImportJobView,
  cockpit: CockpitView,
  getPortal: PortalView,
  portalPaid: PortalActionResult,
  portalPromise: PortalActionResult,
  portalDispute: PortalActionResult,
  portalPlanRequest: PlanRequestView,
  listNotifications: page(NotificationView),
  readAllNotifications: ReadAllResult,
  readNotification: NotificationView,
  overview: OverviewView,
  getSettings: Settings,
  putSettings: Settings,
};
