/**
 * The cash cockpit, computed from the aggregates the stream consumer keeps (never from the
 * invoices themselves): per-client items with their open invoices, and per-day flows.
 * Pure: `asOf` is the business date of the figures. Definitions (README, "Cash cockpit"):
 * - aging by days past due of each open balance at `asOf` (due on `asOf` is not due yet);
 * - month / quarter / year: from the first day of the period to `asOf`, both included;
 * - DSO = outstanding ÷ invoiced over the 90 days ending `asOf` × 90 (null without revenue);
 * - avgDaysToPay: issue → full payment, weighted by amount paid, invoices fully paid in the
 *   365 days ending `asOf`; the reminder statistics use the same window;
 * - forecast: 8 weeks from the Monday after `asOf`; an open balance is expected at its due
 *   date shifted by its client's average lateness (over the invoices fully paid by `asOf`); what
 *   is expected earlier (overdue included) falls in the first week. An invoice under a running
 *   payment plan: each instalment's amount still due at the instalment's date, the same way; for a
 *   past `asOf`, the plans running that day as they placed that day's balances (`F#` moves).
 */
import { LATE_DAYS_PREFIX, OPEN_BALANCE_PREFIX, OPEN_COUNT_PREFIX, PAID_WEIGHT_PREFIX, PLAN_SHIFT_PREFIX, parseOpenKey, planShift, type OpenInstalment } from './aggregates.js';
import { addDays, daysBetween, weekday } from './dates.js';

export interface ClientAggregate {
  readonly clientId: string;
  readonly balanceCents: number;
  readonly openInvoices: number;
  readonly paidInvoices: number;
  readonly paidWeightCents: number;
  readonly lateDaysWeighted: number;
  readonly open: readonly { readonly invoiceId: string; readonly dueDate: string; readonly balanceCents: number; readonly instalments?: readonly OpenInstalment[] }[];
}

export interface DayAggregate {
  readonly date: string;
  readonly counters: Readonly<Record<string, number>>;
}

export type AgingBucket = 'not_due' | '1_30' | '31_60' | '61_90' | '90_plus';
export const AGING_BUCKETS: readonly AgingBucket[] = ['not_due', '1_30', '31_60', '61_90', '90_plus'];

export const agingBucket = (daysPastDue: number): AgingBucket =>
  daysPastDue <= 0 ? 'not_due' : daysPastDue <= 30 ? '1_30' : daysPastDue <= 60 ? '31_60' : daysPastDue <= 90 ? '61_90' : '90_plus';

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The client's average lateness in days (amount-weighted over its paid invoices), 0 without history. */
export const averageLateness = (c: Pick<ClientAggregate, 'paidWeightCents' | 'lateDaysWeighted'>): number =>
  c.paidWeightCents > 0 ? round1(c.lateDaysWeighted / c.paidWeightCents) : 0;

/** Overdue figures of one client at `asOf`. */
export const clientLateness = (c: ClientAggregate, asOf: string) => {
  const overdue = c.open.filter((o) => o.dueDate < asOf && o.balanceCents > 0);
  const oldest = overdue.map((o) => o.dueDate).sort()[0];
  return {
    overdueCents: overdue.reduce((s, o) => s + o.balanceCents, 0),
    overdueInvoices: overdue.length,
    oldestDaysLate: oldest ? daysBetween(oldest, asOf) : 0,
  };
};

export const periodStarts = (asOf: string) => {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const quarterMonth = Math.floor((m - 1) / 3) * 3 + 1;
  return {
    month: `${asOf.slice(0, 7)}-01`,
    quarter: `${y}-${String(quarterMonth).padStart(2, '0')}-01`,
    year: `${y}-01-01`,
  };
};

/** The first day whose flows the cockpit needs. */
export const firstDayNeeded = (asOf: string): string => {
  const yearStart = periodStarts(asOf).year;
  const window = addDays(asOf, -364);
  return yearStart < window ? yearStart : window;
};

/** Median of a histogram `{ value: count }`; the mean of the two middle values for an even count. */
export const histogramMedian = (histogram: ReadonlyMap<number, number>): number | null => {
  const total = [...histogram.values()].reduce((s, n) => s + n, 0);
  if (total <= 0) return null;
  const sorted = [...histogram.entries()].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (seen > rank) return value;
    }
    return sorted.at(-1)![0];
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
};

export interface CockpitInput {
  readonly asOf: string;
  readonly clients: readonly ClientAggregate[];
  readonly days: readonly DayAggregate[];
  /**
   * For an `asOf` before today: the moves items dated after it (up to the last one). Their open
   * balance changes are taken back from today's open balances, which gives the balances of `asOf`,
   * and the invoices they say were paid after it from the clients' lateness (the forecast's).
   */
  readonly later?: readonly DayAggregate[];
}

/** Open balances of one client and due date: `count` invoices with a balance. */
interface OpenGroup {
  readonly client: ClientAggregate;
  readonly dueDate: string;
  readonly balanceCents: number;
  readonly count: number;
  /** Today's balances only (one invoice a group): the instalments still owed of its running payment plan. */
  readonly instalments?: readonly OpenInstalment[];
}

/**
 * The clients' lateness of a past day: today's paid weight and weighted days late minus those of
 * the invoices fully paid after it (`W#`/`L#` on the moves item of the day each was paid).
 */
export const latenessAsOf = (clients: readonly ClientAggregate[], later: readonly DayAggregate[]): ClientAggregate[] => {
  const taken = new Map<string, { weight: number; lateDays: number }>();
  const of = (clientId: string) => {
    let t = taken.get(clientId);
    if (!t) taken.set(clientId, (t = { weight: 0, lateDays: 0 }));
    return t;
  };
  for (const d of later) {
    for (const [key, v] of Object.entries(d.counters)) {
      if (key.startsWith(PAID_WEIGHT_PREFIX)) of(key.slice(PAID_WEIGHT_PREFIX.length)).weight += v;
      else if (key.startsWith(LATE_DAYS_PREFIX)) of(key.slice(LATE_DAYS_PREFIX.length)).lateDays += v;
    }
  }
  return clients.map((c) => {
    const t = taken.get(c.clientId);
    return t ? { ...c, paidWeightCents: c.paidWeightCents - t.weight, lateDaysWeighted: c.lateDaysWeighted - t.lateDays } : c;
  });
};

/** Today's open balances, or those of a past day: today's minus every change dated after it. */
export const openGroups = (todays: readonly ClientAggregate[], later?: readonly DayAggregate[]): OpenGroup[] => {
  const clients = later ? latenessAsOf(todays, later) : todays;
  if (!later) return clients.flatMap((c) => c.open.filter((o) => o.balanceCents > 0).map((o) => ({ client: c, dueDate: o.dueDate, balanceCents: o.balanceCents, count: 1, ...(o.instalments?.length ? { instalments: o.instalments } : {}) })));
  const groups = new Map<string, { clientId: string; dueDate: string; balanceCents: number; count: number }>();
  const group = (clientId: string, dueDate: string) => {
    const key = `${clientId}#${dueDate}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { clientId, dueDate, balanceCents: 0, count: 0 }));
    return g;
  };
  for (const c of clients) for (const o of c.open) if (o.balanceCents > 0) {
    const g = group(c.clientId, o.dueDate);
    g.balanceCents += o.balanceCents;
    g.count += 1;
  }
  for (const d of later) {
    for (const [key, v] of Object.entries(d.counters)) {
      if (key.startsWith(OPEN_BALANCE_PREFIX)) {
        const { clientId, dueDate } = parseOpenKey(key);
        group(clientId, dueDate).balanceCents -= v;
      } else if (key.startsWith(OPEN_COUNT_PREFIX)) {
        const { clientId, dueDate } = parseOpenKey(key);
        group(clientId, dueDate).count -= v;
      }
    }
  }
  const byId = new Map(clients.map((c) => [c.clientId, c]));
  const none = (clientId: string): ClientAggregate => ({ clientId, balanceCents: 0, openInvoices: 0, paidInvoices: 0, paidWeightCents: 0, lateDaysWeighted: 0, open: [] });
  return [...groups.values()]
    .filter((g) => g.balanceCents > 0 && g.count > 0)
    .map((g) => ({ client: byId.get(g.clientId) ?? none(g.clientId), dueDate: g.dueDate, balanceCents: g.balanceCents, count: g.count }));
};

/**
 * For a past day: what the payment plans running that day moved in its forecast, by client and date
 * (negative at an invoice's due date, positive at its instalments'): today's, from the open entries'
 * instalments, minus the `F#` changes dated after it.
 */
export const planShiftsAsOf = (todays: readonly ClientAggregate[], later: readonly DayAggregate[]): { clientId: string; date: string; cents: number }[] => {
  const shifts = new Map<string, { clientId: string; date: string; cents: number }>();
  const shift = (clientId: string, date: string, cents: number) => {
    const key = `${clientId}#${date}`;
    const s = shifts.get(key);
    if (s) s.cents += cents;
    else shifts.set(key, { clientId, date, cents });
  };
  for (const c of todays) for (const o of c.open) for (const [date, cents] of planShift(o.dueDate, o.instalments ?? [])) shift(c.clientId, date, cents);
  for (const d of later) {
    for (const [key, v] of Object.entries(d.counters)) {
      if (!key.startsWith(PLAN_SHIFT_PREFIX)) continue;
      const { clientId, dueDate } = parseOpenKey(key);
      shift(clientId, dueDate, -v);
    }
  }
  return [...shifts.values()].filter((s) => s.cents !== 0);
};

// Built on first compare, not at import: an Intl object costs every function that bundles this module ~10 ms of cold start.
let frenchCollator: Intl.Collator | undefined;
/** Names in French order, accents and case ignored, numbers by value ("Lot 2" before "Lot 10"). */
export const compareNames = (a: string, b: string): number =>
  (frenchCollator ??= new Intl.Collator('fr', { sensitivity: 'base', numeric: true })).compare(a, b);

export interface LateRank {
  readonly id: string;
  readonly name: string;
  readonly overdueCents: number;
  readonly oldestDaysLate: number;
}

/**
 * The order of clients by lateness, one rule for the cockpit's `topLateClients` and `GET /clients?sort=overdue`:
 * the largest overdue balance first, then the longest late (the oldest overdue due date), then the name
 * (compareNames), then the id.
 */
export const byLateness = (a: LateRank, b: LateRank): number =>
  b.overdueCents - a.overdueCents || b.oldestDaysLate - a.oldestDaysLate || compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** How many clients the cockpit names in `topLateClients`. */
export const TOP_LATE_CLIENTS = 5;

export const computeCockpit = ({ asOf, clients, days, later }: CockpitInput) => {
  const open = openGroups(clients, later);
  const outstandingCents = open.reduce((s, o) => s + o.balanceCents, 0);
  const overdue = open.filter((o) => o.dueDate < asOf);
  const countOf = (groups: readonly OpenGroup[]) => groups.reduce((s, o) => s + o.count, 0);

  const aging = AGING_BUCKETS.map((bucket) => {
    const inBucket = open.filter((o) => agingBucket(daysBetween(o.dueDate, asOf)) === bucket);
    return { bucket, balanceCents: inBucket.reduce((s, o) => s + o.balanceCents, 0), count: countOf(inBucket) };
  });

  const sum = (attr: string, from: string, filter: (key: string) => boolean = (k) => k === attr) => {
    let total = 0;
    for (const d of days) {
      if (d.date < from || d.date > asOf) continue;
      for (const [key, v] of Object.entries(d.counters)) if (filter(key)) total += v;
    }
    return total;
  };
  const starts = periodStarts(asOf);
  const periods = (attr: string) => ({ month: sum(attr, starts.month), quarter: sum(attr, starts.quarter), year: sum(attr, starts.year) });

  const revenue90 = sum('invoicedCents', addDays(asOf, -89));
  const window = addDays(asOf, -364);
  const paidWeight = sum('paidWeightCents', window);

  const firstWeek = addDays(asOf, (8 - weekday(asOf)) % 7 || 7);
  const forecast = Array.from({ length: 8 }, (_, i) => ({ weekStart: addDays(firstWeek, 7 * i), expectedCents: 0 }));
  const expect = (client: ClientAggregate, dueDate: string, cents: number) => {
    const expected = addDays(dueDate, Math.round(averageLateness(client)));
    const week = dueDate < asOf || expected < firstWeek ? 0 : Math.floor(daysBetween(firstWeek, expected) / 7);
    if (week < forecast.length) forecast[week]!.expectedCents += cents;
  };
  for (const o of open) {
    // Under a payment plan, each instalment still owed at its own date (shifted and overdue as any
    // balance); what the plan does not cover (its total exceeded since) at the invoice's due date.
    const planned = (o.instalments ?? []).reduce((sum, i) => sum + i.balanceCents, 0);
    for (const i of o.instalments ?? []) expect(o.client, i.dueDate, i.balanceCents);
    if (o.balanceCents - planned > 0) expect(o.client, o.dueDate, o.balanceCents - planned);
  }
  if (later) {
    // A past day's balances carry no instalments: the plans running that day move them (the
    // negative part at the invoice's due date lands in the same week as its balance, same client).
    const byId = new Map(open.map((o) => [o.client.clientId, o.client]));
    for (const s of planShiftsAsOf(clients, later)) {
      const client = byId.get(s.clientId);
      if (client) expect(client, s.date, s.cents);
    }
  }

  const steps = new Map<string, { sent: number; paid: number }>();
  const toPayment = new Map<number, number>();
  for (const d of days) {
    if (d.date < window || d.date > asOf) continue;
    for (const [key, v] of Object.entries(d.counters)) {
      if (key.startsWith('S#') || key.startsWith('P7#')) {
        let step = key.slice(key.indexOf('#') + 1);
        if (key.startsWith('P7#')) {
          // `P7#<step>#<days>`: paid that many days after the step, so known only from that day on (a past
          // asOf does not count a payment made after it); `P7#<step>` was written before the days were kept.
          const at = step.lastIndexOf('#');
          if (at >= 0) {
            if (addDays(d.date, Number(step.slice(at + 1))) > asOf) continue;
            step = step.slice(0, at);
          }
        }
        const row = steps.get(step) ?? { sent: 0, paid: 0 };
        if (key.startsWith('S#')) row.sent += v;
        else row.paid += v;
        steps.set(step, row);
      } else if (key.startsWith('RP#')) {
        const n = Number(key.slice(3));
        toPayment.set(n, (toPayment.get(n) ?? 0) + v);
      }
    }
  }

  const byClient = new Map<string, OpenGroup[]>();
  for (const o of open) byClient.set(o.client.clientId, [...(byClient.get(o.client.clientId) ?? []), o]);
  const ranked = [...byClient.entries()]
    .map(([clientId, groups]) => {
      const late = groups.filter((o) => o.dueDate < asOf);
      const oldest = late.map((o) => o.dueDate).sort()[0];
      return {
        clientId,
        balanceCents: groups.reduce((s, o) => s + o.balanceCents, 0),
        overdueCents: late.reduce((s, o) => s + o.balanceCents, 0),
        overdueInvoices: countOf(late),
        oldestDaysLate: oldest ? daysBetween(oldest, asOf) : 0,
      };
    })
    .filter((c) => c.overdueCents > 0)
    .sort((a, b) => b.overdueCents - a.overdueCents || b.oldestDaysLate - a.oldestDaysLate || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  // The names are not in the aggregates: the five first by byLateness's amount and days, with any client tied with
  // the fifth on both (the names the caller reads settle the ties, then it keeps five: shared/app/aggregates/cockpit.ts).
  const fifth = ranked[TOP_LATE_CLIENTS - 1];
  const topLateClients = fifth
    ? ranked.filter((c, i) => i < TOP_LATE_CLIENTS || (c.overdueCents === fifth.overdueCents && c.oldestDaysLate === fifth.oldestDaysLate))
    : ranked;

  return {
    asOf,
    currency: 'EUR' as const,
    outstandingCents,
    overdueCents: overdue.reduce((s, o) => s + o.balanceCents, 0),
    openInvoices: countOf(open),
    overdueInvoices: countOf(overdue),
    aging,
    invoicedCents: periods('invoicedCents'),
    collectedCents: periods('collectedCents'),
    dsoDays: revenue90 > 0 ? round1((outstandingCents / revenue90) * 90) : null,
    avgDaysToPay: paidWeight > 0 ? round1(sum('paidDaysWeighted', window) / paidWeight) : null,
    forecast,
    topLateClients,
    reminders: {
      sentThisMonth: sum('remindersSent', starts.month),
      steps: [...steps.entries()]
        .filter(([, r]) => r.sent > 0)
        .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
        .map(([stepId, r]) => ({ stepId, sent: r.sent, paidWithin7Days: r.paid, share: Math.round((r.paid / r.sent) * 1000) / 1000 })),
      medianDaysFirstReminderToPayment: histogramMedian(toPayment),
      bounces: sum('bounces', starts.month),
    },
  };
};

export type Cockpit = ReturnType<typeof computeCockpit>;
