/**
 * A recorded reminder step (DESIGN.md §5): one step of one plan of an invoice, or a manual
 * reminder. The states and the pure rules that move them are in ./reminder-steps.ts.
 */
import type { StepRef, StepState } from './reminder-steps.js';
import type { Channel } from './scenario.js';
import type { LetterData, LetterMember } from './letter.js';

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
  /**
   * The invoice-timeline event of the send (`reminder.sent`, `sms.sent`), kept on the step when it
   * is recorded sent: the timeline reads it from here, so a reminder costs no event item of its own.
   */
  readonly sentEvent?: { readonly type: string; readonly data: Record<string, unknown> };
  /**
   * A step that went out in a client's grouped message in a firmer tone than its own: that step
   * template, whose gentler pending steps (and itself when due within 8 days) it stands for
   * (`group_sent`). Recorded with the send, so the re-plan applies the coverage when the send
   * path's own write of it failed (manual-coverage.ts `stepsSentInGroup`).
   */
  readonly groupCovers?: string;
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
  /** How the step goes out; absent = email. */
  readonly channel?: Channel;
  /** Letter steps: what the letter said when it was produced; its PDF is re-rendered from this. */
  readonly letter?: LetterData;
  /** Letter steps: SHA-256 (hex) of the PDF produced, the evidence kept (DOMAIN.md, mise en demeure). */
  readonly letterSha256?: string;
  /**
   * Letter steps of a letter that lists several invoices of the client (settings `groupByClient`):
   * the letter's id, shared by every step it answers, and those steps (this one included).
   */
  readonly letterId?: string;
  readonly letterMembers?: readonly LetterMember[];
  /** Letter steps: when the owner said it was posted, and the registered mail number if given. */
  readonly postedAt?: string;
  readonly trackingNumber?: string;
}

