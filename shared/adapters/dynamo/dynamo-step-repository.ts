import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ReminderStepRepository, StepRecordItem } from '../../app/ports.js';
import { invoicePk, stepKey } from './keys.js';
import { queryAll } from './queries.js';

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Reminder step states, one item per step in the invoice's partition (STEP#<stepId>). */
export class DynamoStepRepository implements ReminderStepRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(tenantId: string, invoiceId: string): Promise<StepRecordItem[]> {
    return queryAll<StepRecordItem>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': invoicePk(tenantId, invoiceId), ':p': 'STEP#' },
      ConsistentRead: true,
    });
  }

  async claim(
    tenantId: string,
    invoiceId: string,
    step: { stepId: string; templateId: string; scheduledAt?: string; at: string; manual?: boolean },
    maxAttempts: number,
  ): Promise<boolean> {
    try {
      // Only a step never tried, or one whose earlier attempts failed cleanly, can be claimed.
      // A step left in `sending` (a crash between SES and this table) is never retried
      // automatically: at most once beats a duplicate reminder.
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stepKey(tenantId, invoiceId, step.stepId),
          UpdateExpression:
            'SET entityType = :type, stepId = :stepId, templateId = :templateId, #state = :sending, #at = :at, attempts = if_not_exists(attempts, :zero) + :one' +
            (step.scheduledAt ? ', scheduledAt = :scheduledAt' : '') +
            (step.manual ? ', manual = :true' : ''),
          ConditionExpression: 'attribute_not_exists(PK) OR (#state = :failed AND attempts < :max)',
          ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
          ExpressionAttributeValues: {
            ':type': 'step',
            ':stepId': step.stepId,
            ':templateId': step.templateId,
            ':sending': 'sending',
            ':at': step.at,
            ':zero': 0,
            ':one': 1,
            ':failed': 'failed',
            ':max': maxAttempts,
            ...(step.scheduledAt ? { ':scheduledAt': step.scheduledAt } : {}),
            ...(step.manual ? { ':true': true } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async finish(
    tenantId: string,
    invoiceId: string,
    stepId: string,
    outcome: { state: 'sent' | 'failed'; at: string; messageId?: string; reason?: string },
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: stepKey(tenantId, invoiceId, stepId),
        UpdateExpression: `SET #state = :state, #at = :at${outcome.messageId ? ', messageId = :mid' : ''}${outcome.reason ? ', reason = :reason' : ' REMOVE reason'}`,
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
        ExpressionAttributeValues: {
          ':state': outcome.state,
          ':at': outcome.at,
          ':sending': 'sending',
          ...(outcome.messageId ? { ':mid': outcome.messageId } : {}),
          ...(outcome.reason ? { ':reason': outcome.reason } : {}),
        },
      }),
    );
  }

  async skip(
    tenantId: string,
    invoiceId: string,
    step: { stepId: string; templateId: string; scheduledAt?: string; at: string; reason: string },
  ): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...stepKey(tenantId, invoiceId, step.stepId), entityType: 'step', ...step, state: 'skipped', attempts: 0 },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }
}
