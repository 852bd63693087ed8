import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StepRef } from '../../domain/reminder-steps.js';
import type { LetterSteps, ToPostStep } from '../../app/ports/reminder-steps.js';
import { conditionFailed, DynamoStepRepository } from './dynamo-step-repository.js';
import { stepKey, toPostPk } from './keys.js';
import { queryAll } from './queries.js';

/**
 * The step repository plus the owner's side of letters: the to-post list (GSI1, sparse), a letter posted, its tracking
 * number. Kept apart from DynamoStepRepository, which every function's wiring builds, so that only the functions that
 * list or close letters (and the daily overview) bundle it. Wired by shared/wiring-letter-steps.ts.
 */
export class DynamoLetterSteps extends DynamoStepRepository implements LetterSteps {
  async recordPosted(tenantId: string, invoiceId: string, ref: StepRef, posted: { at: string; trackingNumber?: string }): Promise<boolean> {
    return this.transition(tenantId, invoiceId, ref, { state: 'to_post' }, {
      state: 'sent', at: posted.at, sentAt: posted.at, postedAt: posted.at, ...(posted.trackingNumber ? { trackingNumber: posted.trackingNumber } : {}),
      ...({ GSI1PK: undefined, GSI1SK: undefined } as object),
    });
  }

  async recordTrackingNumber(tenantId: string, invoiceId: string, ref: StepRef, trackingNumber: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stepKey(tenantId, invoiceId, ref),
          UpdateExpression: 'SET trackingNumber = :tracking',
          ConditionExpression: '#state = :sent AND attribute_exists(postedAt) AND attribute_not_exists(trackingNumber)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sent': 'sent', ':tracking': trackingNumber },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async listToPost(tenantId: string): Promise<ToPostStep[]> {
    const items = await queryAll<ToPostStep & Record<string, unknown>>(this.db, {
      TableName: this.tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': toPostPk(tenantId) },
    });
    // The index is eventually consistent: a letter posted a moment ago may still show; its state says so.
    return items.filter((i) => i.state === 'to_post').map(({ PK: _pk, SK: _sk, GSI1PK: _g, GSI1SK: _s, entityType: _e, ...step }) => step as ToPostStep);
  }
}
