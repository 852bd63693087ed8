import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, inbox, uniqueEmail } from './http.js';
import { endOfDay, parisToday, runUntil, schedulesOf } from './local-clock.js';

const acme = ownTenant('quotes');
const pdfText = async (base64OrBytes: string | Uint8Array) =>
  (
    await extractText(
      await getDocumentProxy(typeof base64OrBytes === 'string' ? new Uint8Array(Buffer.from(base64OrBytes, 'base64')) : base64OrBytes),
      { mergePages: true },
    )
  ).text.replace(/\s+/g, ' ');

/** €10,000 excl. VAT at 20 % = €12,000 incl. VAT. */
const aQuoteInput = (clientId: string, overrides: Record<string, unknown> = {}) => ({
  clientId,
  issueDate: parisToday(),
  validityDays: 30,
  lines: [
    { description: 'Rénovation salle de bains', quantity: 1, unitPriceCents: 800_000, vatRate: 20 },
    { description: 'Fournitures', quantity: 4, unitPriceCents: 50_000, vatRate: 20 },
  ],
  ...overrides,
});

const newClient = async (label: string, overrides: Record<string, unknown> = {}) => {
  const email = uniqueEmail(label);
  const client = await acme.post('/clients', aBusinessClientInput({ email, ...overrides }));
  return { id: client.json.id as string, email };
};

describe('quotes, deposits, final invoice and credit notes', () => {
  it('runs a job from quote to final invoice: deposit deducted, balances agree', async () => {
    const client = await newClient('job');
    const quote = await acme.post('/quotes', aQuoteInput(client.id));
    expect(quote.status).toBe(201);
    expect(quote.json).toMatchObject({ status: 'pending', totals: { netCents: 1_000_000, vatCents: 200_000, grossCents: 1_200_000 } });

    const sent = await acme.post(`/quotes/${quote.json.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.json.number).toMatch(/^D-\d{4}-\d{4}$/);
    const [mail] = await inbox(client.email);
    expect(mail!.subject).toContain(sent.json.number);
    expect(mail!.attachments).toHaveLength(1);
    const quoteText = await pdfText(mail!.attachments[0]!.content);
    expect(quoteText).toContain(sent.json.number);
    expect(quoteText).toContain('12 000,00 €');
    const served = await acme.get(`/quotes/${quote.json.id}/pdf`);
    expect(served.type).toBe('application/pdf');
    expect(await pdfText(served.bytes!)).toContain(sent.json.number);

    expect((await acme.post(`/quotes/${quote.json.id}/deposits`, { percent: 30 })).status).toBe(422); // not accepted yet
    const accepted = await acme.post(`/quotes/${quote.json.id}/accept`);
    expect(accepted.json.status).toBe('accepted');
    expect((await acme.patch(`/quotes/${quote.json.id}`, { notes: 'x' })).status).toBe(422);

    const deposit = await acme.post(`/quotes/${quote.json.id}/deposits`, { percent: 30 });
    expect(deposit.status).toBe(201);
    expect(deposit.json).toMatchObject({ kind: 'deposit', quoteNumber: sent.json.number, status: 'draft', totals: { netCents: 300_000, vatCents: 60_000, grossCents: 360_000 } });
    const depositSent = await acme.post(`/invoices/${deposit.json.id}/send`);
    expect(depositSent.json.number).toMatch(/^F-\d{4}-\d{4}$/);
    const depositPdf = await acme.get(`/invoices/${deposit.json.id}/pdf`);
    expect(await pdfText(depositPdf.bytes!)).toMatch(/Facture d'acompte|Facture d’acompte/);
    const depositPaid = await acme.post(`/invoices/${deposit.json.id}/payments`, { amountCents: 360_000, date: parisToday() });
    expect(depositPaid.json.invoice.status).toBe('paid');

    const tooMuch = await acme.post(`/quotes/${quote.json.id}/deposits`, { amountCents: 900_000 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json.errors[0].path).toBe('body.amountCents');

    const final = await acme.post(`/quotes/${quote.json.id}/final-invoice`, {});
    expect(final.status).toBe(201);
    expect(final.json).toMatchObject({ kind: 'final', deductedCents: 360_000, balanceCents: 840_000, totals: { grossCents: 1_200_000 } });
    expect(final.json.deductions).toEqual([expect.objectContaining({ invoiceId: deposit.json.id, number: depositSent.json.number, grossCents: 360_000 })]);
    expect((await acme.post(`/quotes/${quote.json.id}/final-invoice`, {})).status).toBe(409);

    // The final invoice still a draft bills nothing yet: only the deposit sent counts as invoiced.
    expect((await acme.get(`/quotes/${quote.json.id}`)).json.job).toMatchObject({ invoicedCents: 360_000, remainingCents: 840_000 });

    const finalSent = await acme.post(`/invoices/${final.json.id}/send`);
    expect(finalSent.json.balanceCents).toBe(840_000);
    const finalText = await pdfText((await acme.get(`/invoices/${final.json.id}/pdf`)).bytes!);
    expect(finalText).toContain(depositSent.json.number);
    expect(finalText).toContain('8 400,00 €');

    const job = await acme.get(`/quotes/${quote.json.id}`);
    expect(job.json.status).toBe('converted');
    expect(job.json.job).toMatchObject({ quotedCents: 1_200_000, invoicedCents: 1_200_000, paidCents: 360_000, remainingCents: 840_000 });
    expect(job.json.job.documents.map((d: { type: string; number: string }) => [d.type, d.number])).toEqual([
      ['deposit', depositSent.json.number],
      ['final', finalSent.json.number],
    ]);

    const quoteEvents = (await acme.get(`/quotes/${quote.json.id}/timeline`)).json.items.map((e: { type: string }) => e.type);
    expect(quoteEvents).toEqual(['quote.created', 'quote.numbered', 'quote.sent', 'quote.accepted', 'quote.deposit_created', 'quote.converted']);

    // A payment on the final invoice that exceeds what remains after deposits is refused.
    expect((await acme.post(`/invoices/${final.json.id}/payments`, { amountCents: 840_001, date: parisToday() })).status).toBe(422);
    const settled = await acme.post(`/invoices/${final.json.id}/payments`, { amountCents: 840_000, date: parisToday() });
    expect(settled.json.invoice.status).toBe('paid');
    expect((await acme.get(`/quotes/${quote.json.id}`)).json.job.remainingCents).toBe(0);
  });

  it('refuses a final invoice whose deposits would exceed the total, and deposits beyond the quote', async () => {
    const client = await newClient('exceed');
    const quote = await acme.post('/quotes', aQuoteInput(client.id));
    await acme.post(`/quotes/${quote.json.id}/send`);
    await acme.post(`/quotes/${quote.json.id}/accept`);
    const d1 = await acme.post(`/quotes/${quote.json.id}/deposits`, { percent: 60 });
    expect(d1.status).toBe(201);
    expect((await acme.post(`/quotes/${quote.json.id}/deposits`, { percent: 50 })).status).toBe(422);
    expect((await acme.post(`/quotes/${quote.json.id}/final-invoice`, {})).status).toBe(422); // draft deposit pending
  });

  it('a full credit note zeroes a sent invoice, cancels it and removes its reminder schedules', async () => {
    const client = await newClient('credit');
    const invoice = await acme.post('/invoices', {
      clientId: client.id,
      issueDate: parisToday(),
      dueDate: addDays(parisToday(), 20),
      lines: [{ description: 'Dépannage', quantity: 2, unitPriceCents: 15_000, vatRate: 10 }],
    });
    const sent = await acme.post(`/invoices/${invoice.json.id}/send`);
    expect(await schedulesOf(invoice.json.id)).toHaveLength(5); // four steps, then the escalation

    const tooBig = await acme.post(`/invoices/${invoice.json.id}/credit-notes`, { amountCents: 33_001, reason: 'Erreur' });
    expect(tooBig.status).toBe(422);
    const credit = await acme.post(`/invoices/${invoice.json.id}/credit-notes`, { reason: 'Intervention annulée' });
    expect(credit.status).toBe(201);
    expect(credit.json.creditNote).toMatchObject({ number: expect.stringMatching(/^A-\d{4}-\d{4}$/), full: true, grossCents: 33_000, netCents: 30_000, vatCents: 3_000, invoiceNumber: sent.json.number });
    expect(credit.json.invoice).toMatchObject({ balanceCents: 0, creditedCents: 33_000, status: 'cancelled' });
    expect(await schedulesOf(invoice.json.id)).toEqual([]);
    const plan = (await acme.get(`/invoices/${invoice.json.id}/reminders`)).json.items;
    expect(plan.every((s: { state: string }) => s.state === 'cancelled')).toBe(true);

    const mails = await inbox(client.email);
    const creditMail = mails.find((m) => m.subject.includes(credit.json.creditNote.number))!;
    expect(creditMail.attachments).toHaveLength(1);
    const text = await pdfText(creditMail.attachments[0]!.content);
    expect(text).toContain(credit.json.creditNote.number);
    expect(text).toContain(sent.json.number);
    const listed = await acme.get(`/invoices/${invoice.json.id}/credit-notes`);
    expect(listed.json.items).toHaveLength(1);
    const pdf = await acme.get(`/invoices/${invoice.json.id}/credit-notes/${credit.json.creditNote.id}/pdf`);
    expect(pdf.type).toBe('application/pdf');
    expect((await acme.post(`/invoices/${invoice.json.id}/credit-notes`, { reason: 'again' })).status).toBe(422);
  });

  it('a partial credit note lowers the balance and keeps the reminders going', async () => {
    const client = await newClient('partial');
    const invoice = await acme.post('/invoices', {
      clientId: client.id,
      issueDate: parisToday(),
      dueDate: addDays(parisToday(), 20),
      lines: [{ description: 'Pose', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }],
    });
    await acme.post(`/invoices/${invoice.json.id}/send`);
    const credit = await acme.post(`/invoices/${invoice.json.id}/credit-notes`, { amountCents: 12_000, reason: 'Geste commercial' });
    expect(credit.json.creditNote).toMatchObject({ full: false, grossCents: 12_000, netCents: 10_000, vatCents: 2_000 });
    expect(credit.json.invoice).toMatchObject({ balanceCents: 108_000, status: 'sent' });
    expect(await schedulesOf(invoice.json.id)).toHaveLength(5); // four steps, then the escalation
  });

  it('follows up a quote left unanswered, and not an accepted one', async () => {
    const waiting = await newClient('waiting');
    const answered = await newClient('answered');
    const q1 = await acme.post('/quotes', aQuoteInput(waiting.id));
    const q2 = await acme.post('/quotes', aQuoteInput(answered.id));
    await acme.post(`/quotes/${q1.json.id}/send`);
    await acme.post(`/quotes/${q2.json.id}/send`);
    expect(await schedulesOf(q1.json.id)).toEqual([]); // quote schedules carry quoteId, not invoiceId
    await acme.post(`/quotes/${q2.json.id}/accept`);

    const fired = await runUntil(endOfDay(addDays(parisToday(), 12)), { tenant: acme.tenant });
    const forQuotes = fired.filter((f) => [q1.json.id, q2.json.id].includes((f.input as unknown as { quoteId?: string }).quoteId ?? ''));
    expect(forQuotes.map((f) => [(f.input as unknown as { quoteId: string }).quoteId, 'outcome' in f.result ? f.result.outcome : 'error'])).toEqual([
      [q1.json.id, 'sent'],
    ]);
    const followUps = (await inbox(waiting.email)).filter((m) => m.subject.startsWith('Votre devis'));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.attachments).toHaveLength(1);
    expect((await inbox(answered.email)).filter((m) => m.subject.startsWith('Votre devis'))).toHaveLength(0);
  });
});
