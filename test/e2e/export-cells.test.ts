import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * The accountant's CSV opens in a spreadsheet: a text cell starting with `=`, `+`, `-` or `@`
 * (a client name, an imported number) must not run as a formula, and the status reads in French
 * like the rest of the file.
 */
let t: FreshTenant;

beforeAll(async () => {
  t = await freshTenant('export-cells');
  await t.ok('PUT', '/settings', companySettings);
  const res = await t.call('POST', '/imports/invoices', {
    invoices: [
      { number: '=HYPERLINK("http://x.test","A")', client: { name: '=1+2', email: 'formula@client.test', kind: 'business' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 12_000, paidCents: 2_000 },
      { number: 'N-2', client: { name: '@Garage', email: 'garage@client.test', kind: 'business' }, issueDate: '2026-09-02', dueDate: '2026-10-02', grossCents: 6_000, paidCents: 6_000 },
    ],
  });
  expect(res.json.created, JSON.stringify(res.json)).toBe(2);
  await t.drain();
}, 60_000);

describe('GET /invoices/export.csv cells', () => {
  it('neutralises formulas in text cells and names the status in French', async () => {
    const res = await t.call('GET', '/invoices/export.csv?sort=amount');
    expect(res.status).toBe(200);
    const rows = res.text!.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((l) => l.split(';'));
    expect(rows.map((r) => [r[0], r[1], r[13]])).toEqual([
      [`"'=HYPERLINK(""http://x.test"",""A"")"`, "'=1+2", 'partiellement payée'],
      ['N-2', "'@Garage", 'payée'],
    ]);
    // Amounts keep their sign and stay numbers.
    expect(rows[0]![12]).toBe('100,00');
  });
});
