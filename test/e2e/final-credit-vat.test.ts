import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/**
 * A final invoice bills, at each VAT rate, the job's row less what the deposits it deducts billed
 * at that rate. Its credit notes reverse what it billed, rate by rate, to the cent: they were
 * split over the job's whole rows instead, and cancelling this final invoice credited 35,00 € HT
 * at 20 % where it billed 34,99 € (and 1 cent too little at 5,5 %).
 */
type Row = { vatRate: number; netCents: number; vatCents: number };
const byRate = (rows: readonly Row[]) => {
  const out = new Map<number, { netCents: number; vatCents: number }>();
  for (const r of rows) {
    const o = out.get(r.vatRate) ?? { netCents: 0, vatCents: 0 };
    out.set(r.vatRate, { netCents: o.netCents + r.netCents, vatCents: o.vatCents + r.vatCents });
  }
  return Object.fromEntries([...out].filter(([, v]) => v.netCents !== 0 || v.vatCents !== 0).sort(([a], [b]) => b - a));
};

describe('credit notes on a final invoice with mixed VAT rates', () => {
  it('reverse what the final invoice billed at each rate (job less deposits), to the cent', async () => {
    const t = await freshTenant('final-credit-vat');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Maison Taux', kind: 'business', email: 'taux@final.test' });
    const quote = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: addDays(parisToday(), -5), validityDays: 90, lines: [
      { description: 'Chaudière', quantity: 1, unitPriceCents: 123_457, vatRate: 5.5 },
      { description: 'Pose', quantity: 3, unitPriceCents: 33_333, vatRate: 10 },
      { description: 'Déplacement', quantity: 1, unitPriceCents: 4_999, vatRate: 20 },
    ] });
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 });
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    await t.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: deposit.totals.grossCents, date: parisToday(), method: 'transfer' });
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    await t.ok('POST', `/invoices/${final.id}/send`);

    const billed = byRate([...quote.totals.vatBreakdown, ...deposit.totals.vatBreakdown.map((r: Row) => ({ ...r, netCents: -r.netCents, vatCents: -r.vatCents }))]);
    expect(billed).toEqual({ 20: { netCents: 3_499, vatCents: 700 }, 10: { netCents: 69_999, vatCents: 7_000 }, 5.5: { netCents: 86_420, vatCents: 4_753 } });

    const partial = (await t.ok('POST', `/invoices/${final.id}/credit-notes`, { reason: 'Remise', amountCents: 10_000 })).creditNote;
    for (const r of partial.vatBreakdown as Row[]) {
      expect(r.netCents, `${r.vatRate} %`).toBeLessThanOrEqual(billed[r.vatRate]!.netCents);
    }
    await t.ok('POST', `/invoices/${final.id}/cancel`, { reason: 'Chantier annulé' });
    const notes = (await t.ok('GET', `/invoices/${final.id}/credit-notes`)).items as { vatBreakdown: Row[]; grossCents: number }[];
    expect(notes.reduce((s, n) => s + n.grossCents, 0)).toBe(final.totals.grossCents - final.deductedCents);
    expect(byRate(notes.flatMap((n) => n.vatBreakdown))).toEqual(billed);
  });
});
