import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';

/**
 * An invoice in litigation (contentieux) keeps its status through the export and the import: our
 * export writes `Statut` `contentieux`, and another tool's `En contentieux` says the same. Imported
 * as `sent`, it was chased by the catch-up reminder the next morning — a debtor the owner handed to
 * a bailiff or a court getting "Rappel : facture impayée" — and left the contentieux tab.
 */
const upload = (t: FreshTenant, csv: string, query = '') => t.call('POST', `/imports/invoices${query}`, csv, { 'content-type': 'text/csv; charset=utf-8' });
const scheduled = async (t: FreshTenant, id: string) =>
  ((await t.ok('GET', `/invoices/${id}/reminders`)).items as { state: string }[]).filter((s) => s.state === 'scheduled');

describe('POST /imports/invoices: an invoice in litigation comes in in litigation', () => {
  it('reads its own export: the contentieux invoice stays in litigation, unchased, and goes back to being chased when taken back', async () => {
    const source = await freshTenant('imp-lit');
    await source.ok('PUT', '/settings', companySettings);
    const client = await source.ok('POST', '/clients', aBusinessClientInput({ name: 'Garage Lenoir', email: 'compta@lenoir-lit.test', siren: '552100554' }));
    const invoices: { id: string; number: string }[] = [];
    for (const unitPriceCents of [100_000, 30_000]) {
      const draft = await source.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(parisToday(), -60), dueDate: addDays(parisToday(), -30), lines: [{ description: 'Travaux', quantity: 1, unitPriceCents, vatRate: 20 }] }));
      invoices.push(await source.ok('POST', `/invoices/${draft.id}/send`));
    }
    const [inLitigation, open] = [invoices[0]!, invoices[1]!];
    await source.ok('POST', `/invoices/${inLitigation.id}/payments`, { amountCents: 20_000, date: parisToday(), method: 'transfer' });
    await source.ok('POST', `/invoices/${inLitigation.id}/litigation`, { reason: 'Huissier' });
    await source.drain();
    const csv = (await source.call('GET', '/invoices/export.csv')).text!;
    expect(csv).toContain(';contentieux;');

    const target = await freshTenant('imp-lit-in');
    await target.ok('PUT', '/settings', companySettings);
    const real = await upload(target, csv);
    expect(real.status, JSON.stringify(real.json)).toBe(200);
    expect(real.json).toMatchObject({ created: 2, errors: [] });
    await target.drain();

    const rows = (await target.ok('GET', '/invoices?limit=100')).items as { id: string; number: string; status: string; balanceCents: number }[];
    const disputed = rows.find((r) => r.number === inLitigation.number)!;
    const plain = rows.find((r) => r.number === open.number)!;
    expect(disputed).toMatchObject({ status: 'litigation', balanceCents: 100_000 });
    expect(plain.status).toBe('sent');
    expect((await target.ok('GET', '/invoices?status=litigation')).items.map((i: { number: string }) => i.number)).toEqual([inLitigation.number]);
    // The one in litigation is not chased; the other is, by the catch-up rule.
    expect(await scheduled(target, disputed.id)).toEqual([]);
    expect((await scheduled(target, plain.id)).length).toBeGreaterThan(0);
    const timeline = (await target.ok('GET', `/invoices/${disputed.id}/timeline`)).items.map((e: { type: string }) => e.type);
    expect(timeline).toContain('invoice.litigation');
    // The export of the copy reads as the original's.
    expect((await target.call('GET', '/invoices/export.csv')).text!).toContain(';contentieux;');

    // Taken back by the owner, it is chased from where it stands (the catch-up rule).
    expect((await target.ok('DELETE', `/invoices/${disputed.id}/litigation`)).status).toBe('partially_paid');
    await target.drain();
    expect((await scheduled(target, disputed.id)).length).toBeGreaterThan(0);
  });

  it("reads another tool's status column (`En contentieux`, `Annulée`, `Brouillon`), and a settled invoice stays settled whatever its status says", async () => {
    const t = await freshTenant('imp-lit-other');
    await t.ok('PUT', '/settings', companySettings);
    const issue = addDays(parisToday(), -50);
    const due = addDays(parisToday(), -20);
    const fr = (iso: string) => iso.split('-').reverse().join('/');
    const csv = [
      'N° facture;Client;E-mail;Date facture;Échéance;TTC;Déjà réglé;Statut',
      `OT-1;Menuiserie Arnaud;arnaud@lit.test;${fr(issue)};${fr(due)};1 200,00;0;En contentieux`,
      `OT-2;Menuiserie Arnaud;arnaud@lit.test;${fr(issue)};${fr(due)};600,00;600,00;Contentieux`,
      `OT-3;Menuiserie Arnaud;arnaud@lit.test;${fr(issue)};${fr(due)};300,00;0;Envoyée`,
      // Cancelled there (no Avoirs column): cancelled here, not owed; a draft was never issued: a row error.
      `OT-4;Menuiserie Arnaud;arnaud@lit.test;${fr(issue)};${fr(due)};400,00;0;Annulée`,
      `OT-5;Menuiserie Arnaud;arnaud@lit.test;${fr(issue)};${fr(due)};500,00;0;Brouillon`,
    ].join('\r\n');
    const res = await upload(t, csv);
    expect(res.json).toMatchObject({ created: 4, errors: [{ row: 6, field: 'state', message: 'is a draft: never issued, so nothing to import (import issued invoices only)' }] });
    await t.drain();
    const rows = (await t.ok('GET', '/invoices?limit=100')).items as { id: string; number: string; status: string; balanceCents: number }[];
    expect(Object.fromEntries(rows.map((i) => [i.number, i.status]))).toEqual({ 'OT-1': 'litigation', 'OT-2': 'paid', 'OT-3': 'sent', 'OT-4': 'cancelled' });
    const cancelled = rows.find((r) => r.number === 'OT-4')!;
    expect(cancelled.balanceCents).toBe(0);
    expect(await scheduled(t, cancelled.id)).toEqual([]);
    expect((await t.ok('GET', '/cockpit')).outstandingCents).toBe(120_000 + 30_000);
  });
});
