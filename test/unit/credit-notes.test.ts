import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditSplit, makeIssueCreditNote, makeListCreditNotes, makeSendCreditNote } from '../../shared/app/credit-notes.js';
import { BusinessRuleError } from '../../shared/app/errors.js';
import type { InvoiceRecord, Mailer } from '../../shared/app/ports.js';
import { invoiceTotals, type InvoiceLine } from '../../shared/domain/invoice.js';
import { VAT_RATES, type VatRate } from '../../shared/domain/money.js';
import { anInvoiceRecord } from '../fixtures/fakes.js';
import { quoteWorld } from '../fixtures/more-fakes.js';

const line = (unitPriceCents: number, vatRate: VatRate, quantity = 1): InvoiceLine => ({ description: 'x', quantity, unitPriceCents, vatRate });
const withLines = (lines: InvoiceLine[], overrides: Partial<InvoiceRecord> = {}) => anInvoiceRecord({ lines, totals: invoiceTotals(lines), ...overrides });

/** €5,000 HT at 20 % + €3,000 HT at 10 %: 600,000 + 330,000 = 930,000 cents gross. */
const MIXED = withLines([line(500_000, 20), line(300_000, 10)]);

const rowGross = (r: { netCents: number; vatCents: number }) => r.netCents + r.vatCents;

describe('creditSplit', () => {
  it('reverses the VAT of a single-rate invoice: 60,000 gross at 20 % = 50,000 net + 10,000 VAT', () => {
    expect(creditSplit(anInvoiceRecord(), 60_000)).toEqual({
      vatBreakdown: [{ vatRate: 20, netCents: 50_000, vatCents: 10_000 }],
      netCents: 50_000,
      vatCents: 10_000,
    });
  });

  it('splits a mixed-rate credit in proportion to each rate gross', () => {
    // 93,000 = 10 % of 930,000: 60,000 at 20 % (50,000 + 10,000) and 33,000 at 10 % (30,000 + 3,000).
    expect(creditSplit(MIXED, 93_000).vatBreakdown).toEqual([
      { vatRate: 20, netCents: 50_000, vatCents: 10_000 },
      { vatRate: 10, netCents: 30_000, vatCents: 3_000 },
    ]);
  });

  it('gives the rounding to the last rate so the rows add up to the amount', () => {
    // 600,000 × 100 / 930,000 = 64.5 → 65 at 20 %: net 65 / 1.2 = 54.17 → 54, VAT 11.
    // Last row 100 − 65 = 35 at 10 %: net 35 / 1.1 = 31.8 → 32, VAT 3.
    expect(creditSplit(MIXED, 100)).toEqual({
      vatBreakdown: [
        { vatRate: 20, netCents: 54, vatCents: 11 },
        { vatRate: 10, netCents: 32, vatCents: 3 },
      ],
      netCents: 86,
      vatCents: 14,
    });
  });

  const arbInvoice = (maxRates: number) =>
    fc
      .uniqueArray(fc.record({ unitPriceCents: fc.integer({ min: 0, max: 2_000_000 }), quantityMilli: fc.integer({ min: 1, max: 10_000 }), vatRate: fc.constantFrom(...VAT_RATES) }), {
        minLength: 1,
        maxLength: maxRates,
        selector: (l) => l.vatRate,
      })
      .chain((rates) =>
        // Several lines per rate, so per-line rounding differs from the row's.
        fc.tuple(fc.constant(rates), fc.array(fc.integer({ min: 0, max: rates.length - 1 }), { maxLength: 10 })),
      )
      .map(([rates, extra]) => withLines([...rates, ...extra.map((i) => rates[i]!)].map((l) => line(l.unitPriceCents, l.vatRate, l.quantityMilli / 1000))))
      .filter((inv) => inv.totals.grossCents > 0);
  const arbCredit = (maxRates: number) =>
    arbInvoice(maxRates).chain((inv) => fc.tuple(fc.constant(inv), fc.integer({ min: 1, max: inv.totals.grossCents })));

  it('for any invoice and amount, net + VAT = amount exactly and each row VAT is its rate of its net to the cent', () => {
    fc.assert(
      fc.property(arbCredit(5), ([invoice, amount]) => {
        const split = creditSplit(invoice, amount);
        expect(split.netCents + split.vatCents).toBe(amount);
        expect(split.vatBreakdown.reduce((s, r) => s + rowGross(r), 0)).toBe(amount);
        expect(split.netCents).toBe(split.vatBreakdown.reduce((s, r) => s + r.netCents, 0));
        expect(split.vatBreakdown.map((r) => r.vatRate)).toEqual(invoice.totals.vatBreakdown.filter((r) => rowGross(r) > 0).map((r) => r.vatRate));
        for (const r of split.vatBreakdown) expect(Math.abs(r.vatCents - (r.netCents * r.vatRate) / 100)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('for any invoice with up to three VAT rates, every row of the credit is non-negative and within 1 cent of its share', () => {
    fc.assert(
      fc.property(arbCredit(3), ([invoice, amount]) => {
        const rows = invoice.totals.vatBreakdown.filter((r) => rowGross(r) > 0);
        creditSplit(invoice, amount).vatBreakdown.forEach((r, i) => {
          expect(r.netCents).toBeGreaterThanOrEqual(0);
          expect(r.vatCents).toBeGreaterThanOrEqual(0);
          const share = (rowGross(rows[i]!) * amount) / invoice.totals.grossCents;
          expect(Math.abs(rowGross(r) - share)).toBeLessThanOrEqual(rows.length - 1 + 0.5);
        });
      }),
    );
  });

  it('for a credit of the whole invoice, gives back each rate exactly', () => {
    fc.assert(
      fc.property(arbInvoice(5), (invoice) => {
        const rows = invoice.totals.vatBreakdown.filter((r) => rowGross(r) > 0);
        expect(creditSplit(invoice, invoice.totals.grossCents).vatBreakdown.map(rowGross)).toEqual(rows.map(rowGross));
      }),
    );
  });
});

const setup = (invoice: InvoiceRecord, mailer?: Mailer) => {
  const world = quoteWorld('2026-03-05T10:00:00.000Z');
  world.invoices.add(invoice);
  const issue = makeIssueCreditNote({ ...world, ...(mailer ? { mailer } : {}) });
  return { ...world, issue };
};

describe('makeIssueCreditNote', () => {
  it('cancels an unpaid invoice credited in full: balance 0, credit note A-2026-0001 for 120,000', async () => {
    const { issue, invoices, mailer } = setup(anInvoiceRecord());
    const { creditNote, invoice } = await issue('acme', 'inv1', { reason: 'Chantier annulé' });
    expect(creditNote).toMatchObject({
      number: 'A-2026-0001',
      invoiceNumber: 'F-2026-0001',
      invoiceIssueDate: '2026-02-10',
      issueDate: '2026-03-05',
      full: true,
      grossCents: 120_000,
      netCents: 100_000,
      vatCents: 20_000,
    });
    expect(invoice).toMatchObject({ status: 'cancelled', balanceCents: 0, creditedCents: 120_000 });
    expect((await invoices.get('acme', 'inv1'))?.status).toBe('cancelled');
    expect((await invoices.creditNotes('acme', 'inv1')).map((c) => c.number)).toEqual(['A-2026-0001']);
    // Its email recorded with SES's message id, on the credit note and the timeline (the proof file's).
    expect(invoices.events.get('acme|inv1')?.map((e) => e.type)).toEqual(['credit_note.issued', 'invoice.status_changed', 'credit_note.sent']);
    expect(invoices.events.get('acme|inv1')?.at(-1)).toMatchObject({ data: { creditNote: 'A-2026-0001', to: 'compta@dupont.test', messageId: 'msg-1' } });
    expect((await invoices.creditNotes('acme', 'inv1'))[0]).toMatchObject({ emailStatus: 'sent', emailedTo: 'compta@dupont.test', messageId: 'msg-1', emailedAt: '2026-03-05T10:00:00.000Z' });
    expect((await invoices.creditNotes('acme', 'inv1'))[0]!.emailClaimedAt).toBeUndefined();
    expect(creditNote).not.toHaveProperty('emailClaimedAt');
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: ['compta@dupont.test'], subject: 'Avoir A-2026-0001 sur la facture F-2026-0001' });
    expect(mailer.sent[0]!.attachments?.map((a) => a.fileName)).toEqual(['A-2026-0001.pdf']);
  });

  it('reduces the balance of a partly paid invoice and keeps its status', async () => {
    const { issue } = setup(anInvoiceRecord({ status: 'partially_paid', paidCents: 50_000 }));
    const { creditNote, invoice } = await issue('acme', 'inv1', { amountCents: 20_000, reason: 'Geste commercial' });
    // 120,000 − 50,000 paid − 20,000 credited = 50,000
    expect(invoice).toMatchObject({ status: 'partially_paid', balanceCents: 50_000, creditedCents: 20_000 });
    expect(creditNote).toMatchObject({ full: false, grossCents: 20_000, netCents: 16_667, vatCents: 3_333 });
  });

  it('keeps an unpaid invoice sent after a partial credit', async () => {
    const { issue } = setup(anInvoiceRecord());
    const { invoice } = await issue('acme', 'inv1', { amountCents: 12_000, reason: 'Remise' });
    expect(invoice).toMatchObject({ status: 'sent', balanceCents: 108_000 });
  });

  it('marks paid an invoice whose remaining balance is credited after payments', async () => {
    const { issue } = setup(anInvoiceRecord({ status: 'partially_paid', paidCents: 119_995 }));
    const { creditNote, invoice } = await issue('acme', 'inv1', { reason: 'Écart de règlement' });
    expect(creditNote).toMatchObject({ grossCents: 5, full: false });
    expect(invoice).toMatchObject({ status: 'paid', balanceCents: 0 });
  });

  it('credits a final invoice up to its balance after deposits and cancels it', async () => {
    // 1,200,000 − 360,000 deducted = 840,000 due.
    const lines = [line(1_000_000, 20)];
    const { issue } = setup(withLines(lines, { kind: 'final', deductedCents: 360_000 }));
    const { creditNote, invoice } = await issue('acme', 'inv1', { reason: 'Annulation du solde' });
    expect(creditNote).toMatchObject({ grossCents: 840_000, netCents: 700_000, vatCents: 140_000, full: true });
    expect(invoice).toMatchObject({ status: 'cancelled', balanceCents: 0 });
  });

  it('refuses to credit a paid invoice as settled, not as an amount "between 1 and 0 cents"', async () => {
    const { issue, invoices, mailer } = setup(anInvoiceRecord({ status: 'paid', paidCents: 120_000 }));
    for (const input of [{ reason: 'Remboursement' }, { amountCents: 100, reason: 'Geste' }]) {
      const error = await issue('acme', 'inv1', input).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 422, type: 'https://relances.dev/problems/invoice-settled', message: 'A paid invoice with nothing left to pay cannot be credited' });
    }
    expect(await invoices.get('acme', 'inv1')).toMatchObject({ creditedCents: 0, status: 'paid' });
    expect(await invoices.creditNotes('acme', 'inv1')).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('refuses an amount over the balance, naming body.amountCents, and changes nothing', async () => {
    const { issue, invoices, mailer } = setup(anInvoiceRecord({ status: 'partially_paid', paidCents: 50_000 }));
    const error = await issue('acme', 'inv1', { amountCents: 70_001, reason: 'Trop' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ status: 422, type: 'https://relances.dev/problems/credit-exceeds-balance' });
    expect((error as BusinessRuleError).errors.map((e) => e.path)).toEqual(['body.amountCents']);
    expect(await invoices.get('acme', 'inv1')).toMatchObject({ creditedCents: 0, status: 'partially_paid' });
    expect(await invoices.creditNotes('acme', 'inv1')).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('refuses a credit note dated after today or before the invoice it credits, naming body.issueDate, and changes nothing', async () => {
    // Dated ahead, it would take the next year's first number now and lower today's balance for a later day;
    // dated before its invoice, it would credit what was not yet billed (and number it in a closed year).
    for (const [issueDate, type, message] of [
      ['2026-03-06', 'credit-note-in-future', 'is after today (2026-03-05)'],
      ['2026-02-09', 'credit-note-before-invoice', 'must not be before the invoice date (2026-02-10)'],
    ] as const) {
      const { issue, invoices, mailer } = setup(anInvoiceRecord());
      const error = await issue('acme', 'inv1', { amountCents: 10_000, reason: 'Remise', issueDate }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BusinessRuleError);
      expect(error).toMatchObject({ status: 422, type: `https://relances.dev/problems/${type}` });
      expect((error as BusinessRuleError).errors).toEqual([{ path: 'body.issueDate', message }]);
      expect(await invoices.get('acme', 'inv1')).toMatchObject({ creditedCents: 0, status: 'sent' });
      expect(await invoices.creditNotes('acme', 'inv1')).toEqual([]);
      expect(mailer.sent).toEqual([]);
    }
    // The invoice's own day and today are fine.
    for (const issueDate of ['2026-02-10', '2026-03-05']) {
      const { issue } = setup(anInvoiceRecord());
      await expect(issue('acme', 'inv1', { amountCents: 10_000, reason: 'Remise', issueDate })).resolves.toMatchObject({ creditNote: { issueDate } });
    }
  });

  it('reverses each VAT rate of an invoice to the cent once its credit notes cover it all, however many partial ones came first', async () => {
    // 3 × 33,33 at 20 %, 7,77 at 5,5 %, 2,5 × 10,01 at 10 %: each partial note rounds its own rows; the one
    // that completes the credit takes what is left of each rate (a cancelled invoice kept 1 cent of VAT due).
    const invoice = withLines([line(3_333, 20, 3), line(777, 5.5), line(1_001, 10, 2.5)]);
    const { issue, invoices } = setup(invoice);
    for (const amountCents of [1, 333, 4_999, 7]) await issue('acme', 'inv1', { amountCents, reason: 'Remise' });
    await issue('acme', 'inv1', { reason: 'Annulation' }, { cancel: true });
    const notes = await invoices.creditNotes('acme', 'inv1');
    const byRate = new Map<number, { netCents: number; vatCents: number }>();
    for (const n of notes) {
      for (const r of n.vatBreakdown) {
        const t = byRate.get(r.vatRate) ?? { netCents: 0, vatCents: 0 };
        byRate.set(r.vatRate, { netCents: t.netCents + r.netCents, vatCents: t.vatCents + r.vatCents });
        expect(r.netCents).toBeGreaterThanOrEqual(0);
        expect(r.vatCents).toBeGreaterThanOrEqual(0);
      }
      expect(n.netCents + n.vatCents).toBe(n.grossCents);
    }
    expect(Object.fromEntries(byRate)).toEqual(Object.fromEntries(invoice.totals.vatBreakdown.map((r) => [r.vatRate, { netCents: r.netCents, vatCents: r.vatCents }])));
    expect(notes.reduce((s, n) => s + n.vatCents, 0)).toBe(invoice.totals.vatCents);
  });

  it('accepts exactly the balance (70,000 on 120,000 with 50,000 paid)', async () => {
    const { issue } = setup(anInvoiceRecord({ status: 'partially_paid', paidCents: 50_000 }));
    await expect(issue('acme', 'inv1', { amountCents: 70_000, reason: 'Solde' })).resolves.toMatchObject({ invoice: { status: 'paid', balanceCents: 0 } });
  });

  it('refuses to credit a draft or an already cancelled invoice', async () => {
    const draft = setup(anInvoiceRecord({ status: 'draft', number: undefined }));
    await expect(draft.issue('acme', 'inv1', { reason: 'x' })).rejects.toMatchObject({ type: 'https://relances.dev/problems/invoice-not-sent' });
    const cancelled = setup(anInvoiceRecord({ status: 'cancelled', creditedCents: 120_000 }));
    await expect(cancelled.issue('acme', 'inv1', { reason: 'x' })).rejects.toBeInstanceOf(BusinessRuleError);
    expect(await cancelled.invoices.creditNotes('acme', 'inv1')).toEqual([]);
  });

  it('numbers successive credit notes in one gapless A- sequence', async () => {
    const { issue } = setup(anInvoiceRecord());
    const first = await issue('acme', 'inv1', { amountCents: 10_000, reason: 'Remise 1' });
    const second = await issue('acme', 'inv1', { amountCents: 10_000, reason: 'Remise 2' });
    expect([first.creditNote.number, second.creditNote.number]).toEqual(['A-2026-0001', 'A-2026-0002']);
    expect(second.invoice).toMatchObject({ creditedCents: 20_000, balanceCents: 100_000 });
  });

  it('keeps a numbered credit note when its email fails, and records the failure', async () => {
    const failing: Mailer = { send: async () => Promise.reject(new Error('SES down')) };
    const { issue, invoices } = setup(anInvoiceRecord(), failing);
    const { creditNote, emailStatus } = await issue('acme', 'inv1', { reason: 'Chantier annulé' });
    expect(creditNote.number).toBe('A-2026-0001');
    // The answer says the email did not leave; the event (which alerts the owner) names the credit note.
    expect(emailStatus).toBe('failed');
    expect(invoices.events.get('acme|inv1')?.at(-1)).toMatchObject({ type: 'credit_note.email_failed', data: { number: 'A-2026-0001', creditNote: 'A-2026-0001' } });
    expect(creditNote.emailStatus).toBe('failed');
    expect((await invoices.creditNotes('acme', 'inv1'))[0]).toMatchObject({ emailStatus: 'failed' });
  });

  it('says the email left when it did', async () => {
    const { issue } = setup(anInvoiceRecord());
    expect((await issue('acme', 'inv1', { reason: 'Remise' })).emailStatus).toBe('sent');
  });
});

describe('makeSendCreditNote (POST /invoices/{id}/credit-notes/{creditNoteId}/send)', () => {
  /** A mailer SES refuses while `down`, else like FakeMailer. */
  const switchable = () => {
    const sent: Parameters<Mailer['send']>[0][] = [];
    const state = { down: true };
    const mailer: Mailer = { send: async (email) => (state.down ? Promise.reject(new Error('SES down')) : (sent.push(email), { messageId: `again-${sent.length}` })) };
    return { mailer, sent, state };
  };

  it('emails a credit note whose email failed, and records it sent with its message id', async () => {
    const ses = switchable();
    const w = setup(anInvoiceRecord(), ses.mailer);
    const { creditNote } = await w.issue('acme', 'inv1', { reason: 'Chantier annulé' });
    ses.state.down = false;
    const send = makeSendCreditNote({ ...w, mailer: ses.mailer });
    const again = await send('acme', 'inv1', creditNote.id);
    expect(again).toMatchObject({ emailStatus: 'sent', creditNote: { id: creditNote.id, number: 'A-2026-0001', emailStatus: 'sent', messageId: 'again-1' }, invoice: { id: 'inv1', status: 'cancelled' } });
    expect(ses.sent.map((m) => [m.to, m.subject, m.attachments?.map((a) => a.fileName)])).toEqual([[['compta@dupont.test'], 'Avoir A-2026-0001 sur la facture F-2026-0001', ['A-2026-0001.pdf']]]);
    expect(w.invoices.events.get('acme|inv1')?.map((e) => e.type).slice(-2)).toEqual(['credit_note.email_failed', 'credit_note.sent']);
    expect(w.invoices.events.get('acme|inv1')?.at(-1)).toMatchObject({ data: { creditNote: 'A-2026-0001', to: 'compta@dupont.test', messageId: 'again-1' } });
    // The list shows it sent, and never the claim.
    const [listed] = await makeListCreditNotes(w)('acme', 'inv1');
    expect(listed).toMatchObject({ emailStatus: 'sent', messageId: 'again-1', emailedTo: 'compta@dupont.test' });
    expect(listed).not.toHaveProperty('emailClaimedAt');
  });

  it('says failed when SES refuses it again, and records that', async () => {
    const ses = switchable();
    const w = setup(anInvoiceRecord(), ses.mailer);
    const { creditNote } = await w.issue('acme', 'inv1', { reason: 'Remise', amountCents: 1_000 });
    const again = await makeSendCreditNote({ ...w, mailer: ses.mailer })('acme', 'inv1', creditNote.id);
    expect(again.emailStatus).toBe('failed');
    expect(w.invoices.events.get('acme|inv1')?.filter((e) => e.type === 'credit_note.email_failed')).toHaveLength(2);
    expect((await w.invoices.creditNotes('acme', 'inv1'))[0]).toMatchObject({ emailStatus: 'failed' });
    expect((await w.invoices.creditNotes('acme', 'inv1'))[0]!.emailClaimedAt).toBeUndefined();
  });

  it('sends once when asked twice at the same time: the second is a 409 naming path.creditNoteId', async () => {
    const w = setup(anInvoiceRecord());
    const { creditNote } = await w.issue('acme', 'inv1', { reason: 'Remise', amountCents: 1_000 });
    // SES answers the first send only when told: the second request comes while it is under way.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const slow: Mailer = { send: async (email) => (await held, sent.push(email.subject), { messageId: 'slow-1' }) };
    const send = makeSendCreditNote({ ...w, mailer: slow });
    const first = send('acme', 'inv1', creditNote.id);
    await new Promise((r) => setTimeout(r, 10));
    await expect(send('acme', 'inv1', creditNote.id)).rejects.toMatchObject({ status: 409, errors: [{ path: 'path.creditNoteId' }] });
    release();
    expect((await first).emailStatus).toBe('sent');
    expect(sent).toHaveLength(1);
    // Once recorded, the owner may send it again.
    expect((await send('acme', 'inv1', creditNote.id)).emailStatus).toBe('sent');
    expect(sent).toHaveLength(2);
  });

  it('takes over a claim left by a send that died (older than a minute)', async () => {
    const w = setup(anInvoiceRecord());
    const { creditNote } = await w.issue('acme', 'inv1', { reason: 'Remise', amountCents: 1_000 });
    expect(await w.invoices.claimCreditNoteEmail('acme', 'inv1', creditNote.id, '2026-03-05T09:58:59.000Z', '2026-03-05T09:57:00.000Z')).toBe(true);
    const send = makeSendCreditNote(w);
    expect((await send('acme', 'inv1', creditNote.id)).emailStatus).toBe('sent');
  });

  it('is a 404 for a credit note or an invoice that does not exist', async () => {
    const w = setup(anInvoiceRecord());
    const { creditNote } = await w.issue('acme', 'inv1', { reason: 'Remise', amountCents: 1_000 });
    const send = makeSendCreditNote(w);
    await expect(send('acme', 'inv1', 'nope')).rejects.toMatchObject({ status: 404 });
    await expect(send('acme', 'nope', creditNote.id)).rejects.toMatchObject({ status: 404 });
    await expect(send('other', 'inv1', creditNote.id)).rejects.toMatchObject({ status: 404 });
  });
});
