/**
 * A recorded reminder step (DESIGN.md §5): one step of one plan of an invoice, or a manual
 * reminder. The states and the pure rules that move them are in ./reminder-steps.ts.
 */
import type { StepRef, StepState } from './reminder-steps.js';

export type StepRecordState = StepState;

/** One step of one plan of an invoice, or a manual reminder (`manual: true`, plan 0). */
export interface StepRecordItem extends StepRef {
  readonly stepId: string;
  readonly templateId: string;
  readonly state: StepState;
  /** Instant of the last state change. */
  readonly at: string;
  readonly beforeDue?: boolean;
  readonly nominalDate?: string;
  /** When the step goes (or went) out: the schedule's instant, UTC ISO. */
  readonly scheduledAt?: string;
  /** `YYYY-MM-DDTHH:mm:ss` in the tenant's zone, for the Scheduler's `at()`. */
  readonly localTime?: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly recipients?: readonly string[];
  /** Why a step is skipped, cancelled or failed, or why it moved (`catch-up`, `gap`, `retry`). */
  readonly reason?: string;
  readonly attempts: number;
  readonly leaseUntil?: string;
  readonly firstFailedAt?: string;
  readonly lastError?: string;
  /** The due date when the step went out (a later due-date change does not rewrite history). */
  readonly dueDate?: string;
  readonly manual?: boolean;
  /** Payment-plan steps (plan ≥ 1000, shared/domain/payment-plan.ts): which instalment, which reminder, its due date. */
  readonly instalment?: number;
  readonly planStep?: 'courtesy' | 'late';
  readonly instalmentDue?: string;
}

