/**
 * Binding a business scenario to a category some consumers carry (`PUT /scenarios/{id} { tags }`, the
 * tags alone) is refused, as its penalty templates would reach them (CPCE L111-8). The 422 named
 * `body.steps.N.templateId`, fields the request did not send: the tag screen had no field to show it
 * on. It names the tag that reaches the consumers, `body.tags.N`, as `POST /clients` does the other way
 * round; a request that sends steps still has them named. Nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { aConsumerClientInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';

describe('binding a scenario with penalty templates to a category consumers carry', () => {
  it('names the tag that reaches them, writes nothing, and still names the steps sent with it', async () => {
    const t = await freshTenant('tag-consumer');
    const scenario = await t.ok('POST', '/scenarios', { name: 'B2B ferme', steps: [{ id: 'r1', offsetDays: 1, templateId: 'reminder' }, { id: 'mise', offsetDays: 8, templateId: 'formal-notice' }] });
    await t.ok('POST', '/clients', aConsumerClientInput({ name: 'Jean Fidèle', tags: ['fidele'] }));

    const tagsOnly = await t.call('PUT', `/scenarios/${scenario.id}`, { tags: ['grand-compte', 'fidele'] });
    expect(tagsOnly.status).toBe(422);
    expect(tagsOnly.type).toContain('application/problem+json');
    const paths = tagsOnly.json.errors.map((e: { path: string }) => e.path);
    expect([...new Set(paths)]).toEqual(['body.tags.1']);
    expect(tagsOnly.json.errors.map((e: { message: string }) => e.message).join(' ')).toContain('template "formal-notice" mentions penalties');
    expect(tagsOnly.json.errors[0].message).toContain('Jean Fidèle');
    expect((await t.ok('GET', `/scenarios/${scenario.id}`)).tags ?? []).toEqual([]);

    const withSteps = await t.call('PUT', `/scenarios/${scenario.id}`, { tags: ['fidele'], steps: [{ id: 'r1', offsetDays: 1, templateId: 'reminder' }] });
    expect(withSteps.status).toBe(422);
    expect(withSteps.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.steps.0.templateId']);
  });
});
