import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NotificationRepository, Page, PageRequest, PaymentLog, PaymentLogEntry } from '../../app/ports.js';
import type { Notification } from '../../domain/notification.js';
import {
  NOTIFICATION_PREFIX, notificationKey, notificationPk, overviewKey, paymentLogKey, paymentLogPk, unreadNotificationIndexKeys, unreadNotificationPk,
} from './keys.js';
import { queryAll, queryPage } from './queries.js';
import { stripKeys } from './transactions.js';

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;
const toNotification = (item: Record<string, unknown>): Notification => {
  const { entityType: _e, ...rest } = stripKeys<Notification & { entityType?: string }>(item);
  void _e;
  return rest;
};

/**
 * Notifications, one item per timeline event that notifies (its ULID is the id, so a repeated
 * stream record finds it and writes nothing); an unread one also sits in a sparse GSI1 partition.
 */
export class DynamoNotificationRepository implements NotificationRepository, PaymentLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(notification: Notification): Promise<{ created: boolean; notification: Notification }> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...notificationKey(notification.tenantId, notification.id),
          ...(notification.read ? {} : unreadNotificationIndexKeys(notification.tenantId, notification.id)),
          entityType: 'notification',
          ...notification,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return { created: true, notification };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      return { created: false, notification: (await this.get(notification.tenantId, notification.id))! };
    }
  }

  async get(tenantId: string, id: string): Promise<Notification | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: notificationKey(tenantId, id), ConsistentRead: true }));
    return Item ? toNotification(Item) : undefined;
  }

  async setEmail(tenantId: string, id: string, email: Notification['email']): Promise<void> {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: notificationKey(tenantId, id),
      UpdateExpression: 'SET email = :email',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':email': email },
    }));
  }

  list(tenantId: string, filter: { unread?: boolean }, page: PageRequest): Promise<Page<Notification>> {
    if (filter.unread) {
      const pk = unreadNotificationPk(tenantId);
      return queryPage(this.db, {
        TableName: this.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false,
      }, page, { GSI1PK: pk }, toNotification);
    }
    const pk = notificationPk(tenantId);
    return queryPage(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': NOTIFICATION_PREFIX },
      ScanIndexForward: false,
    }, page, { PK: pk }, toNotification);
  }

  async markRead(tenantId: string, id: string, at: string): Promise<Notification | undefined> {
    try {
      const { Attributes } = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: notificationKey(tenantId, id),
        UpdateExpression: 'SET #read = :true, readAt = if_not_exists(readAt, :at) REMOVE GSI1PK, GSI1SK',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#read': 'read' },
        ExpressionAttributeValues: { ':true': true, ':at': at },
        ReturnValues: 'ALL_NEW',
      }));
      return Attributes ? toNotification(Attributes) : undefined;
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
  }

  async claimOverview(tenantId: string, date: string, at: string): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...overviewKey(tenantId, date), entityType: 'overview', tenantId, date, at },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async releaseOverview(tenantId: string, date: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: overviewKey(tenantId, date) }));
  }

  async put(tenantId: string, entry: PaymentLogEntry): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...paymentLogKey(tenantId, entry), entityType: 'paymentLog', tenantId, ...entry } }));
  }

  async remove(tenantId: string, entry: Pick<PaymentLogEntry, 'date' | 'invoiceId' | 'paymentId'>): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: paymentLogKey(tenantId, entry) }));
  }

  onDate(tenantId: string, date: string): Promise<PaymentLogEntry[]> {
    return queryAll(this.db, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': paymentLogPk(tenantId, date) } }, (item) => {
      const { entityType: _e, tenantId: _t, ...entry } = stripKeys<PaymentLogEntry & { entityType?: string; tenantId?: string }>(item);
      void _e;
      void _t;
      return entry;
    });
  }
}
