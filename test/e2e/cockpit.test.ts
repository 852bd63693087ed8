import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekday } from '../../shared/domain/dates.js';
import { inParis, parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * A known dataset, built over HTTP as a front end would: two clients, invoices at every aging
 * bucket, partial and full payments, a credit note, a draft, two reminders. The expected
 * figures are derived below from the same description by plain sums, never copied from the API.
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);

interface Spec {
  readonly key: string;
  readonly client: 'A' | 'B';
  readonly issue: string;
  readonly due: string;
  readonly gross: number;
  readonly payments?: readonly { amount: number; date: string }[];
  readonly credit?: number;
  readonly remind?: boolean;
  readonly draft?: boolean;
}

const SPECS: readonly Spec[] = [
  { key: 'I1', client: 'A', issue: d(-100), due: d(-95), gross: 120_000, remind: true }, // 90+
  { key: 'I2', client: 'A', issue: d(-80), due: d(-70), gross: 60_000, payments: [{ amount: 10_000, date: d(-10) }] }, // 61-90, partial
  { key: 'I3', client: 'B', issue: d(-50), due: d(-45), gross: 36_000 }, // 31-60
  { key: 'I4', client: 'B', issue: d(-20), due: d(-10), gross: 24_000, credit: 4_800 }, // 1-30, credit note
  { key: 'I5', client: 'A', issue: d(-5), due: d(20), gross: 48_000 }, // not due
  { key: 'I6', client: 'B', issue: d(-60), due: d(-30), gross: 72_000, payments: [{ amount: 72_000, date: d(-3) }] }, // paid 27 days late
  { key: 'I7', client: 'A', issue: d(-40), due: d(-35), gross: 12_000, payments: [{ amount: 12_000, date: d(-35) }] }, // paid on time
  { key: 'I8', client: 'B', issue: d(-30), due: d(-15), gross: 30_000, remind: true, payments: [{ amount: 30_000, date: T }] }, // paid the day of its reminder
  { key: 'I9', client: 'B', issue: T, due: d(10), gross: 84_000 }, // not due, B pays late on average
  { key: 'D1', client: 'A', issue: d(-2), due: d(28), gross: 99_960, draft: true }, // a draft counts nowhere
];

const NAMES = { A: 'Électricité Gérard', B: 'Boulangerie Dupont SARL' } as const;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Plain arithmetic over SPECS: what every cockpit figure must be. */
const expected = () => {
  const issued = SPECS.filter((s) => !s.draft);
  const paidOf = (s: Spec) => (s.payments ?? []).reduce((n, p) => n + p.amount, 0);
  const balanceOf = (s: Spec) => s.gross - paidOf(s) - (s.credit ?? 0);
  const open = issued.filter((s) => balanceOf(s) > 0);
  const overdue = open.filter((s) => s.due < T);
  const bucketOf = (s: Spec) => {
    const late = daysBetween(s.due, T);
    return late <= 0 ? 'not_due' : late <= 30 ? '1_30' : late <= 60 ? '31_60' : late <= 90 ? '61_90' : '90_plus';
  };
  const starts = { month: `${T.slice(0, 7)}-01`, quarter: `${T.slice(0, 5)}${String(Math.floor((Number(T.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, year: `${T.slice(0, 4)}-01-01` };
  const invoicedFrom = (from: string) => issued.filter((s) => s.issue >= from).reduce((n, s) => n + s.gross, 0) - issued.filter((s) => s.credit && T >= from).reduce((n, s) => n + s.credit!, 0);
  const collectedFrom = (from: string) => issued.flatMap((s) => s.payments ?? []).filter((p) => p.date >= from).reduce((n, p) => n + p.amount, 0);
  const paid = issued.filter((s) => balanceOf(s) === 0 && paidOf(s) > 0).map((s) => ({ s, paidOn: s.payments!.map((p) => p.date).sort().at(-1)! }));
  const outstanding = open.reduce((n, s) => n + balanceOf(s), 0);
  const lateness = (client: 'A' | 'B') => {
    const mine = paid.filter((p) => p.s.client === client);
    const weight = mine.reduce((n, p) => n + paidOf(p.s), 0);
    return weight ? round1(mine.reduce((n, p) => n + paidOf(p.s) * Math.max(0, daysBetween(p.s.due, p.paidOn)), 0) / weight) : 0;
  };
  const firstWeek = addDays(T, (8 - weekday(T)) % 7 || 7);
  const forecast = Array.from({ length: 8 }, (_, i) => ({ weekStart: addDays(firstWeek, 7 * i), expectedCents: 0 }));
  for (const s of open) {
    const at = addDays(s.due, Math.round(lateness(s.client)));
    const week = s.due < T || at < firstWeek ? 0 : Math.floor(daysBetween(firstWeek, at) / 7);
    if (week < 8) forecast[week]!.expectedCents += balanceOf(s);
  }
  const late = (['A', 'B'] as const)
    .map((c) => {
      const mine = overdue.filter((s) => s.client === c);
      return {
        name: NAMES[c],
        overdueCents: mine.reduce((n, s) => n + balanceOf(s), 0),
        balanceCents: open.filter((s) => s.client === c).reduce((n, s) => n + balanceOf(s), 0),
        overdueInvoices: mine.length,
        oldestDaysLate: Math.max(...mine.map((s) => daysBetween(s.due, T))),
      };
    })
    .sort((a, b) => b.overdueCents - a.overdueCents);
  const reminded = issued.filter((s) => s.remind);
  const paidWithin7 = reminded.filter((s) => paid.some((p) => p.s === s && p.paidOn >= T && p.paidOn <= addDays(T, 7)));
  return {
    asOf: T,
    currency: 'EUR',
    outstandingCents: outstanding,
    overdueCents: overdue.reduce((n, s) => n + balanceOf(s), 0),
    openInvoices: open.length,
    overdueInvoices: overdue.length,
    aging: ['not_due', '1_30', '31_60', '61_90', '90_plus'].map((bucket) => {
      const inBucket = open.filter((s) => bucketOf(s) === bucket);
      return { bucket, balanceCents: inBucket.reduce((n, s) => n + balanceOf(s), 0), count: inBucket.length };
    }),
    invoicedCents: { month: invoicedFrom(starts.month), quarter: invoicedFrom(starts.quarter), year: invoicedFrom(starts.year) },
    collectedCents: { month: collectedFrom(starts.month), quarter: collectedFrom(starts.quarter), year: collectedFrom(starts.year) },
    dsoDays: round1((outstanding / invoicedFrom(d(-89))) * 90),
    avgDaysToPay: round1(paid.reduce((n, p) => n + paidOf(p.s) * daysBetween(p.s.issue, p.paidOn), 0) / paid.reduce((n, p) => n + paidOf(p.s), 0)),
    forecast,
    topLateClients: late,
    reminders: {
      sentThisMonth: reminded.length,
      steps: [{ stepId: 'manual', sent: reminded.length, paidWithin7Days: paidWithin7.length, share: Math.round((paidWithin7.length / reminded.length) * 1000) / 1000 }],
      medianDaysFirstReminderToPayment: 0,
      bounces: 0,
    },
  };
};

let t: FreshTenant;
const ids: Record<string, string> = {};
const clientIds: Record<'A' | 'B', string> = { A: '', B: '' };

beforeAll(async () => {
  t = await freshTenant('cockpit');
  await t.ok('PUT', '/settings', companySettings);
  clientIds.A = (await t.ok('POST', '/clients', { name: NAMES.A, kind: 'business', email: 'compta@gerard.test', siren: '552100554' })).id;
  clientIds.B = (await t.ok('POST', '/clients', { name: NAMES.B, kind: 'business', email: 'compta@dupont.test', siren: '123456782' })).id;
  for (const s of SPECS) {
    const lines = [{ description: `Travaux ${s.key}`, quantity: 1, unitPriceCents: (s.gross * 10) / 12, vatRate: 20 }];
    const invoice = await t.ok('POST', '/invoices', { clientId: clientIds[s.client], issueDate: s.issue, dueDate: s.due, lines });
    expect(invoice.totals.grossCents).toBe(s.gross);
    ids[s.key] = invoice.id;
  }
  // Sent in the order of their dates: numbers follow the issue dates (CGI 242 nonies A).
  for (const s of SPECS.filter((s) => !s.draft).sort((a, b) => a.issue.localeCompare(b.issue))) await t.ok('POST', `/invoices/${ids[s.key]}/send`);
  for (const s of SPECS) {
    if (s.remind) await t.ok('POST', `/invoices/${ids[s.key]}/reminders`, {});
    for (const p of s.payments ?? []) await t.ok('POST', `/invoices/${ids[s.key]}/payments`, { amountCents: p.amount, date: p.date });
    if (s.credit) await t.ok('POST', `/invoices/${ids[s.key]}/credit-notes`, { amountCents: s.credit, reason: 'Geste commercial' });
  }
  await t.drain();
}, 180_000);

describe('GET /cockpit', () => {
  it('gives every figure of a known dataset exactly', async () => {
    const res = await t.get(`/cockpit?asOf=${T}`);
    expect(res.status).toBe(200);
    const want = expected();
    const { topLateClients, ...rest } = res.json;
    const { topLateClients: wantTop, ...wantRest } = want;
    expect(rest).toEqual(wantRest);
    expect(topLateClients.map(({ clientId, ...c }: { clientId: string }) => c)).toEqual(wantTop);
    expect(topLateClients.map((c: { clientId: string }) => c.clientId)).toEqual(wantTop.map((c) => clientIds[c.name === NAMES.A ? 'A' : 'B']));
  });

  it('agrees to the cent with the open invoices the follow-up list shows', async () => {
    const [cockpit, open, partially] = await Promise.all([t.get(`/cockpit?asOf=${T}`), t.get('/invoices?status=sent&limit=100'), t.get('/invoices?status=partially_paid&limit=100')]);
    const rows = [...open.json.items, ...partially.json.items];
    expect(cockpit.json.outstandingCents).toBe(rows.reduce((n: number, i: { balanceCents: number }) => n + i.balanceCents, 0));
    expect(cockpit.json.openInvoices).toBe(rows.length);
    expect(cockpit.json.overdueCents).toBe(rows.filter((i: { overdue: boolean }) => i.overdue).reduce((n: number, i: { balanceCents: number }) => n + i.balanceCents, 0));
  });

  it('defaults asOf to today in the tenant time zone', async () => {
    const res = await t.get('/cockpit');
    expect(res.status).toBe(200);
    expect(res.json.asOf).toBe(parisToday());
  });

  it('refuses an asOf that is not a date, naming the field', async () => {
    const res = await t.get('/cockpit?asOf=2026-02-30');
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['query.asOf']);
  });

  it('shows nothing of another tenant', async () => {
    const other = await freshTenant('cockpit-other');
    const res = await other.get(`/cockpit?asOf=${T}`);
    expect(res.json.outstandingCents).toBe(0);
    expect(res.json.topLateClients).toEqual([]);
  });
});

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');

describe('GET /clients rows', () => {
  const want = () => {
    const top = expected().topLateClients;
    return Object.fromEntries(top.map((c) => [c.name, c]));
  };

  it('carry each client’s balance, overdue, oldest and average lateness, and last reminder', async () => {
    const res = await t.get('/clients?sort=balance');
    expect(res.status).toBe(200);
    const w = want();
    expect(res.json.items.map((c: any) => [c.name, c.balanceCents, c.overdueCents, c.oldestDaysLate])).toEqual(
      Object.values(w).sort((a, b) => b.balanceCents - a.balanceCents).map((c) => [c.name, c.balanceCents, c.overdueCents, c.oldestDaysLate]),
    );
    const byName = Object.fromEntries(res.json.items.map((c: any) => [c.name, c]));
    // B paid I6 27 days late (720.00) and I8 15 days late (300.00); A paid on time.
    expect(byName[NAMES.B].avgDaysLate).toBe(Math.round(((72_000 * 27 + 30_000 * 15) / 102_000) * 10) / 10);
    expect(byName[NAMES.A].avgDaysLate).toBe(0);
    // Reminded today (a Paris day: at 00:30 on 1 January the instant is still the 31st in UTC).
    for (const name of [NAMES.A, NAMES.B]) expect(inParis(byName[name].lastReminderAt).date).toBe(T);
  });

  it('sort by name (accents ignored) and by overdue', async () => {
    expect((await t.get('/clients?sort=name')).json.items.map((c: any) => c.name)).toEqual([NAMES.B, NAMES.A]);
    const overdue = (await t.get('/clients?sort=overdue')).json.items.map((c: any) => c.overdueCents);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
  });

  it('search name words, email and SIREN by prefix, accents ignored', async () => {
    const names = async (q: string) => (await t.get(`/clients?q=${encodeURIComponent(q)}`)).json.items.map((c: any) => c.name);
    expect(await names('electricite')).toEqual([NAMES.A]);
    expect(await names('GÉRARD')).toEqual([NAMES.A]);
    expect(await names('dupont')).toEqual([NAMES.B]);
    expect(await names('compta@gerard')).toEqual([NAMES.A]);
    expect(await names('1234')).toEqual([NAMES.B]);
    expect(await names('zzz')).toEqual([]);
  });

  it('page a search with a cursor, and refuse a forged one', async () => {
    const first = await t.get('/clients?sort=name&limit=1');
    expect(first.json.items.map((c: any) => c.name)).toEqual([NAMES.B]);
    const second = await t.get(`/clients?sort=name&limit=1&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((c: any) => c.name)).toEqual([NAMES.A]);
    expect(second.json.nextCursor).toBeUndefined();
    const forged = await t.get('/clients?sort=name&cursor=bm90LWEtY3Vyc29y');
    expect(forged.status).toBe(400);
    expect(forged.json.errors[0].path).toBe('query.cursor');
  });
});

describe('GET /clients/{id}/statement', () => {
  it('lists the open invoices, credit notes and payments with a running balance ending at what the client owes', async () => {
    const res = await t.get(`/clients/${clientIds.B}/statement`);
    expect(res.status).toBe(200);
    const s = res.json;
    expect(s.lines.map((l: any) => [l.date, l.kind, l.invoiceId, l.debitCents, l.creditCents, l.balanceCents])).toEqual([
      [d(-50), 'invoice', ids.I3, 36_000, 0, 36_000],
      [d(-20), 'invoice', ids.I4, 24_000, 0, 60_000],
      [T, 'credit_note', ids.I4, 0, 4_800, 55_200],
      [T, 'invoice', ids.I9, 84_000, 0, 139_200],
    ]);
    const row = (await t.get('/clients?q=dupont')).json.items[0];
    expect(s.balanceCents).toBe(row.balanceCents);
    expect(s.overdueCents).toBe(row.overdueCents);
    expect(s.openInvoices.map((i: any) => [i.id, i.balanceCents, i.daysLate])).toEqual([[ids.I4, 19_200, 10], [ids.I3, 36_000, 45], [ids.I9, 84_000, 0]].sort((a, b) => String(SPECS.find((x) => ids[x.key] === a[0])!.due).localeCompare(SPECS.find((x) => ids[x.key] === b[0])!.due)));
  });

  it('shows a partial payment as a credit line', async () => {
    const s = (await t.get(`/clients/${clientIds.A}/statement`)).json;
    expect(s.lines.filter((l: any) => l.kind === 'payment').map((l: any) => [l.date, l.invoiceId, l.creditCents])).toEqual([[d(-10), ids.I2, 10_000]]);
    expect(s.lines.at(-1).balanceCents).toBe(120_000 + 50_000 + 48_000);
  });

  it('renders as a PDF with the movements and the balance due', async () => {
    const res = await t.get(`/clients/${clientIds.B}/statement.pdf`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    const text = await pdfText(res.bytes!);
    expect(text).toContain('Relevé de compte');
    expect(text).toContain(NAMES.B);
    expect(text).toContain('1\u00a0392,00\u00a0€'.replace(/\u00a0/g, ' '));
    expect(text).toContain('552,00'); // overdue: I3 360.00 + I4 192.00
    // A credit note names the invoice it credits, as a payment names the invoice it pays.
    const i4 = (await t.get(`/invoices/${ids.I4}`)).json.number;
    expect(text).toContain(`Avoir A-${T.slice(0, 4)}-0001 · ${i4}`);
  });

  it('is a 404 for another tenant’s client', async () => {
    const other = await freshTenant('statement-other');
    expect((await other.get(`/clients/${clientIds.B}/statement`)).status).toBe(404);
  });
});

describe('GET /invoices, the follow-up list', () => {
  const keysOf = (items: { id: string }[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));
  const list = async (query: string) => {
    const res = await t.get(`/invoices?${query}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json;
  };
  const all = async (query: string, limit: number) => {
    const items: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  };

  it('sorts by amount (balance due while open), either way', async () => {
    expect(keysOf((await list('status=overdue&sort=amount')).items)).toEqual(['I1', 'I2', 'I3', 'I4']);
    expect(keysOf((await list('status=sent&sort=amount&order=asc')).items)).toEqual(['I4', 'I3', 'I5', 'I9', 'I1']);
    expect(keysOf((await list('status=paid&sort=amount')).items)).toEqual(['I6', 'I8', 'I7']);
  });

  it('sorts every status by client name then due date, across pages without loss or repeat', async () => {
    const want = ['I3', 'I6', 'I8', 'I4', 'I9', 'I1', 'I2', 'I7', 'I5', 'D1'];
    expect(keysOf(await all('sort=client', 100))).toEqual(want);
    expect(keysOf(await all('sort=client', 3))).toEqual(want);
    expect(keysOf(await all('sort=client&order=desc', 4))).toEqual([...want].reverse());
  });

  it('sorts by days late and by last reminder, and filters on reminded', async () => {
    expect(keysOf((await list('status=overdue&sort=daysLate')).items)).toEqual(['I1', 'I2', 'I3', 'I4']);
    expect(keysOf((await list('status=overdue&sort=daysLate&order=asc')).items)).toEqual(['I4', 'I3', 'I2', 'I1']);
    const reminded = (await list('reminded=true&sort=lastReminder')).items;
    expect(keysOf(reminded)).toEqual(['I8', 'I1']);
    for (const row of reminded) expect(row.lastReminder).toEqual({ at: row.lastReminderAt, templateId: expect.any(String) });
    expect(keysOf((await list('status=overdue&reminded=false')).items)).toEqual(['I2', 'I3', 'I4']);
  });

  it('open=true keeps what awaits payment, partially paid included (the "non relancées" tab), in every sort', async () => {
    // status=sent would leave out I2 (partially paid, never reminded); no status would bring the paid I6, I7 and the draft.
    expect(keysOf((await list('open=true&reminded=false')).items)).toEqual(['I2', 'I3', 'I4', 'I9', 'I5']);
    expect(keysOf((await list('open=true&reminded=false&sort=amount')).items)).toEqual(['I9', 'I2', 'I5', 'I3', 'I4']);
    expect(keysOf((await list('open=true&reminded=false&sort=client')).items)).toEqual(['I3', 'I4', 'I9', 'I2', 'I5']);
    expect(keysOf((await list('open=true&sort=daysLate')).items)).toEqual(['I1', 'I2', 'I3', 'I4', 'I9', 'I5']);
    expect(keysOf((await list(`open=true&reminded=false&clientId=${clientIds.A}`)).items)).toEqual(['I2', 'I5']);
    expect((await t.get('/invoices?open=false')).status).toBe(400);
  });

  it('filters what falls due within N days', async () => {
    expect(keysOf((await list('dueWithinDays=15')).items)).toEqual(['I9']);
    expect(keysOf((await list('dueWithinDays=30')).items)).toEqual(['I9', 'I5']);
  });

  it('searches by invoice number or client name', async () => {
    const i1 = (await t.get(`/invoices/${ids.I1}`)).json.number as string;
    expect(keysOf((await list(`q=${encodeURIComponent(i1)}`)).items)).toEqual(['I1']);
    expect((await list('q=F-&limit=100')).items).toHaveLength(SPECS.filter((s) => !s.draft).length);
    expect(keysOf((await list('q=boul')).items)).toEqual(['I3', 'I6', 'I8', 'I4', 'I9']);
    // A name search keeps its own order whatever the sort's default direction; order=desc alone reverses it.
    expect(keysOf((await list('q=boul&sort=daysLate')).items)).toEqual(['I3', 'I6', 'I8', 'I4', 'I9']);
    expect(keysOf((await list('q=boul&sort=amount&order=desc')).items)).toEqual(['I9', 'I4', 'I8', 'I6', 'I3']);
    expect(keysOf((await list('q=Élec&status=overdue')).items)).toEqual(['I1', 'I2']);
  });

  it('reads one client’s partition for a client’s list in any sort', async () => {
    expect(keysOf((await list(`clientId=${clientIds.A}&sort=amount`)).items)).toEqual(['I1', 'D1', 'I2', 'I5', 'I7']);
    expect(keysOf(await all(`clientId=${clientIds.A}&sort=amount&order=asc`, 2))).toEqual(['I7', 'I5', 'I2', 'D1', 'I1']);
  });

  it('rows carry the client name', async () => {
    const rows = (await list('limit=100')).items;
    expect(rows).toHaveLength(SPECS.length);
    for (const row of rows) expect(row.clientName).toBe(row.clientId === clientIds.A ? NAMES.A : NAMES.B);
  });

  it('refuses a cursor that is not from this list', async () => {
    const first = await list('sort=client&limit=2');
    const res = await t.get(`/invoices?sort=amount&limit=2&cursor=${first.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('query.cursor');
  });
});
