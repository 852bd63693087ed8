/**
 * Every 422 names what it refuses in `errors[{path, message}]` (README, API conventions), so the web app can show it
 * where it belongs. Three refusals answered a bare `detail`: a second write-off (`invoice-written-off`), and deleting a
 * built-in scenario or template that was never customised (`built-in-scenario`, `built-in-template`). Over HTTP on the
 * local stack.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

describe('refusals that name the path they refuse', () => {
  it('a second write-off names the invoice, which was written off', async () => {
    const t = await freshTenant('write-off-twice');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('write-off-twice') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -60), dueDate: addDays(today, -30) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.ok('POST', `/invoices/${draft.id}/litigation`, { reason: 'plus de nouvelles' });
    await t.ok('POST', `/invoices/${draft.id}/write-off`, { reason: 'liquidation judiciaire' });

    const again = await t.call('POST', `/invoices/${draft.id}/write-off`, { reason: 'liquidation judiciaire' });
    expect(again.status).toBe(422);
    expect(again.type).toContain('application/problem+json');
    expect(again.json).toMatchObject({
      type: 'https://relances.dev/problems/invoice-written-off',
      detail: 'The invoice was written off: its balance is already credited',
      errors: [{ path: 'path.id', message: 'the invoice is written_off' }],
    });
    // A credit note on it is refused the same way.
    const credit = await t.call('POST', `/invoices/${draft.id}/credit-notes`, { reason: 'geste commercial', amountCents: 100 });
    expect([credit.status, credit.json.type, credit.json.errors]).toEqual([422, 'https://relances.dev/problems/invoice-written-off', [{ path: 'path.id', message: 'the invoice is written_off' }]]);
  });

  it('deleting a built-in scenario or template names it', async () => {
    const t = await freshTenant('built-in-delete');
    const scenario = await t.call('DELETE', '/scenarios/b2c-default');
    expect(scenario.status).toBe(422);
    expect(scenario.json).toMatchObject({
      type: 'https://relances.dev/problems/built-in-scenario',
      detail: '"b2c-default" is a built-in scenario: it cannot be deleted',
      errors: [{ path: 'path.id', message: 'is a built-in scenario: it can be changed, not deleted' }],
    });
    const template = await t.call('DELETE', '/templates/reminder');
    expect(template.status).toBe(422);
    expect(template.json).toMatchObject({
      type: 'https://relances.dev/problems/built-in-template',
      detail: '"reminder" is a built-in template: it cannot be deleted',
      errors: [{ path: 'path.id', message: 'is a built-in template: it can be changed, not deleted' }],
    });
    // Both still there, unchanged.
    expect((await t.call('GET', '/scenarios/b2c-default')).json).toMatchObject({ builtIn: true, customized: false });
    expect((await t.call('GET', '/templates/reminder')).json).toMatchObject({ builtIn: true, customized: false });
  });
});
