/** Ports — The reminder engine: schedules, recorded steps, the tenant's scenarios and templates. */

/** What a schedule carries: ids only, the handler re-reads everything when it fires. */
export interface ReminderInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly stepId: string;
  /** The recorded step: plan number and scenario position. */
  readonly plan: number;
  readonly index: number;
  /** The planned instant (UTC ISO); a schedule whose step moved since is stale. */
  readonly scheduledAt: string;
  /**
   * `lease`: checks a step left `sending` after its lease (a crash between SES and the table);
   * `plan-check`: ends a payment plan whose oldest unpaid instalment is missed by now.
   */
  readonly kind?: 'step' | 'lease' | 'plan-check';
}

/** A dated pause (owner, promise, "j'ai payé") ends: reminders resume on `until` unless the pause changed since. */
export interface ResumeInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly kind: 'resume';
  /** The `pausedUntil` the schedule was made for: a moved or lifted pause makes it stale. */
  readonly until: string;
}

/** What a quote follow-up schedule carries. */
export interface QuoteFollowUpInput {
  readonly tenantId: string;
  readonly quoteId: string;
  readonly stepId: 'quote-follow-up';
  readonly scheduledAt: string;
}

export interface ScheduleDefinition {
  readonly name: string;
  /** `YYYY-MM-DDTHH:mm:ss` wall time in `timeZone`. */
  readonly localTime: string;
  readonly timeZone: string;
  readonly input: ReminderInput | QuoteFollowUpInput | ResumeInput;
  readonly description?: string;
}

/** What the daily-overview schedule carries: the tenant only (the handler reads the rest when it fires). */
export interface OverviewInput {
  readonly kind: 'overview';
  readonly tenantId: string;
}

/** A recurring schedule (EventBridge `cron()`), one per tenant and purpose: the daily overview. */
export interface RecurringScheduleDefinition {
  readonly name: string;
  /** EventBridge cron fields `minutes hours day-of-month month day-of-week year`, e.g. `cron(0 7 * * ? *)`. */
  readonly cron: string;
  /** The cron's wall clock: the tenant's time zone (DST follows it). */
  readonly timeZone: string;
  readonly input: OverviewInput;
  readonly description?: string;
}

/** Keeps recurring schedules: put creates or updates (idempotent), delete treats "not found" as done. */
export interface RecurringScheduler {
  putRecurring(definition: RecurringScheduleDefinition): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface ScheduleSummary {
  readonly name: string;
}

export interface ReminderScheduler {
  list(namePrefix: string): Promise<ScheduleSummary[]>;
  create(definition: ScheduleDefinition): Promise<void>;
  delete(name: string): Promise<void>;
}

export type { ReminderStepRepository, StepRecords } from './reminder-steps.js';

/** Per-tenant scenarios and templates (the built-in ones live in code and are never stored unless customised). */
export interface TenantDocuments<T extends { id: string }> {
  get(tenantId: string, id: string): Promise<T | undefined>;
  list(tenantId: string): Promise<T[]>;
  put(tenantId: string, doc: T): Promise<void>;
  delete(tenantId: string, id: string): Promise<boolean>;
}
