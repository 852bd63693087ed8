/**
 * The thank-you (`thank-you`, `thank-you-partial`) and a payment plan's reminders (`instalment-*`) have no consumer variant:
 * they go to every client, consumers included. Customised to mention the late-payment penalties or the €40 indemnity they
 * were saved (200) and then sent to a consumer ("Pénalités de retard : , indemnité forfaitaire de 40 € : ." in the thank-you;
 * the plan's late reminder skipped for good `template_mentions_penalties`). A consumer owes neither (CPCE L111-8): the edit is
 * a 422 naming the field, as for a consumer scenario's template. Over HTTP on the local stack.
 */
import { describe, expect, it } from 'vitest';
import { companySettings, freshTenant } from './fresh-tenant.js';

describe('templates that go to every client, consumers included', () => {
  it('refuse a mention of penalties or the €40 (422 naming body.body), and keep their words otherwise', async () => {
    const t = await freshTenant('tplall');
    await t.ok('PUT', '/settings', companySettings);
    for (const id of ['thank-you', 'thank-you-partial-en', 'instalment-late', 'instalment-courtesy-en']) {
      const current = await t.ok('GET', `/templates/${id}`);
      const edit = { name: current.name, language: current.language, subject: current.subject };
      const refused = await t.call('PUT', `/templates/${id}`, { ...edit, body: `${current.body}\nPénalités de retard : {{penaltiesAmount}}, indemnité forfaitaire de 40 €.` });
      expect(refused.status, id).toBe(422);
      expect(refused.json.errors, id).toEqual([expect.objectContaining({ path: 'body.body', message: expect.stringContaining('consumers included') })]);
      expect((await t.ok('GET', `/templates/${id}`)).customized, id).toBeFalsy();
      const kept = await t.call('PUT', `/templates/${id}`, { ...edit, body: `${current.body}\nÀ bientôt !` });
      expect(kept.status, id).toBe(200);
    }
  });
});
