import { describe, expect, it } from 'vitest';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/** A template that does not exist is the request's own fault, named, before what the client's invoices allow. */
describe('POST /clients/{id}/reminders with an unknown templateId', () => {
  it('is a 422 naming body.templateId even when nothing is to remind (the send, the dry run and the batch)', async () => {
    const t = await freshTenant('client-reminder-template');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ siren: undefined }));
    for (const path of [`/clients/${client.id}/reminders`, `/clients/${client.id}/reminders?dryRun=true`, '/reminders/batch']) {
      const res = await t.call('POST', path, { templateId: 'no-such-template', ...(path === '/reminders/batch' ? { filter: {} } : {}) });
      expect([res.status, res.type, res.json?.errors], path).toEqual([422, expect.stringContaining('application/problem+json'), [{ path: 'body.templateId', message: 'no such template' }]]);
    }
    // A text is never a reminder email, whatever the invoices.
    const text = await t.call('POST', `/clients/${client.id}/reminders`, { templateId: 'sms-reminder' });
    expect([text.status, text.json?.errors?.map((e: { path: string }) => e.path)]).toEqual([422, ['body.templateId']]);
    // A known template with nothing to remind is still the nothing-to-remind answer.
    const nothing = await t.call('POST', `/clients/${client.id}/reminders`, { templateId: 'reminder' });
    expect([nothing.status, nothing.json?.type]).toEqual([422, expect.stringContaining('nothing-to-remind')]);
  });
});
