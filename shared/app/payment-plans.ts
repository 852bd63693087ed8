/**
 * Payment plans (échéanciers) on an invoice: the owner creates, reads and ends one; the client
 * asks for one from the portal and the owner accepts (it becomes the plan) or declines it, and the
 * client is told by email. The engine (shared/app/reminders/plan-lifecycle.ts) replaces the
 * invoice's reminder steps with the plan's while it runs and ends it when paid or missed.
 */
import { localDate } from '../domain/dates.js';
import { replyToOf } from '../domain/settings.js';
import { invoiceBalanceCents } from '../domain/invoice.js';
import type { Instalment, InstalmentView, PaymentPlan, PlanRequest } from '../domain/payment-plan.js';
import { endedPlan, instalmentViews, isPlanRequestMoot, planProblems } from '../domain/payment-plan.js';
import { planScheduleText } from '../domain/template-render.js';
import { emailTexts, money } from '../../templates/email/index.js';
import { BusinessRuleError, NotFoundError, StateConflictError } from './errors.js';
import { loadInvoice } from './invoices.js';
import { withoutPause } from './reminder-holds.js';
import { reminderRecipients } from './reminders/reminder-context.js';
import type { ClientRepository, Clock, InvoiceRecord, InvoiceRepository, Mailer, SettingsRepository, TimelineRecord } from './ports.js';
import { defaultRetryPolicy, retryOnConflict, type RetryPolicy } from './retry-on-conflict.js';
import type { PortalLinks } from './portal/portal-links.js';
import { countPortalAction } from './portal/portal-rate.js';
import { onTheLink, PortalStateError } from './portal/portal-actions.js';

export interface PaymentPlanDeps {
  readonly invoices: InvoiceRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly retry?: RetryPolicy;
}

export interface PaymentPlanInput {
  readonly instalments: readonly Instalment[];
  readonly note?: string;
  readonly waivePenalties?: boolean;
}

export interface PaymentPlanView extends Omit<PaymentPlan, 'instalments'> {
  readonly instalments: readonly InstalmentView[];
  readonly balanceCents: number;
}

/**
 * `writtenOffCents`: what the credit note that closed the invoice took off the balance (a write-off's bad-debt
 * one, a cancellation's). It paid none of the instalments: they show what the client paid until then, never
 * `paid` for the rest.
 */
export const paymentPlanView = (plan: PaymentPlan, invoice: InvoiceRecord, today: string, writtenOffCents = 0): PaymentPlanView => ({
  ...plan,
  instalments: instalmentViews(plan, invoiceBalanceCents(invoice) + writtenOffCents, today),
  balanceCents: invoiceBalanceCents(invoice),
});

/** What closed a written-off invoice (its bad-debt credit note) or a cancelled one (its latest credit note, for the balance); read only for them. */
const writtenOffCentsOf = async (invoices: InvoiceRepository, invoice: InvoiceRecord): Promise<number> => {
  if (invoice.status !== 'written_off' && invoice.status !== 'cancelled') return 0;
  const notes = await invoices.creditNotes(invoice.tenantId, invoice.id);
  if (invoice.status === 'written_off') return notes.filter((n) => n.purpose === 'bad_debt').reduce((sum, n) => sum + n.grossCents, 0);
  return [...notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)?.grossCents ?? 0;
};

/** A plan needs an invoice awaiting payment: not a draft, not paid, not cancelled. */
/** `where`: the path parameter naming the invoice (`path.id`; `path.token` on the portal). */
const assertOpen = (invoice: InvoiceRecord, where = 'path.id'): void => {
  if (invoice.status !== 'sent' && invoice.status !== 'partially_paid') {
    throw new BusinessRuleError('invoice-not-open', `A ${invoice.status} invoice cannot get a payment plan`, [{ path: where, message: `the invoice is ${invoice.status}` }]);
  }
  if (invoice.paymentPlan?.status === 'active') {
    // The client (portal) is told the plan exists; only the owner can end it.
    const detail = where === 'path.token' ? 'A payment plan is already agreed for this invoice' : 'A payment plan already runs on this invoice: end it first (DELETE /invoices/{id}/payment-plan)';
    throw new BusinessRuleError('payment-plan-running', detail, [
      { path: where, message: 'already has a running payment plan' },
    ]);
  }
};

/** Instalments that must add up to the balance, ascending, from today on: else 422 naming each problem. */
/**
 * `prefix`: where the instalments are. In a request's body (`body.`), or, when the owner accepts the client's
 * request (a body with no instalments), on the invoice's `planRequest.`: the field that is wrong, which the
 * owner cannot edit there (he declines it and agrees a plan himself).
 */
const assertValid = (instalments: readonly Instalment[], balanceCents: number, today: string, prefix: 'body.' | 'planRequest.' = 'body.'): void => {
  const problems = planProblems(instalments, balanceCents, today).map((p) => ({ ...p, path: p.path.replace(/^body\./, prefix) }));
  if (problems.length > 0) {
    throw new BusinessRuleError('payment-plan-invalid', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems.map(({ path, message }) => ({ path, message })));
  }
};

const newPlan = (invoice: InvoiceRecord, input: PaymentPlanInput, source: PaymentPlan['source'], at: string): PaymentPlan => ({
  seq: (invoice.paymentPlan?.seq ?? 0) + 1,
  createdAt: at,
  instalments: input.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents })),
  totalCents: invoiceBalanceCents(invoice),
  ...(input.note ? { note: input.note } : {}),
  waivePenalties: input.waivePenalties ?? false,
  source,
  status: 'active',
});

/**
 * A plan agreed replaces a promise the client made (portal): the promise's pause ends with it, or the
 * plan's first reminders (the courtesy before an early instalment) would wait for a date the plan
 * superseded. A pause the owner decided, or a "j'ai payé" he has to check, stays.
 */
const replacingPromise = (invoice: InvoiceRecord, at: string): { next: InvoiceRecord; events: TimelineRecord[] } =>
  invoice.remindersPaused && invoice.pauseReason === 'promise'
    ? { next: withoutPause(invoice, at), events: [{ at, type: 'invoice.resumed', data: { auto: false, reason: 'payment_plan' } }] }
    : { next: invoice, events: [] };

const createdEvent = (plan: PaymentPlan, at: string): TimelineRecord => ({
  at,
  type: 'plan.created',
  data: { seq: plan.seq, instalments: plan.instalments, totalCents: plan.totalCents, waivePenalties: plan.waivePenalties, source: plan.source, ...(plan.note ? { note: plan.note } : {}) },
});

/** POST /invoices/{id}/payment-plan. A waiver of penalties is recorded on the plan and the timeline. */
export const makeCreatePaymentPlan = ({ invoices, settings, clock, retry = defaultRetryPolicy }: PaymentPlanDeps) =>
  async (tenantId: string, invoiceId: string, input: PaymentPlanInput): Promise<PaymentPlanView> => {
    const s = await settings.get(tenantId);
    return retryOnConflict(async () => {
      const invoice = await loadInvoice(invoices, tenantId, invoiceId);
      const now = clock.now();
      const today = localDate(now, s.timezone);
      assertOpen(invoice);
      // The client asked for a plan: they get an answer first (else the request stays pending for good).
      if (invoice.planRequest?.status === 'pending') {
        throw new BusinessRuleError(
          'plan-request-pending',
          'The client asked for a payment plan: accept it (POST /invoices/{id}/payment-plan/request/accept) or decline it (POST /invoices/{id}/payment-plan/request/decline) before agreeing another one',
          [{ path: 'path.id', message: 'has a payment plan request waiting for an answer' }],
        );
      }
      assertValid(input.instalments, invoiceBalanceCents(invoice), today);
      const at = now.toISOString();
      const plan = newPlan(invoice, input, 'owner', at);
      const lifted = replacingPromise(invoice, at);
      const saved = { ...lifted.next, paymentPlan: plan, updatedAt: at };
      await invoices.save(saved, { events: [createdEvent(plan, at), ...lifted.events] });
      return paymentPlanView(plan, saved, today);
    }, retry);
  };

/** GET /invoices/{id}/payment-plan: the latest plan (running or ended), each instalment with its status today. */
export const makeGetPaymentPlan = ({ invoices, settings, clock }: PaymentPlanDeps) =>
  async (tenantId: string, invoiceId: string): Promise<PaymentPlanView> => {
    const [invoice, s] = await Promise.all([loadInvoice(invoices, tenantId, invoiceId), settings.get(tenantId)]);
    if (!invoice.paymentPlan) throw new NotFoundError('Payment plan');
    return paymentPlanView(invoice.paymentPlan, invoice, localDate(clock.now(), s.timezone), await writtenOffCentsOf(invoices, invoice));
  };

/** DELETE /invoices/{id}/payment-plan: ends the running plan (kept, with its steps); the invoice's own reminders resume. */
export const makeDeletePaymentPlan = ({ invoices, settings, clock, retry = defaultRetryPolicy }: PaymentPlanDeps) =>
  async (tenantId: string, invoiceId: string): Promise<PaymentPlanView> => {
    const s = await settings.get(tenantId);
    return retryOnConflict(async () => {
      const invoice = await loadInvoice(invoices, tenantId, invoiceId);
      if (invoice.paymentPlan?.status !== 'active') throw new NotFoundError('Running payment plan');
      const now = clock.now();
      const at = now.toISOString();
      const plan = endedPlan(invoice.paymentPlan, 'deleted', at);
      const saved = { ...invoice, paymentPlan: plan, updatedAt: at };
      await invoices.save(saved, { events: [{ at, type: 'plan.ended', data: { seq: plan.seq, reason: 'deleted' } }] });
      return paymentPlanView(plan, saved, localDate(now, s.timezone));
    }, retry);
  };

/** The client's request (portal): same rules as a plan; a new request replaces a pending one, the same one again is that one. Counts as a portal action (portal-rate.ts). */
export const makeRequestPaymentPlan = ({ invoices, settings, clock, retry = defaultRetryPolicy }: PaymentPlanDeps) =>
  async (tenantId: string, invoiceId: string, input: { readonly instalments: readonly Instalment[]; readonly note?: string }): Promise<PlanRequest> => {
    const s = await settings.get(tenantId);
    return retryOnConflict(async () => {
      const invoice = await loadInvoice(invoices, tenantId, invoiceId);
      const now = clock.now();
      assertOpen(invoice, 'path.token');
      const today = localDate(now, s.timezone);
      assertValid(input.instalments, invoiceBalanceCents(invoice), today);
      const at = now.toISOString();
      const instalments = input.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents }));
      // The same request again (a double click, a page reloaded) is the pending one: no write, no second alert.
      const pending = invoice.planRequest?.status === 'pending' ? invoice.planRequest : undefined;
      if (pending && pending.note === input.note && JSON.stringify(pending.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents }))) === JSON.stringify(instalments)) return pending;
      const counted = countPortalAction(invoice, today);
      // Disputed: the seller answers the dispute first, as for a promise (the portal offers neither then); it was
      // recorded, and the owner alerted, from a page opened before the dispute or a direct call.
      if (invoice.disputed) throw new PortalStateError('The invoice is disputed: the seller answers the dispute first', onTheLink('the invoice is disputed'));
      const request: PlanRequest = { instalments, requestedAt: at, status: 'pending', ...(input.note ? { note: input.note } : {}) };
      await invoices.save(
        { ...invoice, ...counted, planRequest: request, updatedAt: at },
        { events: [{ at, type: 'plan.requested', data: { instalments: request.instalments, ...(input.note ? { note: input.note } : {}) } }] },
      );
      return request;
    }, retry);
  };

export interface PlanDecisionDeps extends PaymentPlanDeps {
  readonly clients: ClientRepository;
  readonly mailer: Mailer;
  /** The invoice's portal link in the answer, as in every email about it (where the client can ask again, or pay). */
  readonly portalLinks?: Pick<PortalLinks, 'issue'>;
}

export interface PlanDecisionResult {
  readonly request: PlanRequest;
  readonly plan?: PaymentPlanView;
  /** The client's email went out (a failure is on the timeline; the decision stands). */
  readonly clientNotified: boolean;
}

const pendingRequest = (invoice: InvoiceRecord): PlanRequest => {
  // Answered already (declined twice, accepted twice…): a 409 like other repeated state changes, not a 404.
  if (invoice.planRequest?.status === 'declined') throw new StateConflictError('plan-request-already-declined', "The client's payment plan request was already declined", [{ path: 'path.id', message: 'the payment plan request was already declined' }]);
  if (invoice.planRequest?.status === 'accepted') throw new StateConflictError('plan-request-already-accepted', "The client's payment plan request was already accepted", [{ path: 'path.id', message: 'the payment plan request was already accepted' }]);
  if (invoice.planRequest?.status !== 'pending') throw new NotFoundError('Pending payment plan request');
  // The client paid (or the invoice was cancelled, written off) while the request waited: nothing is left to
  // answer, and a "we cannot accept your plan, 0,00 € is still due" email would make no sense to them.
  if (isPlanRequestMoot(invoice)) {
    throw new BusinessRuleError('invoice-not-open', "Nothing is left to pay on this invoice: the client's payment plan request no longer needs an answer", [
      { path: 'path.id', message: `the invoice is ${invoice.status}` },
    ]);
  }
  return invoice.planRequest;
};

/** Tells the client by email; a failure is recorded on the timeline, never undoes the decision. */
const tellClient = async (
  deps: PlanDecisionDeps,
  invoice: InvoiceRecord,
  kind: 'accepted' | 'declined',
  text: (language: 'fr' | 'en', clientName: string, portalUrl: string | undefined) => { subject: string; text: string },
): Promise<boolean> => {
  const [client, s] = await Promise.all([deps.clients.get(invoice.tenantId, invoice.clientId), deps.settings.get(invoice.tenantId)]);
  const at = deps.clock.now().toISOString();
  try {
    // Where the client's reminders go (its billing contacts, else its address), never a bounced address.
    const recipients = client ? reminderRecipients(client) : { to: [], cc: [] };
    if (!client || recipients.to.length === 0) throw new Error('the client has no working email address');
    // A link that cannot be made today never holds the answer back.
    const portalUrl = await deps.portalLinks?.issue(invoice).catch(() => undefined);
    const { subject, text: body } = text(client.language, invoice.issued?.client.name ?? client.name, portalUrl);
    const replyTo = replyToOf(s);
    const { messageId } = await deps.mailer.send({
      to: recipients.to,
      cc: recipients.cc,
      ...(replyTo ? { replyTo } : {}),
      fromName: s.company.name,
      subject,
      text: body,
      tags: { tenant: invoice.tenantId, invoice: invoice.id, kind: `plan-${kind}` },
    });
    await deps.invoices.appendEvents(invoice.tenantId, invoice.id, [{ at, type: 'plan.client_notified', data: { decision: kind, messageId } }]);
    return true;
  } catch (error) {
    await deps.invoices.appendEvents(invoice.tenantId, invoice.id, [{ at, type: 'plan.client_notice_failed', data: { decision: kind, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' } }]);
    return false;
  }
};

const seller = (s: Awaited<ReturnType<SettingsRepository['get']>>) => ({
  company: s.company.name,
  ...(s.company.iban ? { iban: s.company.iban } : {}),
  ...(s.company.bic ? { bic: s.company.bic } : {}),
});

/** The owner accepts the client's request: it becomes the plan (re-checked against today's balance), the client is told. */
export const makeAcceptPlanRequest = (deps: PlanDecisionDeps) =>
  async (tenantId: string, invoiceId: string, input: { readonly waivePenalties?: boolean } = {}): Promise<PlanDecisionResult> => {
    const s = await deps.settings.get(tenantId);
    const { invoice, plan, request } = await retryOnConflict(async () => {
      const current = await loadInvoice(deps.invoices, tenantId, invoiceId);
      const pending = pendingRequest(current);
      const now = deps.clock.now();
      assertOpen(current);
      // A payment since the request changes the balance: the owner then makes the plan himself.
      assertValid(pending.instalments, invoiceBalanceCents(current), localDate(now, s.timezone), 'planRequest.');
      const at = now.toISOString();
      const plan = newPlan(current, { instalments: pending.instalments, ...(pending.note ? { note: pending.note } : {}), waivePenalties: input.waivePenalties ?? false }, 'client', at);
      const request: PlanRequest = { ...pending, status: 'accepted', decidedAt: at };
      const lifted = replacingPromise(current, at);
      const saved = { ...lifted.next, paymentPlan: plan, planRequest: request, updatedAt: at };
      await deps.invoices.save(saved, { events: [{ at, type: 'plan.accepted', data: { seq: plan.seq } }, createdEvent(plan, at), ...lifted.events] });
      return { invoice: saved, plan, request };
    }, deps.retry ?? defaultRetryPolicy);
    const today = localDate(deps.clock.now(), s.timezone);
    const view = paymentPlanView(plan, invoice, today);
    const clientNotified = await tellClient(deps, invoice, 'accepted', (language, clientName, portalUrl) =>
      emailTexts(language).planAccepted({
        clientName,
        number: invoice.number ?? '',
        schedule: planScheduleText(view.instalments, language),
        // Only a business owes penalties and the €40: a consumer is never told of fees, even waived ones (DOMAIN, B2C tone).
        waived: plan.waivePenalties && invoice.clientKind === 'business',
        ...(portalUrl ? { portalUrl } : {}),
        ...seller(s),
      }),
    );
    return { request, plan: view, clientNotified };
  };

/** The owner declines the client's request (with a reason, told to the client); reminders go on as before. */
export const makeDeclinePlanRequest = (deps: PlanDecisionDeps) =>
  async (tenantId: string, invoiceId: string, input: { readonly reason?: string } = {}): Promise<PlanDecisionResult> => {
    const s = await deps.settings.get(tenantId);
    const { invoice, request } = await retryOnConflict(async () => {
      const current = await loadInvoice(deps.invoices, tenantId, invoiceId);
      const pending = pendingRequest(current);
      const at = deps.clock.now().toISOString();
      const request: PlanRequest = { ...pending, status: 'declined', decidedAt: at, ...(input.reason ? { declineReason: input.reason } : {}) };
      const saved = { ...current, planRequest: request, updatedAt: at };
      await deps.invoices.save(saved, { events: [{ at, type: 'plan.declined', data: input.reason ? { reason: input.reason } : {} }] });
      return { invoice: saved, request };
    }, deps.retry ?? defaultRetryPolicy);
    const clientNotified = await tellClient(deps, invoice, 'declined', (language, clientName, portalUrl) =>
      emailTexts(language).planDeclined({
        clientName,
        ...(portalUrl ? { portalUrl } : {}),
        number: invoice.number ?? '',
        balance: money(invoiceBalanceCents(invoice), language),
        ...(input.reason ? { reason: input.reason } : {}),
        ...seller(s),
      }),
    );
    return { request, clientNotified };
  };
