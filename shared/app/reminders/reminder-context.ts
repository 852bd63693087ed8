import { defaultScenarioFor, DEFAULT_SCENARIOS } from '../../domain/default-scenarios.js';
import { regionForPostalCode } from '../../domain/holidays.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { planReminders, type PlannedStep, type StepRecord } from '../../domain/reminder-plan.js';
import type { Scenario } from '../../domain/scenario.js';
import type { SendCalendar } from '../../domain/send-calendar.js';
import type { Client } from '../../domain/client.js';
import type { Settings } from '../../domain/settings.js';
import type { ClientRepository, InvoiceRecord, InvoiceRepository, ReminderStepRepository, SettingsRepository, StepRecordItem, TenantDocuments } from '../ports.js';

export interface ReminderReadDeps {
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly scenarios: TenantDocuments<Scenario>;
  readonly steps: ReminderStepRepository;
}

/** Everything the plan of one invoice depends on, read once. */
export interface ReminderContext {
  readonly invoice: InvoiceRecord;
  readonly client: Client;
  readonly settings: Settings;
  readonly scenario: Scenario;
  readonly records: readonly StepRecordItem[];
}

/** A tenant's customised copy wins over the built-in scenario of the same id. */
export const resolveScenario = async (scenarios: TenantDocuments<Scenario>, tenantId: string, id: string | undefined): Promise<Scenario | undefined> => {
  if (!id) return undefined;
  return (await scenarios.get(tenantId, id)) ?? DEFAULT_SCENARIOS.find((s) => s.id === id);
};

export const loadReminderContext = async (deps: ReminderReadDeps, tenantId: string, invoiceId: string): Promise<ReminderContext | undefined> => {
  const [invoice, settings, records] = await Promise.all([
    deps.invoices.get(tenantId, invoiceId),
    deps.settings.get(tenantId),
    deps.steps.list(tenantId, invoiceId),
  ]);
  if (!invoice) return undefined;
  const client = await deps.clients.get(tenantId, invoice.clientId);
  if (!client) return undefined;
  const scenario =
    (await resolveScenario(deps.scenarios, tenantId, client.scenarioId ?? undefined)) ??
    (await resolveScenario(deps.scenarios, tenantId, settings.defaultScenarioId)) ??
    // The built-in for the client's kind, or the tenant's customised copy of it.
    (await resolveScenario(deps.scenarios, tenantId, defaultScenarioFor(client.kind).id)) ??
    defaultScenarioFor(client.kind);
  return { invoice, client, settings, scenario, records };
};

/** Holidays follow the client's region (Alsace-Moselle for 57, 67, 68) unless the tenant set it. */
export const sendCalendarFor = (settings: Settings, client: Client): SendCalendar => ({
  sendHour: settings.sendHour,
  timeZone: settings.timezone,
  skipWeekends: settings.skipWeekends,
  skipHolidays: settings.skipHolidays,
  region: settings.region === 'alsace-moselle' ? 'alsace-moselle' : regionForPostalCode(client.address?.postalCode),
});

/** Why no reminder may go out for this client at all, if so. */
export const programBlock = (ctx: Pick<ReminderContext, 'settings' | 'client'>): string | undefined => {
  if (!ctx.settings.remindersEnabled) return 'program-off';
  if (!ctx.client.remindersEnabled) return 'client-opted-out';
  // A hard-bounced address would bounce again and hurt the sender's SES reputation; a new address resets it.
  if (ctx.client.emailStatus === 'bouncing') return 'client-email-bouncing';
  return undefined;
};

/** Why nothing may go out for this invoice right now, whatever its steps say. */
export const stopReason = (ctx: Pick<ReminderContext, 'settings' | 'client' | 'invoice'>): string | undefined => {
  const { invoice } = ctx;
  if (invoice.status === 'cancelled') return 'cancelled';
  if (invoice.status === 'draft') return 'draft';
  if (invoice.status === 'paid' || invoiceBalanceCents(invoice) === 0) return 'paid';
  if (invoice.disputed) return 'disputed';
  if (invoice.remindersPaused) return 'paused';
  return programBlock(ctx);
};

const history = (records: readonly StepRecordItem[]): StepRecord[] =>
  records
    .filter((r) => !r.manual)
    .map((r) => ({
      stepId: r.stepId,
      // A step caught mid-send is treated as sent: never risk a second message for it.
      state: r.state === 'sending' ? 'sent' : r.state,
      at: r.at,
    }));

/** The plan of one invoice at `now`: the single pure function the reconciler, the API and the sender share. */
export const planFor = (ctx: ReminderContext, now: Date): PlannedStep[] => {
  const { invoice, settings, client } = ctx;
  // The minimum gap counts from the last message to this client, whatever the invoice.
  const lastMessage = [ctx.client.lastMessageAt, ...ctx.records.filter((r) => r.manual && r.state === 'sent').map((r) => r.at)]
    .filter((at): at is string => at !== undefined)
    .sort()
    .at(-1);
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
    history: history(ctx.records),
    now,
    minGapDays: settings.minGapDays,
    graceDaysAfterPayment: settings.graceDaysAfterPayment,
    ...(lastMessage ? { lastMessageToClientAt: lastMessage } : {}),
  });
  const block = programBlock(ctx);
  return block ? steps.map((s) => (s.state === 'scheduled' ? { ...s, state: 'cancelled', reason: block } : s)) : steps;
};

/** Deterministic schedule name: invoice, step and planned minute; a moved step gets a new name. ≤ 64 chars of [0-9A-Za-z-_.]. */
export const scheduleName = (invoiceId: string, stepId: string, scheduledAt: string): string =>
  `${schedulePrefix(invoiceId)}${stepId.replace(/[^0-9A-Za-z_.-]/g, '_')}-${scheduledAt.slice(0, 16).replace(/[-:T]/g, '')}`;

export const schedulePrefix = (invoiceId: string): string => `rl-${invoiceId}-`;
