import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { fitsBudget, makeSendBatchReminders } from '../../shared/app/reminders/batch-reminders.js';
import { makeSendClientReminder } from '../../shared/app/reminders/client-reminders.js';
import { hashPortalToken, makePortalLinks, PREVIEW_PORTAL_TOKEN } from '../../shared/app/portal/portal-links.js';
import type { PortalTokenRecord } from '../../shared/app/ports.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { ReminderTemplate } from '../../shared/domain/default-templates.js';
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

const T = 'acme';

/** Two clients: c1 with three late invoices (one paused), c2 with one; one invoice id unknown. */
const world = () => {
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const steps = new FakeStepRepository(invoices, clients);
  void clients.create(T, aClient({ id: 'c1', email: 'c1@client.test' }));
  void clients.create(T, aClient({ id: 'c2', email: 'c2@client.test' }));
  invoices.add(anInvoiceRecord({ id: 'a', clientId: 'c1', number: 'F-1', dueDate: '2026-03-01' }));
  invoices.add(anInvoiceRecord({ id: 'b', clientId: 'c1', number: 'F-2', dueDate: '2026-03-05' }));
  invoices.add(anInvoiceRecord({ id: 'p', clientId: 'c1', number: 'F-3', remindersPaused: true }));
  invoices.add(anInvoiceRecord({ id: 'd', clientId: 'c2', number: 'F-4' }));
  const mailer = new FakeMailer();
  const deps = {
    invoices, clients, settings, steps, mailer,
    scenarios: new FakeTenantDocuments<Scenario>(), templates: new FakeTenantDocuments<ReminderTemplate>(),
    pdf: new FakePdfRenderer(), clock: fixedClock('2026-04-01T08:00:00.000Z'),
  };
  return { ...deps, deps };
};

describe('POST /reminders/batch (use case)', () => {
  it('sends one message per client, answers every invoice in the order asked, with totals', async () => {
    const w = world();
    const batch = makeSendBatchReminders({ ...w.deps, list: async () => ({ items: [] }) });
    const result = await batch(T, { invoiceIds: ['d', 'a', 'zz', 'p', 'b'], templateId: 'reminder' });
    expect(result.items).toEqual([
      { invoiceId: 'd', status: 'sent' },
      { invoiceId: 'a', status: 'sent' },
      { invoiceId: 'zz', status: 'skipped', reason: 'not_found' },
      { invoiceId: 'p', status: 'skipped', reason: 'paused' },
      { invoiceId: 'b', status: 'sent' },
    ]);
    expect(result.totals).toEqual({ sent: 3, skipped: 2, failed: 0 });
    expect(w.mailer.sent.map((m) => [m.to, m.attachments?.length])).toEqual(expect.arrayContaining([[['c1@client.test'], 2], [['c2@client.test'], 1]]));
    expect(w.mailer.sent).toHaveLength(2);
    // Sent again the same day: one reminder per invoice per day, and the client gap.
    const again = await batch(T, { invoiceIds: ['a', 'd'] });
    expect(again.totals).toEqual({ sent: 0, skipped: 2, failed: 0 });
    expect(again.items.map((i) => i.reason)).toEqual(['same_day', 'same_day']);
  });

  it('answers clients not started within the time budget as skipped: time_budget, writing nothing for them', async () => {
    const w = world();
    let now = 0;
    const batch = makeSendBatchReminders({ ...w.deps, list: async () => ({ items: [] }), elapsed: () => (now += 600), timeBudgetMs: 1000 });
    const result = await batch(T, { invoiceIds: ['a', 'b', 'd'] });
    expect(result.items.filter((i) => i.reason === 'time_budget').length).toBeGreaterThan(0);
    expect(result.totals.sent + result.totals.skipped).toBe(3);
    expect(w.mailer.sent.length).toBe(result.totals.sent > 0 ? 1 : 0);
    for (const i of result.items.filter((x) => x.reason === 'time_budget')) expect(await w.steps.list(T, i.invoiceId)).toEqual([]);
  });

  it('starts a client only if it should finish within the budget, judging by the time per invoice of the first client done', async () => {
    // One client at a time; each email takes 500 ms of the monotonic clock. c1 (2 invoices) takes 500 ms,
    // 250 ms per invoice, cold start included (no margin on it): c2 (1 invoice) needs 250 ms more, so it
    // starts under a 750 ms budget, not under 749 ms.
    const run = async (timeBudgetMs: number) => {
      const w = world();
      let now = 0;
      const mailer = { send: async (m: Parameters<typeof w.deps.mailer.send>[0]) => ((now += 500), w.deps.mailer.send(m)) };
      const batch = makeSendBatchReminders({ ...w.deps, mailer, list: async () => ({ items: [] }), elapsed: () => now, timeBudgetMs, clientParallelism: 1 });
      return (await batch(T, { invoiceIds: ['a', 'b', 'd'] })).items.map((i) => [i.invoiceId, i.status, i.reason ?? '']);
    };
    expect(await run(750)).toEqual([['a', 'sent', ''], ['b', 'sent', ''], ['d', 'sent', '']]);
    expect(await run(749)).toEqual([['a', 'sent', ''], ['b', 'sent', ''], ['d', 'skipped', 'time_budget']]);
  });

  it('judges the budget by the last clients done: ×1 on the first ones (their time holds the cold start), ×1.5 on later ones, forgotten past the window', () => {
    const cold = { ms: 8_000, invoices: 4, cold: true };
    const warm = { ms: 1_000, invoices: 4 };
    // Only the cold client known: 2 s per invoice, a 4-invoice client needs 8 s.
    expect(fitsBudget([cold], 2, 16_000, 24_000, 4)).toBe(true);
    expect(fitsBudget([cold], 2, 16_001, 24_000, 4)).toBe(false);
    // Two warm ones since (window of 2): 250 ms per invoice ×1.5, 1.5 s for 4.
    expect(fitsBudget([cold, warm, warm], 2, 22_500, 24_000, 4)).toBe(true);
    expect(fitsBudget([cold, warm, warm], 2, 22_501, 24_000, 4)).toBe(false);
    // Still within the window, the cold client counts (the slowest of the window).
    expect(fitsBudget([cold, warm], 2, 22_500, 24_000, 4)).toBe(false);
    // The same time, not cold, takes the margin: 12 s for 4.
    expect(fitsBudget([{ ms: 8_000, invoices: 4 }], 2, 12_000, 24_000, 4)).toBe(true);
    expect(fitsBudget([{ ms: 8_000, invoices: 4 }], 2, 12_001, 24_000, 4)).toBe(false);
    // A bigger client needs proportionally more.
    expect(fitsBudget([warm, warm], 2, 20_000, 24_000, 10)).toBe(true);
    expect(fitsBudget([warm, warm], 2, 20_251, 24_000, 10)).toBe(false);
    // Nothing done yet: the first clients start.
    expect(fitsBudget([], 4, 0, 24_000, 30)).toBe(true);
  });

  it('keeps a client’s most overdue invoices in its message past the 40 it lists, whatever order the ids came in', async () => {
    const w = world();
    // 45 late invoices of c1, asked newest first (a list sorted by another column): the 5 least overdue are left out.
    const ids = Array.from({ length: 45 }, (_, i) => `w${String(i).padStart(2, '0')}`);
    for (const [i, id] of ids.entries()) w.invoices.add(anInvoiceRecord({ id, clientId: 'c1', number: `W-${i}`, dueDate: addDays('2026-02-01', i) }));
    const batch = makeSendBatchReminders({ ...w.deps, list: async () => ({ items: [] }) });
    const result = await batch(T, { invoiceIds: [...ids].reverse(), templateId: 'reminder' });
    expect(result.items.filter((i) => i.reason === 'group_full').map((i) => i.invoiceId).sort()).toEqual(ids.slice(40));
    expect(result.items.map((i) => i.invoiceId)).toEqual([...ids].reverse());
    expect(result.totals).toEqual({ sent: 40, skipped: 5, failed: 0 });
  });

  it('reads the ids from the follow-up list for a filter, and refuses more than 500', async () => {
    const w = world();
    const seen: unknown[] = [];
    const batch = makeSendBatchReminders({ ...w.deps, list: async (_t, q) => (seen.push(q), { items: [{ id: 'd' }] }) });
    expect((await batch(T, { filter: { status: 'overdue' } })).totals.sent).toBe(1);
    expect(seen).toEqual([{ status: 'overdue', sort: 'dueDate', limit: 100 }]);
    const huge = makeSendBatchReminders({ ...w.deps, list: async () => ({ items: Array.from({ length: 100 }, (_, i) => ({ id: `x${i}` })), nextCursor: 'more' }) });
    await expect(huge(T, { filter: {} })).rejects.toMatchObject({ status: 422, errors: [{ path: 'body.filter' }] });
  });

  it('leaves out a client opted out of reminders (skipped: opt_out, nothing sent nor written), which its own page can still remind', async () => {
    const w = world();
    await w.clients.create(T, aClient({ id: 'c3', email: 'c3@client.test', remindersEnabled: false }));
    w.invoices.add(anInvoiceRecord({ id: 'e', clientId: 'c3', number: 'F-5' }));
    const batch = makeSendBatchReminders({ ...w.deps, list: async () => ({ items: [{ id: 'a' }, { id: 'e' }] }) });
    const result = await batch(T, { filter: { status: 'overdue' } });
    expect(result.items).toEqual([{ invoiceId: 'a', status: 'sent' }, { invoiceId: 'e', status: 'skipped', reason: 'opt_out' }]);
    expect(result.totals).toEqual({ sent: 1, skipped: 1, failed: 0 });
    expect(w.mailer.sent.map((m) => m.to)).toEqual([['c1@client.test']]);
    expect(await w.steps.list(T, 'e')).toEqual([]);
    // Asked for that client alone, the owner's reminder goes.
    expect((await makeSendClientReminder(w.deps)(T, 'c3', {})).items).toMatchObject([{ invoiceId: 'e', status: 'sent' }]);
  });
});

describe('POST /clients/{id}/reminders (use case)', () => {
  it('previews without writing, then sends with the owner\'s recipients and records a manual step per invoice', async () => {
    const w = world();
    const remind = makeSendClientReminder(w.deps);
    const preview = await remind(T, 'c1', { templateId: 'firm', to: ['boss@client.test'], cc: ['copy@client.test'] }, true);
    expect(preview.items.map((i) => [i.invoiceId, i.status, i.reason]).sort()).toEqual([['a', 'would_send', undefined], ['b', 'would_send', undefined], ['p', 'skipped', 'paused']]);
    expect(w.mailer.sent).toEqual([]);
    expect(await w.steps.list(T, 'a')).toEqual([]);
    const sent = await remind(T, 'c1', { templateId: 'firm', to: ['boss@client.test'], cc: ['copy@client.test'] });
    expect(w.mailer.sent).toHaveLength(1);
    expect(w.mailer.sent[0]).toMatchObject({ to: ['boss@client.test'], cc: ['copy@client.test'], invoiceIds: ['a', 'b'] });
    for (const id of ['a', 'b']) expect(await w.steps.list(T, id)).toMatchObject([{ manual: true, state: 'sent', messageId: sent.messageId, templateId: 'firm' }]);
    await expect(remind(T, 'c1', { invoiceIds: ['zz'] })).rejects.toMatchObject({ status: 422 });
    await expect(remind(T, 'nobody', {})).rejects.toMatchObject({ status: 404 });
  });
});

describe('portal links of grouped manual and batch reminders (use case)', () => {
  const withLinks = () => {
    const w = world();
    const stored: PortalTokenRecord[] = [];
    let n = 0;
    const portalLinks = makePortalLinks({ tokens: { put: async (r) => void stored.push(r), find: async () => undefined }, random: { next: () => `token-${++n}`.padEnd(43, 'x') }, clock: w.clock, webBaseUrl: 'https://app.example' });
    return { ...w, stored, deps: { ...w.deps, portalLinks } };
  };
  const linksIn = (text: string) => [...text.matchAll(/https:\/\/app\.example\/p\/(\S+)/g)].map((m) => m[1]!);

  it('previews each invoice\'s link with a placeholder token and stores none; the send creates one token per invoice, stored hashed', async () => {
    const w = withLinks();
    const remind = makeSendClientReminder(w.deps);
    const preview = await remind(T, 'c1', { templateId: 'firm' }, true);
    expect(linksIn(preview.text!)).toEqual([PREVIEW_PORTAL_TOKEN, PREVIEW_PORTAL_TOKEN]);
    expect(preview.html).toContain(`href="https://app.example/p/${PREVIEW_PORTAL_TOKEN}"`);
    expect(w.stored).toEqual([]);

    await remind(T, 'c1', { templateId: 'firm' });
    const [mail] = w.mailer.sent;
    const tokens = linksIn(mail!.text);
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
    // Each token opens its own invoice (the list follows the table: a due 1 March, then b).
    expect(tokens.map((t) => w.stored.find((r) => r.tokenHash === hashPortalToken(t))?.invoiceId)).toEqual(['a', 'b']);
    expect(JSON.stringify(w.stored)).not.toContain(tokens[0]);
  });

  it('gives every message of a batch its invoices\' links', async () => {
    const w = withLinks();
    await makeSendBatchReminders({ ...w.deps, list: async () => ({ items: [] }) })(T, { invoiceIds: ['a', 'b', 'd'], templateId: 'reminder' });
    expect(w.mailer.sent).toHaveLength(2);
    const byClient = new Map(w.mailer.sent.map((m) => [m.to[0], linksIn(m.text).map((t) => w.stored.find((r) => r.tokenHash === hashPortalToken(t))?.invoiceId)]));
    expect(byClient.get('c1@client.test')).toEqual(['a', 'b']);
    // One invoice alone: the ordinary reminder's text, with its link.
    expect(byClient.get('c2@client.test')).toEqual(['d']);
    expect(w.stored).toHaveLength(3);
  });
});

describe('an invoice under a running payment plan in a reminder of several invoices', () => {
  // c1's F-2 is paid in instalments (the first on 10 April): the client keeps to what was agreed.
  const withPlan = () => {
    const w = world();
    const b = w.invoices.invoices.get(`${T}#b`) ?? [...w.invoices.invoices.values()].find((i) => i.id === 'b')!;
    w.invoices.add({
      ...b,
      paymentPlan: { seq: 1, createdAt: '2026-03-20T10:00:00.000Z', instalments: [{ dueDate: '2026-04-10', amountCents: 60_000 }, { dueDate: '2026-05-10', amountCents: 60_000 }], totalCents: 120_000, waivePenalties: false, source: 'owner', status: 'active' },
    });
    return w;
  };

  it('is left out of the client’s grouped message (never put on notice for its whole balance), answered skipped: payment_plan', async () => {
    const w = withPlan();
    const send = makeSendClientReminder(w.deps);
    const preview = await send(T, 'c1', { templateId: 'formal-notice' }, true);
    expect(preview.items.find((i) => i.invoiceId === 'b')).toMatchObject({ status: 'skipped', reason: 'payment_plan' });
    expect(preview.items.find((i) => i.invoiceId === 'a')).toMatchObject({ status: 'would_send' });
    expect(preview.text).not.toContain('F-2');
    const sent = await send(T, 'c1', { templateId: 'formal-notice' });
    expect(sent.items.find((i) => i.invoiceId === 'b')).toMatchObject({ status: 'skipped', reason: 'payment_plan' });
    expect(await w.steps.list(T, 'b')).toEqual([]);
  });

  it('is left out of a mass send too, and goes alone (its plan’s own reminder) when it is the client’s only invoice asked', async () => {
    const w = withPlan();
    const batch = makeSendBatchReminders({ ...w.deps, list: async () => ({ items: [] }) });
    const result = await batch(T, { invoiceIds: ['a', 'b'] });
    expect(result.items).toEqual([{ invoiceId: 'a', status: 'sent' }, { invoiceId: 'b', status: 'skipped', reason: 'payment_plan' }]);
    const alone = await makeSendClientReminder(w.deps)(T, 'c1', { invoiceIds: ['b'], force: true }, true);
    expect(alone.items).toEqual([{ invoiceId: 'b', number: 'F-2', status: 'would_send' }]);
    expect(alone.subject).toContain('échéance 1/2');
    expect(alone.text).toContain('1. 10/04/2026');
  });
});
