import { describe, expect, it } from 'vitest';
import { makeIssueCreditNote } from '../../shared/app/credit-notes.js';
import { BusinessRuleError, ConflictError } from '../../shared/app/errors.js';
import { makeCreateDeposit, makeCreateFinalInvoice } from '../../shared/app/job-invoices.js';
import { makeRecordPayment } from '../../shared/app/payments.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { jobView, makeAnswerQuote, makeCreateQuote, makeSendQuote, makeUpdateQuote } from '../../shared/app/quotes.js';
import { makeReconcileQuoteFollowUp, makeSendQuoteFollowUp } from '../../shared/app/reminders/quote-follow-up.js';
import { aClient } from '../fixtures/fakes.js';
import { aQuoteRecord, quoteWorld, TEN_THOUSAND_HT } from '../fixtures/more-fakes.js';
import { defaultSettings } from '../../shared/domain/settings.js';

type World = ReturnType<typeof quoteWorld>;

/** What sending a deposit invoice does to it, without the send use case's PDF and email. */
const issue = async (world: World, invoiceId: string, number: string, overrides: Partial<InvoiceRecord> = {}) => {
  const draft = (await world.invoices.get('acme', invoiceId))!;
  world.invoices.add({ ...draft, status: 'sent', number, sentAt: '2026-03-05T10:00:00.000Z', version: draft.version + 1, ...overrides });
};

const acceptedJob = async (quote = aQuoteRecord()) => {
  const world = quoteWorld('2026-03-05T10:00:00.000Z'); // Thursday 5 Mar 2026, 11:00 in Paris
  await world.quotes.save(quote);
  return {
    world,
    createDeposit: makeCreateDeposit(world),
    createFinal: makeCreateFinalInvoice(world),
    pay: makeRecordPayment(world),
    credit: makeIssueCreditNote(world),
  };
};

describe('quotes', () => {
  it('creates a pending quote valid 30 days by default, with its totals and an empty job', async () => {
    const world = quoteWorld();
    const view = await makeCreateQuote(world)('acme', { clientId: 'c1', issueDate: '2026-03-05', lines: TEN_THOUSAND_HT, currency: 'EUR' });
    expect(view).toMatchObject({ id: '01JINV000001', status: 'pending', validUntil: '2026-04-04', totals: { netCents: 1_000_000, vatCents: 200_000, grossCents: 1_200_000 } });
    expect(view.number).toBeUndefined();
    expect(view.job).toEqual({ quotedCents: 1_200_000, invoicedCents: 0, paidCents: 0, creditedCents: 0, remainingCents: 1_200_000, documents: [] });
  });

  it('refuses a quote for an unknown client, naming body.clientId', async () => {
    const error = await makeCreateQuote(quoteWorld())('acme', { clientId: 'nobody', issueDate: '2026-03-05', lines: TEN_THOUSAND_HT, currency: 'EUR' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as BusinessRuleError).errors.map((e) => e.path)).toEqual(['body.clientId']);
  });

  it('numbers a quote D-2026-0001 when sending it and emails its PDF', async () => {
    const world = quoteWorld();
    const created = await makeCreateQuote(world)('acme', { clientId: 'c1', issueDate: '2026-03-05', lines: TEN_THOUSAND_HT, currency: 'EUR' });
    const sent = await makeSendQuote(world)('acme', created.id);
    expect(sent).toMatchObject({ number: 'D-2026-0001', status: 'pending', sentAt: '2026-03-05T10:00:00.000Z' });
    expect(world.pdf.rendered).toEqual(['quote']);
    expect(world.mailer.sent).toHaveLength(1);
    const [email] = world.mailer.sent;
    expect(email).toMatchObject({ to: ['compta@dupont.test'], subject: 'Devis D-2026-0001 – Plomberie Martin', tags: { tenant: 'acme', quote: created.id, kind: 'quote' } });
    expect(email!.text).toMatch(/d’un montant de 12\s000,00\s€, valable jusqu’au 04\/04\/2026/);
    expect(email!.attachments).toEqual([{ fileName: 'D-2026-0001.pdf', contentType: 'application/pdf', content: new TextEncoder().encode('%PDF-quote') }]);
    const stored = await world.quotes.get('acme', created.id);
    expect(stored?.emailedAt).toBe('2026-03-05T10:00:00.000Z');
    expect(world.quotes.events.get(`acme|${created.id}`)?.map((e) => e.type)).toEqual(['quote.created', 'quote.numbered', 'quote.sent']);
  });

  it('refuses to send a quote under the placeholder name of a new tenant, naming what the settings miss; nothing numbered or emailed', async () => {
    const world = quoteWorld();
    await world.settings.put('acme', defaultSettings());
    const created = await makeCreateQuote(world)('acme', { clientId: 'c1', issueDate: '2026-03-05', lines: TEN_THOUSAND_HT, currency: 'EUR' });
    const refused = await makeSendQuote(world)('acme', created.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BusinessRuleError);
    expect((refused as BusinessRuleError).errors.map((f) => f.path)).toEqual(['settings.company.name', 'settings.company.address', 'settings.company.siren']);
    expect(world.mailer.sent).toEqual([]);
    expect((await world.quotes.get('acme', created.id))?.number).toBeUndefined();
  });

  it('refuses to send a quote twice and gives the next quote D-2026-0002', async () => {
    const world = quoteWorld();
    const create = makeCreateQuote(world);
    const send = makeSendQuote(world);
    const first = await create('acme', { clientId: 'c1', issueDate: '2026-03-05', lines: TEN_THOUSAND_HT, currency: 'EUR' });
    const second = await create('acme', { clientId: 'c1', issueDate: '2026-03-05', lines: TEN_THOUSAND_HT, currency: 'EUR' });
    await send('acme', first.id);
    await expect(send('acme', first.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await send('acme', second.id)).number).toBe('D-2026-0002');
    expect(world.mailer.sent).toHaveLength(2);
  });

  it('edits a pending quote not yet sent and recomputes its totals', async () => {
    const world = quoteWorld();
    await world.quotes.save(aQuoteRecord({ status: 'pending', number: undefined, sentAt: undefined, emailedAt: undefined, acceptedAt: undefined }));
    const view = await makeUpdateQuote(world)('acme', 'q1', { lines: [{ description: 'Plomberie', quantity: 2, unitPriceCents: 50_000, vatRate: 10 }] });
    // 2 × 50,000 = 100,000 net, 10,000 VAT.
    expect(view.totals).toMatchObject({ netCents: 100_000, vatCents: 10_000, grossCents: 110_000 });
  });

  it('refuses to edit a quote once sent, and a validity date before the issue date', async () => {
    const world = quoteWorld();
    await world.quotes.save(aQuoteRecord({ status: 'pending' }));
    await expect(makeUpdateQuote(world)('acme', 'q1', { notes: 'x' })).rejects.toMatchObject({ type: 'https://relances.dev/problems/quote-locked' });
    await world.quotes.save(aQuoteRecord({ id: 'q2', status: 'pending', number: undefined, sentAt: undefined }));
    const error = await makeUpdateQuote(world)('acme', 'q2', { validUntil: '2026-03-01' }).catch((e: unknown) => e);
    expect((error as BusinessRuleError).errors.map((e) => e.path)).toEqual(['body.validUntil']);
  });

  it('records the acceptance of a sent quote', async () => {
    const world = quoteWorld();
    await world.quotes.save(aQuoteRecord({ status: 'pending', acceptedAt: undefined }));
    const view = await makeAnswerQuote(world)('acme', 'q1', 'accepted');
    expect(view).toMatchObject({ status: 'accepted', acceptedAt: '2026-03-05T10:00:00.000Z' });
  });

  it('refuses to record an answer to an unsent, an expired or an already answered quote', async () => {
    const world = quoteWorld('2026-04-01T10:00:00.000Z');
    const answer = makeAnswerQuote(world);
    await world.quotes.save(aQuoteRecord({ id: 'unsent', status: 'pending', number: undefined, sentAt: undefined, validUntil: '2026-04-30' }));
    await world.quotes.save(aQuoteRecord({ id: 'expired', status: 'pending', validUntil: '2026-03-31' }));
    await world.quotes.save(aQuoteRecord({ id: 'refused', status: 'refused', validUntil: '2026-04-30' }));
    await expect(answer('acme', 'unsent', 'accepted')).rejects.toMatchObject({ status: 422, type: 'https://relances.dev/problems/quote-not-sent' });
    await expect(answer('acme', 'expired', 'accepted')).rejects.toMatchObject({ status: 422, message: 'The quote is expired' });
    await expect(answer('acme', 'refused', 'accepted')).rejects.toBeInstanceOf(BusinessRuleError);
    expect((await world.quotes.get('acme', 'expired'))?.status).toBe('pending');
  });
});

describe('deposit invoices', () => {
  it('refuses a deposit on a quote that is not accepted (422)', async () => {
    for (const status of ['pending', 'refused'] as const) {
      const { createDeposit } = await acceptedJob(aQuoteRecord({ status }));
      const error = await createDeposit('acme', 'q1', { percent: 30 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BusinessRuleError);
      expect(error).toMatchObject({ status: 422, type: 'https://relances.dev/problems/quote-not-accepted' });
    }
  });

  it('creates a 30 % deposit draft of 360,000 gross, linked to the quote, due in 30 days', async () => {
    const { world, createDeposit } = await acceptedJob();
    const deposit = await createDeposit('acme', 'q1', { percent: 30 });
    expect(deposit).toMatchObject({
      kind: 'deposit',
      status: 'draft',
      quoteId: 'q1',
      quoteNumber: 'D-2026-0001',
      issueDate: '2026-03-05',
      dueDate: '2026-04-04',
      totals: { netCents: 300_000, vatCents: 60_000, grossCents: 360_000 },
      balanceCents: 360_000,
    });
    expect(deposit.lines).toEqual([{ description: 'Acompte de 30\u00a0% sur devis D-2026-0001', quantity: 1, unitPriceCents: 300_000, vatRate: 20 }]);
    expect((await world.quotes.get('acme', 'q1'))?.depositInvoiceIds).toEqual([deposit.id]);
  });

  it('lets deposits reach the quote total but not exceed it', async () => {
    const { world, createDeposit } = await acceptedJob();
    await createDeposit('acme', 'q1', { percent: 30 }); // 360,000
    const tooMuch = await createDeposit('acme', 'q1', { amountCents: 840_001 }).catch((e: unknown) => e);
    expect(tooMuch).toMatchObject({ type: 'https://relances.dev/problems/deposit-exceeds-quote' });
    expect((tooMuch as BusinessRuleError).errors).toEqual([{ path: 'body.amountCents', message: 'must leave deposits within the quote total (840000 cents left)' }]);
    const byPercent = await createDeposit('acme', 'q1', { percent: 80 }).catch((e: unknown) => e);
    expect((byPercent as BusinessRuleError).errors.map((e) => e.path)).toEqual(['body.percent']);
    // 360,000 + 840,000 = 1,200,000: exactly the quote.
    await expect(createDeposit('acme', 'q1', { amountCents: 840_000 })).resolves.toMatchObject({ totals: { grossCents: 840_000 } });
    expect((await world.quotes.get('acme', 'q1'))?.depositInvoiceIds).toHaveLength(2);
  });

  it('frees the amount of a cancelled (fully credited) deposit', async () => {
    const { world, createDeposit, credit } = await acceptedJob();
    const first = await createDeposit('acme', 'q1', { percent: 100 });
    await issue(world, first.id, 'F-2026-0001');
    await credit('acme', first.id, { reason: 'Erreur de montant' });
    await expect(createDeposit('acme', 'q1', { percent: 30 })).resolves.toMatchObject({ totals: { grossCents: 360_000 } });
  });
});

describe('final invoice', () => {
  it('refuses while a deposit invoice is still a draft', async () => {
    const { createDeposit, createFinal } = await acceptedJob();
    await createDeposit('acme', 'q1', { percent: 30 });
    await expect(createFinal('acme', 'q1', {})).rejects.toMatchObject({ status: 422, type: 'https://relances.dev/problems/deposit-not-issued' });
  });

  it('lists and deducts each issued deposit: 1,200,000 − 360,000 = 840,000 due', async () => {
    const { world, createDeposit, createFinal } = await acceptedJob();
    const deposit = await createDeposit('acme', 'q1', { percent: 30 });
    await issue(world, deposit.id, 'F-2026-0001');
    const final = await createFinal('acme', 'q1', { paymentTermsDays: 45 });
    expect(final).toMatchObject({
      kind: 'final',
      status: 'draft',
      quoteId: 'q1',
      lines: TEN_THOUSAND_HT,
      totals: { grossCents: 1_200_000 },
      deductedCents: 360_000,
      balanceCents: 840_000,
      dueDate: '2026-04-19', // 5 Mar + 45 days
    });
    expect(final.deductions).toEqual([
      { invoiceId: deposit.id, number: 'F-2026-0001', issueDate: '2026-03-05', netCents: 300_000, vatCents: 60_000, grossCents: 360_000, vatBreakdown: [{ vatRate: 20, netCents: 300_000, vatCents: 60_000 }] },
    ]);
    expect(await world.quotes.get('acme', 'q1')).toMatchObject({ status: 'converted', finalInvoiceId: final.id });
  });

  it('does not deduct a cancelled deposit', async () => {
    const { world, createDeposit, createFinal, credit } = await acceptedJob();
    const deposit = await createDeposit('acme', 'q1', { percent: 30 });
    await issue(world, deposit.id, 'F-2026-0001');
    await credit('acme', deposit.id, { reason: 'Acompte annulé' });
    const final = await createFinal('acme', 'q1', {});
    expect(final).toMatchObject({ deductedCents: 0, deductions: [], balanceCents: 1_200_000 });
  });

  it('refuses a second final invoice with a ConflictError', async () => {
    const { createFinal } = await acceptedJob();
    await createFinal('acme', 'q1', {});
    await expect(createFinal('acme', 'q1', {})).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('jobView', () => {
  it('sums what was quoted, invoiced, paid and credited over the deposit and the final invoice', async () => {
    const { world, createDeposit, createFinal, pay, credit } = await acceptedJob();
    const deposit = await createDeposit('acme', 'q1', { percent: 30 });
    await issue(world, deposit.id, 'F-2026-0001');
    await pay('acme', deposit.id, { amountCents: 360_000, date: '2026-03-05', method: 'transfer' });
    const final = await createFinal('acme', 'q1', {});
    await issue(world, final.id, 'F-2026-0002');
    await pay('acme', final.id, { amountCents: 400_000, date: '2026-03-05', method: 'transfer' });
    await credit('acme', final.id, { amountCents: 40_000, reason: 'Finitions non réalisées' });

    const view = await jobView(world.invoices, (await world.quotes.get('acme', 'q1'))!, '2026-03-05');
    // invoiced 360,000 + (1,200,000 − 360,000) − 40,000 credited = 1,160,000; paid 360,000 + 400,000 = 760,000;
    // remaining 1,200,000 − 760,000 − 40,000 = 400,000 = the final invoice's balance.
    expect(view.status).toBe('converted');
    expect(view.job).toMatchObject({ quotedCents: 1_200_000, invoicedCents: 1_160_000, paidCents: 760_000, creditedCents: 40_000, remainingCents: 400_000 });
    expect(view.job.documents).toEqual([
      { type: 'deposit', id: deposit.id, number: 'F-2026-0001', issueDate: '2026-03-05', status: 'paid', grossCents: 360_000, paidCents: 360_000, balanceCents: 0 },
      { type: 'final', id: final.id, number: 'F-2026-0002', issueDate: '2026-03-05', status: 'partially_paid', grossCents: 840_000, paidCents: 400_000, balanceCents: 400_000 },
    ]);
  });

  it('shows a pending quote past its validity as expired', async () => {
    const world = quoteWorld();
    const view = await jobView(world.invoices, aQuoteRecord({ status: 'pending', validUntil: '2026-03-31' }), '2026-04-01');
    expect(view.status).toBe('expired');
  });
});

describe('quote follow-up', () => {
  // Sent Monday 2 Mar 2026 at 10:30 Paris; default settings: follow-up 7 days later at 09:00.
  const pendingQuote = () => aQuoteRecord({ status: 'pending', acceptedAt: undefined, sentAt: '2026-03-02T09:30:00.000Z' });
  const fired = { tenantId: 'acme', quoteId: 'q1', stepId: 'quote-follow-up' as const, scheduledAt: '2026-03-09T08:00:00.000Z', scheduledTime: '2026-03-09T08:00:00Z' };

  const followUpWorld = async (quote = pendingQuote()) => {
    const world = quoteWorld('2026-03-09T08:00:03.000Z');
    await world.quotes.save(quote);
    return { world, send: makeSendQuoteFollowUp(world), reconcile: makeReconcileQuoteFollowUp(world) };
  };

  it('schedules one follow-up on Mon 9 Mar 09:00 Paris and removes it once the quote is accepted', async () => {
    const { world, reconcile } = await followUpWorld();
    world.clock.set('2026-03-02T09:31:00.000Z');
    expect(await reconcile('acme', 'q1')).toEqual({ created: ['rq-q1-f-202603090800'], deleted: [] });
    expect(world.scheduler.schedules.get('rq-q1-f-202603090800')).toMatchObject({
      localTime: '2026-03-09T09:00:00',
      timeZone: 'Europe/Paris',
      input: { tenantId: 'acme', quoteId: 'q1', stepId: 'quote-follow-up', scheduledAt: '2026-03-09T08:00:00.000Z' },
    });
    expect(await reconcile('acme', 'q1')).toEqual({ created: [], deleted: [] });
    await world.quotes.save({ ...(await world.quotes.get('acme', 'q1'))!, status: 'accepted' });
    expect(await reconcile('acme', 'q1')).toEqual({ created: [], deleted: ['rq-q1-f-202603090800'] });
    expect(world.scheduler.schedules.size).toBe(0);
  });

  it('sends the follow-up once with the quote PDF; a second delivery is skipped as already-sent', async () => {
    const { world, send } = await followUpWorld();
    await expect(send(fired)).resolves.toEqual({ outcome: 'sent', messageId: 'msg-1', stepId: 'quote-follow-up' });
    await expect(send(fired)).resolves.toEqual({ outcome: 'skipped', reason: 'already-sent', stepId: 'quote-follow-up' });
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.mailer.sent[0]).toMatchObject({ subject: 'Votre devis D-2026-0001 – Plomberie Martin', attachments: [{ fileName: 'D-2026-0001.pdf' }] });
    expect((await world.quotes.get('acme', 'q1'))?.followUpSentAt).toBe('2026-03-09T08:00:03.000Z');
  });

  it('skips the follow-up of a quote accepted meanwhile', async () => {
    const { world, send } = await followUpWorld(aQuoteRecord({ sentAt: '2026-03-02T09:30:00.000Z' }));
    await expect(send(fired)).resolves.toEqual({ outcome: 'skipped', reason: 'accepted', stepId: 'quote-follow-up' });
    expect(world.mailer.sent).toEqual([]);
  });

  it('skips the follow-up for a client who turned reminders off', async () => {
    const { world, send } = await followUpWorld();
    await world.clients.replace('acme', aClient({ remindersEnabled: false }));
    await expect(send(fired)).resolves.toEqual({ outcome: 'skipped', reason: 'opt_out', stepId: 'quote-follow-up' });
    expect(world.mailer.sent).toEqual([]);
  });

  it('skips a schedule planned for another instant as stale', async () => {
    const { world, send } = await followUpWorld();
    await expect(send({ ...fired, scheduledAt: '2026-03-10T08:00:00.000Z' })).resolves.toMatchObject({ outcome: 'skipped', reason: 'stale' });
    expect(world.mailer.sent).toEqual([]);
  });
});
