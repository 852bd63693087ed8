import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SettingsRepository } from '../../app/ports.js';
import { defaultSettings, type Settings } from '../../domain/settings.js';
import { settingsKey } from './keys.js';
import { stripKeys } from './transactions.js';

export class DynamoSettingsRepository implements SettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A tenant that never saved settings gets the defaults (09:00 Europe/Paris, weekends and holidays skipped). */
  async get(tenantId: string): Promise<Settings> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: settingsKey(tenantId), ConsistentRead: true }));
    const { tenantId: _t, ...stored } = Item ? stripKeys<Settings & { tenantId?: string }>(Item) : ({} as Partial<Settings> & { tenantId?: string });
    void _t;
    const defaults = defaultSettings();
    // Settings saved before a nested group existed get its defaults field by field.
    return { ...defaults, ...stored, notifications: { ...defaults.notifications, ...stored.notifications } };
  }

  async put(tenantId: string, settings: Settings): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...settingsKey(tenantId), entityType: 'settings', tenantId, ...settings } }),
    );
  }
}
