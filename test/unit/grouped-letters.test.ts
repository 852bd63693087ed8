/**
 * Letter steps of one client grouped per send day (settings `groupByClient`): one registered letter
 * listing every invoice concerned, recorded `to_post` on each step with a shared letter id, listed
 * once, downloadable and closed from any of its steps; a payment before posting regroups the rest.
 * Real use cases over the in-memory fakes.
 */
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/domain/settings.js';
import { makeGetLetterPdf, makeListLettersToPost, makeMarkLetterPosted } from '../../shared/app/reminders/letters.js';
import { makeReconcileSchedules } from '../../shared/app/reminders/reconcile-schedules.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeDailyOverview, makeSendDailyOverview } from '../../shared/app/notifications/daily-overview.js';
import { FakeNotificationRepository } from '../fixtures/notification-fakes.js';
import { sha256Hex } from '../../shared/app/reminders/letter-step.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { LetterData } from '../../shared/domain/letter.js';
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

/** Letters whose bytes depend on what they say, like the real renderer. */
class DataPdf extends FakePdfRenderer {
  letters: LetterData[] = [];
  override async letter(data?: unknown) {
    this.letters.push(data as LetterData);
    return new TextEncoder().encode(`%PDF-letter ${JSON.stringify(data)}`);
  }
}

const SCENARIO: Scenario = { id: 'lettres', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 10, anchor: 'due', templateId: 'formal-notice', channel: 'letter' }] };
const IDS = ['inv1', 'inv2', 'inv3'] as const;

const world = async (groupByClient = true, count = 3) => {
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const scenarios = new FakeTenantDocuments<Scenario>();
  const steps = new FakeStepRepository(invoices, clients);
  const scheduler = new FakeReminderScheduler();
  const pdf = new DataPdf();
  await settings.put('acme', { ...defaultSettings(), groupByClient, company: { name: 'Plomberie Martin', siren: '732829320', iban: 'FR7630006000011234567890189' } });
  await scenarios.put('acme', SCENARIO);
  await clients.create('acme', aClient({ scenarioId: 'lettres', address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' } }));
  const ids = IDS.slice(0, count);
  ids.forEach((id, i) => invoices.add(anInvoiceRecord({ id, number: `F-2026-000${i + 1}`, dueDate: '2026-03-12', sentAt: '2026-03-02T08:00:00.000Z' })));
  const deps = { invoices, clients, settings, scenarios, steps, clock };
  const reconcile = makeReconcileSchedules({ ...deps, scheduler });
  const fire = makeSendReminder({ ...deps, templates: new FakeTenantDocuments<ReminderTemplate>(), mailer: { send: async () => ({ messageId: 'mail-1' }) }, pdf });
  for (const id of ids) await reconcile('acme', id);
  const stepOf = async (id: string) => (await steps.list('acme', id)).find((r) => r.stepId === 'lettre')!;
  const fireStep = async (id: string) => {
    const record = await stepOf(id);
    clock.set(record.scheduledAt!);
    const outcome = await fire({ tenantId: 'acme', invoiceId: id, stepId: 'lettre', plan: record.plan, index: record.index, scheduledAt: record.scheduledAt!, kind: 'step' });
    for (const x of ids) await reconcile('acme', x);
    return outcome;
  };
  const pay = async (id: string, cents?: number) => {
    const invoice = (await invoices.get('acme', id))!;
    const paid = cents ?? invoice.totals.grossCents;
    invoices.add({ ...invoice, paidCents: paid, status: paid < invoice.totals.grossCents ? 'partially_paid' : 'paid', version: invoice.version + 1 });
    // Twice, as the stream does: the regrouped steps' own changes re-plan their invoices.
    for (let round = 0; round < 2; round++) for (const x of ids) await reconcile('acme', x);
  };
  return { clock, invoices, steps, pdf, fireStep, stepOf, pay, ids, deps };
};

describe('letter steps of one client on the same send day', () => {
  it('name the invoices in the payment reference in the order of the letter’s table, whichever fires first', async () => {
    const { fireStep, stepOf } = await world();
    expect(await fireStep('inv3')).toMatchObject({ outcome: 'to_post' });
    const letter = (await stepOf('inv3')).letter!;
    expect(letter.invoices.map((i) => i.number)).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2026-0003']);
    expect(letter.paymentInstructions).toContain('F-2026-0001, F-2026-0002, F-2026-0003');
  });

  it('list the letter under an invoice and that invoice’s own number, whichever step fired it', async () => {
    const { fireStep, steps, invoices } = await world();
    expect(await fireStep('inv3')).toMatchObject({ outcome: 'to_post' });
    const [item] = await makeListLettersToPost({ steps })('acme');
    // The owner reads the number and opens the invoice by its id: they must be the same invoice.
    expect(item!.invoiceNumber).toBe((await invoices.get('acme', item!.invoiceId))!.number);
    expect(item!.invoiceNumbers).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2026-0003']);
  });

  it('make one letter listing every invoice, each with its days late, penalties and €40, recorded to_post on every step with one letter id', async () => {
    const { fireStep, stepOf, pdf, steps, ids } = await world();
    const outcome = await fireStep('inv1');
    expect(outcome).toMatchObject({ outcome: 'to_post', stepId: 'lettre', grouped: ['inv1', 'inv2', 'inv3'] });
    expect(pdf.letters).toHaveLength(1);
    const records = await Promise.all(ids.map(stepOf));
    expect(records.map((r) => r.state)).toEqual(['to_post', 'to_post', 'to_post']);
    const letterId = records[0]!.letterId!;
    expect(letterId).toBeTruthy();
    expect(new Set(records.map((r) => r.letterId))).toEqual(new Set([letterId]));
    expect(new Set(records.map((r) => r.letterSha256))).toEqual(new Set([sha256Hex(await pdf.letter(records[0]!.letter))]));
    expect(records[0]!.letterMembers!.map((m) => m.invoiceId)).toEqual(['inv1', 'inv2', 'inv3']);
    const letter = records[0]!.letter!;
    expect(letter.invoices.map((i) => [i.number, i.dueDate, i.balanceCents, i.daysLate, i.indemnityCents])).toEqual([
      // J+10 is a Sunday: produced on Monday 23 March, 11 days late.
      ['F-2026-0001', '2026-03-12', 120_000, 11, 4000],
      ['F-2026-0002', '2026-03-12', 120_000, 11, 4000],
      ['F-2026-0003', '2026-03-12', 120_000, 11, 4000],
    ]);
    expect(letter.invoices.every((i) => (i.penaltiesCents ?? 0) > 0)).toBe(true);
    // The totals are the rows' sums: nothing claimed twice or left out.
    expect(letter.penaltiesCents).toBe(letter.invoices.reduce((s, i) => s + i.penaltiesCents!, 0));
    expect(letter.indemnityCents).toBe(12_000);
    expect(letter.paymentInstructions).toContain('F-2026-0001, F-2026-0002, F-2026-0003');

    // The other invoices' fires find their steps taken: no second letter.
    expect(await fireStep('inv2')).toMatchObject({ outcome: 'ignored', reason: 'already_to_post' });
    expect(pdf.letters).toHaveLength(2); // the sha256Hex check above rendered once more
    const list = await makeListLettersToPost({ steps })('acme');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ invoiceId: 'inv1', letterId, invoiceNumbers: ['F-2026-0001', 'F-2026-0002', 'F-2026-0003'] });
    expect(list[0]!.amountCents).toBe(360_000 + letter.penaltiesCents! + 12_000);
  });

  it('show once in the owner’s daily overview and its morning email, with every invoice it lists', async () => {
    const { fireStep, deps, clock } = await world();
    await fireStep('inv1');
    const notifications = new FakeNotificationRepository();
    await deps.settings.put('acme', { ...(await deps.settings.get('acme')), notifyEmail: 'owner@plomberie.test', notifications: { immediate: true, dailyOverview: true, overviewHour: 7 } });
    const overviewDeps = { ...deps, notifications, paymentLog: notifications };
    const overview = await makeDailyOverview(overviewDeps)('acme', '2026-03-24');
    expect(overview.letters).toHaveLength(1);
    expect(overview.letters[0]).toMatchObject({ invoiceId: 'inv1', invoiceNumbers: ['F-2026-0001', 'F-2026-0002', 'F-2026-0003'] });
    const mailer = new FakeMailer();
    clock.set('2026-03-24T06:00:00.000Z');
    await makeSendDailyOverview({ ...overviewDeps, mailer })('acme', new Date('2026-03-24T06:00:00.000Z'));
    expect(mailer.sent[0]!.text).toContain('Lettres à poster (1)');
    expect(mailer.sent[0]!.text).toContain('factures F-2026-0001, F-2026-0002, F-2026-0003 · Boulangerie Dupont SARL');
  });

  it('download the same letter from any of its steps, and posting any of them closes them all', async () => {
    const { fireStep, stepOf, steps, invoices, pdf, clock, ids } = await world();
    await fireStep('inv1');
    const sha = (await stepOf('inv1')).letterSha256;
    const pdfOf = makeGetLetterPdf({ steps, invoices, pdf });
    for (const id of ids) {
      const file = await pdfOf('acme', id, 'lettre');
      expect(sha256Hex(file.bytes)).toBe(sha);
      expect(file.fileName).toBe('mise-en-demeure-F-2026-0001_F-2026-0002_F-2026-0003.pdf');
    }
    clock.set('2026-03-23T10:00:00.000Z');
    const post = makeMarkLetterPosted({ steps, invoices, clock });
    expect(await post('acme', 'inv3', 'lettre', { trackingNumber: '1A12345678901' })).toMatchObject({ state: 'sent', trackingNumber: '1A12345678901' });
    for (const id of ids) {
      expect(await stepOf(id)).toMatchObject({ state: 'sent', postedAt: '2026-03-23T10:00:00.000Z', sentAt: '2026-03-23T10:00:00.000Z', trackingNumber: '1A12345678901' });
      expect((invoices.events.get(`acme|${id}`) ?? []).filter((e) => e.type === 'reminder.posted')).toHaveLength(1);
    }
    expect(await makeListLettersToPost({ steps })('acme')).toEqual([]);
    // Saying it again on another step is harmless; another tracking number is refused.
    expect(await post('acme', 'inv1', 'lettre', {})).toMatchObject({ state: 'sent', trackingNumber: '1A12345678901' });
    await expect(post('acme', 'inv2', 'lettre', { trackingNumber: 'AUTRE' })).rejects.toMatchObject({ status: 409 });
  });

  it('are produced again without an invoice paid before posting, as one letter for the others', async () => {
    const { fireStep, stepOf, pay, steps, pdf, clock } = await world();
    await fireStep('inv1');
    // Paid an hour after the letter was produced (Mon 23 March, 09:00 Paris), before it was posted.
    clock.set('2026-03-23T09:00:00.000Z');
    await pay('inv2');
    expect(await stepOf('inv2')).toMatchObject({ state: 'cancelled', reason: 'paid' });
    const [one, three] = [await stepOf('inv1'), await stepOf('inv3')];
    expect([one.state, one.reason, three.state, three.reason]).toEqual(['scheduled', 'letter_regrouped', 'scheduled', 'letter_regrouped']);
    expect(one.letter).toBeUndefined();
    // Both at the same instant, the next send window: produced together. The withdrawn letter never reached the
    // client and gave its gap back, so they do not wait `minGapDays` for it (they did, until Tue 26 March).
    expect(one.scheduledAt).toBe(three.scheduledAt);
    expect(one.scheduledAt).toBe('2026-03-24T08:00:00.000Z');
    // Nothing to post until it is produced again: the letter listing the paid invoice is gone.
    expect(await makeListLettersToPost({ steps })('acme')).toEqual([]);

    const outcome = await fireStep('inv1');
    expect(outcome).toMatchObject({ outcome: 'to_post', grouped: ['inv1', 'inv3'] });
    const letter = (await stepOf('inv3')).letter!;
    expect(letter.invoices.map((i) => i.number)).toEqual(['F-2026-0001', 'F-2026-0003']);
    expect(letter.indemnityCents).toBe(8000);
    expect((await stepOf('inv3')).letterId).toBe((await stepOf('inv1')).letterId);
    expect((await makeListLettersToPost({ steps })('acme')).map((l) => l.invoiceNumbers)).toEqual([['F-2026-0001', 'F-2026-0003']]);
    expect(pdf.letters.at(-1)!.invoices).toHaveLength(2);
  });

  it('are produced again together when one of their invoices is partly paid before posting, with its new balance', async () => {
    const { fireStep, stepOf, pay, steps } = await world();
    await fireStep('inv1');
    await pay('inv2', 20_000);
    expect(await stepOf('inv2')).toMatchObject({ state: 'scheduled', reason: 'balance_changed' });
    expect(await stepOf('inv3')).toMatchObject({ state: 'scheduled', reason: 'letter_regrouped' });
    expect(new Set(await Promise.all(['inv1', 'inv2', 'inv3'].map(async (id) => (await stepOf(id)).scheduledAt))).size).toBe(1);
    expect(await makeListLettersToPost({ steps })('acme')).toEqual([]);
    expect(await fireStep('inv3')).toMatchObject({ outcome: 'to_post', grouped: ['inv3', 'inv1', 'inv2'] });
    const letter = (await stepOf('inv1')).letter!;
    expect(letter.invoices.map((i) => [i.number, i.balanceCents])).toEqual([['F-2026-0001', 120_000], ['F-2026-0002', 100_000], ['F-2026-0003', 120_000]]);
  });

  it('leave nothing to post when every invoice of the letter is paid', async () => {
    const { fireStep, stepOf, pay, steps, ids } = await world(true, 2);
    await fireStep('inv1');
    await pay('inv1');
    expect(await stepOf('inv2')).toMatchObject({ state: 'scheduled', reason: 'letter_regrouped' });
    await pay('inv2');
    for (const id of ids) expect(await stepOf(id)).toMatchObject({ state: 'cancelled', reason: 'paid' });
    expect(await makeListLettersToPost({ steps })('acme')).toEqual([]);
  });

  it('stay one letter per invoice with groupByClient off', async () => {
    const { fireStep, stepOf, steps } = await world(false, 2);
    expect(await fireStep('inv1')).toMatchObject({ outcome: 'to_post' });
    expect((await stepOf('inv1')).letterId).toBeUndefined();
    expect((await stepOf('inv1')).letter!.invoices).toHaveLength(1);
    expect((await stepOf('inv2')).state).toBe('scheduled');
  });
});
