import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

/**
 * The daily overview lists yesterday's payments: money received. What an imported invoice had
 * been paid before the import (recorded on the import day) is not one, as the cockpit does not
 * count it as cash collected either.
 */
let t: FreshTenant;
const settledEmail = uniqueEmail('settled-before');
beforeAll(async () => {
  t = await freshTenant('overview-imp');
  await t.ok('PUT', '/settings', companySettings);
  const client = { name: 'Client Importé', email: 'imp@overview.test', kind: 'business' };
  const res = await t.call('POST', '/imports/invoices', {
    invoices: [
      { number: 'OV-1', client, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 50_000, paidCents: 20_000 },
      { number: 'OV-2', client, issueDate: '2026-09-02', dueDate: '2026-10-02', grossCents: 30_000 },
      { number: 'OV-3', client: { name: 'Client Soldé', email: settledEmail, kind: 'business' }, issueDate: '2026-06-01', dueDate: '2026-07-01', grossCents: 40_000, paidCents: 40_000 },
    ],
  });
  expect(res.json.created, JSON.stringify(res.json)).toBe(3);
  await t.drain(); // the number lookup the search reads is written by the stream consumer
  const ov2 = (await t.ok('GET', '/invoices?q=OV-2')).items[0];
  await t.ok('POST', `/invoices/${ov2.id}/payments`, { amountCents: 12_345, date: parisToday(), method: 'transfer' });
  await t.drain();
}, 60_000);

describe('GET /overview the day after an import', () => {
  it("lists the payment received, not what was settled before the import", async () => {
    const overview = await t.ok('GET', `/overview?date=${addDays(parisToday(), 1)}`);
    expect(overview.payments.map((p: { invoiceNumber: string; amountCents: number }) => [p.invoiceNumber, p.amountCents])).toEqual([['OV-2', 12_345]]);
  });
});

describe('an invoice imported as paid', () => {
  it('sends its client no thank-you: the payment was made elsewhere, before the import', async () => {
    expect((await t.ok('GET', '/invoices?q=OV-3')).items[0].status).toBe('paid');
    expect((await inbox(settledEmail)).map((m) => m.subject)).toEqual([]);
  });
});
