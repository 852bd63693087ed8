/**
 * A final invoice's `{{paidAmount}}` counts each deposit it deducts for what the client paid on that deposit invoice:
 * a deposit of 3 300 € paid 1 000 €, then 1 000 € paid on the final invoice, and the partial thank-you said « 4 300,00 €
 * réglés à ce jour », the reminders' « déjà réglé » the same (the client had paid 2 000 €). « il reste 6 700,00 € » on the
 * final invoice stays: the 2 300 € left on the deposit are claimed on the deposit invoice. Over HTTP on the local stack.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const today = parisToday();
const pdfText = async (base64: string) => (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64'))), { mergePages: true })).text;
const plain = (s: string | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe("a final invoice's paid amount", () => {
  it('counts its deposit for what was paid on it, in the partial thank-you and in a reminder', async () => {
    const t = await freshTenant('depositpaid');
    await t.ok('PUT', '/settings', { ...companySettings, thankOnPartial: true });
    const email = uniqueEmail('depositpaid');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const quote = await t.ok('POST', '/quotes', {
      clientId: client.id,
      issueDate: addDays(today, -60),
      validUntil: addDays(today, 30),
      lines: [{ description: 'Chantier', quantity: 1, unitPriceCents: 1_000_000, vatRate: 10 }],
    }); // 11 000,00 € TTC
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30, issueDate: addDays(today, -50), dueDate: addDays(today, -40) }); // 3 300,00 €
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    await t.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: 100_000, date: today, method: 'transfer' });
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) });
    const sent = await t.ok('POST', `/invoices/${final.id}/send`);
    expect(sent).toMatchObject({ deductedCents: 330_000, balanceCents: 770_000 });
    await t.ok('POST', `/invoices/${final.id}/payments`, { amountCents: 100_000, date: today, method: 'transfer' });
    await t.drain();

    const thanks = (await inbox(email)).filter((m) => m.subject.startsWith('Merci pour votre règlement') && m.subject.includes(sent.number));
    expect(thanks).toHaveLength(1);
    const thankText = plain(thanks[0]!.body.text);
    expect(thankText).toContain('2 000,00 € réglés à ce jour');
    expect(thankText).toContain('il reste 6 700,00 €');

    // A reminder about the final invoice: « déjà réglé » what the client paid, on the deposit and on it; the letter attached too.
    await t.ok('POST', `/invoices/${final.id}/reminders`, { templateId: 'formal-notice', force: true });
    await t.drain();
    const reminders = (await inbox(email)).filter((m) => m.subject.includes(sent.number) && plain(m.body.text).includes('déjà réglé'));
    expect(reminders).toHaveLength(1);
    const text = plain(reminders[0]!.body.text);
    expect(text).toContain('montant TTC 11 000,00 €, déjà réglé 2 000,00 €');
    expect(text).not.toContain('4 300,00 €');
    const letter = reminders[0]!.attachments.find((a) => a.filename.startsWith('mise-en-demeure'));
    expect(letter).toBeDefined();
    const letterText = plain(await pdfText(letter!.content));
    expect(letterText).toContain('2 000,00 €');
    expect(letterText).not.toContain('4 300,00 €');
  });
});
