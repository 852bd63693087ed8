/**
 * `POST /clients/{id}/reminders?dryRun=true` answers as the send would when no invoice can be reminded:
 * the same 422 `nothing-to-remind`, the same detail and field errors, and the same `items` (each
 * invoice and why). The preview answered 200 with every invoice `skipped` while the send answered 422.
 * Within the client's gap the preview still shows the message, with `gapUntil` (what `force` sends).
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

describe('a client reminder with nothing to remind', () => {
  it('is refused alike by the dry run and the send: 422 nothing-to-remind naming each invoice and why', async () => {
    const t = await freshTenant('nothing-to-remind');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('nothing-to-remind') }));
    const today = parisToday();
    const paused = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const { number } = await t.ok('POST', `/invoices/${paused.id}/send`);
    await t.ok('POST', `/invoices/${paused.id}/pause`, { reason: 'Le client attend son avoir' });
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: today, dueDate: addDays(today, 30) }));
    await t.drain();

    const body = { invoiceIds: [paused.id, draft.id], templateId: 'reminder' };
    const dry = await t.call('POST', `/clients/${client.id}/reminders?dryRun=true`, body);
    expect(dry.status).toBe(422);
    expect(dry.type).toBe('application/problem+json');
    expect(dry.json).toMatchObject({
      type: 'https://relances.dev/problems/nothing-to-remind',
      detail: 'No invoice of this client can be reminded now',
      errors: [
        { path: 'body.invoiceIds.0', message: `${number}: paused` },
        { path: 'body.invoiceIds.1', message: `${draft.id}: draft` },
      ],
      items: [
        { invoiceId: paused.id, number, status: 'skipped', reason: 'paused' },
        { invoiceId: draft.id, status: 'skipped', reason: 'draft' },
      ],
    });

    const send = await t.call('POST', `/clients/${client.id}/reminders`, body);
    expect(send.status).toBe(422);
    expect(send.json).toEqual(dry.json);
  });

  it('still previews the message within the client’s gap (200 with gapUntil), where the send answers 409', async () => {
    const t = await freshTenant('gap-preview');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('gap-preview') }));
    const today = parisToday();
    const ids: string[] = [];
    for (const dueIn of [-12, -10]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, dueIn - 30), dueDate: addDays(today, dueIn) }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id);
    }
    await t.drain();
    // The first reminded by hand today: the other is within the client's gap.
    await t.ok('POST', `/clients/${client.id}/reminders`, { invoiceIds: [ids[0]], templateId: 'reminder' });

    const body = { invoiceIds: [ids[1]], templateId: 'reminder' };
    const dry = await t.call('POST', `/clients/${client.id}/reminders?dryRun=true`, body);
    expect(dry.status).toBe(200);
    expect(dry.json.gapUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(dry.json.subject).toBeTruthy();
    expect(dry.json.items).toMatchObject([{ invoiceId: ids[1], status: 'skipped', reason: 'gap' }]);
    expect((await t.call('POST', `/clients/${client.id}/reminders`, body)).status).toBe(409);
  });
});
