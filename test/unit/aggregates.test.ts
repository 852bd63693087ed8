import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientItem, contributionDelta, dayItem, flatten, invoiceContribution, movesItem, paidDateOf, unflatten, type Counters, type InvoiceFacts } from '../../shared/domain/aggregates.js';
import { addDays, daysBetween } from '../../shared/domain/dates.js';
import { agingBucket, computeCockpit, histogramMedian } from '../../shared/domain/cockpit.js';
import { parseItemKey } from '../../shared/adapters/dynamo/keys.js';
import { aggregateChangeTarget as targetOfItem } from '../../shared/app/aggregates/stream-changes.js';

/** As the update-aggregates handler does: the record's keys parsed, then the use case's decision. */
const aggregateChangeTarget = (keys: { PK: string; SK: string }, eventName: string, newImage?: Record<string, unknown>, oldImage?: Record<string, unknown>) =>
  targetOfItem(parseItemKey(keys), eventName, newImage, oldImage);

const anInvoice = (overrides: Partial<InvoiceFacts> = {}): InvoiceFacts => ({
  id: 'i1', clientId: 'c1', status: 'sent', issueDate: '2026-02-01', dueDate: '2026-03-03', grossCents: 120_000, deductedCents: 0,
  paidCents: 0, creditedCents: 0, payments: [], credits: [], sentSteps: [], ...overrides,
});

const apply = (total: Counters, delta: Counters): Counters => unflatten(Object.fromEntries(
  [...new Set([...Object.keys(flatten(total)), ...Object.keys(flatten(delta))])].map((k) => [k, (flatten(total)[k] ?? 0) + (flatten(delta)[k] ?? 0)]),
));
const nonZero = (c: Counters) => Object.fromEntries(Object.entries(flatten(c)).filter(([, v]) => v !== 0));

describe('an invoice contribution', () => {
  it('counts nothing for a draft, and nothing but credited revenue for a voided invoice', () => {
    expect(invoiceContribution(anInvoice({ status: 'draft' }))).toEqual({ counters: {} });
    expect(invoiceContribution(anInvoice({ status: 'cancelled' })).counters).toEqual({});
  });

  it('books revenue at issue, credit notes at theirs, payments at their dates, the open balance on the client', () => {
    const c = invoiceContribution(anInvoice({
      status: 'partially_paid', paidCents: 20_000, creditedCents: 10_000,
      payments: [{ amountCents: 20_000, date: '2026-02-20', removed: false }, { amountCents: 5_000, date: '2026-02-21', removed: true }],
      credits: [{ grossCents: 10_000, issueDate: '2026-02-22' }],
    }));
    // `O#`/`N#`: how the open balance of (client, due date) moved that day, for a past asOf, on an
    // item of their own (the day's reminders update the day item, billed by its size).
    expect(c.counters).toEqual({
      [dayItem('2026-02-01')]: { invoicedCents: 120_000 },
      [dayItem('2026-02-22')]: { invoicedCents: -10_000 },
      [dayItem('2026-02-20')]: { collectedCents: 20_000 },
      [movesItem('2026-02-01')]: { 'O#c1#2026-03-03': 120_000, 'N#c1#2026-03-03': 1 },
      [movesItem('2026-02-22')]: { 'O#c1#2026-03-03': -10_000 },
      [movesItem('2026-02-20')]: { 'O#c1#2026-03-03': -20_000 },
      [clientItem('c1')]: { balanceCents: 90_000, openInvoices: 1 },
    });
    expect(c.open).toEqual({ clientId: 'c1', dueDate: '2026-03-03', balanceCents: 90_000 });
  });

  it('keeps the open balance under the due date of each day when the due date is moved once sent', () => {
    // Due 2026-03-03, 20,00 paid on 03-10, moved on 03-15 to 04-30: the balance of the days before the move stays
    // under 03-03 (late then), what is left moves to 04-30 on 03-15; the moves under each key add up to what is open now.
    const c = invoiceContribution(anInvoice({
      status: 'partially_paid', paidCents: 20_000, dueDate: '2026-04-30', dueDateChanges: [{ on: '2026-03-15', from: '2026-03-03' }],
      payments: [{ amountCents: 20_000, date: '2026-03-10', removed: false }],
    }));
    expect(nonZero(Object.fromEntries(Object.entries(c.counters).filter(([k]) => k.startsWith(movesItem(''))))) ).toEqual({
      [`${movesItem('2026-02-01')}|O#c1#2026-03-03`]: 120_000, [`${movesItem('2026-02-01')}|N#c1#2026-03-03`]: 1,
      [`${movesItem('2026-03-10')}|O#c1#2026-03-03`]: -20_000,
      [`${movesItem('2026-03-15')}|O#c1#2026-03-03`]: -100_000, [`${movesItem('2026-03-15')}|N#c1#2026-03-03`]: -1,
      [`${movesItem('2026-03-15')}|O#c1#2026-04-30`]: 100_000, [`${movesItem('2026-03-15')}|N#c1#2026-04-30`]: 1,
    });
    expect(c.open).toEqual({ clientId: 'c1', dueDate: '2026-04-30', balanceCents: 100_000 });
    // Moved twice the same day and back: nothing moves.
    const back = invoiceContribution(anInvoice({ dueDateChanges: [{ on: '2026-03-15', from: '2026-03-03' }, { on: '2026-03-15', from: '2026-04-30' }] }));
    expect(back.counters).toEqual(invoiceContribution(anInvoice()).counters);
  });

  it('moves what a running plan leaves at the due date to the new one on the day the due date is moved', () => {
    // A plan of 400,00 of 1 200,00 made at issue; the due date moved on 03-15: the 800,00 left off the plan sit at 03-03
    // until then, at 04-30 from then, and the F# moves add up to how the plan places the balance today.
    const c = invoiceContribution(anInvoice({
      dueDate: '2026-04-30', dueDateChanges: [{ on: '2026-03-15', from: '2026-03-03' }],
      plan: { instalments: [{ dueDate: '2026-03-20', amountCents: 40_000 }], totalCents: 40_000, from: '2026-02-01' },
    }));
    const shifts = Object.entries(c.counters).flatMap(([item, row]) => Object.entries(row).filter(([k]) => k.startsWith('F#')).map(([k, v]) => [item, k, v] as const));
    expect(shifts).toEqual(expect.arrayContaining([
      [movesItem('2026-02-01'), 'F#c1#2026-03-03', -40_000], [movesItem('2026-02-01'), 'F#c1#2026-03-20', 40_000],
      [movesItem('2026-03-15'), 'F#c1#2026-03-03', 40_000], [movesItem('2026-03-15'), 'F#c1#2026-04-30', -40_000],
    ]));
    const total = (at: string) => shifts.filter(([, k]) => k === `F#c1#${at}`).reduce((n, [, , v]) => n + v, 0);
    expect([total('2026-03-03'), total('2026-03-20'), total('2026-04-30')]).toEqual([0, 40_000, -40_000]);
  });

  it('records days to pay, lateness and reminder effect when fully paid', () => {
    const c = invoiceContribution(anInvoice({
      status: 'paid', paidCents: 120_000, payments: [{ amountCents: 120_000, date: '2026-03-10', removed: false }],
      sentSteps: [{ stepId: 'j+1', date: '2026-03-04' }, { stepId: 'manual-2026-03-09', date: '2026-03-09' }],
    }));
    expect(c.open).toBeUndefined();
    expect(c.counters[clientItem('c1')]).toEqual({ paidInvoices: 1, paidWeightCents: 120_000, lateDaysWeighted: 120_000 * 7 });
    expect(c.counters[dayItem('2026-03-10')]).toMatchObject({ paidInvoices: 1, paidDaysWeighted: 120_000 * 37, 'RP#6': 1 });
    expect(c.counters[dayItem('2026-03-04')]).toEqual({ remindersSent: 1, 'S#j+1': 1, 'P7#j+1#6': 1 });
    expect(c.counters[dayItem('2026-03-09')]).toEqual({ remindersSent: 1, 'S#manual': 1, 'P7#manual#1': 1 });
  });

  it('dates a paid invoice whose balance a credit note closed after its last payment on that credit note, as its balance says', () => {
    // 600 paid on 10 March, the 600 left credited on 1 April: owed until 1 April (a past asOf shows it open), paid then.
    const f = anInvoice({
      status: 'paid', paidCents: 60_000, creditedCents: 60_000,
      payments: [{ amountCents: 60_000, date: '2026-03-10', removed: false }], credits: [{ grossCents: 60_000, issueDate: '2026-04-01' }],
    });
    expect(paidDateOf(f)).toBe('2026-04-01');
    const c = invoiceContribution(f);
    expect(c.counters[dayItem('2026-04-01')]).toMatchObject({ paidInvoices: 1, paidWeightCents: 60_000, paidDaysWeighted: 60_000 * 59 });
    expect(c.counters[dayItem('2026-03-10')]).toEqual({ collectedCents: 60_000 });
    expect(c.counters[clientItem('c1')]).toEqual({ paidInvoices: 1, paidWeightCents: 60_000, lateDaysWeighted: 60_000 * 29 });
    // A credit note before the last payment leaves the payment's date.
    expect(paidDateOf(anInvoice({ status: 'paid', paidCents: 60_000, creditedCents: 60_000, payments: [{ amountCents: 60_000, date: '2026-04-05', removed: false }], credits: [{ grossCents: 60_000, issueDate: '2026-04-01' }] }))).toBe('2026-04-05');
  });

  it('dates an imported invoice paid off with us on our last payment, not on the import day its earlier payment is recorded at', () => {
    // Imported on 27 Nov with 40 paid elsewhere (recorded that day), the 80 left received on 24 Nov: paid on the 24th, 6 days late.
    const f = anInvoice({
      status: 'paid', issueDate: '2026-11-03', dueDate: '2026-11-18', grossCents: 12_000, paidCents: 12_000,
      payments: [{ amountCents: 4_000, date: '2026-11-27', removed: false, beforeImport: true }, { amountCents: 8_000, date: '2026-11-24', removed: false }],
    });
    expect(paidDateOf(f)).toBe('2026-11-24');
    const c = invoiceContribution(f);
    expect(c.counters[dayItem('2026-11-24')]).toMatchObject({ paidInvoices: 1, paidWeightCents: 12_000, paidDaysWeighted: 12_000 * 21 });
    expect(c.counters[clientItem('c1')]).toEqual({ paidInvoices: 1, paidWeightCents: 12_000, lateDaysWeighted: 12_000 * 6 });
  });

  it('counts a payment made before the invoice was written (paid on the job) as paid at once, never as negative days to pay', () => {
    const c = invoiceContribution(anInvoice({ status: 'paid', paidCents: 120_000, payments: [{ amountCents: 120_000, date: '2026-01-20', removed: false }] }));
    expect(c.counters[dayItem('2026-01-20')]).toMatchObject({ paidInvoices: 1, paidWeightCents: 120_000 });
    expect(c.counters[dayItem('2026-01-20')]!.paidDaysWeighted ?? 0).toBe(0);
  });

  it('applying successive deltas always lands on the latest contribution (replays and reorders are zero deltas)', () => {
    const states = fc.record({
      status: fc.constantFrom('draft', 'sent', 'partially_paid', 'paid', 'cancelled' as const),
      paid: fc.integer({ min: 0, max: 120_000 }),
      payDay: fc.integer({ min: 1, max: 28 }),
      reminded: fc.boolean(),
    }).map((s) => anInvoice({
      status: s.status, paidCents: s.paid,
      payments: s.paid ? [{ amountCents: s.paid, date: `2026-03-${String(s.payDay).padStart(2, '0')}`, removed: false }] : [],
      sentSteps: s.reminded ? [{ stepId: 'j+1', date: '2026-03-04' }] : [],
    }));
    fc.assert(fc.property(fc.array(states, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 8 }), (sequence, replays) => {
      let total: Counters = {};
      let snapshot: Counters = {};
      const seen = [...sequence, ...replays.map((r) => sequence[r % sequence.length]!)];
      // The consumer always reads the latest state, whatever record woke it up.
      const latest = sequence.at(-1)!;
      for (const _ of seen) {
        void _;
        const next = invoiceContribution(latest).counters;
        total = apply(total, contributionDelta(snapshot, next));
        snapshot = next;
      }
      expect(nonZero(total)).toEqual(nonZero(invoiceContribution(latest).counters));
    }));
  });
});

describe('cockpit arithmetic', () => {
  it('puts days past due in their bucket, due today being not due', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91, -5].map(agingBucket)).toEqual(['not_due', '1_30', '1_30', '31_60', '31_60', '61_90', '61_90', '90_plus', 'not_due']);
  });

  it('takes the median of a histogram, the mean of the middle two for an even count', () => {
    expect(histogramMedian(new Map())).toBeNull();
    expect(histogramMedian(new Map([[3, 1], [10, 1], [1, 1]]))).toBe(3);
    expect(histogramMedian(new Map([[2, 2], [8, 2]]))).toBe(5);
  });

  it('forecasts an open balance at its due date shifted by the client’s lateness; overdue in the first week', () => {
    const cockpit = computeCockpit({
      asOf: '2026-11-25', // a Wednesday: the forecast starts Monday 30 November
      clients: [{ clientId: 'c1', balanceCents: 300, openInvoices: 2, paidInvoices: 1, paidWeightCents: 100, lateDaysWeighted: 1_000,
        open: [{ invoiceId: 'a', dueDate: '2026-11-01', balanceCents: 100 }, { invoiceId: 'b', dueDate: '2026-11-28', balanceCents: 200 }] }],
      days: [],
    });
    expect(cockpit.forecast[0]).toEqual({ weekStart: '2026-11-30', expectedCents: 100 });
    expect(cockpit.forecast[1]).toEqual({ weekStart: '2026-12-07', expectedCents: 200 }); // 28 Nov + 10 days = 8 Dec
    expect(cockpit.dsoDays).toBeNull();
  });

  it('forecasts an invoice under a plan by its instalments still owed (an overdue one in the first week), what the plan does not cover at the due date', () => {
    const cockpit = computeCockpit({
      asOf: '2026-11-25',
      clients: [{ clientId: 'c1', balanceCents: 1_000, openInvoices: 1, paidInvoices: 1, paidWeightCents: 100, lateDaysWeighted: 1_000,
        // Due 1 Dec; instalments 20 Nov (missed), 2 Dec, 16 Dec; 100 above the plan (a payment removed since).
        open: [{ invoiceId: 'a', dueDate: '2026-12-01', balanceCents: 1_000, instalments: [{ dueDate: '2026-11-20', balanceCents: 300 }, { dueDate: '2026-12-02', balanceCents: 400 }, { dueDate: '2026-12-16', balanceCents: 200 }] }] }],
      days: [],
    });
    // Lateness 10 days: 20 Nov is overdue (first week); 2 Dec + 10 = 12 Dec (week 1); 16 Dec + 10 = 26 Dec (week 3); 1 Dec + 10 = 11 Dec (week 1).
    expect(cockpit.forecast.slice(0, 4).map((w) => w.expectedCents)).toEqual([300, 500, 0, 200]);
    expect(cockpit.outstandingCents).toBe(1_000);
  });

  it('gives the instalments still owed of a running plan on the open entry, oldest paid first, and none once the plan ended', () => {
    const plan = { instalments: [{ dueDate: '2026-03-10', amountCents: 40_000 }, { dueDate: '2026-04-10', amountCents: 40_000 }, { dueDate: '2026-05-10', amountCents: 40_000 }], totalCents: 120_000 };
    const paid = anInvoice({ status: 'partially_paid', paidCents: 50_000, payments: [{ amountCents: 50_000, date: '2026-03-05', removed: false }], plan });
    expect(invoiceContribution(paid).open).toEqual({ clientId: 'c1', dueDate: '2026-03-03', balanceCents: 70_000, instalments: [{ dueDate: '2026-04-10', balanceCents: 30_000 }, { dueDate: '2026-05-10', balanceCents: 40_000 }] });
    expect(invoiceContribution(anInvoice()).open).toEqual({ clientId: 'c1', dueDate: '2026-03-03', balanceCents: 120_000 });
  });
});

describe('the cockpit of a past day', () => {
  const TODAY = '2026-11-26';
  const day = (n: number) => { const d = new Date(Date.UTC(2026, 0, 1) + n * 86_400_000); return d.toISOString().slice(0, 10); };
  /** Random invoices of three clients: payments and credit notes within the amount, at dates up to today. */
  const invoiceArb = fc.record({
    client: fc.constantFrom('c1', 'c2', 'c3'),
    issue: fc.integer({ min: 0, max: 320 }),
    term: fc.integer({ min: 0, max: 60 }),
    gross: fc.integer({ min: 100, max: 100_000 }),
    moves: fc.array(fc.record({ kind: fc.constantFrom('payment', 'credit', 'removed', 'before-import' as const), share: fc.integer({ min: 1, max: 60 }), after: fc.integer({ min: 0, max: 200 }) }), { maxLength: 4 }),
    cancelled: fc.boolean(),
    // A payment plan made `at` days after the issue for what was owed then, ended `lasts` days later or still running.
    plan: fc.option(fc.record({ at: fc.integer({ min: 0, max: 200 }), lasts: fc.option(fc.integer({ min: 0, max: 200 })), parts: fc.array(fc.record({ share: fc.integer({ min: 1, max: 10 }), after: fc.integer({ min: -30, max: 90 }) }), { minLength: 1, maxLength: 3 }) })),
  });
  const factsOf = (raw: typeof invoiceArb extends fc.Arbitrary<infer R> ? R : never, i: number): InvoiceFacts => {
    const issueDate = day(raw.issue);
    const last = day(329); // 2026-11-26
    let left = raw.gross;
    const payments: { amountCents: number; date: string; removed: boolean; beforeImport?: boolean }[] = [];
    const credits: { grossCents: number; issueDate: string }[] = [];
    for (const m of raw.moves) {
      const amount = Math.min(left, Math.ceil((raw.gross * m.share) / 100));
      const date = day(Math.min(raw.issue + m.after, 329));
      if (m.kind === 'removed') { payments.push({ amountCents: amount, date, removed: true }); continue; }
      if (amount === 0) continue;
      left -= amount;
      if (m.kind === 'credit') credits.push({ grossCents: amount, issueDate: date });
      else payments.push({ amountCents: amount, date: m.kind === 'before-import' ? last : date, removed: false, ...(m.kind === 'before-import' ? { beforeImport: true } : {}) });
    }
    const paidCents = payments.filter((p) => !p.removed).reduce((n, p) => n + p.amountCents, 0);
    const creditedCents = credits.reduce((n, c) => n + c.grossCents, 0);
    // A cancellation credits what is left (a credit note today); a settled invoice is paid, else open.
    if (raw.cancelled && left > 0) { credits.push({ grossCents: left, issueDate: TODAY }); left = 0; }
    const status = raw.cancelled && credits.length > 0 && left === 0 && paidCents < raw.gross ? 'cancelled' : left === 0 ? (paidCents > 0 ? 'paid' : 'cancelled') : paidCents > 0 ? 'partially_paid' : 'sent';
    const f = anInvoice({
      id: `i${i}`, clientId: raw.client, status, issueDate, dueDate: day(raw.issue + raw.term), grossCents: raw.gross,
      paidCents, creditedCents: credits.reduce((n, c) => n + c.grossCents, 0), payments, credits,
    });
    if (!raw.plan || raw.issue + raw.plan.at > 329) return f;
    const from = day(raw.issue + raw.plan.at);
    const totalCents = owedAt(f, from);
    if (totalCents === 0) return f;
    const until = raw.plan.lasts !== null && raw.issue + raw.plan.at + raw.plan.lasts <= 329 ? day(raw.issue + raw.plan.at + raw.plan.lasts) : undefined;
    // Instalments adding up to what was owed when the plan was made (the last takes the rounding).
    const shares = raw.plan.parts.reduce((n, p) => n + p.share, 0);
    const instalments = raw.plan.parts.map((p, k) => ({
      dueDate: day(raw.issue + raw.plan!.at + Math.max(0, p.after) + k),
      amountCents: k === raw.plan!.parts.length - 1 ? totalCents - raw.plan!.parts.slice(0, k).reduce((n, q) => n + Math.floor((totalCents * q.share) / shares), 0) : Math.floor((totalCents * p.share) / shares),
    }));
    return { ...f, plan: { instalments, totalCents, from, ...(until ? { until } : {}) } };
  };
  /** Plain definition: what is still owed of each instalment when `owed` is left (paid oldest first). */
  const instalmentsOwed = (plan: NonNullable<InvoiceFacts['plan']>, owed: number) => {
    let paid = Math.max(0, plan.totalCents - owed);
    return plan.instalments.map((inst) => {
      const covered = Math.min(paid, inst.amountCents);
      paid -= covered;
      return { dueDate: inst.dueDate, owed: inst.amountCents - covered };
    });
  };
  /** Plain definition: what each invoice still owed at the end of `asOf` (prior-to-import payments at the issue date). */
  const owedAt = (f: InvoiceFacts, asOf: string) => {
    if (f.issueDate > asOf) return 0;
    const paid = f.payments.filter((p) => !p.removed && (p.beforeImport ? f.issueDate : p.date) <= asOf).reduce((n, p) => n + p.amountCents, 0);
    const credited = f.credits.filter((c) => c.issueDate <= asOf).reduce((n, c) => n + c.grossCents, 0);
    return Math.max(0, f.grossCents - paid - credited);
  };

  it('gives the open balances, aging, overdue, late clients and forecast of that day from today’s items and the later balance moves', () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 329 }), (raws, asOfDay) => {
        const invoices = raws.map(factsOf);
        const asOf = day(asOfDay);
        // What the stream consumer keeps: client items with their open entries, day items, balance moves.
        const dayCounters = new Map<string, Record<string, number>>();
        const moveCounters = new Map<string, Record<string, number>>();
        const clients = new Map<string, { clientId: string; balanceCents: number; openInvoices: number; paidInvoices: number; paidWeightCents: number; lateDaysWeighted: number; open: { invoiceId: string; dueDate: string; balanceCents: number; instalments?: readonly { dueDate: string; balanceCents: number }[] }[] }>();
        for (const f of invoices) {
          const c = invoiceContribution(f);
          for (const [item, row] of Object.entries(c.counters)) {
            const [kind, date] = item.split(':') as [string, string];
            const target = kind === 'day' ? dayCounters : kind === 'moves' ? moveCounters : undefined;
            if (!target) continue;
            const d = target.get(date) ?? {};
            for (const [k, v] of Object.entries(row)) d[k] = (d[k] ?? 0) + v;
            target.set(date, d);
          }
          const client = clients.get(f.clientId) ?? { clientId: f.clientId, balanceCents: 0, openInvoices: 0, paidInvoices: 0, paidWeightCents: 0, lateDaysWeighted: 0, open: [] };
          if (c.open) client.open.push({ invoiceId: f.id, dueDate: c.open.dueDate, balanceCents: c.open.balanceCents, ...(c.open.instalments ? { instalments: c.open.instalments } : {}) });
          const own = c.counters[clientItem(f.clientId)] ?? {};
          client.paidWeightCents += own.paidWeightCents ?? 0;
          client.lateDaysWeighted += own.lateDaysWeighted ?? 0;
          clients.set(f.clientId, client);
        }
        const days = [...dayCounters].map(([date, counters]) => ({ date, counters })).sort((a, b) => a.date.localeCompare(b.date));
        const moves = [...moveCounters].map(([date, counters]) => ({ date, counters }));
        const got = computeCockpit({ asOf, clients: [...clients.values()], days: days.filter((d) => d.date <= asOf), ...(asOf < TODAY ? { later: moves.filter((d) => d.date > asOf) } : {}) });

        const open = invoices.map((f) => ({ f, owed: owedAt(f, asOf) })).filter((o) => o.owed > 0 && o.f.status !== 'draft' && !(o.f.status === 'cancelled' && o.f.credits.length === 0));
        const late = open.filter((o) => o.f.dueDate < asOf);
        expect(got.outstandingCents).toBe(open.reduce((n, o) => n + o.owed, 0));
        expect(got.openInvoices).toBe(open.length);
        expect([got.overdueCents, got.overdueInvoices]).toEqual([late.reduce((n, o) => n + o.owed, 0), late.length]);
        expect(got.aging).toEqual(['not_due', '1_30', '31_60', '61_90', '90_plus'].map((bucket) => {
          const inBucket = open.filter((o) => agingBucket(Math.round((Date.parse(asOf) - Date.parse(o.f.dueDate)) / 86_400_000)) === bucket);
          return { bucket, balanceCents: inBucket.reduce((n, o) => n + o.owed, 0), count: inBucket.length };
        }));
        const lateBy = (clientId: string) => late.filter((o) => o.f.clientId === clientId).reduce((n, o) => n + o.owed, 0);
        const daysLate = (clientId: string) => Math.max(0, ...late.filter((o) => o.f.clientId === clientId).map((o) => daysBetween(o.f.dueDate, asOf)));
        // The amount, then the days late (the names, read by the caller, settle what is left: byLateness).
        expect(got.topLateClients.map((c) => [c.clientId, c.overdueCents, c.balanceCents])).toEqual(
          ['c1', 'c2', 'c3'].filter((c) => lateBy(c) > 0).sort((a, b) => lateBy(b) - lateBy(a) || daysLate(b) - daysLate(a) || a.localeCompare(b))
            .map((c) => [c, lateBy(c), open.filter((o) => o.f.clientId === c).reduce((n, o) => n + o.owed, 0)]),
        );
        // The forecast: each balance at its due date shifted by its client's lateness of that day, over
        // the invoices fully paid by asOf (weighted by the amount paid), not by today's.
        const lateness = (clientId: string) => {
          const paid = invoices.filter((f) => f.clientId === clientId && (paidDateOf(f) ?? '9999') <= asOf);
          const weight = paid.reduce((n, f) => n + f.paidCents, 0);
          const days = paid.reduce((n, f) => n + f.paidCents * Math.max(0, daysBetween(f.dueDate, paidDateOf(f)!)), 0);
          return weight > 0 ? Math.round((days / weight) * 10) / 10 : 0;
        };
        const firstWeek = got.forecast[0]!.weekStart;
        const expected = got.forecast.map((w) => ({ ...w, expectedCents: 0 }));
        const place = (clientId: string, dueDate: string, cents: number) => {
          const at = addDays(dueDate, Math.round(lateness(clientId)));
          const week = dueDate < asOf || at < firstWeek ? 0 : Math.floor(daysBetween(firstWeek, at) / 7);
          if (week < expected.length) expected[week]!.expectedCents += cents;
        };
        for (const o of open) {
          // Under a plan running that day (made by then, not yet ended): each instalment's part of
          // what was owed that day at its own date, what the plan does not cover at the due date.
          const plan = o.f.plan;
          const running = plan && plan.from! <= asOf && (plan.until === undefined || asOf < plan.until);
          const parts = running ? instalmentsOwed(plan, o.owed).filter((p) => p.owed > 0) : [];
          for (const p of parts) place(o.f.clientId, p.dueDate, p.owed);
          place(o.f.clientId, o.f.dueDate, o.owed - parts.reduce((n, p) => n + p.owed, 0));
        }
        expect(got.forecast).toEqual(expected);
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });

  it('counts a reminder as followed by payment within 7 days only once that payment is made by asOf', () => {
    // Reminded on 4 March, paid on 8 March: on 6 March it was not paid yet, on 8 March it was.
    const f = anInvoice({ status: 'paid', paidCents: 120_000, payments: [{ amountCents: 120_000, date: '2026-03-08', removed: false }], sentSteps: [{ stepId: 'j+1', date: '2026-03-04' }] });
    const days = Object.entries(invoiceContribution(f).counters).filter(([k]) => k.startsWith('day:')).map(([k, counters]) => ({ date: k.slice(4), counters }));
    const clients = [{ clientId: 'c1', balanceCents: 0, openInvoices: 0, paidInvoices: 1, paidWeightCents: 120_000, lateDaysWeighted: 600_000, open: [] }];
    const stepOn = (asOf: string) => {
      const later = Object.entries(invoiceContribution(f).counters).filter(([k]) => k.startsWith('moves:') && k.slice(6) > asOf).map(([k, counters]) => ({ date: k.slice(6), counters }));
      return computeCockpit({ asOf, clients, days: days.filter((d) => d.date <= asOf), later }).reminders.steps;
    };
    expect(stepOn('2026-03-06')).toEqual([{ stepId: 'j+1', sent: 1, paidWithin7Days: 0, share: 0 }]);
    expect(stepOn('2026-03-08')).toEqual([{ stepId: 'j+1', sent: 1, paidWithin7Days: 1, share: 1 }]);
  });

  it('still counts the reminder counters written before the payment day was kept with them (`P7#<step>`)', () => {
    const days = [{ date: '2026-03-04', counters: { remindersSent: 1, 'S#j+1': 1, 'P7#j+1': 1 } }];
    expect(computeCockpit({ asOf: '2026-03-20', clients: [], days }).reminders.steps).toEqual([{ stepId: 'j+1', sent: 1, paidWithin7Days: 1, share: 1 }]);
  });

  it('leaves out an invoice issued after asOf and adds back a payment dated after it', () => {
    const f = anInvoice({ status: 'paid', paidCents: 120_000, payments: [{ amountCents: 120_000, date: '2026-03-20', removed: false }] });
    const later = anInvoice({ id: 'i2', issueDate: '2026-03-15', dueDate: '2026-04-15', grossCents: 50_000 });
    const itemsOf = (kind: string) => [invoiceContribution(f), invoiceContribution(later)].flatMap((c) => Object.entries(c.counters).filter(([k]) => k.startsWith(`${kind}:`)).map(([k, counters]) => ({ date: k.slice(kind.length + 1), counters })));
    const days = itemsOf('day');
    const moves = itemsOf('moves');
    const clients = [{ clientId: 'c1', balanceCents: 50_000, openInvoices: 1, paidInvoices: 1, paidWeightCents: 120_000, lateDaysWeighted: 0, open: [{ invoiceId: 'i2', dueDate: '2026-04-15', balanceCents: 50_000 }] }];
    const at = computeCockpit({ asOf: '2026-03-10', clients, days: days.filter((d) => d.date <= '2026-03-10'), later: moves.filter((d) => d.date > '2026-03-10') });
    expect([at.outstandingCents, at.overdueCents, at.openInvoices, at.overdueInvoices]).toEqual([120_000, 120_000, 1, 1]);
    expect(at.aging.find((b) => b.bucket === '1_30')).toEqual({ bucket: '1_30', balanceCents: 120_000, count: 1 });
  });
});

describe('which stream records move the aggregates', () => {
  const pk = 'T#acme#INV#01J';
  it('invoice, payments, credit notes and steps; a bounce event once inserted; nothing else', () => {
    expect(aggregateChangeTarget({ PK: pk, SK: '#INVOICE' }, 'MODIFY')).toEqual({ kind: 'invoice', tenantId: 'acme', invoiceId: '01J' });
    for (const SK of ['PAYMENT#1', 'CREDIT#1', 'STEP#j+1']) expect(aggregateChangeTarget({ PK: pk, SK }, 'INSERT')?.kind).toBe('invoice');
    expect(aggregateChangeTarget({ PK: pk, SK: '#AGG' }, 'MODIFY')).toBeUndefined();
    expect(aggregateChangeTarget({ PK: pk, SK: 'EVENT#x' }, 'INSERT', { type: 'email.delivered', at: 'x' })).toBeUndefined();
    expect(aggregateChangeTarget({ PK: pk, SK: 'EVENT#2026-01-01T00:00:00.000Z#01B' }, 'INSERT', { type: 'email.bounced', at: '2026-01-01T00:00:00Z', data: { stepId: 'j+1' } })).toEqual({
      kind: 'bounce', tenantId: 'acme', invoiceId: '01J', event: { at: '2026-01-01T00:00:00.000Z', id: '01B' }, at: '2026-01-01T00:00:00Z',
    });
    // Not a reminder's (the invoice's own email, a thank-you: no step): the cockpit's reminder bounces leave it out.
    expect(aggregateChangeTarget({ PK: pk, SK: 'EVENT#2026-01-01T00:00:00.000Z#01D' }, 'INSERT', { type: 'email.bounced', at: '2026-01-01T00:00:00Z', data: { messageId: 'm' } })).toBeUndefined();
    expect(aggregateChangeTarget({ PK: 'T#acme#AGG', SK: 'CLIENT#c1' }, 'MODIFY')).toBeUndefined();
    expect(aggregateChangeTarget({ PK: 'T#acme', SK: 'CLIENT#c1' }, 'MODIFY')).toBeUndefined();
    // A grouped reminder's bounce copied on its other invoices' timelines is the same bounce: counted once, on the lead's.
    const copy = { type: 'email.bounced', at: '2026-01-01T00:00:00Z', data: { bounceType: 'Permanent', stepId: 'j+1', groupOf: '01K' } };
    expect(aggregateChangeTarget({ PK: pk, SK: 'EVENT#2026-01-01T00:00:00.000Z#01C' }, 'INSERT', copy)).toBeUndefined();
  });

  it('not a send’s claim (step `sending`, the invoice’s day slot): its `sent` record counts', () => {
    const step = { stepId: 'j+1', state: 'scheduled', scheduledAt: '2026-03-07T08:00:00Z' };
    expect(aggregateChangeTarget({ PK: pk, SK: 'STEP#001#0' }, 'MODIFY', { ...step, state: 'sending' }, step)).toBeUndefined();
    expect(aggregateChangeTarget({ PK: pk, SK: 'STEP#001#0' }, 'MODIFY', { ...step, state: 'sent' }, { ...step, state: 'sending' })?.kind).toBe('invoice');
    expect(aggregateChangeTarget({ PK: pk, SK: 'STEP#001#0' }, 'MODIFY', { ...step, state: 'cancelled' }, step)?.kind).toBe('invoice');
    const invoice = { id: '01J', status: 'sent', paidCents: 0, version: 3, reminderCount: 0, address: { city: 'Nantes', postalCode: '44000' } };
    // Maps may come back with their keys in another order: still the same invoice.
    const claimed = { ...invoice, address: { postalCode: '44000', city: 'Nantes' }, version: 4, reminderCount: 1, lastReminderDay: '2026-03-07', lastReminderAt: '2026-03-07T08:00:01Z' };
    expect(aggregateChangeTarget({ PK: pk, SK: '#INVOICE' }, 'MODIFY', claimed, invoice)).toBeUndefined();
    expect(aggregateChangeTarget({ PK: pk, SK: '#INVOICE' }, 'MODIFY', { ...claimed, paidCents: 100 }, invoice)?.kind).toBe('invoice');
    expect(aggregateChangeTarget({ PK: pk, SK: '#INVOICE' }, 'INSERT', claimed)?.kind).toBe('invoice');
  });

  it('not a credit note’s email (claimed, sent, failed): its amount and date are what count', () => {
    const note = { id: 'cn1', number: 'A-2026-0001', grossCents: 1_000, issueDate: '2026-03-05', vatBreakdown: [{ vatRate: 20, netCents: 833, vatCents: 167 }], emailClaimedAt: '2026-03-05T10:00:00Z' };
    const { emailClaimedAt, ...released } = note;
    void emailClaimedAt;
    const sent = { ...released, vatBreakdown: [{ vatCents: 167, netCents: 833, vatRate: 20 }], emailStatus: 'sent', emailedAt: '2026-03-05T10:00:01Z', emailedTo: 'a@b.test', messageId: 'm1' };
    expect(aggregateChangeTarget({ PK: pk, SK: 'CREDIT#cn1' }, 'MODIFY', sent, note)).toBeUndefined();
    expect(aggregateChangeTarget({ PK: pk, SK: 'CREDIT#cn1' }, 'MODIFY', { ...sent, emailStatus: 'failed' }, sent)).toBeUndefined();
    expect(aggregateChangeTarget({ PK: pk, SK: 'CREDIT#cn1' }, 'INSERT', note)?.kind).toBe('invoice');
    expect(aggregateChangeTarget({ PK: pk, SK: 'CREDIT#cn1' }, 'MODIFY', { ...sent, grossCents: 2_000 }, note)?.kind).toBe('invoice');
  });
});

describe('client search and statement', () => {
  it('folds accents and case, and matches a word, the email or the SIREN by prefix', async () => {
    const { fold, matchesClient } = await import('../../shared/app/aggregates/client-rows.js');
    expect(fold('  Électricité GÉRARD & Fils ')).toBe('electricite gerard fils');
    const client = { id: 'c', name: 'Électricité Gérard', kind: 'business', email: 'Compta@Gerard.test', siren: '552100554', ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: '', updatedAt: '' } as const;
    for (const q of ['elec', 'gerard', 'ÉLECTRICITÉ G', 'compta@g', '552 100']) expect(matchesClient(client as never, q)).toBe(true);
    for (const q of ['lectricite', 'gerard.test', '100554', 'x']) expect(matchesClient(client as never, q)).toBe(false);
  });

  it('runs the balance through movements in date order, invoice before its credit and payments on a day', async () => {
    const { buildStatement } = await import('../../shared/domain/statement.js');
    const s = buildStatement([
      { id: 'b', number: 'F-2', issueDate: '2026-02-01', dueDate: '2026-03-01', billedCents: 500, payments: [{ id: 'p', amountCents: 200, date: '2026-02-01', method: 'cash' }], credits: [{ id: 'k', number: 'A-1', grossCents: 100, issueDate: '2026-02-01' }] },
      { id: 'a', number: 'F-1', issueDate: '2026-01-15', dueDate: '2026-02-15', billedCents: 1_000, payments: [], credits: [] },
    ], '2026-02-20');
    expect(s.lines.map((l) => [l.reference, l.balanceCents])).toEqual([['F-1', 1_000], ['F-2', 1_500], ['A-1', 1_400], ['F-2', 1_200]]);
    // A payment line names the invoice it pays (not only how), with the method and the payer's reference apart.
    expect(s.lines[3]).toMatchObject({ kind: 'payment', reference: 'F-2', method: 'cash' });
    expect(s.balanceCents).toBe(1_200);
    expect(s.overdueCents).toBe(1_000);
    expect(s.openInvoices.map((i) => [i.id, i.balanceCents, i.daysLate])).toEqual([['a', 1_000, 5], ['b', 200, 0]]);
  });
});

describe('list row extras from the recorded steps', () => {
  it('take the latest sent step as the last reminder and the earliest scheduled one as the next step', async () => {
    const { rowExtrasOf } = await import('../../shared/app/aggregates/update-invoice-aggregates.js');
    const extras = rowExtrasOf({
      payments: [], credits: [],
      steps: [
        { stepId: 'j-5', templateId: 'courtesy', state: 'sent', scheduledAt: '2026-03-01T08:00:00Z', sentAt: '2026-03-01T08:00:05Z' },
        { stepId: 'j+1', templateId: 'reminder', state: 'sent', scheduledAt: '2026-03-07T08:00:00Z', sentAt: '2026-03-07T08:00:03Z' },
        { stepId: 'j+15', templateId: 'formal-notice', state: 'scheduled', scheduledAt: '2026-03-23T08:00:00Z' },
        { stepId: 'j+8', templateId: 'firm', state: 'scheduled', scheduledAt: '2026-03-16T08:00:00Z' },
        { stepId: 'manual-x', templateId: 'reminder', state: 'failed', at: '2026-03-10T08:00:00Z' },
      ],
    });
    expect(extras).toEqual({ lastReminder: { at: '2026-03-07T08:00:03Z', templateId: 'reminder' }, nextStep: { at: '2026-03-16T08:00:00Z', templateId: 'firm' } });
  });

  it('change once per reminder: the send’s claim (step `sending`, invoice counter bumped) leaves row and extras as they were', async () => {
    const { listRowOf, rowExtrasOf } = await import('../../shared/app/aggregates/update-invoice-aggregates.js');
    const { anInvoiceRecord } = await import('../fixtures/fakes.js');
    const j1 = { stepId: 'j+1', templateId: 'reminder', scheduledAt: '2026-03-07T08:00:00Z' };
    const j8 = { stepId: 'j+8', templateId: 'firm', state: 'scheduled' as const, scheduledAt: '2026-03-16T08:00:00Z' };
    const state = (invoiceCount: number, j1State: 'scheduled' | 'sending' | 'sent') => ({
      invoice: anInvoiceRecord({ status: 'sent', reminderCount: invoiceCount }),
      payments: [], credits: [],
      steps: [{ ...j1, state: j1State, ...(j1State === 'sent' ? { sentAt: '2026-03-07T08:00:04Z' } : {}) }, j8],
    });
    const view = (s: ReturnType<typeof state>) => ({ row: listRowOf(s, 'Dupont'), extras: rowExtrasOf(s) });
    expect(view(state(1, 'sending'))).toEqual(view(state(0, 'scheduled')));
    const sent = view(state(1, 'sent'));
    expect(sent).not.toEqual(view(state(1, 'sending')));
    expect(sent.row?.reminderCount).toBe(1);
    expect(sent.extras).toEqual({ lastReminder: { at: '2026-03-07T08:00:04Z', templateId: 'reminder' }, nextStep: { at: '2026-03-16T08:00:00Z', templateId: 'firm' } });
  });
});

describe('client rows', () => {
  it('say nothing of lateness before a first paid invoice (null), 0 for a client who paid on time', async () => {
    const { toClientRow } = await import('../../shared/app/aggregates/client-rows.js');
    const { aClient } = await import('../fixtures/fakes.js');
    const agg = { clientId: 'c1', balanceCents: 50_000, openInvoices: 1, paidInvoices: 0, paidWeightCents: 0, lateDaysWeighted: 0, open: [{ invoiceId: 'i1', dueDate: '2026-03-01', balanceCents: 50_000 }] };
    expect(toClientRow(aClient(), undefined, '2026-03-10').avgDaysLate).toBeNull();
    expect(toClientRow(aClient(), agg, '2026-03-10')).toMatchObject({ avgDaysLate: null, overdueCents: 50_000, oldestDaysLate: 9 });
    expect(toClientRow(aClient(), { ...agg, paidInvoices: 1, paidWeightCents: 10_000 }, '2026-03-10').avgDaysLate).toBe(0);
    expect(toClientRow(aClient(), { ...agg, paidInvoices: 2, paidWeightCents: 30_000, lateDaysWeighted: 30_000 * 4 }, '2026-03-10').avgDaysLate).toBe(4);
  });
});
