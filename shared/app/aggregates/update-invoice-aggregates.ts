import { contributionDelta, flatten, invoiceContribution, sameOpen, unflatten, type InvoiceFacts } from '../../domain/aggregates.js';
import { localDate } from '../../domain/dates.js';
import type { PaymentPlan } from '../../domain/payment-plan.js';
import { ConflictError } from '../errors.js';
import { isPaymentBeforeImport } from '../../domain/import-payment.js';
import { invoiceBalanceCents, isOutstanding } from '../../domain/invoice.js';
import type { ClientRepository, SettingsRepository } from '../ports.js';
import type { AggregateStore, InvoiceAggregateState, ListRow, ListRowExtras } from './ports.js';

export interface UpdateAggregatesDeps {
  readonly aggregates: AggregateStore;
  readonly settings: SettingsRepository;
  readonly clients: ClientRepository;
}

/** The follow-up list's row of an invoice. */
export const listRowOf = (state: InvoiceAggregateState, clientName: string): ListRow | undefined => {
  const i = state.invoice;
  if (!i) return undefined;
  return {
    status: i.status,
    dueDate: i.dueDate,
    clientId: i.clientId,
    clientName,
    ...(i.number ? { number: i.number } : {}),
    amountCents: isOutstanding(i.status) ? invoiceBalanceCents(i) : i.totals.grossCents - (i.deductedCents ?? 0),
    // From the recorded steps, not the invoice's counter: the send's claim (which bumps the counter)
    // then changes no row, and a reminder costs one aggregate write, when it is recorded sent.
    reminderCount: state.steps.filter((s) => s.state === 'sent' || s.state === 'to_post').length,
  };
};

const sentAtOf = (s: { sentAt?: string; at?: string }) => s.sentAt ?? s.at;

/** The facts of an invoice's contribution, from its partition as read. */
export const factsOf = (state: InvoiceAggregateState, timeZone: string): InvoiceFacts | undefined => {
  const i = state.invoice;
  if (!i) return undefined;
  return {
    id: i.id,
    clientId: i.clientId,
    status: i.status,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    ...(i.dueDateChanges?.length ? { dueDateChanges: i.dueDateChanges } : {}),
    grossCents: i.totals.grossCents,
    deductedCents: i.deductedCents ?? 0,
    paidCents: i.paidCents,
    creditedCents: i.creditedCents,
    payments: state.payments.map((p) => ({
      amountCents: p.amountCents,
      date: p.date,
      removed: p.removedAt !== undefined,
      ...(i.imported && isPaymentBeforeImport(p.id) ? { beforeImport: true } : {}),
    })),
    credits: [
      // Credit notes issued before an import: revenue net of them from the issue date, as the balance is.
      ...(i.importedCreditedCents ? [{ grossCents: i.importedCreditedCents, issueDate: i.issueDate }] : []),
      ...state.credits.map((c) => ({ grossCents: c.grossCents, issueDate: c.issueDate })),
    ],
    sentSteps: state.steps
      .filter((s) => s.state === 'sent' && sentAtOf(s))
      .map((s) => ({ stepId: s.stepId, date: localDate(new Date(sentAtOf(s)!), timeZone) })),
    // A running plan: the forecast expects its instalments at their own dates; an ended one still
    // says how it placed them while it ran (a past asOf). Only the invoice's latest plan is kept.
    ...(planOf(i.paymentPlan, timeZone)),
  };
};

const planOf = (plan: PaymentPlan | undefined, timeZone: string): Pick<InvoiceFacts, 'plan'> => {
  if (!plan || (plan.status === 'ended' && !plan.endedAt)) return {};
  const from = localDate(new Date(plan.createdAt), timeZone);
  const until = plan.status === 'ended' ? localDate(new Date(plan.endedAt!), timeZone) : undefined;
  return { plan: { instalments: plan.instalments, totalCents: plan.totalCents, from, ...(until ? { until } : {}) } };
};

/** Last reminder sent and next one planned, from the recorded steps. */
export const rowExtrasOf = (state: InvoiceAggregateState): ListRowExtras => {
  const sent = state.steps
    .filter((s) => s.state === 'sent' && sentAtOf(s))
    .sort((a, b) => sentAtOf(a)!.localeCompare(sentAtOf(b)!))
    .at(-1);
  // A step being sent is still the next one until it is recorded sent (one row change per reminder).
  const next = state.steps
    .filter((s) => (s.state === 'scheduled' || s.state === 'sending') && s.scheduledAt)
    .sort((a, b) => a.scheduledAt!.localeCompare(b.scheduledAt!))[0];
  return {
    ...(sent ? { lastReminder: { at: sentAtOf(sent)!, templateId: sent.templateId } } : {}),
    ...(next ? { nextStep: { at: next.scheduledAt!, templateId: next.templateId } } : {}),
  };
};

const ATTEMPTS = 8;

/** Flat records compared field by field: what DynamoDB gives back has its own key order. */
const sameValue = (a: object | undefined, b: object | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  return keys.length === Object.keys(y).filter((k) => y[k] !== undefined).length && keys.every((k) => x[k] === y[k]);
};

/**
 * Brings the aggregates in line with one invoice's current state: recompute its contribution,
 * apply the difference with what it contributed last time. Idempotent: a duplicate or stale
 * stream record finds nothing to change.
 */
export const makeUpdateInvoiceAggregates = ({ aggregates, settings, clients }: UpdateAggregatesDeps) =>
  /**
   * `refreshClientName`: the client was renamed (read its name); otherwise the row keeps the name it
   * carries for the same client, and the client is read only for a new row or a changed client.
   */
  async (tenantId: string, invoiceId: string, { refreshClientName = false } = {}): Promise<'applied' | 'unchanged'> => {
    const { timezone } = await settings.get(tenantId);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const state = await aggregates.invoiceState(tenantId, invoiceId);
      const facts = factsOf(state, timezone);
      const next = facts ? invoiceContribution(facts) : { counters: {} };
      const before = state.snapshot;
      const delta = contributionDelta(unflatten(before?.counters ?? {}), next.counters);
      const extras = state.invoice ? rowExtrasOf(state) : {};
      const known = !refreshClientName && before?.row && before.row.clientId === state.invoice?.clientId ? before.row.clientName : undefined;
      const clientName = known ?? (state.invoice ? ((await clients.get(tenantId, state.invoice.clientId))?.name ?? '') : '');
      const row = listRowOf(state, clientName);
      const unchanged =
        sameValue(before?.row, row) &&
        Object.keys(delta).length === 0 &&
        sameOpen(before?.open, next.open) &&
        sameValue(before?.lastReminder, extras.lastReminder) &&
        sameValue(before?.nextStep, extras.nextStep) &&
        (before !== undefined || !state.invoice);
      if (unchanged) return 'unchanged';
      const applied = await aggregates.apply(tenantId, invoiceId, {
        ...(before ? { prevRev: before.rev, ...(before.open ? { openBefore: before.open } : {}) } : {}),
        counters: flatten(next.counters),
        delta,
        ...(next.open ? { open: next.open } : {}),
        ...(row ? { row } : {}),
        ...(before?.row ? { rowBefore: before.row } : {}),
        ...extras,
      });
      if (applied) return 'applied';
    }
    throw new ConflictError(`Aggregates of invoice ${invoiceId} kept changing; the stream will retry`);
  };
