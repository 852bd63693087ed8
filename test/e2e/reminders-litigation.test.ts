import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * An invoice in litigation (or written off) is not reminded: POST /invoices/{id}/reminders says so,
 * and so do the client's manual reminder and the mass send, in the preview as for real (the preview
 * said `would_send` and the send then answered `changed`). The mass send takes the list's statuses,
 * the contentieux tab's included.
 */
let t: FreshTenant;
let clientId: string;
let inLitigation: string;
let writtenOff: string;
const email = uniqueEmail('litigation-reminders');

beforeAll(async () => {
  t = await freshTenant('litigation-reminders');
  await t.ok('PUT', '/settings', companySettings);
  clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email }))).id;
  const send = async () => {
    const draft = await t.ok('POST', '/invoices', { clientId, issueDate: addDays(parisToday(), -60), dueDate: addDays(parisToday(), -30), lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
    return (await t.ok('POST', `/invoices/${draft.id}/send`)).id as string;
  };
  inLitigation = await send();
  writtenOff = await send();
  await t.ok('POST', `/invoices/${inLitigation}/litigation`, {});
  await t.ok('POST', `/invoices/${writtenOff}/litigation`, {});
  await t.ok('POST', `/invoices/${writtenOff}/write-off`, { reason: 'Client en liquidation' });
  await t.drain();
}, 60_000);

describe('reminding an invoice in litigation or written off', () => {
  it('is skipped with its reason by the client reminder, in the preview as for real, and nothing is sent', async () => {
    const preview = await t.call('POST', `/clients/${clientId}/reminders?dryRun=true`, { invoiceIds: [inLitigation, writtenOff] });
    expect(preview.json.items.map((i: { status: string; reason?: string }) => [i.status, i.reason])).toEqual([
      ['skipped', 'litigation'],
      ['skipped', 'written_off'],
    ]);
    const real = await t.call('POST', `/clients/${clientId}/reminders`, { invoiceIds: [inLitigation, writtenOff] });
    expect([real.status, real.json.errors.map((e: { message: string }) => e.message.replace(/^F-\d{4}-\d{4}: /, ''))]).toEqual([422, ['litigation', 'written_off']]);
    expect((await inbox(email)).map((e) => e.subject).filter((s) => /relance|mise en demeure/i.test(s))).toEqual([]);
  });

  it('is skipped with its reason by the mass send, by ids or by the contentieux filter', async () => {
    const byIds = await t.ok('POST', '/reminders/batch', { invoiceIds: [inLitigation, writtenOff] });
    expect(byIds.items.map((i: { status: string; reason?: string }) => [i.status, i.reason])).toEqual([
      ['skipped', 'litigation'],
      ['skipped', 'written_off'],
    ]);
    for (const [status, id] of [['litigation', inLitigation], ['written_off', writtenOff]] as const) {
      const res = await t.call('POST', '/reminders/batch', { filter: { status } });
      expect([res.status, res.json.items], status).toEqual([200, [{ invoiceId: id, status: 'skipped', reason: status }]]);
    }
  });
});
