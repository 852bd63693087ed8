import { describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { parseEpcPayload } from '../../shared/domain/epc-qr.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { addDays } from '../../shared/domain/dates.js';
import { dueDateAhead, endOfDay, inParis, parisToday, runUntil, schedulesOf } from './local-clock.js';

/** The public portal as a client's browser calls it: no token, no tenant. */
const portal = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, json: type.includes('json') ? ((await res.json()) as any) : undefined, bytes: type.includes('json') ? undefined : new Uint8Array(await res.arrayBuffer()) };
};

const LINK = /(https?:\/\/[^\s]+)\/p\/([A-Za-z0-9_-]{43})/;

const setUp = async (label: string) => {
  const t = await freshTenant(label);
  await t.ok('PUT', '/settings', { company: { ...companySettings.company, bic: 'BNPAFRPP' }, paymentUrl: 'https://pay.example/plomberie?ref={{invoiceNumber}}&amount={{balance}}' });
  return t;
};

const sendInvoice = async (t: FreshTenant, email: string, dueDate = dueDateAhead(20)) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
  const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
  return { id: draft.id as string, number: sent.number as string };
};

const linkIn = async (email: string, subject?: RegExp) => {
  const mails = (await inbox(email)).filter((m) => !subject || subject.test(m.subject));
  const text = mails.at(-1)?.body.text ?? '';
  const match = LINK.exec(text);
  if (!match) throw new Error(`no portal link in the email to ${email}: ${text}`);
  return { base: match[1]!, token: match[2]! };
};

const stepsOf = async (t: FreshTenant, id: string) =>
  (await t.ok('GET', `/invoices/${id}/reminders`)).items as { stepId: string; state: string; reason?: string; plan?: number; projected?: boolean; scheduledAt?: string; sentAt?: string }[];
const eventsOf = async (t: FreshTenant, id: string) => (await t.ok('GET', `/invoices/${id}/timeline?limit=100`)).items as { type: string; at?: string; data?: Record<string, unknown> }[];
/** Reminders only: the invoice's own email reads `Facture F-… – <company>`. */
const reminderMails = async (email: string) => (await inbox(email)).filter((m) => !/^Facture \S+ – /.test(m.subject));

describe('client portal on the local stack', () => {
  it('opens the invoice from the link in its email: seller, lines, balance, IBAN/BIC, payment link and an EPC QR code', async () => {
    const t = await setUp('portal-view');
    const email = uniqueEmail('portal-view');
    const invoice = await sendInvoice(t, email);
    const { base, token } = await linkIn(email);
    expect(base).toMatch(/^http:\/\/localhost:\d+$/);

    const view = await portal('GET', `/portal/${token}`);
    expect(view.status).toBe(200);
    expect(view.json.invoice).toMatchObject({ number: invoice.number, balanceCents: 147_500, status: 'sent' });
    expect(view.json.seller).toMatchObject({ name: 'Plomberie Martin', siren: '123456782' });
    expect(view.json.seller).not.toHaveProperty('iban');
    expect(view.json.payment).toMatchObject({ reference: invoice.number, iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP' });
    expect(view.json.payment.paymentUrl).toBe(`https://pay.example/plomberie?ref=${invoice.number}&amount=1475.00`);
    const epc = parseEpcPayload(view.json.payment.epcQr.payload);
    expect(epc).toMatchObject({ serviceTag: 'BCD', version: '002', identification: 'SCT', bic: 'BNPAFRPP', iban: 'FR7630006000011234567890189', amountCents: 147_500, remittance: invoice.number });
    expect(view.json.payment.epcQr.svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    // Nothing else of the tenant: no ids, no settings, no reminder plan.
    expect(Object.keys(view.json).sort()).toEqual(['actions', 'client', 'invoice', 'language', 'payment', 'payments', 'reminders', 'seller']);
    expect(JSON.stringify(view.json)).not.toContain(t.tenantId);
    expect(JSON.stringify(view.json)).not.toContain(invoice.id);

    // The PDF behind the link: the invoice with its EPC QR code.
    const pdf = await portal('GET', `/portal/${token}/pdf`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const text = (await extractText(await getDocumentProxy(pdf.bytes!), { mergePages: true })).text;
    expect(text).toContain(invoice.number);
    expect(text).toContain('Scannez le QR code');
    expect((await portal('GET', `/portal/${'B'.repeat(43)}/pdf`)).status).toBe(404);

    // The first view goes on the timeline, once.
    await portal('GET', `/portal/${token}`);
    const timeline = await t.ok('GET', `/invoices/${invoice.id}/timeline?limit=100`);
    expect(timeline.items.filter((e: { type: string }) => e.type === 'portal.viewed')).toHaveLength(1);
  });

  it('answers the same 404 problem for a wrong, malformed or made-up token', async () => {
    // A token pasted twice or with a whole URL after it (longer than any token) is malformed too: the same 404, not a 400.
    const tokens = ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x', 'not a token at all', 'B'.repeat(600), 'C'.repeat(2000)];
    const answers = await Promise.all(tokens.map((tok) => portal('GET', `/portal/${encodeURIComponent(tok)}`)));
    answers.push(await portal('POST', `/portal/${'D'.repeat(1000)}/paid`, { date: '2026-01-02' }), await portal('GET', `/portal/${'E'.repeat(1000)}/pdf`));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.type).toContain('application/problem+json');
      expect(a.json.detail).toBe(answers[0]!.json.detail);
    }
  });

  it('works from the link in a reminder email: view, PDF-free "j’ai payé" pauses 5 business days, a wrong or revoked link is 404', async () => {
    const t = await setUp('portal-paid');
    const email = uniqueEmail('portal-paid');
    const due = dueDateAhead(10);
    const invoice = await sendInvoice(t, email, due);
    await runUntil(endOfDay(addDays(due, -5)), { tenant: t.tenantId });
    const reminders = await reminderMails(email);
    expect(reminders).toHaveLength(1);
    const { token } = await linkIn(email, /^(?!Facture \S+ – )/);
    expect((await portal('GET', `/portal/${token}`)).json.invoice.number).toBe(invoice.number);

    expect((await portal('POST', `/portal/${token}/paid`, { date: addDays(parisToday(), 1) })).json.errors[0].path).toBe('body.date');
    // A year typed wrong (1926 for 2026) is a 400 naming the date, as for an owner's payment, not a claim paused on.
    const typo = await portal('POST', `/portal/${token}/paid`, { date: '1926-11-02' });
    expect([typo.status, typo.json.errors[0].path, typo.json.errors[0].message]).toEqual([400, 'body.date', 'must be between 2000-01-01 and 2099-12-31']);
    const paid = await portal('POST', `/portal/${token}/paid`, { date: parisToday(), reference: 'VIR-0042' });
    expect(paid.status).toBe(200);
    expect(paid.json.remindersPaused).toBe(true);
    expect(paid.json.pausedUntil > addDays(parisToday(), 5)).toBe(true); // 5 business days: at least one weekend in between
    await t.drain();
    const steps = await stepsOf(t, invoice.id);
    expect(steps.filter((s) => s.state === 'scheduled')).toEqual([]);
    const cancelled = steps.filter((s) => s.state === 'cancelled');
    expect(cancelled.length).toBeGreaterThanOrEqual(3);
    expect(new Set(cancelled.map((s) => s.reason))).toEqual(new Set(['paused']));
    const owner = await t.ok('GET', `/invoices/${invoice.id}`);
    expect(owner).toMatchObject({ remindersPaused: true, pausedUntil: paid.json.pausedUntil, paidClaim: { date: parisToday(), reference: 'VIR-0042' } });
    expect((await eventsOf(t, invoice.id)).find((e) => e.type === 'portal.paid_claimed')?.data).toEqual({ date: parisToday(), reference: 'VIR-0042' });
    expect((await schedulesOf(invoice.id)).map((s) => s.name)).toEqual([expect.stringMatching(new RegExp(`R-${paid.json.pausedUntil.replace(/-/g, '')}$`))]);

    // The owner switches the links off: the same 404 as a made-up token; a new link works, the old one stays dead.
    expect((await t.call('DELETE', `/invoices/${invoice.id}/portal-link`)).status).toBe(204);
    const revoked = await portal('GET', `/portal/${token}`);
    expect([revoked.status, revoked.json.detail]).toEqual([404, (await portal('GET', `/portal/${'A'.repeat(43)}`)).json.detail]);
    const fresh = await t.ok('POST', `/invoices/${invoice.id}/portal-link`);
    const freshToken = LINK.exec(fresh.url)![2]!;
    expect((await portal('GET', `/portal/${freshToken}`)).status).toBe(200);
    expect((await portal('GET', `/portal/${token}`)).status).toBe(404);
  });

  it('a promise pauses reminders until its date and they resume by themselves the day after; more than 60 days ahead is 422', async () => {
    const t = await setUp('portal-promise');
    const email = uniqueEmail('portal-promise');
    const due = dueDateAhead(10);
    const invoice = await sendInvoice(t, email, due);
    const { token } = await linkIn(email);

    const tooFar = await portal('POST', `/portal/${token}/promise`, { date: addDays(parisToday(), 61) });
    expect(tooFar.status).toBe(422);
    expect(tooFar.json.errors).toEqual([{ path: 'body.date', message: expect.stringContaining('60 days') }]);

    const promised = addDays(due, 3);
    const res = await portal('POST', `/portal/${token}/promise`, { date: promised });
    expect(res.json).toEqual({ remindersPaused: true, pausedUntil: addDays(promised, 1), disputed: false });
    // Nothing goes out while the promise holds: J-5 and J+1 fall inside it.
    await runUntil(endOfDay(promised), { tenant: t.tenantId });
    expect(await reminderMails(email)).toHaveLength(0);
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).remindersPaused).toBe(true);

    // The day after, unpaid: reminders resume and the next steps go out.
    const fired = await runUntil(new Date(`${addDays(promised, 1)}T06:00:00Z`), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired.map((f) => f.result)).toContainEqual({ outcome: 'resumed', stepId: 'resume' });
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).remindersPaused).toBe(false);
    const events = await eventsOf(t, invoice.id);
    expect(events.find((e) => e.type === 'portal.promised')?.data).toEqual({ date: promised });
    expect(events.find((e) => e.type === 'invoice.resumed')?.data).toMatchObject({ auto: true });
    await runUntil(endOfDay(addDays(promised, 30)), { tenant: t.tenantId });
    expect((await reminderMails(email)).length).toBeGreaterThan(0);
  });

  it('a promise moved to an earlier date resumes the reminders the day after that date, not after the first one', async () => {
    const t = await setUp('portal-promise-earlier');
    const email = uniqueEmail('portal-promise-earlier');
    const invoice = await sendInvoice(t, email, dueDateAhead(5));
    const { token } = await linkIn(email);
    await portal('POST', `/portal/${token}/promise`, { date: addDays(parisToday(), 40) });
    const earlier = addDays(parisToday(), 10);
    const res = await portal('POST', `/portal/${token}/promise`, { date: earlier });
    expect(res.json).toEqual({ remindersPaused: true, pausedUntil: addDays(earlier, 1), disputed: false });
    expect(await t.ok('GET', `/invoices/${invoice.id}`)).toMatchObject({ promisedFor: earlier, pausedUntil: addDays(earlier, 1) });
    const fired = await runUntil(new Date(`${addDays(earlier, 1)}T06:00:00Z`), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired.map((f) => f.result)).toContainEqual({ outcome: 'resumed', stepId: 'resume' });
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).remindersPaused).toBe(false);
  });

  it('a dispute from the portal stops reminders for good, until the owner resolves it', async () => {
    const t = await setUp('portal-dispute');
    const email = uniqueEmail('portal-dispute');
    const due = dueDateAhead(10);
    const invoice = await sendInvoice(t, email, due);
    const { token } = await linkIn(email);
    expect((await portal('POST', `/portal/${token}/dispute`, { reason: '' })).json.errors[0].path).toBe('body.reason');
    const res = await portal('POST', `/portal/${token}/dispute`, { reason: 'Travaux non terminés' });
    expect(res.json).toMatchObject({ disputed: true });
    await runUntil(endOfDay(addDays(due, 40)), { tenant: t.tenantId });
    expect(await reminderMails(email)).toHaveLength(0);
    const stopped = await stepsOf(t, invoice.id);
    expect(stopped.length).toBeGreaterThanOrEqual(4);
    expect(new Set(stopped.map((s) => `${s.state}:${s.reason}`))).toEqual(new Set(['cancelled:disputed']));
    expect((await eventsOf(t, invoice.id)).find((e) => e.type === 'portal.disputed')?.data).toEqual({ reason: 'Travaux non terminés' });
    const view = (await portal('GET', `/portal/${token}`)).json;
    expect(view.reminders).toMatchObject({ disputed: true, disputedByClient: true });
    expect(view.actions).toMatchObject({ dispute: false, promise: false });

    const resolved = await t.ok('POST', `/invoices/${invoice.id}/resolve-dispute`);
    expect(resolved.disputed).toBe(false);
    await t.drain();
    expect((await stepsOf(t, invoice.id)).some((s) => s.state === 'scheduled' || s.state === 'skipped')).toBe(true);
  });
});

describe('the owner pauses, resumes and disputes an invoice', () => {
  it('a dated pause cancels pending steps and resumes by itself on its date; a past date is 422 naming body.until', async () => {
    const t = await setUp('owner-pause');
    const email = uniqueEmail('owner-pause');
    const due = dueDateAhead(12);
    const invoice = await sendInvoice(t, email, due);
    const past = await t.call('POST', `/invoices/${invoice.id}/pause`, { until: parisToday(), reason: 'Chantier en cours' });
    expect([past.status, past.json.errors[0].path]).toEqual([422, 'body.until']);
    expect((await t.call('POST', `/invoices/${invoice.id}/pause`, { until: addDays(due, 2) })).json.errors[0].path).toBe('body.reason');

    // The invoice's plan is recorded (plan 1) before the pause: a pause that comes before the stream
    // has planned the invoice stops it from being planned at all, and the resume records plan 1.
    await t.drain();
    expect((await stepsOf(t, invoice.id)).map((s) => [s.plan, s.projected])).toEqual(expect.arrayContaining([[1, undefined]]));
    const until = addDays(due, 2);
    const paused = await t.ok('POST', `/invoices/${invoice.id}/pause`, { until, reason: 'Chantier en cours' });
    expect(paused).toMatchObject({ remindersPaused: true, pausedUntil: until, pauseReason: 'Chantier en cours' });
    await t.drain();
    const held = await stepsOf(t, invoice.id);
    expect(held.length).toBeGreaterThanOrEqual(4);
    expect(new Set(held.map((s) => `${s.state}:${s.reason}`))).toEqual(new Set(['cancelled:paused']));

    await runUntil(endOfDay(addDays(until, -1)), { tenant: t.tenantId });
    expect(await reminderMails(email)).toHaveLength(0);
    const fired = await runUntil(new Date(`${until}T06:00:00Z`), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired[0]!.result).toEqual({ outcome: 'resumed', stepId: 'resume' });
    await t.drain();
    // A new plan (plan 2) is recorded once the pause ends; the first plan's steps stay cancelled
    // (terminal states never change).
    const after = await stepsOf(t, invoice.id);
    expect(after.some((s) => (s.plan ?? 1) > 1)).toBe(true);
    expect(after.filter((s) => (s.plan ?? 1) === 1).map((s) => `${s.state}:${s.reason}`)).toEqual(held.map((s) => `${s.state}:${s.reason}`));
    const events = await eventsOf(t, invoice.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['invoice.paused', 'invoice.resumed']));

    // Plan 2 is made at the resume's time, the replayed clock's, as on AWS: the courtesy step is
    // past its due date (skipped), nothing is planned inside the pause, and what goes out after it
    // keeps the order and the client's gap.
    expect(inParis(events.find((e) => e.type === 'invoice.resumed')!.at!).date).toBe(until);
    const plan2 = after.filter((s) => s.plan === 2);
    expect(plan2.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    for (const s of plan2.filter((p) => p.state === 'scheduled')) expect(inParis(s.scheduledAt!).date >= until, `${s.stepId} at ${s.scheduledAt}`).toBe(true);
    await runUntil(endOfDay(addDays(until, 30)), { tenant: t.tenantId });
    const sent = (await stepsOf(t, invoice.id)).filter((s) => s.state === 'sent').sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(sent.map((s) => s.stepId)).toEqual(['j+1', 'j+8', 'j+15']);
    for (const s of sent) expect(inParis(s.sentAt!).date >= until, `${s.stepId} sent ${s.sentAt}`).toBe(true);
    for (let i = 1; i < sent.length; i++) expect(Date.parse(sent[i]!.sentAt!) - Date.parse(sent[i - 1]!.sentAt!)).toBeGreaterThanOrEqual(3 * 86_400_000 - 2 * 3_600_000);
    expect(await reminderMails(email)).toHaveLength(3);
  });

  it('resume lifts an open-ended pause at once; dispute and resolve-dispute stop and restart the plan', async () => {
    const t = await setUp('owner-hold');
    const ownerHoldEmail = uniqueEmail('owner-hold');
    const invoice = await sendInvoice(t, ownerHoldEmail, dueDateAhead(12));
    const planned = (await schedulesOf(invoice.id)).length;
    expect(planned).toBeGreaterThanOrEqual(4);
    await t.ok('POST', `/invoices/${invoice.id}/pause`, { reason: 'Le client a appelé' });
    expect(await schedulesOf(invoice.id)).toEqual([]);
    const resumed = await t.ok('POST', `/invoices/${invoice.id}/resume`);
    expect(resumed.remindersPaused).toBe(false);
    expect(resumed.pausedUntil).toBeUndefined();
    expect((await schedulesOf(invoice.id)).length).toBe(planned);

    const disputed = await t.ok('POST', `/invoices/${invoice.id}/dispute`, { reason: 'Montant contesté' });
    expect(disputed).toMatchObject({ disputed: true, disputeReason: 'Montant contesté' });
    // The client did not raise it: its portal must not read "votre contestation est transmise".
    const { token } = await linkIn(ownerHoldEmail);
    const seen = (await portal('GET', `/portal/${token}`)).json;
    expect(seen.reminders.disputed).toBe(true);
    expect(seen.reminders.disputedByClient).toBeUndefined();
    expect(await schedulesOf(invoice.id)).toEqual([]);
    await t.ok('POST', `/invoices/${invoice.id}/resolve-dispute`);
    expect((await schedulesOf(invoice.id)).length).toBe(planned);
    const events = await eventsOf(t, invoice.id);
    expect(events.filter((e) => e.type.startsWith('invoice.') && /paused|resumed|disputed|dispute_resolved/.test(e.type)).map((e) => [e.type, e.data])).toEqual([
      ['invoice.paused', { reason: 'Le client a appelé' }],
      ['invoice.resumed', { auto: false }],
      ['invoice.disputed', { reason: 'Montant contesté' }],
      ['invoice.dispute_resolved', undefined],
    ]);
  });
});
