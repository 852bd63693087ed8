/**
 * A final invoice's `{{paidAmount}}` (the partial thank-you's « réglés à ce jour », the reminders' « déjà réglé », the
 * letter's column) counts each deposit it deducts for what was paid or credited on that deposit invoice, not for what
 * the deposit invoiced: a deposit of 3 300 € paid 1 000 €, then 1 000 € on the final invoice, read « 4 300,00 € réglés à
 * ce jour » (the client had paid 2 000 €). Its balance (« il reste 6 700,00 € ») stays: the deposit's rest is claimed on it.
 */
import { describe, expect, it } from 'vitest';
import { depositSettledCents, invoiceTotals, settledCents } from '../../shared/domain/invoice.js';
import { depositsSettledOf, letterDataFor, reminderVariables } from '../../shared/app/reminders/compose-reminder.js';
import { makeThankOnPayment } from '../../shared/app/thank-you.js';
import { composeGroupedReminder } from '../../shared/app/reminders/compose-grouped.js';
import type { LetterPdfData } from '../../templates/pdf/letter-types.js';
import { defaultTemplate } from '../../shared/domain/default-templates.js';
import { defaultSettings } from '../../shared/http/schemas/settings.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import { aClient, anInvoiceRecord, FakeClientRepository, FakeInvoiceRepository, FakeMailer, FakePdfRenderer, FakeSettingsRepository, FakeTenantDocuments, fixedClock } from '../fixtures/fakes.js';

class LetterPdf extends FakePdfRenderer {
  readonly letters: LetterPdfData[] = [];
  override async letter(data?: LetterPdfData) {
    if (data) this.letters.push(data);
    return super.letter();
  }
}

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const JOB = [{ description: 'Chantier', quantity: 1, unitPriceCents: 1_000_000, vatRate: 10 as const }]; // 11 000,00 € TTC
const DEPOSIT = [{ description: 'Acompte 30 %', quantity: 1, unitPriceCents: 300_000, vatRate: 10 as const }]; // 3 300,00 € TTC

const deposit = (paidCents: number, creditedCents = 0) =>
  anInvoiceRecord({ id: 'dep1', number: 'F-2026-0001', kind: 'deposit', lines: DEPOSIT, totals: invoiceTotals(DEPOSIT), paidCents, creditedCents, status: paidCents > 0 ? 'partially_paid' : 'sent' });
const final = (paidCents: number) =>
  anInvoiceRecord({
    id: 'fin1', number: 'F-2026-0002', kind: 'final', lines: JOB, totals: invoiceTotals(JOB), paidCents, status: 'partially_paid',
    deductions: [{ invoiceId: 'dep1', number: 'F-2026-0001', issueDate: '2026-02-10', netCents: 300_000, vatCents: 30_000, grossCents: 330_000 }],
    deductedCents: 330_000,
  });

describe('a final invoice says what was settled on its deposits', () => {
  it('counts a deposit for what was paid on it, and a write-off after the deduction, never more than it deducts', () => {
    const d = { grossCents: 330_000 };
    const totals = { grossCents: 330_000 };
    expect(depositSettledCents(d, { totals, paidCents: 100_000, creditedCents: 0 })).toBe(100_000);
    expect(depositSettledCents(d, { totals, paidCents: 330_000, creditedCents: 0 })).toBe(330_000);
    // Written off after the deduction: what the client no longer owes on it.
    expect(depositSettledCents(d, { totals, paidCents: 100_000, creditedCents: 230_000 })).toBe(330_000);
    // Credited before the deduction (which then deducted 2 000 € only): that credit is not counted again.
    expect(depositSettledCents({ grossCents: 200_000 }, { totals, paidCents: 200_000, creditedCents: 130_000 })).toBe(200_000);
    expect(depositSettledCents({ grossCents: 200_000 }, { totals, paidCents: 50_000, creditedCents: 130_000 })).toBe(50_000);
    expect(depositSettledCents(d, undefined)).toBe(330_000);
    expect(settledCents({ paidCents: 100_000, creditedCents: 0, deductedCents: 330_000 }, 100_000)).toBe(200_000);
    expect(settledCents({ paidCents: 100_000, creditedCents: 0, deductedCents: 330_000 })).toBe(430_000);
  });

  it('reads the deposits of a final invoice only, and fills « déjà réglé » and the letter with what was paid', async () => {
    const invoices = new FakeInvoiceRepository().add(deposit(100_000)).add(final(100_000));
    const fin = (await invoices.get('acme', 'fin1'))!;
    expect(await depositsSettledOf(invoices, anInvoiceRecord())).toBeUndefined();
    const depositsSettledCents = await depositsSettledOf(invoices, fin);
    expect(depositsSettledCents).toBe(100_000);

    const m = { invoice: fin, client: aClient(), settings: defaultSettings(), asOf: new Date('2026-03-20T10:00:00Z'), depositsSettledCents };
    const vars = reminderVariables(m);
    expect([plain(vars.grossAmount), plain(vars.paidAmount), plain(vars.balanceAmount)]).toEqual(['11 000,00 €', '2 000,00 €', '6 700,00 €']);
    expect(letterDataFor(m).invoices[0]).toMatchObject({ grossCents: 1_100_000, paidCents: 200_000, balanceCents: 670_000 });
  });

  it('thanks a partial payment on a final invoice with what the client paid so far', async () => {
    const invoices = new FakeInvoiceRepository().add(deposit(100_000)).add(final(100_000));
    const clients = new FakeClientRepository();
    await clients.create('acme', aClient());
    const settings = new FakeSettingsRepository();
    await settings.put('acme', { ...defaultSettings(), thankOnPartial: true });
    const mailer = new FakeMailer();
    const taken = new Set<string>();
    const claims = {
      claim: async (t: string, i: string, _at: string, p?: number) => !taken.has(`${t}|${i}|${p}`) && !!taken.add(`${t}|${i}|${p}`),
      complete: async () => {},
      release: async () => {},
    };
    const thank = makeThankOnPayment({ invoices, clients, settings, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer, claims, clock: fixedClock('2026-03-20T10:00:00Z') });
    expect(await thank('acme', 'fin1', { status: 'sent', paidCents: 0 }, { status: 'partially_paid', paidCents: 100_000 })).toBe('sent');
    const text = plain(mailer.sent[0]!.text);
    expect(text).toContain('2 000,00 € réglés à ce jour');
    expect(text).toContain('il reste 6 700,00 €');
  });

  it('lists the final invoice in a grouped mise en demeure with what was paid, beside its deposit still owed', async () => {
    const pdf = new LetterPdf();
    const members = [
      { invoice: deposit(100_000), payments: [] },
      { invoice: final(100_000), payments: [], depositsSettledCents: 100_000 },
    ];
    const { email } = await composeGroupedReminder({ members, client: aClient(), settings: defaultSettings(), template: defaultTemplate('formal-notice')!, asOf: new Date('2026-04-01T07:00:00Z') }, pdf, ['x@y.test']);
    expect(pdf.letters[0]!.invoices.map((i) => [i.number, i.grossCents, i.paidCents, i.balanceCents])).toEqual([
      ['F-2026-0001', 330_000, 100_000, 230_000],
      ['F-2026-0002', 1_100_000, 200_000, 670_000],
    ]);
    // An owner's own text: the group's « déjà réglé » is the rows' sum, its balance the balances' (the deposit's rest once, on it).
    const own = await composeGroupedReminder({ members, client: aClient(), settings: defaultSettings(), template: defaultTemplate('reminder')!, asOf: new Date('2026-04-01T07:00:00Z'), subject: 'Vos factures', body: 'Déjà réglé {{paidAmount}}, reste {{balanceAmount}}.' }, new FakePdfRenderer(), ['x@y.test']);
    expect(plain(own.email.text)).toContain('Déjà réglé 3 000,00 €, reste 9 000,00 €.');
    expect(email.text).toContain('F-2026-0002');
  });
});
