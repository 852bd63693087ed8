import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { parisToday } from './local-clock.js';

/**
 * CGI 242 nonies A: invoices are numbered in one chronological sequence. A send whose invoice is
 * dated before the last one numbered is 422 naming its date, and writes nothing.
 */
const lines = [{ description: 'Travaux', quantity: 1, unitPriceCents: 10_000, vatRate: 20 }];

const setUp = async (label: string) => {
  const t = await freshTenant(label);
  await t.ok('PUT', '/settings', companySettings);
  const client = await t.ok('POST', '/clients', { name: 'Garage Martin', kind: 'business', email: `${label}@martin.test`, siren: '552100554' });
  const draft = async (issueDate: string) => (await t.ok('POST', '/invoices', { clientId: client.id, issueDate, dueDate: addDays(issueDate, 30), lines })).id as string;
  return { t, clientId: client.id as string, draft };
};
const seq = (number: string) => Number(number.split('-')[2]);
const year = (date: string) => date.slice(0, 4);
/** A day in the past from which the next three days are in the same year (so in one series), whatever today is. */
const pastWindow = () => {
  const start = addDays(parisToday(), -12);
  return year(start) === year(addDays(start, 3)) ? start : addDays(start, -5);
};

describe('numbers follow the invoice dates, over HTTP', () => {
  it('numbers invoices sent in date order (same day included), refuses one dated before the last numbered, writing nothing', async () => {
    const { t, draft } = await setUp('order');
    const d1 = pastWindow();
    const d2 = addDays(d1, 2);
    const first = await t.ok('POST', `/invoices/${await draft(d1)}/send`);
    const second = await t.ok('POST', `/invoices/${await draft(d2)}/send`);
    const sameDay = await t.ok('POST', `/invoices/${await draft(d2)}/send`);
    expect([first.number, second.number, sameDay.number]).toEqual([1, 2, 3].map((n) => `F-${year(d1)}-000${n}`));

    const late = await draft(addDays(d2, -1));
    const refused = await t.call('POST', `/invoices/${late}/send`);
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json.type).toBe('https://relances.dev/problems/issue-date-before-last-numbered');
    expect(refused.json.errors).toEqual([
      { path: 'invoice.issueDate', message: `is before the date of ${sameDay.number} (${d2}), the last invoice numbered: date it ${d2} or later` },
    ]);
    // Nothing written: still a draft, no number, no numbering event, no email.
    const still = await t.ok('GET', `/invoices/${late}`);
    expect([still.status, still.number]).toEqual(['draft', undefined]);
    const events = (await t.ok('GET', `/invoices/${late}/timeline`)).items.map((e: { type: string }) => e.type);
    expect(events).toEqual(['invoice.created']);
    // No number consumed: dated as the message says (the last date numbered), it takes the very next one.
    await t.ok('PATCH', `/invoices/${late}`, { issueDate: d2, dueDate: addDays(d2, 30) });
    const redated = await t.ok('POST', `/invoices/${late}/send`);
    expect([redated.number, redated.issueDate]).toEqual([`F-${year(d1)}-0004`, d2]);
  });

  it('keeps the date order when sends race: no number bears a date before the one numbered before it, and no gap', async () => {
    const { t, draft } = await setUp('race');
    const today = parisToday();
    const offsets = [-3, -1, -4, 0, -2, -1, -4, 0];
    // Within the current year, so one series.
    const dates = offsets.map((o) => (year(addDays(today, o)) === year(today) ? addDays(today, o) : today));
    const ids = await Promise.all(dates.map((d) => draft(d)));
    const results = await Promise.all(ids.map((id) => t.call('POST', `/invoices/${id}/send`)));
    expect(results.every((r) => r.status === 200 || r.status === 422)).toBe(true);
    const sent = results.filter((r) => r.status === 200).map((r) => r.json as { number: string; issueDate: string });
    // The latest date always gets through: nothing is ever later than it.
    expect(sent.some((s) => s.issueDate === today)).toBe(true);
    const byNumber = [...sent].sort((a, b) => seq(a.number) - seq(b.number));
    expect(byNumber.map((s) => seq(s.number))).toEqual(byNumber.map((_, i) => i + 1));
    const datesInNumberOrder = byNumber.map((s) => s.issueDate);
    expect(datesInNumberOrder).toEqual([...datesInNumberOrder].sort());
    for (const r of results.filter((r) => r.status === 422)) expect(r.json.errors[0].path).toBe('invoice.issueDate');
    // Every refused one is still a draft without a number.
    const refusedIds = ids.filter((_, i) => results[i]!.status === 422);
    for (const id of refusedIds) expect((await t.ok('GET', `/invoices/${id}`)).status).toBe('draft');
    // And the next send continues right after the last number.
    const next = await t.ok('POST', `/invoices/${await draft(today)}/send`);
    expect(seq(next.number)).toBe(byNumber.length + 1);
  });

  it('refuses a credit note dated before the last one numbered (422 naming body.issueDate); one issued today for an old invoice is fine', async () => {
    const { t, draft } = await setUp('credit');
    const base = pastWindow();
    const oldInvoice = await draft(addDays(base, -40));
    await t.ok('POST', `/invoices/${oldInvoice}/send`);
    const recent = await draft(base);
    await t.ok('POST', `/invoices/${recent}/send`);
    const first = await t.ok('POST', `/invoices/${recent}/credit-notes`, { amountCents: 1_000, reason: 'Remise', issueDate: addDays(base, 2) });
    expect(first.creditNote.number).toBe(`A-${year(base)}-0001`);
    const backdated = await t.call('POST', `/invoices/${oldInvoice}/credit-notes`, { amountCents: 1_000, reason: 'Erreur', issueDate: addDays(base, 1) });
    expect(backdated.status).toBe(422);
    expect(backdated.json.errors).toEqual([
      { path: 'body.issueDate', message: `is before the date of A-${year(base)}-0001 (${addDays(base, 2)}), the last credit note numbered: date it ${addDays(base, 2)} or later` },
    ]);
    expect((await t.ok('GET', `/invoices/${oldInvoice}`)).creditedCents).toBe(0);
    // Dated today (the default), a credit note of the old invoice is in order.
    const today = parisToday();
    const note = await t.ok('POST', `/invoices/${oldInvoice}/credit-notes`, { amountCents: 1_000, reason: 'Erreur' });
    expect(note.creditNote.number).toBe(`A-${year(today)}-000${year(today) === year(base) ? 2 : 1}`);
    expect(note.creditNote.issueDate).toBe(today);
  });

  it('leaves imported invoices out: an old one imported after our sends is taken, and does not hold back the next number', async () => {
    const { t, draft } = await setUp('imported');
    const today = parisToday();
    const ours = await t.ok('POST', `/invoices/${await draft(today)}/send`);
    const csv = ['N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC', 'ANC-0007;Garage Martin;imported@martin.test;552100554;01/03/2026;31/03/2026;120,00'].join('\n');
    const imported = await t.call('POST', '/imports/invoices', csv, { 'content-type': 'text/csv' });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    expect(imported.json.errors).toEqual([]);
    const next = await t.ok('POST', `/invoices/${await draft(today)}/send`);
    expect(seq(next.number)).toBe(seq(ours.number) + 1);
  });
});
