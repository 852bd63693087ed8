/**
 * Cases a new user tries on the local stack that the position table does not: the due date moved
 * after the plan was recorded, a consumer put in a category whose scenario claims penalties. Each test has a tenant of its own and moves only its own clock.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, aConsumerClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

/** Lets the stream consumers (the re-plan after a change) see every write made so far. */
const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string }
const stepsOf = async (invoiceId: string) => (await acme.get(`/invoices/${invoiceId}/reminders`)).json.items as Step[];

const aSentInvoice = async (dueDate: string) => {
  const email = uniqueEmail('edge');
  const clientId = (await acme.post('/clients', aBusinessClientInput({ email }))).json.id as string;
  const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(parisToday(), -20), dueDate }));
  expect(draft.status).toBe(201);
  expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
  return { id: draft.json.id as string, email };
};

describe('the reminder plan when the due date moves', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('edges');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
  });

  it('skips a pending J-5 once the due date moves into the past, and the overdue reminder goes out at once instead of waiting behind it', async () => {
    const today = parisToday();
    const invoice = await aSentInvoice(dueDateAhead(20));
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'scheduled' });
    // The owner corrects the due date: it was two days ago.
    const due = addDays(today, -2);
    expect((await acme.patch(`/invoices/${invoice.id}`, { dueDate: due })).status).toBe(200);
    await drain();
    const steps = await stepsOf(invoice.id);
    expect(steps.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    const j1 = steps.find((s) => s.stepId === 'j+1')!;
    expect(j1.state).toBe('scheduled');
    expect(inParis(j1.scheduledAt!).date <= addDays(today, 4)).toBe(true);

    await runUntil(endOfDay(addDays(today, 5)), { tenant: acme.tenant });
    const after = await stepsOf(invoice.id);
    expect(after.find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'sent' });
    expect(after.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    // The invoice email, then the overdue reminder; never "your invoice will soon be due".
    const subjects = (await inbox(invoice.email)).map((m) => m.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects[1]).toMatch(/^Relance/);
  });

  it('plans the J-5 again when a due date typed in the past is corrected before anything went out, and sends it before the due date', async () => {
    // A tenant of its own: the clock below moves only this test's schedules.
    acme = await aFreshTenant('edges');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = parisToday();
    // Sent with a wrong due date (two days ago): J-5 skipped, the overdue reminder comes at once.
    const invoice = await aSentInvoice(addDays(today, -2));
    await drain(); // the first plan recorded (not only projected) with the wrong date
    const typo = await stepsOf(invoice.id);
    expect(typo.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    // The owner corrects it to 20 days ahead before the overdue reminder goes.
    const due = dueDateAhead(20);
    expect((await acme.patch(`/invoices/${invoice.id}`, { dueDate: due })).status).toBe(200);
    await drain();
    const steps = await stepsOf(invoice.id);
    const latest = (stepId: string) => steps.filter((s) => s.stepId === stepId).at(-1)!;
    expect(latest('j-5').state).toBe('scheduled');
    expect(inParis(latest('j-5').scheduledAt!).date < due).toBe(true);
    expect(inParis(latest('j+1').scheduledAt!).date > due).toBe(true);
    // The first plan stays as it was recorded: its J-5 skipped, its other steps cancelled with the reason.
    expect(steps.filter((s) => s.stepId === 'j-5')[0]).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    expect(steps.filter((s) => s.stepId === 'j+1')[0]).toMatchObject({ state: 'cancelled', reason: 'due_date_moved' });

    await runUntil(endOfDay(addDays(due, 2)), { tenant: acme.tenant });
    const after = await stepsOf(invoice.id);
    const sent = after.filter((s) => s.state === 'sent');
    expect(sent.map((s) => s.stepId)).toEqual(['j-5', 'j+1']);
    expect(inParis(sent[0]!.sentAt!).date < due).toBe(true);
    // The invoice email, the courtesy reminder, then the overdue one: in that order.
    const subjects = (await inbox(invoice.email)).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects[1]).not.toMatch(/^Relance/);
    expect(subjects[2]).toMatch(/^Relance/);
  });

  it('plans the J-5 again when the due date of a sent invoice is moved into the past by mistake and put back before anything went out', async () => {
    // A tenant of its own: the clock below moves only this test's schedules.
    acme = await aFreshTenant('edges');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = parisToday();
    const due = dueDateAhead(20);
    const invoice = await aSentInvoice(due);
    await drain();
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'scheduled' });
    // A typo in the edit (two days ago): the J-5 is skipped by the re-plan, not by the first plan.
    expect((await acme.patch(`/invoices/${invoice.id}`, { dueDate: addDays(today, -2) })).status).toBe(200);
    await drain();
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    // Corrected at once to the date it had: the courtesy reminder is planned again, before the due date.
    expect((await acme.patch(`/invoices/${invoice.id}`, { dueDate: due })).status).toBe(200);
    await drain();
    const steps = await stepsOf(invoice.id);
    const latest = (stepId: string) => steps.filter((s) => s.stepId === stepId).at(-1)!;
    expect(latest('j-5').state).toBe('scheduled');
    expect(inParis(latest('j-5').scheduledAt!).date < due).toBe(true);
    expect(inParis(latest('j+1').scheduledAt!).date > due).toBe(true);

    await runUntil(endOfDay(addDays(due, 2)), { tenant: acme.tenant });
    const sent = (await stepsOf(invoice.id)).filter((s) => s.state === 'sent');
    expect(sent.map((s) => s.stepId)).toEqual(['j-5', 'j+1']);
    expect(inParis(sent[0]!.sentAt!).date < due).toBe(true);
  });

  it('never plans the J-5 again once the overdue reminder went out, even when the due date is moved back later', async () => {
    // A tenant of its own: the clock below moves only this test's schedules.
    acme = await aFreshTenant('edges');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = parisToday();
    const invoice = await aSentInvoice(addDays(today, -2));
    await runUntil(endOfDay(addDays(today, 4)), { tenant: acme.tenant });
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'sent' });
    const due = addDays(today, 30);
    expect((await acme.patch(`/invoices/${invoice.id}`, { dueDate: due })).status).toBe(200);
    await drain();
    const steps = await stepsOf(invoice.id);
    expect(steps.filter((s) => s.stepId === 'j-5').every((s) => s.state === 'skipped')).toBe(true);
  });
});

describe('client categories and consumers', () => {
  it('refuses to tag a consumer with a category whose scenario claims penalties (its reminders would all be skipped), naming the tag', async () => {
    const t = await aFreshTenant('tags');
    expect((await t.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const scenario = await t.post('/scenarios', { name: 'Grands comptes', steps: [{ id: 'j+10', offsetDays: 10, templateId: 'reminder' }] });
    expect(scenario.status).toBe(201);
    expect((await t.put(`/scenarios/${scenario.json.id}`, { tags: ['grand-compte'] })).status).toBe(200);
    // Tagging a business client is fine; a consumer (created with the tag, or tagged later, or a tagged client made a consumer) is a 422.
    expect((await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('gc'), tags: ['grand-compte'] }))).status).toBe(201);
    const created = await t.post('/clients', aConsumerClientInput({ email: uniqueEmail('gc-c'), tags: ['fidele', 'grand-compte'] }));
    expect(created.status).toBe(422);
    expect(created.json.errors).toEqual([expect.objectContaining({ path: 'body.tags.1', message: expect.stringMatching(/penalt/) })]);
    const consumer = await t.post('/clients', aConsumerClientInput({ email: uniqueEmail('gc-c2') }));
    expect(consumer.status).toBe(201);
    const tagged = await t.patch(`/clients/${consumer.json.id}`, { tags: ['grand-compte'] });
    expect(tagged.status).toBe(422);
    expect(tagged.json.errors[0].path).toBe('body.tags.0');
    const business = await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('gc-b'), tags: ['grand-compte'] }));
    const turned = await t.patch(`/clients/${business.json.id}`, { kind: 'consumer' });
    expect(turned.status).toBe(422);
    expect(turned.json.errors[0].path).toBe('body.kind');
    // A consumer's own scenario wins over its tags: then the tag is harmless.
    const own = await t.post('/clients', aConsumerClientInput({ email: uniqueEmail('gc-c3'), scenarioId: 'b2c-default', tags: ['grand-compte'] }));
    expect(own.status).toBe(201);
  });

  it('refuses to add penalties to a template that a consumer gets through its category', async () => {
    const t = await aFreshTenant('tags-tpl');
    expect((await t.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const template = { name: 'Rappel fidèle', language: 'fr', tone: 'reminder', subject: 'Facture {{invoiceNumber}}', body: 'Bonjour {{clientName}}, un petit rappel pour {{invoiceNumber}}.' };
    expect((await t.post('/templates', { id: 'rappel-fidele', ...template })).status).toBe(201);
    const scenario = await t.post('/scenarios', { name: 'Fidèles', steps: [{ id: 'j+5', offsetDays: 5, templateId: 'rappel-fidele' }] });
    expect((await t.put(`/scenarios/${scenario.json.id}`, { tags: ['fidele'] })).status).toBe(200);
    expect((await t.post('/clients', aConsumerClientInput({ email: uniqueEmail('fid'), tags: ['fidele'] }))).status).toBe(201);
    const edited = await t.put('/templates/rappel-fidele', { ...template, body: `${template.body} Une indemnité forfaitaire de 40 € est due.` });
    expect(edited.status).toBe(422);
    expect(edited.json.errors[0]).toMatchObject({ path: 'body.body', message: expect.stringMatching(/consumer/) });
  });
});

describe('the proof file’s penalty computation', () => {
  const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');

  it('counts each day on what was unpaid that day, and still shows what accrued once the invoice is written off', async () => {
    const t = await aFreshTenant('proof-pen');
    expect((await t.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = parisToday();
    const clientId = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('proof-pen') }))).json.id as string;
    // 1,000.00 € with no VAT, due 20 days ago; 400.00 € paid 10 days ago.
    const lines = [{ description: 'Travaux', quantity: 1, unitPriceCents: 100_000, vatRate: 0 }];
    const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -50), dueDate: addDays(today, -20), lines }));
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    const paidOn = addDays(today, -10);
    expect((await t.post(`/invoices/${draft.json.id}/payments`, { amountCents: 40_000, date: paidOn, method: 'transfer' }, { 'Idempotency-Key': `pp-${draft.json.id}` })).status).toBe(201);
    const day = (d: string) => d.split('-').reverse().join('/');
    // The file's rows for an amount over days, one per semester (the legal rate changes on 1 January and 1 July).
    const rows = (amount: string, from: string, to: string): string[] => {
      const out: string[] = [];
      for (let start = from; start <= to; ) {
        const semesterEnd = `${start.slice(0, 4)}-${start.slice(5, 7) <= '06' ? '06-30' : '12-31'}`;
        const end = semesterEnd < to ? semesterEnd : to;
        out.push(`${amount} du ${day(start)} au ${day(end)} : ${daysBetween(start, end) + 1} j`);
        start = addDays(end, 1);
      }
      return out;
    };

    const before = await pdfText((await t.get(`/invoices/${draft.json.id}/proof.pdf`)).bytes!);
    // 10 days on 1,000.00 € (the first one the day after the due date, the last one the day of the payment), then 10 on 600.00 €.
    for (const row of [...rows('1 000,00 €', addDays(today, -19), paidOn), ...rows('600,00 €', addDays(paidOn, 1), today)]) expect(before).toContain(row);

    expect((await t.post(`/invoices/${draft.json.id}/litigation`, { reason: 'sans réponse' })).status).toBe(200);
    expect((await t.post(`/invoices/${draft.json.id}/write-off`, { reason: 'liquidation judiciaire' })).status).toBe(201);
    const after = await pdfText((await t.get(`/invoices/${draft.json.id}/proof.pdf`)).bytes!);
    // Written off today: what accrued up to it stays on the file, with the €40, never "not late".
    expect(after).not.toContain('Aucun retard');
    for (const row of rows('1 000,00 €', addDays(today, -19), paidOn)) expect(after).toContain(row);
    expect(after).toMatch(/Indemnité forfaitaire de recouvrement \(D441-5\) 40,00 €/);
  });
});

describe('thank-you when a credit note settles what the client left unpaid', () => {
  it('thanks a client who paid 1,000 € of 1,200 € once the owner credits the 200 € left, once', async () => {
    const t = await aFreshTenant('thanks-cn');
    expect((await t.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const email = uniqueEmail('thanks-cn');
    const clientId = (await t.post('/clients', aBusinessClientInput({ email }))).json.id as string;
    const lines = [{ description: 'Travaux', quantity: 1, unitPriceCents: 120_000, vatRate: 0 }];
    const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: parisToday(), dueDate: dueDateAhead(20), lines }));
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    expect((await t.post(`/invoices/${draft.json.id}/payments`, { amountCents: 100_000, date: parisToday(), method: 'transfer' }, { 'Idempotency-Key': `tc-${draft.json.id}` })).status).toBe(201);
    await drain();
    expect((await inbox(email)).filter((m) => m.subject.startsWith('Merci'))).toHaveLength(0);
    const credit = await t.post(`/invoices/${draft.json.id}/credit-notes`, { reason: 'geste commercial', amountCents: 20_000 });
    expect(credit.status).toBe(201);
    expect((await t.get(`/invoices/${draft.json.id}`)).json.status).toBe('paid');
    await drain();
    expect((await inbox(email)).filter((m) => m.subject.startsWith('Merci'))).toHaveLength(1);
  });
});

describe('the dry run of a dated pause', () => {
  it('shows the steps skipped while the pause holds, then what goes out once it resumes by itself', async () => {
    const t = await aFreshTenant('sim-pause');
    expect((await t.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = parisToday();
    const clientId = (await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('sim-pause') }))).json.id as string;
    const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    const until = addDays(today, 20);
    expect((await t.post(`/invoices/${draft.json.id}/pause`, { until, reason: 'congés du client' })).status).toBe(200);
    await drain();
    const sim = await t.get(`/reminders/simulation?from=${today}&to=${addDays(today, 60)}`);
    expect(sim.status).toBe(200);
    const items = (sim.json.items as { invoiceId: string; stepId: string; action: string; at: string; reason?: string }[]).filter((i) => i.invoiceId === draft.json.id);
    // After the pause, the reminders resume (the catch-up rule: the first at the next send window on or after it).
    const sends = items.filter((i) => i.action === 'send');
    expect(sends.map((i) => i.stepId)).toEqual(['j+1', 'j+8', 'j+15']);
    for (const s of sends) expect(inParis(s.at).date >= until).toBe(true);
    expect(items.filter((i) => i.action === 'escalate')).toHaveLength(1);
    // Each step goes out once at most; skipped (paused) only for a time before the resume.
    for (const id of new Set(items.map((i) => i.stepId))) expect(items.filter((i) => i.stepId === id && i.action !== 'skip').length).toBeLessThanOrEqual(1);
    for (const s of items.filter((i) => i.action === 'skip' && i.reason === 'paused')) expect(inParis(s.at).date < until).toBe(true);
  });
});
