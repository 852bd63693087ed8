import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ThankYouClaims } from '../../app/thank-you.js';
import { thankYouKey } from './keys.js';

/**
 * One `#THANKS` item per invoice (and with `thankOnPartial` one `#THANKS#P#<paid so far>` per partial payment), written
 * only if absent: two consumers racing on one invoice send one thank-you.
 */
export class DynamoThankYouClaims implements ThankYouClaims {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(tenantId: string, invoiceId: string, at: string, partialPaidCents?: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...thankYouKey(tenantId, invoiceId, partialPaidCents), entityType: 'thank_you', claimedAt: at },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async complete(tenantId: string, invoiceId: string, messageId: string, at: string, partialPaidCents?: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: thankYouKey(tenantId, invoiceId, partialPaidCents),
        UpdateExpression: 'SET messageId = :m, sentAt = :at',
        ExpressionAttributeValues: { ':m': messageId, ':at': at },
      }),
    );
  }

  async release(tenantId: string, invoiceId: string, partialPaidCents?: number): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: thankYouKey(tenantId, invoiceId, partialPaidCents), ConditionExpression: 'attribute_not_exists(messageId)' })).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
