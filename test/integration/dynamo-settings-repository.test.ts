import { describe, expect, it } from 'vitest';
import { DynamoSettingsRepository } from '../../shared/adapters/dynamo/dynamo-settings-repository.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const settings = new DynamoSettingsRepository(db, tableName);

describe('DynamoSettingsRepository against DynamoDB Local', () => {
  it('gives a tenant that never saved settings the defaults', async () => {
    expect(await settings.get(freshTenant('settings'))).toEqual(defaultSettings());
  });

  it('reads back exactly what was put, without keys or the tenant id, per tenant', async () => {
    const tenant = freshTenant('settings');
    const mine = { ...defaultSettings(), company: { name: 'Plomberie Martin', siren: '123456782' }, sendHour: 8, timezone: 'Pacific/Noumea' };
    await settings.put(tenant, mine);
    expect(await settings.get(tenant)).toEqual(mine);
    expect(await settings.get(freshTenant('other'))).toEqual(defaultSettings());
  });

  it('fills fields added since the settings were saved from the defaults', async () => {
    const tenant = freshTenant('settings');
    const { quoteFollowUpDays, ...older } = defaultSettings();
    void quoteFollowUpDays;
    await settings.put(tenant, { ...older, sendHour: 10 } as ReturnType<typeof defaultSettings>);
    expect(await settings.get(tenant)).toMatchObject({ sendHour: 10, quoteFollowUpDays: defaultSettings().quoteFollowUpDays });
  });
});
