import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PortalTokenRecord, PortalTokenRepository } from '../../app/ports.js';
import { portalTokenKey } from './keys.js';
import { stripKeys } from './transactions.js';

/** Portal links by token hash (keys.ts: PORTAL#<hash>); a hash is written once, never overwritten. */
export class DynamoPortalTokens implements PortalTokenRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Conditional put: a hash already stored (the same stable token, put concurrently) is kept and not an error. */
  async put(record: PortalTokenRecord): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...portalTokenKey(record.tokenHash), entityType: 'portalToken', ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async find(tokenHash: string): Promise<PortalTokenRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: portalTokenKey(tokenHash) }));
    if (!Item) return undefined;
    return stripKeys<PortalTokenRecord>(Item);
  }
}
