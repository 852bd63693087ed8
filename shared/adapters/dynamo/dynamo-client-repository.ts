import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../app/errors.js';
import type { ClientRepository, Page, PageRequest } from '../../app/ports.js';
import type { Client } from '../../domain/client.js';
import { CLIENT_PREFIX, clientKey, tenantPk } from './keys.js';
import { queryPage } from './queries.js';
import { stripKeys } from './transactions.js';

export class DynamoClientRepository implements ClientRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(tenantId: string, client: Client): Promise<void> {
    await this.put(tenantId, client, 'attribute_not_exists(PK)', {});
  }

  async get(tenantId: string, id: string): Promise<Client | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: clientKey(tenantId, id), ConsistentRead: true }));
    return Item ? stripKeys<Client>(Item) : undefined;
  }

  async replace(tenantId: string, client: Client, expectedUpdatedAt: string): Promise<void> {
    // The reminder engine's gap claim lives on this item (lastMessageAt): a replace built from an
    // older read must not roll it back, so it also requires the claim to be as read.
    const claim = client.lastMessageAt ? 'lastMessageAt = :msg' : 'attribute_not_exists(lastMessageAt)';
    await this.put(tenantId, client, `updatedAt = :expected AND ${claim}`, { ':expected': expectedUpdatedAt, ...(client.lastMessageAt ? { ':msg': client.lastMessageAt } : {}) });
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<Client>> {
    const pk = tenantPk(tenantId);
    return queryPage<Client>(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': CLIENT_PREFIX } },
      page,
      { PK: pk },
    );
  }

  async recordMessage(tenantId: string, clientId: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: clientKey(tenantId, clientId),
          UpdateExpression: 'SET lastMessageAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastMessageAt) OR lastMessageAt < :at)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async put(tenantId: string, client: Client, condition: string, values: Record<string, unknown>): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...clientKey(tenantId, client.id), entityType: 'client', tenantId, ...client },
          ConditionExpression: condition,
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConflictError('The client was changed by another request; retry');
      throw error;
    }
  }
}
