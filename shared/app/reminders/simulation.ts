/**
 * The dry run (PRODUCT.md item 7): for every open invoice, the same plan the reconciler and the
 * sender use (`planFor`), laid out per client and step over a window: what would be sent when,
 * and what is skipped and why. Reads only; nothing is scheduled, claimed or recorded.
 */
import { addDays, isValidDate, localDate } from '../../domain/dates.js';
import { lastReminderDayIn } from '../../domain/reminder-slot.js';
import { isEscalation } from '../../domain/escalation.js';
import { endOfLocalDay, startOfLocalDay } from '../../domain/zoned-time.js';
import type { PlannedStep } from '../../domain/reminder-plan.js';
import { nominalOffsets, type Channel, type Scenario } from '../../domain/scenario.js';
import { defaultTemplate, type ReminderTemplate, type TemplateTone } from '../../domain/default-templates.js';
import { nextSendDay, sendInstant } from '../../domain/send-calendar.js';
import { billingPhones, isSmsCapable, type Client } from '../../domain/client.js';
import type { Settings } from '../../domain/settings.js';
import { ValidationError } from '../errors.js';
import type { ClientRepository, Clock, InvoiceRecord, SettingsRepository, TenantDocuments } from '../ports.js';
import { isScenarioRecord, loadReminderContext, pauseEndsAt, recordedOrProjected, reminderRecipients, sendCalendarFor, stopReason, type ReminderContext, type ReminderReadDeps } from './reminder-context.js';
import { planNewSteps } from '../../domain/reminder-steps.js';
import { instalmentViews, isPlanStep } from '../../domain/payment-plan.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { courtesySkippedReplan, stepPlanInput } from './reconcile-schedules.js';
import { activePlan, planCheckAt } from './plan-lifecycle.js';
import { isPlanTemplate, replayClientRules, type PlannedSend } from './simulation-client-rules.js';

export interface SimulationDeps extends ReminderReadDeps {
  readonly clock: Clock;
  /** The owner's templates, for the tone of a grouped message (built-in tones without it). */
  readonly templates?: TenantDocuments<ReminderTemplate>;
}

/**
 * Why the client rules moved a step to a later day before a firmer grouped message stood for it there (`skip`,
 * `group_sent`): read by makeClientRuleMoves. A symbol key, so `GET /reminders/simulation` never serializes it.
 */
export const SKIP_MOVED_BY: unique symbol = Symbol('skipMovedBy');

export interface SimulationItem {
  readonly [SKIP_MOVED_BY]?: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly invoiceId: string;
  readonly invoiceNumber?: string;
  readonly stepId: string;
  readonly templateId: string;
  readonly channel: Channel;
  /** `escalate`: the move to litigation after the last step (nothing is sent). */
  readonly action: 'send' | 'skip' | 'escalate';
  /** When it goes out; for a skip, when it would have (its planned or nominal send time). */
  readonly at?: string;
  readonly reason?: string;
  readonly scenarioId: string;
  /** Which rule chose the scenario: the client's own, one of its tags (`tag:<tag>`), or the default for its kind. */
  readonly scenarioRule: string;
  /** A send the client rules place later than its own schedule (`gap`, `same_day`, `order`): when its schedule put it. */
  readonly plannedAt?: string;
  /** A send going out in one message with the client's other invoices (`groupByClient`): their numbers. */
  readonly groupedWith?: readonly string[];
}

export interface SimulationResult {
  readonly from: string;
  readonly to: string;
  readonly items: SimulationItem[];
}

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;
// Only invoices awaiting payment have a live plan: drafts have none yet, and paid or cancelled
// ones only have cancelled steps, which would bury what matters.
const OPEN_STATUSES = ['sent', 'partially_paid'] as const;
const PAGE = 100;
const CONCURRENCY = 8;

/** One read per tenant-wide input, however many invoices share it. */
const memo = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
  const cache = new Map<string, Promise<R>>();
  return (...args: A): Promise<R> => {
    const key = JSON.stringify(args);
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = fn(...args)));
    return hit;
  };
};

const cachedReads = (deps: SimulationDeps): ReminderReadDeps => {
  const settings: SettingsRepository = { get: memo((t: string) => deps.settings.get(t)), put: (t, s) => deps.settings.put(t, s) };
  const clients: ClientRepository = {
    get: memo((t: string, id: string) => deps.clients.get(t, id)),
    create: (t, c) => deps.clients.create(t, c),
    replace: (t, c, e) => deps.clients.replace(t, c, e),
    list: (t, p) => deps.clients.list(t, p),
    recordMessage: (t, id, at) => deps.clients.recordMessage(t, id, at),
  };
  const scenarios: TenantDocuments<Scenario> = {
    get: memo((t: string, id: string) => deps.scenarios.get(t, id)),
    list: (t) => deps.scenarios.list(t),
    put: (t, d) => deps.scenarios.put(t, d),
    delete: (t, id) => deps.scenarios.delete(t, id),
  };
  return { invoices: deps.invoices, steps: deps.steps, settings, clients, scenarios };
};

const openInvoices = async (deps: ReminderReadDeps, tenantId: string, today: string): Promise<InvoiceRecord[]> => {
  const all: InvoiceRecord[] = [];
  for (const status of OPEN_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await deps.invoices.list(tenantId, { today, descending: false, status }, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return all;
};

const mapLimit = async <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
};

/** A cancelled step has no time of its own: it would have gone at the send hour of its calendar day. */
const stepTime = (step: PlannedStep, settings: Settings, client: Client): Date => {
  if (step.scheduledAt) return new Date(step.scheduledAt);
  const calendar = sendCalendarFor(settings, client);
  return sendInstant(nextSendDay(step.nominalDate, calendar), calendar);
};

/**
 * Why the send path would skip a step for want of a recipient on its channel (send-reminder's
 * `recipientsFor`): a text without a phone, a letter without a postal address, an email whose
 * addresses all bounced. The escalation sends nothing and needs none.
 */
const noRecipient = (client: Client, channel: Channel | undefined): string | undefined => {
  if (channel === 'sms') return [...billingPhones(client), ...(client.phone ? [client.phone] : [])].some(isSmsCapable) ? undefined : 'no_phone';
  if (channel === 'letter') return client.address ? undefined : 'no_postal_address';
  return reminderRecipients(client).to.length > 0 ? undefined : 'address_failing';
};

/** Steps already sent or failed are history, not simulation; the others land in the window or not. */
export const simulationItems = (ctx: ReminderContext, plan: readonly PlannedStep[], from: Date, to: Date): SimulationItem[] =>
  plan.flatMap((step): SimulationItem[] => {
    if (step.state === 'sent' || step.state === 'failed' || step.state === 'done') return [];
    const at = stepTime(step, ctx.settings, ctx.client);
    if (at < from || at > to) return [];
    const missing = step.state === 'scheduled' && !isEscalation(step) ? noRecipient(ctx.client, step.channel) : undefined;
    const send = step.state === 'scheduled' && !missing;
    return [
      {
        clientId: ctx.client.id,
        clientName: ctx.client.name,
        invoiceId: ctx.invoice.id,
        ...(ctx.invoice.number ? { invoiceNumber: ctx.invoice.number } : {}),
        stepId: step.stepId,
        templateId: step.templateId,
        channel: step.channel ?? 'email',
        action: send ? (isEscalation(step) ? 'escalate' : 'send') : 'skip',
        at: at.toISOString(),
        scenarioId: ctx.scenario.id,
        scenarioRule: ctx.scenarioRule,
        ...(send ? {} : { reason: missing ?? step.reason ?? step.state }),
      },
    ];
  });

/**
 * A dated pause (the owner's `until`, a client's promise or "j'ai payé") resumes by itself at 00:00
 * of its last day: the reconciler then records a new plan of the steps after the last one sent.
 * The dry run shows that plan from then on, and the paused steps only for the time before it.
 */
const withResume = (ctx: ReminderContext, plan: readonly PlannedStep[], now: Date): PlannedStep[] => {
  const { invoice, settings, client } = ctx;
  // (A running payment plan resumes its own steps instead: left as recorded.)
  if (!invoice.remindersPaused || !invoice.pausedUntil || stopReason(ctx) !== 'paused' || activePlan(ctx)) return [...plan];
  const resumeAt = pauseEndsAt(invoice.pausedUntil, settings);
  if (resumeAt <= now) return [...plan];
  const resumed = planNewSteps(stepPlanInput(ctx, resumeAt), 0, ctx.records.filter(isScenarioRecord)).map(
    (s): PlannedStep => ({
      stepId: s.stepId,
      templateId: s.templateId,
      state: s.state,
      nominalDate: s.nominalDate,
      beforeDue: s.beforeDue,
      ...(s.channel ? { channel: s.channel } : {}),
      ...(s.scheduledAt ? { scheduledAt: s.scheduledAt } : {}),
      ...(s.localTime ? { localTime: s.localTime } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
    }),
  );
  const before = plan.filter((s) => !(s.state === 'cancelled' && s.reason === 'paused') || stepTime(s, settings, client) < resumeAt);
  return [...before, ...resumed];
};

/**
 * The dry run assumes no payment comes in. A running payment plan whose instalment stays unpaid then
 * ends at the plan check (`planMissedDays` after that instalment's date, at the send hour): the
 * reconciler cancels its pending steps (`plan_ended`) and records a new plan of the scenario's steps
 * after the last one sent (reconcile-schedules). The dry run shows the plan's steps up to then, and
 * the scenario's from then on, as `withResume` does for a dated pause.
 */
const withPlanEnd = (ctx: ReminderContext, plan: readonly PlannedStep[], now: Date): PlannedStep[] => {
  if (!activePlan(ctx) || stopReason(ctx)) return [...plan];
  const endAt = planCheckAt(ctx, now);
  if (!endAt) return [...plan];
  const { settings, client } = ctx;
  const resumed = planNewSteps(stepPlanInput(ctx, endAt), 0, ctx.records.filter(isScenarioRecord)).map(
    (s): PlannedStep => ({
      stepId: s.stepId,
      templateId: s.templateId,
      state: s.state,
      nominalDate: s.nominalDate,
      beforeDue: s.beforeDue,
      ...(s.channel ? { channel: s.channel } : {}),
      ...(s.scheduledAt ? { scheduledAt: s.scheduledAt } : {}),
      ...(s.localTime ? { localTime: s.localTime } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
    }),
  );
  const before = plan.flatMap((s): PlannedStep[] => {
    const after = stepTime(s, settings, client) >= endAt;
    // The plan's steps still to go after its end are cancelled then.
    if (isPlanTemplate(s.templateId)) return after && s.state === 'scheduled' ? [{ ...s, state: 'cancelled', reason: 'plan_ended' }] : [s];
    // The scenario's steps it held back: the new plan stands for them (after the plan's steps, which go first).
    return s.state === 'cancelled' && s.reason === 'payment_plan' ? [] : [s];
  });
  return [...before, ...resumed];
};

/**
 * A plan reminder of an instalment already paid (paid after its step was recorded) sends nothing: the send path
 * skips it `instalment_paid` when it fires. The dry run says so rather than a send the client never gets.
 */
const withPaidInstalments = (ctx: ReminderContext, plan: readonly PlannedStep[], now: Date): PlannedStep[] => {
  const running = activePlan(ctx);
  if (!running) return [...plan];
  const views = instalmentViews(running, invoiceBalanceCents(ctx.invoice), localDate(now, ctx.settings.timezone));
  const paid = new Set(ctx.records.filter((r) => isPlanStep(r) && views[r.instalment ?? 0]?.dueCents === 0).map((r) => r.stepId));
  return plan.map((s) => (s.state === 'scheduled' && isPlanTemplate(s.templateId) && paid.has(s.stepId) ? { ...s, state: 'skipped', reason: 'instalment_paid' } : s));
};

const byTimeThenClient = (a: SimulationItem, b: SimulationItem): number =>
  (a.at ?? '').localeCompare(b.at ?? '') ||
  a.clientName.localeCompare(b.clientName, 'fr') ||
  (a.invoiceNumber ?? a.invoiceId).localeCompare(b.invoiceNumber ?? b.invoiceId);

export const makeSimulateReminders = (deps: SimulationDeps) =>
  async (
    tenantId: string,
    window: { from?: string | undefined; to?: string | undefined } = {},
    /** Only these clients' invoices (the client rules act per client, so the others change nothing for them). */
    only?: { readonly clientIds: ReadonlySet<string> },
  ): Promise<SimulationResult> => {
    const now = deps.clock.now();
    const reads = cachedReads(deps);
    const settings = await reads.settings.get(tenantId);
    // A bare date is a whole day where the tenant lives: `from` its first instant, `to` its last.
    const from = !window.from ? now : isValidDate(window.from) ? startOfLocalDay(window.from, settings.timezone) : new Date(window.from);
    const to = !window.to ? new Date(from.getTime() + DEFAULT_DAYS * DAY_MS) : isValidDate(window.to) ? endOfLocalDay(window.to, settings.timezone) : new Date(window.to);
    if (to < from) throw new ValidationError([{ path: 'query.to', message: 'must not be before from' }]);
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) throw new ValidationError([{ path: 'query.to', message: `must be within ${MAX_DAYS} days of from` }]);

    const invoices = (await openInvoices(reads, tenantId, localDate(now, settings.timezone))).filter((i) => !only || only.clientIds.has(i.clientId));
    // From now: what goes out before the window moves what goes out in it (the client's gap).
    const start = from < now ? from : now;
    const perInvoice = await mapLimit(invoices, CONCURRENCY, async (invoice) => {
      const ctx = await loadReminderContext(reads, tenantId, invoice.id);
      if (!ctx) return undefined;
      const plan = withPlanEnd(ctx, withPaidInstalments(ctx, withResume(ctx, recordedOrProjected(ctx, now), now), now), now);
      const offsets = nominalOffsets(ctx.scenario.steps);
      // The plan check that ends a running plan nobody pays (withPlanEnd): a plan step the client rules push past it is cancelled then.
      const planEndAt = activePlan(ctx) && !stopReason(ctx) ? planCheckAt(ctx, now)?.toISOString() : undefined;
      // Where the engine re-plans the later steps if the client rules push a pending courtesy step onto the due date.
      const afterCourtesy = courtesySkippedReplan(ctx);
      return {
        ctx,
        // Each item keeps the index of the step it stands for: a step id can be there twice (the J+8 a pause
        // cancelled, and the J+8 of the plan recorded after a payment plan ends), and the later one ranks after
        // the plan's reminders, as the engine sends them.
        items: plan.flatMap((planned, rank) => simulationItems(ctx, [planned], start, to).map((item) => ({ item, rank }))).map(({ item, rank }) => {
          const step = plan[rank];
          // A recorded step says whether it is a courtesy one (the engine's due_passed rule reads the same flag); its
          // nominal date is the one of the due date it was planned for, before the due date moved later.
          const beforeDue = step?.beforeDue ?? (step?.nominalDate !== undefined && step.nominalDate < ctx.invoice.dueDate);
          // What the engine re-plans a scenario step from (today's due date, as reminder-plan.ts does).
          const index = ctx.scenario.steps.findIndex((s) => s.id === item.stepId);
          const scenarioStep = ctx.scenario.steps[index];
          const replan = scenarioStep && !isPlanTemplate(item.templateId)
            ? { nominalDate: addDays(ctx.invoice.dueDate, offsets[index]!), ...(scenarioStep.anchor === 'previous' && index > 0 ? { afterPreviousDays: scenarioStep.offsetDays } : {}) }
            : {};
          // Its position, as the engine ranks two invoices due the same day (the record's index: a plan step's within its plan).
          const planRecord = isPlanTemplate(item.templateId) ? ctx.records.find((r) => isPlanStep(r) && r.stepId === item.stepId) : undefined;
          const position = scenarioStep && !isPlanTemplate(item.templateId) ? index : planRecord?.index;
          // A courtesy step goes before its due date: a plan's, before its instalment's (send-reminder.ts `dueBoundary`).
          const noSendFrom = !beforeDue ? undefined : isPlanTemplate(item.templateId) ? planRecord?.instalmentDue : ctx.invoice.dueDate;
          const cancelFrom = isPlanTemplate(item.templateId) ? planEndAt : undefined;
          // A plan's step ranks by its instalment's date against the client's other invoices (send-reminder.ts `outrankingStep`).
          const instalmentDue = planRecord?.instalmentDue;
          const courtesySkippedAt = step?.scheduledAt ? afterCourtesy.get(`${item.stepId}|${step.scheduledAt}`) : undefined;
          return { item, rank, ...replan, ...(courtesySkippedAt ? { courtesySkippedAt } : {}), ...(position !== undefined ? { position } : {}), ...(noSendFrom ? { noSendFrom } : {}), ...(cancelFrom ? { cancelFrom } : {}), ...(instalmentDue ? { instalmentDue } : {}) };
        }),
      };
    });
    const byClient = new Map<string, NonNullable<(typeof perInvoice)[number]>[]>();
    for (const entry of perInvoice) if (entry) byClient.set(entry.ctx.client.id, [...(byClient.get(entry.ctx.client.id) ?? []), entry]);
    // The tone of each template sent: a grouped message takes its firmest member's.
    const ids = [...new Set(perInvoice.flatMap((e) => e?.items.map(({ item }) => item.templateId) ?? []))];
    const tones = new Map(await Promise.all(ids.map(async (id) => [id, ((await deps.templates?.get(tenantId, id)) ?? defaultTemplate(id))?.tone] as const)));
    const items = [...byClient.values()].flatMap((entries) => withClientRules(entries, tones))
      .filter((item) => !item.at || (new Date(item.at) >= from && new Date(item.at) <= to));
    return { from: from.toISOString(), to: to.toISOString(), items: items.sort(byTimeThenClient) };
  };

/**
 * A scheduled step the client rules send on another day than its own: when it really goes out, and why. Later (`gap`,
 * `same_day`, `order`…), or earlier (`courtesy_skipped`: a courtesy step before it is skipped, the re-plan then no longer
 * keeps it the gap after that step).
 */
export interface ClientRuleMove {
  readonly at: string;
  readonly movedBy: string;
  /** `due_passed`: not sent at all, a courtesy step the client rules push onto its due date (the engine skips it then). */
  readonly skip?: 'due_passed';
}

/**
 * How far after the day asked a move is looked for (the client's gap, steps carried along, weekends): as far as
 * the dry run goes. A step the replay pushes past the horizon drops out of it, and the view then showed it at its
 * own date, no `expectedAt`: with grouping off, a client's newer invoice waits while an older one takes each
 * window (ADR 0005), three months with a 30-day gap (test/e2e/expected-at-horizon.test.ts). It was 60 days. The
 * reads are the same whatever the horizon (these clients' open invoices); only the in-memory replay is longer.
 */
const MOVE_HORIZON_DAYS = MAX_DAYS;

/**
 * The steps of these clients, scheduled on or after `from`, that the client rules (the gap, one step a day per
 * invoice, scenario order) send on another local day than their schedule (a later one; an earlier one once a
 * courtesy step before them is skipped): the dry run's own computation, so
 * what the daily overview and an invoice's plan say about them is what the simulation and the engine do.
 * Keyed `invoiceId|stepId|scheduledAt` (epoch ms), as recorded.
 */
export const makeClientRuleMoves = (deps: SimulationDeps) => {
  const simulate = makeSimulateReminders(deps);
  return async (tenantId: string, clientIds: ReadonlySet<string>, from: Date, timezone: string): Promise<Map<string, ClientRuleMove>> => {
    const moves = new Map<string, ClientRuleMove>();
    if (clientIds.size === 0) return moves;
    // From now when that is earlier: a step of `from`'s day brought to an earlier day (`courtesy_skipped`) goes before it.
    const now = deps.clock.now();
    const start = now < from ? now : from;
    const to = new Date(start.getTime() + MOVE_HORIZON_DAYS * DAY_MS);
    const { items } = await simulate(tenantId, { from: start.toISOString(), to: to.toISOString() }, { clientIds });
    for (const item of items) {
      // A courtesy step the client's gap pushes onto its due date is skipped, not sent later: shown so, never as going out.
      if (item.action === 'skip' && item.reason === 'due_passed' && item.plannedAt && item.at) {
        moves.set(moveKey(item.invoiceId, item.stepId, item.plannedAt), { at: item.at, movedBy: item.reason, skip: 'due_passed' });
        continue;
      }
      // A step moved to a later day where a firmer grouped message stands for it (skipped `group_sent`): its invoice goes out
      // in that message, that day, not on the step's own day (shown going out then, and nothing went).
      const movedBy = item.action === 'skip' && item.reason === 'group_sent' ? item[SKIP_MOVED_BY] : undefined;
      if (movedBy && item.plannedAt && item.at && localDate(new Date(item.at), timezone) > localDate(new Date(item.plannedAt), timezone)) {
        moves.set(moveKey(item.invoiceId, item.stepId, item.plannedAt), { at: item.at, movedBy });
        continue;
      }
      // The move to litigation too: it keeps its spacing from the last reminder the gap pushed (15 days after it).
      if ((item.action !== 'send' && item.action !== 'escalate') || !item.plannedAt || !item.at || !item.reason) continue;
      const goes = localDate(new Date(item.at), timezone);
      const planned = localDate(new Date(item.plannedAt), timezone);
      if (goes === planned) continue;
      // Earlier than recorded: a courtesy step before it is skipped, and the engine re-plans it without the gap its plan
      // kept after that step (`courtesy_skipped`, whatever rule then moved it within those days).
      moves.set(moveKey(item.invoiceId, item.stepId, item.plannedAt), { at: item.at, movedBy: goes < planned ? 'courtesy_skipped' : item.reason });
    }
    return moves;
  };
};

export const moveKey = (invoiceId: string, stepId: string, scheduledAt: string): string => `${invoiceId}|${stepId}|${Date.parse(scheduledAt)}`;

/** One client's sends as the send path would make them: grouped, moved past its gap, in scenario order (simulation-client-rules.ts). */
const withClientRules = (
  entries: readonly { ctx: ReminderContext; items: readonly { item: SimulationItem; rank: number; position?: number; noSendFrom?: string; cancelFrom?: string; instalmentDue?: string; nominalDate?: string; afterPreviousDays?: number; courtesySkippedAt?: string }[] }[],
  tones: ReadonlyMap<string, TemplateTone | undefined>,
): SimulationItem[] => {
  const { ctx } = entries[0]!;
  const all = entries.flatMap((e) => e.items.map((i) => ({ ...i, dueDate: e.ctx.invoice.dueDate })));
  const sends = all.filter(({ item }) => item.action === 'send' && item.at);
  const replayed = replayClientRules(
    sends.map(({ item, rank, position, noSendFrom, cancelFrom, instalmentDue, dueDate, nominalDate, afterPreviousDays, courtesySkippedAt }): PlannedSend => {
      const tone = tones.get(item.templateId);
      return {
        invoiceId: item.invoiceId, invoiceLabel: item.invoiceNumber ?? item.invoiceId, rank, channel: item.channel, templateId: item.templateId, at: item.at!, dueDate, ...(position !== undefined ? { position } : {}),
        ...(noSendFrom ? { noSendFrom } : {}), ...(cancelFrom ? { cancelFrom } : {}), ...(instalmentDue ? { instalmentDue } : {}), ...(tone ? { tone } : {}), ...(nominalDate ? { nominalDate } : {}), ...(afterPreviousDays !== undefined ? { afterPreviousDays } : {}),
        ...(courtesySkippedAt ? { courtesySkippedAt } : {}),
      };
    }),
    {
      calendar: sendCalendarFor(ctx.settings, ctx.client),
      minGapDays: ctx.settings.minGapDays,
      groupByClient: ctx.settings.groupByClient,
      ...(ctx.lastClientMessage ? { lastMessageDate: ctx.lastClientMessage.date } : {}),
      lastReminderDays: new Map(entries.flatMap(({ ctx: { invoice } }) => {
        const day = lastReminderDayIn(invoice, ctx.settings.timezone);
        return day ? [[invoice.id, day] as const] : [];
      })),
    },
  );
  const bySend = new Map(sends.map(({ item }, i) => [item, replayed[i]!]));
  // As the send path does: up to its due date an invoice gets the courtesy email, whatever firmer step a scenario puts there.
  const courtesy = ctx.client.kind === 'consumer' ? 'courtesy-consumer' : 'courtesy';
  const { timezone } = ctx.settings;
  const templateAt = (item: SimulationItem, at: string, dueDate: string): string => {
    const tone = tones.get(item.templateId);
    const notDue = dueDate >= localDate(new Date(at), timezone);
    return item.channel === 'email' && tone && tone !== 'courtesy' && !isPlanTemplate(item.templateId) && notDue ? courtesy : item.templateId;
  };
  const out = all.map(({ item, dueDate }): SimulationItem => {
    const r = bySend.get(item);
    if (!r) return item;
    if (r.skipped) return { ...item, action: 'skip', at: r.at, plannedAt: item.at!, reason: r.skipped, ...(r.movedBy ? { [SKIP_MOVED_BY]: r.movedBy } : {}) };
    return {
      ...item,
      templateId: templateAt(item, r.at, dueDate),
      at: r.at,
      ...(r.movedBy ? { plannedAt: item.at!, reason: r.movedBy } : {}),
      ...(r.groupedWith ? { groupedWith: r.groupedWith } : {}),
    };
  });
  // The move to litigation is planned from the last reminder's day (anchor `previous`): when the client rules send
  // that reminder later than its schedule, the engine re-plans the escalation from the day it went out, and so
  // does the dry run (it showed the invoice reaching litigation days before it does). A last reminder a firmer
  // grouped message covered (`group_sent`) after the gap carried it later counts from the slot it was carried to,
  // as the engine re-plans from the step's recorded time (the dry run counted from its own day, a week early).
  return out.map((item) => {
    if (item.action !== 'escalate' || !item.at) return item;
    const { ctx: c } = entries.find((e) => e.ctx.invoice.id === item.invoiceId)!;
    const index = c.scenario.steps.findIndex((s) => s.id === item.stepId);
    const step = c.scenario.steps[index];
    const previousId = c.scenario.steps[index - 1]?.id;
    const p = out.findIndex((o) => o.invoiceId === item.invoiceId && o.stepId === previousId && (o.action === 'send' || o.reason === 'group_sent') && o.plannedAt && o.at);
    const previous = out[p];
    if (!step || step.anchor !== 'previous' || !previous) return item;
    const calendar = sendCalendarFor(c.settings, c.client);
    const at = sendInstant(nextSendDay(addDays(localDate(new Date(previous.at!), timezone), step.offsetDays), calendar), calendar).toISOString();
    const movedBy = bySend.get(all[p]!.item)?.movedBy;
    // Earlier too when that reminder goes earlier than recorded (a courtesy step before it skipped: `courtesy_skipped`).
    const earlier = previous.at! < previous.plannedAt!;
    return at > item.at || (earlier && at < item.at) ? { ...item, at, plannedAt: item.at, ...(movedBy ? { reason: earlier && at < item.at ? 'courtesy_skipped' : movedBy } : {}) } : item;
  });
};
