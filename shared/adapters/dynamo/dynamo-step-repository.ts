import type { StepRef } from '../../domain/reminder-steps.js';
import type { LetterData, LetterMember } from '../../domain/letter.js';
import type { ClaimResult, ClientGapClaim, InvoiceSendGuard, NewStepRecord, ReminderStepRepository, StepRecordItem } from '../../app/ports/reminder-steps.js';
import { DynamoStepRecords, updateOf } from './dynamo-step-records.js';
import { stepKey, toPostIndexKeys } from './keys.js';
import { transactWrite } from './transactions.js';

export { byPlanOrder, conditionFailed } from './dynamo-step-records.js';

/**
 * The reminder engine's writes on top of DynamoStepRecords: a new plan, one step's claim and outcome (the scheduled
 * send, a reminder sent by hand for one invoice), its letter. Wired by shared/wiring-reminder-steps.ts for the functions
 * that make them (send-reminder, send-reminder-now, the reconciler); wiring.ts builds DynamoStepRecords.
 */
export class DynamoStepRepository extends DynamoStepRecords implements ReminderStepRepository {
  async createPlan(tenantId: string, invoiceId: string, steps: readonly NewStepRecord[]): Promise<boolean> {
    if (steps.length === 0) return true;
    const result = await transactWrite(
      this.db,
      steps.map((step) => ({
        Put: {
          TableName: this.tableName,
          Item: { ...stepKey(tenantId, invoiceId, step), entityType: 'step', ...step, attempts: 0 },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      })),
    );
    return result.ok;
  }

  async claimSend(
    tenantId: string,
    invoiceId: string,
    step: { ref: StepRef; expectedScheduledAt?: string; manual?: NewStepRecord; leaseUntil: string; at: string },
    invoice: InvoiceSendGuard,
    gap: ClientGapClaim,
  ): Promise<ClaimResult> {
    const result = await transactWrite(this.db, [this.stepClaim(tenantId, invoiceId, step), this.invoiceClaim(tenantId, invoiceId, invoice), this.gapClaim(tenantId, gap)]);
    if (result.ok) return { ok: true };
    // A failed condition on the step wins (a duplicate fire); a bare TransactionConflict reads as "changed".
    const failed = result.failedConditions;
    return { ok: false, conflict: failed.includes(0) ? 'step' : failed.includes(2) && !failed.includes(1) ? 'gap' : 'invoice' };
  }

  async finishSend(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    sent: { at: string; messageId: string; recipients: readonly string[]; dueDate: string; event: NonNullable<StepRecordItem['sentEvent']> },
  ): Promise<void> {
    // The invoice's reminder count and date were taken with the claim, and the timeline event rides
    // on the step (the invoice's timeline reads it from there): recording the send is one write.
    const done = await this.transition(tenantId, invoiceId, ref, { state: 'sending' }, {
      state: 'sent', at: sent.at, sentAt: sent.at, messageId: sent.messageId, recipients: [...sent.recipients], dueDate: sent.dueDate, sentEvent: sent.event, leaseUntil: undefined, lastError: undefined,
    });
    if (!done) throw new Error('the step left `sending` while its email was being sent');
  }

  async recordToPost(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    letter: { at: string; letter: LetterData; letterSha256: string; dueDate: string; letterId?: string; letterMembers?: readonly LetterMember[] },
  ): Promise<boolean> {
    return this.transition(tenantId, invoiceId, ref, { state: 'sending' }, {
      state: 'to_post', at: letter.at, letter: letter.letter, letterSha256: letter.letterSha256, dueDate: letter.dueDate, leaseUntil: undefined, lastError: undefined,
      letterId: letter.letterId, letterMembers: letter.letterMembers ? [...letter.letterMembers] : undefined,
      ...({ invoiceId, ...toPostIndexKeys(tenantId, invoiceId, ref, letter.at) } as object),
    });
  }

  async recordGroupToPost(
    tenantId: string,
    members: readonly { invoiceId: string; ref: StepRef; dueDate: string }[],
    letter: { at: string; letter: LetterData; letterSha256: string; letterId: string; letterMembers: readonly LetterMember[] },
  ): Promise<void> {
    // One transaction (≤ 40 members, under DynamoDB's 100 items): the letter is recorded on every invoice it
    // lists or on none, never on some while another ends `unknown_outcome` for the same envelope.
    const result = await transactWrite(
      this.db,
      members.map((m) => {
        const update = updateOf({
          state: 'to_post', at: letter.at, letter: letter.letter, letterSha256: letter.letterSha256, dueDate: m.dueDate, leaseUntil: undefined, lastError: undefined,
          letterId: letter.letterId, letterMembers: [...letter.letterMembers],
          invoiceId: m.invoiceId, ...toPostIndexKeys(tenantId, m.invoiceId, m.ref, letter.at),
        });
        return {
          Update: {
            TableName: this.tableName,
            Key: stepKey(tenantId, m.invoiceId, m.ref),
            UpdateExpression: update.expression,
            ConditionExpression: '#state = :sending',
            ExpressionAttributeNames: { ...update.names, '#state': 'state' },
            ExpressionAttributeValues: { ...update.values, ':sending': 'sending' },
          },
        };
      }),
    );
    if (!result.ok) throw new Error('a letter step left `sending` while its letter was recorded');
  }
}
