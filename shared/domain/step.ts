/** What happened to one reminder step of one invoice, as recorded (manual reminders included). */
export type StepRecordState = 'sending' | 'sent' | 'skipped' | 'failed' | 'cancelled';

export interface StepRecordItem {
  readonly stepId: string;
  readonly templateId: string;
  readonly state: StepRecordState;
  readonly at: string;
  readonly scheduledAt?: string;
  readonly reason?: string;
  readonly messageId?: string;
  readonly attempts: number;
  readonly manual?: boolean;
}
