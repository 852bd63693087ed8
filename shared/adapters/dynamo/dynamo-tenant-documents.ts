import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantDocuments } from '../../app/ports.js';
import { tenantDocumentKey, tenantDocumentPrefix, tenantPk, type TenantDocumentType } from './keys.js';
import { queryAll } from './queries.js';
import { stripKeys } from './transactions.js';

/** Small per-tenant documents (scenarios, templates) under PK = T#<tenant>, SK = <TYPE>#<id>. */
export class DynamoTenantDocuments<T extends { id: string }> implements TenantDocuments<T> {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly type: TenantDocumentType,
  ) {}

  private key(tenantId: string, id: string) {
    return tenantDocumentKey(tenantId, this.type, id);
  }

  async get(tenantId: string, id: string): Promise<T | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: this.key(tenantId, id), ConsistentRead: true }));
    return Item ? stripKeys<T>(Item) : undefined;
  }

  async list(tenantId: string): Promise<T[]> {
    return queryAll<T>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':p': tenantDocumentPrefix(this.type) },
    });
  }

  async put(tenantId: string, doc: T): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...this.key(tenantId, doc.id), entityType: this.type.toLowerCase(), ...doc } }));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const out = await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: this.key(tenantId, id), ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }
}
