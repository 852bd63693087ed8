import { describe, expect, it } from 'vitest';
import { DynamoTenantDocuments } from '../../shared/adapters/dynamo/dynamo-tenant-documents.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const scenarios = new DynamoTenantDocuments<Scenario>(db, tableName, 'SCENARIO');
const templates = new DynamoTenantDocuments<{ id: string; name: string }>(db, tableName, 'TEMPLATE');
const aScenario = (id: string): Scenario => ({ id, name: `Scénario ${id}`, steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] });

describe('DynamoTenantDocuments against DynamoDB Local', () => {
  it('puts, gets, lists and deletes a tenant’s scenarios, apart from its templates and other tenants', async () => {
    const tenant = freshTenant('docs');
    await scenarios.put(tenant, aScenario('a'));
    await scenarios.put(tenant, aScenario('b'));
    await templates.put(tenant, { id: 'a', name: 'a template with the same id' });
    await scenarios.put(freshTenant('other'), aScenario('c'));
    expect(await scenarios.get(tenant, 'a')).toMatchObject(aScenario('a'));
    expect((await scenarios.list(tenant)).map((s) => s.id)).toEqual(['a', 'b']);
    expect((await templates.list(tenant)).map((t) => t.name)).toEqual(['a template with the same id']);
    expect(await scenarios.delete(tenant, 'a')).toBe(true);
    expect(await scenarios.delete(tenant, 'a')).toBe(false);
    expect(await scenarios.get(tenant, 'a')).toBeUndefined();
    expect(await templates.get(tenant, 'a')).toBeDefined();
  });
});
