/**
 * A partial payment made while late: the reminder's `{{penaltiesAmount}}`, the mise en demeure (sent
 * by email, produced by a letter step, alone or grouped) and the proof file claim the same penalties,
 * counted on what was unpaid each day. Real use cases over the in-memory fakes.
 */
import { describe, expect, it } from 'vitest';
import { makeSendReminderNow } from '../../shared/app/reminders/send-reminder-now.js';
import { composeGroupedReminder } from '../../shared/app/reminders/compose-grouped.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeProofFile, type ProofFileData } from '../../shared/app/proof-file.js';
import { invoiceTotals, type InvoiceLine } from '../../shared/domain/invoice.js';
import { formatEuros } from '../../shared/domain/money.js';
import { latePenaltyCents, penaltyRateFor } from '../../shared/domain/penalties.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { LetterData } from '../../shared/domain/letter.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { PaymentRecord } from '../../shared/app/ports.js';
import {
  aClient,
  anInvoiceRecord,
  FakeClientRepository,
  FakeInvoiceRepository,
  FakeMailer,
  FakePdfRenderer,
  FakeSettingsRepository,
  FakeStepRepository,
  FakeTenantDocuments,
  fixedClock,
} from '../fixtures/fakes.js';
import { FakeReminderScheduler } from '../fixtures/more-fakes.js';

const T = 'acme';
// Tuesday 5 May 2026, 09:00 in Paris. Due 60 days before; 600 € of 1,000 € paid 30 days before.
const NOW = '2026-05-05T07:00:00.000Z';
const DUE = '2026-03-06';
const PAID_ON = '2026-04-05';
const LINES: InvoiceLine[] = [{ description: 'Travaux', quantity: 1, unitPriceCents: 100_000, vatRate: 0 }];

class DataPdf extends FakePdfRenderer {
  letters: LetterData[] = [];
  override async letter(data?: unknown) {
    this.letters.push(data as LetterData);
    return new TextEncoder().encode(`%PDF-letter ${JSON.stringify(data)}`);
  }
}

const SCENARIO: Scenario = { id: 'lettres', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 60, anchor: 'due', templateId: 'formal-notice', channel: 'letter' }] };
const TEMPLATE: ReminderTemplate = {
  id: 'demeure-perso',
  name: 'Mise en demeure',
  language: 'fr',
  kind: 'business',
  tone: 'formal-notice',
  subject: 'Mise en demeure {{invoiceNumber}}',
  body: 'Pénalités de retard : {{penaltiesAmount}}. Indemnité : {{indemnityAmount}}.',
  attachInvoicePdf: false,
  letter: true,
};

const world = async (options: { groupByClient?: boolean; others?: number } = {}) => {
  const clock = fixedClock('2026-05-04T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const steps = new FakeStepRepository(invoices, clients);
  const scenarios = new FakeTenantDocuments<Scenario>();
  const templates = new FakeTenantDocuments<ReminderTemplate>();
  const pdf = new DataPdf();
  const mailer = new FakeMailer();
  await settings.put(T, { ...defaultSettings(), groupByClient: options.groupByClient ?? false, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' } });
  await scenarios.put(T, SCENARIO);
  await templates.put(T, TEMPLATE);
  await clients.create(T, aClient({ scenarioId: 'lettres', address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' } }));
  const totals = invoiceTotals(LINES);
  const payments: PaymentRecord[] = [
    { id: 'p1', invoiceId: 'inv1', amountCents: 60_000, date: PAID_ON, method: 'transfer', createdAt: `${PAID_ON}T10:00:00.000Z` },
    // Removed (entered by mistake): it never lowered what was unpaid.
    { id: 'p2', invoiceId: 'inv1', amountCents: 30_000, date: '2026-03-10', method: 'cheque', createdAt: '2026-03-10T10:00:00.000Z', removedAt: '2026-03-11T10:00:00.000Z' },
  ];
  invoices.add(anInvoiceRecord({ id: 'inv1', tenantId: T, number: 'F-2026-0001', dueDate: DUE, lines: LINES, totals, paidCents: 60_000, status: 'partially_paid' }), payments);
  for (let i = 0; i < (options.others ?? 0); i++) {
    invoices.add(anInvoiceRecord({ id: `other${i}`, tenantId: T, number: `F-2026-010${i}`, dueDate: DUE, lines: LINES, totals }));
  }
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  return { ...deps, templates, pdf, mailer };
};

type World = Awaited<ReturnType<typeof world>>;

const proofPenalties = async (w: World): Promise<ProofFileData['penalties']> => {
  let captured: ProofFileData | undefined;
  const proof = makeProofFile({ ...w, pdf: { proof: async (data) => ((captured = data), new Uint8Array([1])) } });
  await proof(T, 'inv1');
  return captured!.penalties;
};

/** 100,000 cents unpaid 7 Mar – 5 Apr (30 days, the payment day included), 40,000 cents 6 Apr – 5 May (30 days), at H1 2026's ECB + 10. */
const expectedCents = () => {
  const rate = penaltyRateFor('2026-03-07').defaultRatePercent;
  return Math.round(((100_000 * 30 + 40_000 * 30) * rate) / 100 / 365);
};

describe('penalties after a partial payment made while late', () => {
  it('are the same in the reminder email, its mise en demeure and the proof file, counted on what was unpaid each day', async () => {
    const w = await world();
    w.clock.set(NOW);
    const send = makeSendReminderNow({ ...w, pdf: w.pdf, mailer: w.mailer });
    await send(T, 'inv1', { templateId: TEMPLATE.id });
    const proof = await proofPenalties(w);
    const expected = expectedCents();
    expect(proof.cents).toBe(expected);
    // On today's balance alone (400 € for 60 days) it would be less: the case this guards.
    expect(latePenaltyCents({ unpaidCents: 40_000, dueDate: DUE, asOf: '2026-05-05' }).cents).toBeLessThan(expected);

    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]!.text).toContain(`Pénalités de retard\u202f: ${formatEuros(expected, 'fr')}.`);
    expect(w.pdf.letters).toHaveLength(1);
    const letter = w.pdf.letters[0]!;
    expect(letter.invoices[0]).toMatchObject({ number: 'F-2026-0001', balanceCents: 40_000, daysLate: 60, penaltiesCents: expected, indemnityCents: 4000 });
    expect(letter.penaltiesCents).toBe(expected);
  });

  it('are the same in the letter a letter step produces and records, and in the proof file', async () => {
    const w = await world();
    const reconcile = makeReconcileSchedules({ ...w, scheduler: new FakeReminderScheduler() });
    await reconcile(T, 'inv1');
    const record = (await w.steps.list(T, 'inv1')).find((r) => r.stepId === 'lettre')!;
    expect(record.scheduledAt).toBe(NOW);
    w.clock.set(NOW);
    const fire = makeSendReminder({ ...w, mailer: w.mailer });
    expect(await fire({ tenantId: T, invoiceId: 'inv1', stepId: 'lettre', plan: record.plan, index: record.index, scheduledAt: NOW, kind: 'step' })).toMatchObject({ outcome: 'to_post' });
    const recorded = (await w.steps.list(T, 'inv1')).find((r) => r.stepId === 'lettre')!.letter!;
    const expected = expectedCents();
    expect((await proofPenalties(w)).cents).toBe(expected);
    expect(recorded.invoices[0]).toMatchObject({ daysLate: 60, penaltiesCents: expected });
    expect(recorded.penaltiesCents).toBe(expected);
  });

  it('are counted per invoice in a letter grouping several invoices of the client', async () => {
    const w = await world({ groupByClient: true, others: 1 });
    const reconcile = makeReconcileSchedules({ ...w, scheduler: new FakeReminderScheduler() });
    for (const id of ['inv1', 'other0']) await reconcile(T, id);
    const record = (await w.steps.list(T, 'inv1')).find((r) => r.stepId === 'lettre')!;
    w.clock.set(record.scheduledAt!);
    const fire = makeSendReminder({ ...w, mailer: w.mailer });
    expect(await fire({ tenantId: T, invoiceId: 'inv1', stepId: 'lettre', plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' })).toMatchObject({ outcome: 'to_post', grouped: ['inv1', 'other0'] });
    const letter = (await w.steps.list(T, 'inv1')).find((r) => r.stepId === 'lettre')!.letter!;
    const row = (number: string) => letter.invoices.find((i) => i.number === number)!;
    expect(row('F-2026-0001').penaltiesCents).toBe((await proofPenalties(w)).cents);
    expect(row('F-2026-0001').penaltiesCents).toBe(expectedCents());
    // The other invoice, never paid: 1,000 € for 60 days.
    expect(row('F-2026-0100').penaltiesCents).toBe(latePenaltyCents({ unpaidCents: 100_000, dueDate: DUE, asOf: '2026-05-05' }).cents);
    expect(letter.penaltiesCents).toBe(row('F-2026-0001').penaltiesCents! + row('F-2026-0100').penaltiesCents!);
  });

  it('are counted per invoice in the mise en demeure of a grouped reminder email', async () => {
    const w = await world({ others: 1 });
    w.clock.set(NOW);
    const members = await Promise.all(['inv1', 'other0'].map(async (id) => ({ invoice: (await w.invoices.get(T, id))!, payments: await w.invoices.payments(T, id) })));
    await composeGroupedReminder({ members, client: (await w.clients.get(T, 'c1'))!, settings: await w.settings.get(T), template: TEMPLATE, asOf: new Date(NOW) }, w.pdf, ['compta@dupont.test']);
    expect(w.pdf.letters).toHaveLength(1);
    const row = w.pdf.letters[0]!.invoices.find((i) => i.number === 'F-2026-0001')!;
    expect(row.penaltiesCents).toBe((await proofPenalties(w)).cents);
    expect(row.penaltiesCents).toBe(expectedCents());
  });

  it('count a credit note from its issue date, in the email, its letter and the proof file alike', async () => {
    const w = await world();
    const invoice = (await w.invoices.get(T, 'inv1'))!;
    // A 100 € credit note issued on 20 April: 400 € unpaid 6–20 April, 300 € from 21 April.
    await w.invoices.saveWithCreditNote(
      { ...invoice, creditedCents: 10_000 },
      { id: 'cn1', invoiceId: 'inv1', invoiceNumber: 'F-2026-0001', invoiceIssueDate: invoice.issueDate, issueDate: '2026-04-20', reason: 'Geste commercial', full: false, netCents: 10_000, vatCents: 0, grossCents: 10_000, vatBreakdown: [], createdAt: '2026-04-20T10:00:00.000Z' },
      2026,
      () => [],
    );
    w.clock.set(NOW);
    await makeSendReminderNow({ ...w, pdf: w.pdf, mailer: w.mailer })(T, 'inv1', { templateId: TEMPLATE.id });
    const rate = penaltyRateFor('2026-03-07').defaultRatePercent;
    const expected = Math.round(((100_000 * 30 + 40_000 * 15 + 30_000 * 15) * rate) / 100 / 365);
    expect((await proofPenalties(w)).cents).toBe(expected);
    expect(w.mailer.sent[0]!.text).toContain(`Pénalités de retard\u202f: ${formatEuros(expected, 'fr')}.`);
    expect(w.pdf.letters[0]!.invoices[0]).toMatchObject({ balanceCents: 30_000, penaltiesCents: expected });
  });
});

describe('penalties of an imported invoice part-paid before the import', () => {
  it('count what was paid before the import from the invoice’s issue date, not from the import day it is recorded on', async () => {
    const w = await world();
    const invoice = (await w.invoices.get(T, 'inv1'))!;
    // Imported on 5 May with 600 € already paid elsewhere: recorded as a payment of the import day (README "Import and export").
    w.invoices.add({ ...invoice, imported: true, issueDate: '2026-02-04', paidCents: 60_000 }, [
      { id: 'imp-pay-F-2026-0001', invoiceId: 'inv1', amountCents: 60_000, date: '2026-05-05', method: 'other', reference: 'Réglé avant import', createdAt: NOW },
    ]);
    w.clock.set(NOW);
    await makeSendReminderNow({ ...w, pdf: w.pdf, mailer: w.mailer })(T, 'inv1', { templateId: TEMPLATE.id });
    // 400 € unpaid for the 60 days: the 600 € was not paid late, as far as anyone knows (it used to count 1,000 € for 60 days).
    const expected = latePenaltyCents({ unpaidCents: 40_000, dueDate: DUE, asOf: '2026-05-05' }).cents;
    expect(expected).toBeLessThan(latePenaltyCents({ unpaidCents: 100_000, dueDate: DUE, asOf: '2026-05-05' }).cents);
    expect((await proofPenalties(w)).cents).toBe(expected);
    expect(w.mailer.sent[0]!.text).toContain(`Pénalités de retard\u202f: ${formatEuros(expected, 'fr')}.`);
    expect(w.pdf.letters[0]!.invoices[0]).toMatchObject({ balanceCents: 40_000, penaltiesCents: expected });
  });
});

describe('the proof file of an invoice whose payment plan waived the penalties', () => {
  const proofData = async (w: World): Promise<ProofFileData> => {
    let captured: ProofFileData | undefined;
    await makeProofFile({ ...w, pdf: { proof: async (data) => ((captured = data), new Uint8Array([1])) } })(T, 'inv1');
    return captured!;
  };
  const withPlan = async (w: World, plan: Partial<NonNullable<ReturnType<typeof anInvoiceRecord>['paymentPlan']>>, settled = false) => {
    const invoice = (await w.invoices.get(T, 'inv1'))!;
    // Settled by a payment, or owed as the world made it (600 € paid, 400 € left).
    const paid = settled ? { status: 'paid' as const, paidCents: invoice.totals.grossCents - invoice.creditedCents } : { status: 'partially_paid' as const, paidCents: 60_000 };
    w.invoices.add({ ...invoice, ...paid, paymentPlan: { seq: 1, createdAt: '2026-04-06T10:00:00.000Z', instalments: [{ dueDate: '2026-05-10', amountCents: 40_000 }], totalCents: 40_000, waivePenalties: true, source: 'owner', status: 'active', ...plan } });
  };

  it('marks them waived while the plan is kept or once it was paid, and claims them again once it was missed', async () => {
    const w = await world();
    w.clock.set(NOW);
    await withPlan(w, {});
    expect((await proofData(w)).penaltiesWaived).toBe(true);
    await withPlan(w, { status: 'ended', endReason: 'paid' }, true);
    expect((await proofData(w)).penaltiesWaived).toBe(true);
    // Ended paid, then the payment removed (a cheque that bounced): owed again, the waiver no longer holds.
    await withPlan(w, { status: 'ended', endReason: 'paid' });
    expect((await proofData(w)).penaltiesWaived).toBeUndefined();
    await withPlan(w, { status: 'ended', endReason: 'missed' });
    expect((await proofData(w)).penaltiesWaived).toBeUndefined();
    await withPlan(w, { waivePenalties: false });
    expect((await proofData(w)).penaltiesWaived).toBeUndefined();
  });
});
