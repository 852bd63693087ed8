import { defaultScenarioFor, DEFAULT_SCENARIOS, fallbackScenarioIdFor } from '../../domain/default-scenarios.js';
import { regionForPostalCode } from '../../domain/holidays.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { planReminders, type PlannedStep, type StepRecord } from '../../domain/reminder-plan.js';
import { isOut, latestByIndex, withManualCoverage } from '../../domain/reminder-steps.js';
import { isPlanStep } from '../../domain/payment-plan.js';
import type { Scenario } from '../../domain/scenario.js';
import { withEscalation } from '../../domain/escalation.js';
import type { SendCalendar } from '../../domain/send-calendar.js';
import { smsRecipient, type Client } from '../../domain/client.js';
import { smsRecipientZone } from '../../domain/sms-window.js';
import type { Settings } from '../../domain/settings.js';
import { startOfLocalDay, zonedToUtc } from '../../domain/zoned-time.js';
import { localDate } from '../../domain/dates.js';
import { lastMessageIn } from '../../domain/client-gap.js';
import type { ClientRepository, InvoiceRecord, InvoiceRecords, SettingsRepository, StepRecordItem, StepRecords, TenantDocuments } from '../ports.js';

export interface ReminderReadDeps {
  readonly invoices: InvoiceRecords;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly scenarios: TenantDocuments<Scenario>;
  readonly steps: StepRecords;
}

/** What a fire acts on: the invoice, its client and recorded steps, the tenant's settings (no scenario: the steps are recorded). */
export interface SendContext {
  readonly invoice: InvoiceRecord;
  readonly client: Client;
  readonly settings: Settings;
  readonly records: readonly StepRecordItem[];
  /** Last message to this client for any invoice (the gap claim): `date` is its local date in the tenant's current zone. */
  readonly lastClientMessage?: { readonly date: string; readonly at: string };
}

/** Everything the plan of one invoice depends on, read once. */
export interface ReminderContext extends SendContext {
  /** The scenario the engine plans: the one that applies, then the escalation step (shared/domain/escalation.ts). */
  readonly scenario: Scenario;
  /** Which rule chose it: the client's own, a tag of the client bound to a scenario, or the default for its kind. */
  readonly scenarioRule: ScenarioRule;
}

export type ScenarioRule = 'client' | `tag:${string}` | 'default';

/**
 * The scenario that applies to a client (README "Client categories"): its own, else the scenario
 * bound to the first of its tags that has one, else the default for its kind.
 */
export const scenarioForClient = async (
  scenarios: TenantDocuments<Scenario>,
  tenantId: string,
  client: Pick<Client, 'kind' | 'scenarioId' | 'tags'>,
  settings: Pick<Settings, 'defaultScenarioId'>,
): Promise<{ scenario: Scenario; rule: ScenarioRule }> => {
  const own = await resolveScenario(scenarios, tenantId, client.scenarioId ?? undefined);
  if (own) return { scenario: own, rule: 'client' };
  const tags = client.tags ?? [];
  if (tags.length > 0) {
    const bound = (await scenarios.list(tenantId)).filter((s) => (s.tags ?? []).length > 0);
    for (const tag of tags) {
      const scenario = bound.find((s) => s.tags!.includes(tag));
      if (scenario) return { scenario, rule: `tag:${tag}` };
    }
  }
  const fallbackId = fallbackScenarioIdFor(client.kind, settings.defaultScenarioId);
  const builtIn = defaultScenarioFor(client.kind);
  const scenario =
    // A consumer never falls back to the tenant's (business) default: its texts may claim penalties.
    (await resolveScenario(scenarios, tenantId, fallbackId)) ??
    // The built-in for the client's kind, or the tenant's customised copy of it (read once when it is the same id).
    (fallbackId === builtIn.id ? undefined : await resolveScenario(scenarios, tenantId, builtIn.id)) ??
    builtIn;
  return { scenario, rule: 'default' };
};

/** A tenant's customised copy wins over the built-in scenario of the same id. */
export const resolveScenario = async (scenarios: TenantDocuments<Scenario>, tenantId: string, id: string | undefined): Promise<Scenario | undefined> => {
  if (!id) return undefined;
  return (await scenarios.get(tenantId, id)) ?? DEFAULT_SCENARIOS.find((s) => s.id === id);
};

/** What a schedule's fire needs (send-reminder): the recorded steps say what to send, so no scenario is read. */
/**
 * `alongWithClient`: reads to start together with the client's (the template of the step a fire is
 * about): Gets issued together leave as one request (shared/adapters/dynamo/coalesce-gets.ts).
 */
export const loadSendContext = async (
  deps: Omit<ReminderReadDeps, 'scenarios'>,
  tenantId: string,
  invoiceId: string,
  alongWithClient?: (invoice: InvoiceRecord, records: readonly StepRecordItem[]) => void,
): Promise<SendContext | undefined> => {
  const [invoice, settings, records] = await Promise.all([
    deps.invoices.get(tenantId, invoiceId),
    deps.settings.get(tenantId),
    deps.steps.list(tenantId, invoiceId),
  ]);
  if (!invoice) return undefined;
  alongWithClient?.(invoice, records);
  const client = await deps.clients.get(tenantId, invoice.clientId);
  if (!client) return undefined;
  // The client item carries the gap claim: the last message to this client, any invoice, dated in today's zone of the
  // tenant (its stored date is the zone's of the day it went, which a change of time zone made disagree).
  const lastClientMessage = lastMessageIn(client, settings.timezone);
  return { invoice, client, settings, records, ...(lastClientMessage ? { lastClientMessage } : {}) };
};

export const loadReminderContext = async (deps: ReminderReadDeps, tenantId: string, invoiceId: string): Promise<ReminderContext | undefined> => {
  const ctx = await loadSendContext(deps, tenantId, invoiceId);
  if (!ctx) return undefined;
  const { scenario, rule } = await scenarioForClient(deps.scenarios, tenantId, ctx.client, ctx.settings);
  return { ...ctx, scenario: withEscalation(scenario, ctx.settings.litigationAfterDays ?? 0), scenarioRule: rule };
};

/** Holidays follow the client's region (Alsace-Moselle for 57, 67, 68; overseas by its 97x code) unless the tenant set one. */
export const sendCalendarFor = (settings: Settings, client: Client): SendCalendar => {
  const region = settings.region !== 'metropole' ? settings.region : regionForPostalCode(client.address?.postalCode);
  return {
    sendHour: settings.sendHour,
    timeZone: settings.timezone,
    skipWeekends: settings.skipWeekends,
    skipHolidays: settings.skipHolidays,
    region,
    // A text also keeps to the night and days off of where its phone is (shared/domain/sms-window.ts).
    ...smsRecipientZone(smsRecipient(client), settings.timezone, region),
  };
};

/** Why no reminder may go out for this client at all, if so. */
export const programBlock = (ctx: Pick<ReminderContext, 'settings' | 'client'>): string | undefined => {
  if (!ctx.settings.remindersEnabled) return 'program_off';
  if (!ctx.client.remindersEnabled) return 'opt_out';
  // A complaint means "stop writing to me": nothing automatic goes to this client any more.
  if (ctx.client.complained) return 'complained';
  return undefined;
};

/** Why the invoice's live plan must stop now (its pending steps are cancelled), if so. */
export const stopReason = (ctx: Pick<ReminderContext, 'settings' | 'client' | 'invoice'>): string | undefined => {
  const { invoice } = ctx;
  if (invoice.status === 'cancelled') return 'cancelled';
  if (invoice.status === 'draft') return 'draft';
  if (invoice.status === 'written_off') return 'written_off';
  if (invoice.status === 'paid' || invoiceBalanceCents(invoice) <= 0) return 'paid';
  // Litigation stops reminders like a dispute; leaving it re-plans from where the invoice stood.
  if (invoice.status === 'litigation') return 'litigation';
  if (invoice.disputed) return 'disputed';
  if (invoice.remindersPaused) return 'paused';
  return programBlock(ctx);
};

/** Where automatic reminders go (shared/domain/client.ts): re-exported for the send paths. */
export { reminderRecipients } from '../../domain/client.js';

/** Scenario steps only: manual reminders and payment-plan steps (plan ≥ 1000) are tracks of their own. */
export const isScenarioRecord = (r: StepRecordItem): boolean => !r.manual && r.plan > 0 && !isPlanStep(r);

const history = (records: readonly StepRecordItem[], scenario: Scenario): StepRecord[] =>
  [...latestByIndex(records.filter(isScenarioRecord)).values()].flatMap((r): StepRecord[] => {
    const stepId = scenario.steps[r.index]?.id;
    if (!stepId || r.state === 'scheduled') return [];
    // A step caught mid-send (or a letter waiting to be posted) is treated as sent: never risk a second message for it; an escalation done never repeats.
    const state = isOut(r.state) || r.state === 'done' ? 'sent' : r.state;
    // A step the owner cancelled keeps the slot it was scheduled for (the planner spaces the next steps from it).
    if (r.state === 'cancelled' && r.reason === 'owner_cancelled') return [{ stepId, state, at: r.scheduledAt ?? r.at, reason: r.reason }];
    // Skipped when it fired: the time it had (later steps keep their spacing from it), if any.
    if (state === 'skipped') return [{ stepId, state, ...(r.scheduledAt ? { at: r.scheduledAt } : {}) }];
    // Failed after its retries: the time it first failed (its own slot), not its last retry's. A J+1 retried
    // up to 24 h, into the next morning, leaves the J+8 where it was: the client received nothing more.
    if (state === 'failed') return [{ stepId, state, at: r.firstFailedAt ?? r.at }];
    return [{ stepId, state, at: r.sentAt ?? r.at }];
  });

/**
 * What the dry run shows of an invoice: its recorded steps (the latest plan's record at each
 * scenario position) when it has entered its plan, else the planner's projection.
 */
export const recordedOrProjected = (ctx: ReminderContext, now: Date): PlannedStep[] => {
  // A record stands for a position of the scenario that applies only if it is that position's step: a
  // plan of a scenario since replaced (a longer one, an edited one) leaves records at positions the new
  // plan never rewrites, which are history, not steps to come.
  const latest = latestByIndex(ctx.records.filter((r) => isScenarioRecord(r) && ctx.scenario.steps[r.index]?.id === r.stepId));
  // No scenario step recorded: the plan the engine would record. Unless a payment plan runs and its steps are the
  // ones recorded (it was agreed before the invoice's first plan was recorded): the scenario is held back, as the
  // engine holds it, and the plan's steps are what goes out.
  const planRuns = ctx.invoice.paymentPlan?.status === 'active' && ctx.records.some((r) => isPlanStep(r));
  if (latest.size === 0 && !planRuns) return planFor(ctx, now);
  // A stop the reconciler is about to apply (the stream lags a little) already shows.
  const stop = stopReason(ctx);
  // A payment plan's steps (its latest round) follow the scenario's.
  const planSteps = ctx.records.filter((r) => isPlanStep(r));
  const planRound = Math.max(0, ...planSteps.map((r) => r.plan));
  return [...[...latest.values()].sort((a, b) => a.index - b.index), ...planSteps.filter((r) => r.plan === planRound)]
    .map((r) => ({
      stepId: r.stepId,
      templateId: r.templateId,
      state: isOut(r.state) ? 'sent' : r.state === 'scheduled' && stop ? 'cancelled' : r.state,
      ...(r.channel && r.channel !== 'email' ? { channel: r.channel } : {}),
      // A record written before steps carried their planned date: the tenant's date of its send time.
      nominalDate: r.nominalDate ?? localDate(new Date(r.scheduledAt ?? r.at), ctx.settings.timezone),
      ...(r.beforeDue !== undefined ? { beforeDue: r.beforeDue } : {}),
      ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}),
      ...(r.localTime ? { localTime: r.localTime } : {}),
      ...(r.state === 'scheduled' && stop ? { reason: stop } : r.reason ? { reason: r.reason } : {}),
    }));
};

/**
 * A projection of the plan at `now` (the dry run and drafts): recorded steps keep their state,
 * the others are placed by the pure planner. The engine itself acts only on recorded steps.
 */
export const planFor = (ctx: ReminderContext, now: Date): PlannedStep[] => {
  const { invoice, settings, client } = ctx;
  const lastMessage = ctx.lastClientMessage?.at;
  const steps = planReminders({
    invoice: {
      dueDate: invoice.dueDate,
      status: invoice.status,
      remindersPaused: invoice.remindersPaused,
      disputed: invoice.disputed,
      balanceCents: invoiceBalanceCents(invoice),
      ...(invoice.sentAt ? { sentAt: invoice.sentAt } : {}),
      ...(invoice.lastPaymentAt ? { lastPaymentAt: invoice.lastPaymentAt } : {}),
    },
    scenario: ctx.scenario,
    calendar: sendCalendarFor(settings, client),
    history: history(ctx.records, ctx.scenario),
    now,
    minGapDays: settings.minGapDays,
    graceDaysAfterPayment: settings.graceDaysAfterPayment,
    ...(lastMessage ? { lastMessageToClientAt: lastMessage } : {}),
  });
  // A reminder sent by hand before the stream recorded the invoice's first plan (in the seconds after the invoice went):
  // that plan records the steps it stands for `skipped: manual_sent`, and the projection shows them so already.
  const covered = withManualCoverage(steps.map((s, index) => ({ ...s, index })), ctx.records).map(({ index: _index, ...s }): PlannedStep => s);
  const block = programBlock(ctx);
  return block ? covered.map((s) => (s.state === 'scheduled' ? { ...s, state: 'cancelled', reason: block } : s)) : covered;
};

/**
 * Deterministic schedule name: invoice, plan, scenario position and planned minute (a moved step
 * gets a new name); `L` marks a lease check. ≤ 64 chars of [0-9A-Za-z-_.]: 3 + 26 + 1 + ≤ 8 + 1 + 12.
 */
export const scheduleName = (invoiceId: string, ref: { plan: number; index: number }, scheduledAt: string, kind: 'step' | 'lease' | 'check' = 'step'): string =>
  `${schedulePrefix(invoiceId)}${ref.plan}.${ref.index}${kind === 'lease' ? 'L' : kind === 'check' ? 'C' : ''}-${scheduledAt.slice(0, 16).replace(/[-:T]/g, '')}`;

export const schedulePrefix = (invoiceId: string): string => `rl-${invoiceId}-`;

/** The resume of a dated pause: `rl-<invoice>-R-<yyyymmdd>` (a moved pause gets a new name). */
export const resumeScheduleName = (invoiceId: string, until: string): string => `${schedulePrefix(invoiceId)}R-${until.replace(/-/g, '')}`;

/** How long before a send window that opens at midnight a dated pause ends: the Scheduler's minute, the fire and the re-plan fit in it. */
export const RESUME_LEAD_MS = 10 * 60_000;

/**
 * When a dated pause ends (its `resume` schedule, and the dry run's view of it): 00:00 of `pausedUntil`
 * in the tenant's zone, or a little before when the send window opens then (`sendHour` 0): the plan
 * recorded at the resume found that day's window just past and caught up the next day, one day later
 * than the pause asked.
 */
export const pauseEndsAt = (pausedUntil: string, settings: Pick<Settings, 'timezone' | 'sendHour'>): Date => {
  const start = startOfLocalDay(pausedUntil, settings.timezone);
  const window = zonedToUtc(`${pausedUntil}T${String(settings.sendHour).padStart(2, '0')}:00:00`, settings.timezone);
  return window.getTime() - start.getTime() < RESUME_LEAD_MS ? new Date(window.getTime() - RESUME_LEAD_MS) : start;
};
