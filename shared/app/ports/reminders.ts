/** Ports — The reminder engine: schedules, recorded steps, the tenant's scenarios and templates. */
import type { StepRecordItem } from '../../domain/step.js';

/** What a schedule carries: ids only, the handler re-reads everything when it fires. */
export interface ReminderInput {
  readonly tenantId: string;
  readonly invoiceId: string;
  readonly stepId: string;
  /** The planned instant (UTC ISO); a schedule whose step moved since is stale. */
  readonly scheduledAt: string;
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
  readonly input: ReminderInput | QuoteFollowUpInput;
  readonly description?: string;
}

export interface ScheduleSummary {
  readonly name: string;
}

export interface ReminderScheduler {
  list(namePrefix: string): Promise<ScheduleSummary[]>;
  create(definition: ScheduleDefinition): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface ReminderStepRepository {
  list(tenantId: string, invoiceId: string): Promise<StepRecordItem[]>;
  /**
   * Claims a step for sending with a conditional write. False when it was already sent,
   * is being sent, or failed `maxAttempts` times: the caller must not send.
   */
  claim(tenantId: string, invoiceId: string, step: { stepId: string; templateId: string; scheduledAt?: string; at: string; manual?: boolean }, maxAttempts: number): Promise<boolean>;
  /** Records the outcome of a claimed step. */
  finish(tenantId: string, invoiceId: string, stepId: string, outcome: { state: 'sent' | 'failed'; at: string; messageId?: string; reason?: string }): Promise<void>;
  /** Records a skip unless the step already has a state (a skip never overwrites a send). */
  skip(tenantId: string, invoiceId: string, step: { stepId: string; templateId: string; scheduledAt?: string; at: string; reason: string }): Promise<void>;
}

/** Per-tenant scenarios and templates (the built-in ones live in code and are never stored unless customised). */
export interface TenantDocuments<T extends { id: string }> {
  get(tenantId: string, id: string): Promise<T | undefined>;
  list(tenantId: string): Promise<T[]>;
  put(tenantId: string, doc: T): Promise<void>;
  delete(tenantId: string, id: string): Promise<boolean>;
}
