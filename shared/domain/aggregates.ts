/**
 * What one invoice contributes to the tenant's and its client's figures (the cash cockpit,
 * client balances). Pure: the stream consumer recomputes an invoice's contribution from its
 * current state, subtracts the contribution it recorded last time, and adds the difference to
 * the aggregate items. A record seen twice or out of order recomputes the same state: the
 * difference is zero and nothing is counted twice.
 *
 * Aggregate items, named here by `clientItem` and `dayItem` (the store maps a name to its key,
 * shared/adapters/dynamo/keys.ts):
 * - `client:<clientId>`: open balance and count, paid invoices' amount-weighted lateness,
 *   plus one `OPEN#<invoiceId>` entry { dueDate, balanceCents } per open invoice (date-dependent
 *   figures — overdue, aging, forecast — are computed from these at read time);
 * - `day:<date>`: money and reminder flows of one business day (invoiced, collected, paid
 *   invoices, reminders sent per step, paid within 7 days of a step with the days it took, first
 *   reminder → payment).
 */
import { addDays, daysBetween } from './dates.js';
import { isOutstanding, type InvoiceStatus } from './invoice.js';
import { allocate, paidTowardsPlan, type Instalment } from './plan-allocation.js';

export interface InvoiceFacts {
  readonly id: string;
  readonly clientId: string;
  readonly status: InvoiceStatus;
  readonly issueDate: string;
  readonly dueDate: string;
  /** Due dates moved once sent, oldest first: the business day of the move and the due date before it. */
  readonly dueDateChanges?: readonly { readonly on: string; readonly from: string }[];
  readonly grossCents: number;
  /** Deposits a final invoice deducts (they were invoiced on their own). */
  readonly deductedCents: number;
  readonly paidCents: number;
  readonly creditedCents: number;
  /**
   * `beforeImport`: what an imported invoice had already been paid elsewhere. It carries no date
   * of ours (it is booked on the import day), so it is neither cash collected in our periods nor a
   * payment date for the lateness and days-to-pay statistics.
   */
  readonly payments: readonly { readonly amountCents: number; readonly date: string; readonly removed: boolean; readonly beforeImport?: boolean }[];
  readonly credits: readonly { readonly grossCents: number; readonly issueDate: string }[];
  /** Reminders sent, with the business date they went out (tenant time zone). */
  readonly sentSteps: readonly { readonly stepId: string; readonly date: string }[];
  /**
   * The invoice's payment plan: running (no `until`) or ended on `until`, made on `from` (business
   * dates, tenant time zone; `from` defaults to the issue date). A running plan places its
   * instalments on the open entry; running or ended, the `F#` moves record how it placed the
   * forecast each day it ran, for a past asOf.
   */
  readonly plan?: { readonly instalments: readonly Instalment[]; readonly totalCents: number; readonly from?: string; readonly until?: string };
}

/** Item key → attribute → value. */
export type Counters = Record<string, Record<string, number>>;

/** What is still due on one instalment of a running payment plan, at the instalment's due date. */
export interface OpenInstalment {
  readonly dueDate: string;
  readonly balanceCents: number;
}

export interface OpenEntry {
  readonly clientId: string;
  readonly dueDate: string;
  readonly balanceCents: number;
  /**
   * Under a running payment plan: each instalment still owed (oldest paid first), for the forecast,
   * which expects them at their own dates. They add up to the balance, or less when the balance grew
   * past the plan's total (a payment removed): the rest is expected as the invoice's own.
   */
  readonly instalments?: readonly OpenInstalment[];
}

/** An open entry as stored on the client item, its fields in one order (what a rebuild compares). */
export const openValue = (o: Pick<OpenEntry, 'dueDate' | 'balanceCents' | 'instalments'>): { dueDate: string; balanceCents: number; instalments?: OpenInstalment[] } => ({
  dueDate: o.dueDate,
  balanceCents: o.balanceCents,
  ...(o.instalments && o.instalments.length > 0 ? { instalments: o.instalments.map((i) => ({ dueDate: i.dueDate, balanceCents: i.balanceCents })) } : {}),
});

/** The instalments still owed of a running plan, for an invoice whose balance is `balanceCents`. */
export const openInstalments = (plan: NonNullable<InvoiceFacts['plan']>, balanceCents: number): OpenInstalment[] =>
  // As the plan's own view allocates it (instalmentViews): oldest instalment first.
  allocate(plan.instalments, paidTowardsPlan(plan, balanceCents))
    .map((a, i) => ({ dueDate: plan.instalments[i]!.dueDate, balanceCents: a.dueCents }))
    .filter((v) => v.balanceCents > 0);

export interface Contribution {
  readonly counters: Counters;
  readonly open?: OpenEntry;
}

const CLIENT_ITEM = 'client:';
const DAY_ITEM = 'day:';
const MOVES_ITEM = 'moves:';
export const clientItem = (clientId: string) => `${CLIENT_ITEM}${clientId}`;
export const dayItem = (date: string) => `${DAY_ITEM}${date}`;
/**
 * The open balance moves of a day (by client and due date), apart from the day's other figures: the
 * reminders of that day update the day item, and a write is billed by the item's size.
 */
export const movesItem = (date: string) => `${MOVES_ITEM}${date}`;
export type AggregateItem =
  | { readonly kind: 'client'; readonly clientId: string }
  | { readonly kind: 'day'; readonly date: string }
  | { readonly kind: 'moves'; readonly date: string };
/** The item a name denotes: a client's, a day's balance moves, or else a day's (there are no others). */
export const aggregateItemOf = (name: string): AggregateItem =>
  name.startsWith(CLIENT_ITEM)
    ? { kind: 'client', clientId: name.slice(CLIENT_ITEM.length) }
    : name.startsWith(MOVES_ITEM)
      ? { kind: 'moves', date: name.slice(MOVES_ITEM.length) }
      : { kind: 'day', date: name.slice(DAY_ITEM.length) };

/** Manual reminders (`manual-<date>`) are one step for the statistics, and so is each kind of payment-plan reminder (`p<seq>-c<n>`, `p<seq>-l<n>`). */
export const stepKey = (stepId: string) =>
  stepId.startsWith('manual') ? 'manual' : /^p\d+-c\d+$/.test(stepId) ? 'instalment-courtesy' : /^p\d+-l\d+$/.test(stepId) ? 'instalment-late' : stepId;

const add = (counters: Record<string, Record<string, number>>, item: string, attr: string, value: number) => {
  if (value === 0) return;
  const row = (counters[item] ??= {});
  row[attr] = (row[attr] ?? 0) + value;
};

/**
 * The date an invoice became fully paid: its latest payment still standing, or the credit note that
 * closed its balance after it (owed until then, as its balance moves say: a past asOf shows it open,
 * never open and paid at once). None when it was settled by what was paid before its import (that
 * date is unknown); paid off with us, the date of our last payment, never the import day.
 */
export const paidDateOf = (f: InvoiceFacts): string | undefined => {
  if (f.status !== 'paid') return undefined;
  const standing = f.payments.filter((p) => !p.removed);
  if (!standing.some((p) => !p.beforeImport)) return undefined;
  // What was paid before the import stands at the issue date (as in balanceFlows), not on the import day it is recorded at.
  return [...standing.map((p) => (p.beforeImport && f.issueDate < p.date ? f.issueDate : p.date)), ...f.credits.map((c) => c.issueDate)].sort().at(-1);
};

export const invoiceContribution = (f: InvoiceFacts): Contribution => {
  const counters: Record<string, Record<string, number>> = {};
  if (f.status === 'draft') return { counters };
  const client = clientItem(f.clientId);
  const voided = f.status === 'cancelled' && f.credits.length === 0;

  // Revenue is booked at the issue date, net of credit notes at theirs.
  if (!voided) add(counters, dayItem(f.issueDate), 'invoicedCents', f.grossCents - f.deductedCents);
  for (const c of f.credits) add(counters, dayItem(c.issueDate), 'invoicedCents', -c.grossCents);
  for (const p of f.payments) if (!p.removed && !p.beforeImport) add(counters, dayItem(p.date), 'collectedCents', p.amountCents);

  let open: OpenEntry | undefined;
  // Litigation is still owed; a written-off invoice is not (its credit note cancelled the balance).
  const balanceNow = isOutstanding(f.status) ? Math.max(0, f.grossCents - f.deductedCents - f.paidCents - f.creditedCents) : 0;
  if (!voided) {
    const flows = balanceFlows(f, balanceNow);
    for (const flow of dueKeyedFlows(f, flows)) {
      add(counters, movesItem(flow.date), openBalanceKey(f.clientId, flow.dueDate), flow.balanceCents);
      add(counters, movesItem(flow.date), openCountKey(f.clientId, flow.dueDate), flow.count);
    }
    for (const shift of planShiftFlows(f, flows)) add(counters, movesItem(shift.date), planShiftKey(f.clientId, shift.at), shift.cents);
  }
  if (isOutstanding(f.status)) {
    const balanceCents = balanceNow;
    add(counters, client, 'balanceCents', balanceCents);
    add(counters, client, 'openInvoices', 1);
    const instalments = f.plan && f.plan.until === undefined && balanceCents > 0 ? openInstalments(f.plan, balanceCents) : [];
    open = { clientId: f.clientId, dueDate: f.dueDate, balanceCents, ...(instalments.length > 0 ? { instalments } : {}) };
  }

  const paidDate = paidDateOf(f);
  if (paidDate) {
    const weight = f.paidCents;
    const day = dayItem(paidDate);
    add(counters, day, 'paidInvoices', 1);
    add(counters, day, 'paidWeightCents', weight);
    // Paid on the job before the invoice was written counts as paid at once, never as negative days.
    add(counters, day, 'paidDaysWeighted', weight * Math.max(0, daysBetween(f.issueDate, paidDate)));
    add(counters, client, 'paidInvoices', 1);
    add(counters, client, 'paidWeightCents', weight);
    add(counters, client, 'lateDaysWeighted', weight * Math.max(0, daysBetween(f.dueDate, paidDate)));
    // The same two figures on the day it was paid: a past asOf takes back those of the invoices
    // paid after it, as it does their balance moves, for the client's lateness of that day.
    add(counters, movesItem(paidDate), paidWeightKey(f.clientId), weight);
    add(counters, movesItem(paidDate), lateDaysKey(f.clientId), weight * Math.max(0, daysBetween(f.dueDate, paidDate)));
  }

  for (const s of f.sentSteps) {
    const day = dayItem(s.date);
    add(counters, day, 'remindersSent', 1);
    add(counters, day, `S#${stepKey(s.stepId)}`, 1);
    // With the days from the step to the payment (`P7#<step>#<days>`): a past asOf counts it only once paid by then.
    if (paidDate && paidDate >= s.date && paidDate <= addDays(s.date, 7)) add(counters, day, `P7#${stepKey(s.stepId)}#${daysBetween(s.date, paidDate)}`, 1);
  }
  const first = f.sentSteps.map((s) => s.date).sort()[0];
  if (paidDate && first && paidDate >= first) add(counters, dayItem(paidDate), `RP#${daysBetween(first, paidDate)}`, 1);

  return open ? { counters, open } : { counters };
};

/**
 * Day counters of the open balance history, by client and due date: `O#<clientId>#<dueDate>` is
 * the change of the open balance that day, `N#<clientId>#<dueDate>` the change of the number of
 * invoices with a balance. The present open balances minus every change dated after a past day
 * give the open balances of that day (the cockpit's `asOf` in the past), from the day items alone.
 */
export const OPEN_BALANCE_PREFIX = 'O#';
export const OPEN_COUNT_PREFIX = 'N#';
export const openBalanceKey = (clientId: string, dueDate: string) => `${OPEN_BALANCE_PREFIX}${clientId}#${dueDate}`;
export const openCountKey = (clientId: string, dueDate: string) => `${OPEN_COUNT_PREFIX}${clientId}#${dueDate}`;
/**
 * Moves counters of the invoices fully paid that day, by client: `W#<clientId>` their weight (amount
 * paid), `L#<clientId>` their amount-weighted days late, what the client item's `paidWeightCents` and
 * `lateDaysWeighted` gained that day.
 */
export const PAID_WEIGHT_PREFIX = 'W#';
export const LATE_DAYS_PREFIX = 'L#';
export const paidWeightKey = (clientId: string) => `${PAID_WEIGHT_PREFIX}${clientId}`;
export const lateDaysKey = (clientId: string) => `${LATE_DAYS_PREFIX}${clientId}`;
/**
 * Moves counters of the forecast under payment plans, by client and date: `F#<clientId>#<date>` is
 * the change that day of what a running plan moves from its invoice's due date (negative there) to
 * its instalments' dates (positive, what each still owed): its making, a payment, its end. Today's
 * open entries minus every change dated after a past day give how the plans running that day placed
 * its balances (`planShift`).
 */
export const PLAN_SHIFT_PREFIX = 'F#';
export const planShiftKey = (clientId: string, date: string) => `${PLAN_SHIFT_PREFIX}${clientId}#${date}`;
/** `O#<clientId>#<dueDate>` (or `N#`, `F#`) → its client and date (the date is the last 10 characters). */
export const parseOpenKey = (key: string) => ({ clientId: key.slice(2, -11), dueDate: key.slice(-10) });

/**
 * How an invoice's open balance moved, day by day: the invoice adds its amount on its issue date,
 * each standing payment and credit note takes its own off on its date (what was paid before an
 * import, on the issue date: it was paid by the time we knew of it). The balance never goes below
 * zero, and the last change lands on today's figure (zero once the invoice is no longer owed), so
 * the changes always add up to what the client item holds now.
 */
export const balanceFlows = (f: InvoiceFacts, balanceNow: number): { date: string; balanceCents: number; count: number }[] => {
  const moves = new Map<string, number>();
  const move = (date: string, cents: number) => moves.set(date, (moves.get(date) ?? 0) + cents);
  move(f.issueDate, f.grossCents - f.deductedCents);
  for (const p of f.payments) if (!p.removed) move(p.beforeImport && f.issueDate < p.date ? f.issueDate : p.date, -p.amountCents);
  for (const c of f.credits) move(c.issueDate, -c.grossCents);
  const dates = [...moves.keys()].sort();
  const flows: { date: string; balanceCents: number; count: number }[] = [];
  let sum = 0;
  let before = 0;
  dates.forEach((date, i) => {
    sum += moves.get(date)!;
    const balance = i === dates.length - 1 ? balanceNow : Math.max(0, sum);
    const change = balance - before;
    const count = (balance > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    if (change !== 0 || count !== 0) flows.push({ date, balanceCents: change, count });
    before = balance;
  });
  return flows;
};

/**
 * The balance flows under the due date in force on their day, and on each day the due date was moved
 * (a delay granted once sent) the balance of the day before taken from the former due date to the new
 * one: a past asOf then ages that day's balance by that day's due date (it aged it by today's). Without
 * a move, the flows as they are, under today's due date.
 */
/** The due date in force on a day: the one a later move replaced, else today's. */
const dueDateOn = (f: Pick<InvoiceFacts, 'dueDate' | 'dueDateChanges'>, date: string): string => f.dueDateChanges?.find((c) => c.on > date)?.from ?? f.dueDate;

export const dueKeyedFlows = (
  f: Pick<InvoiceFacts, 'dueDate' | 'dueDateChanges'>,
  flows: readonly { date: string; balanceCents: number; count: number }[],
): { date: string; dueDate: string; balanceCents: number; count: number }[] => {
  const changes = f.dueDateChanges ?? [];
  const dueOn = (date: string) => dueDateOn(f, date);
  const keyed = flows.map((flow) => ({ ...flow, dueDate: dueOn(flow.date) }));
  for (const day of [...new Set(changes.map((c) => c.on))].sort()) {
    const from = changes.find((c) => c.on >= day)!.from;
    const to = dueOn(day);
    if (from === to) continue;
    const before = flows.filter((flow) => flow.date < day);
    const balanceCents = before.reduce((n, flow) => n + flow.balanceCents, 0);
    const count = before.reduce((n, flow) => n + flow.count, 0);
    if (balanceCents === 0 && count === 0) continue;
    keyed.push({ date: day, dueDate: from, balanceCents: -balanceCents, count: -count }, { date: day, dueDate: to, balanceCents, count });
  }
  return keyed;
};

/**
 * What a running plan moves in the forecast: each instalment still owed to its own date, their sum
 * off the invoice's due date (what the plan does not cover stays there). Zero changes left out.
 */
export const planShift = (dueDate: string, instalments: readonly OpenInstalment[]): Map<string, number> => {
  const shift = new Map<string, number>();
  const move = (date: string, cents: number) => shift.set(date, (shift.get(date) ?? 0) + cents);
  for (const i of instalments) {
    move(i.dueDate, i.balanceCents);
    move(dueDate, -i.balanceCents);
  }
  for (const [date, cents] of shift) if (cents === 0) shift.delete(date);
  return shift;
};

/**
 * How the invoice's plan moved the forecast, day by day: on each day its balance or the plan changed
 * (the balance flows, the plan made, ended), the plan's shift at the end of that day (nothing while
 * it does not run) less the one before. The last change lands on today's shift, the one the open
 * entry's instalments give, so the changes always add up to it.
 */
export const planShiftFlows = (f: InvoiceFacts, flows: readonly { date: string; balanceCents: number }[]): { date: string; at: string; cents: number }[] => {
  const plan = f.plan;
  if (!plan) return [];
  const from = plan.from ?? f.issueDate;
  const runs = (day: string) => from <= day && (plan.until === undefined || day < plan.until);
  // A due date moved while the plan ran: what the plan does not cover goes from the former due date to the new one that day.
  const dates = [...new Set([...flows.map((m) => m.date), from, ...(plan.until ? [plan.until] : []), ...(f.dueDateChanges ?? []).map((c) => c.on)])].sort();
  const changes: { date: string; at: string; cents: number }[] = [];
  let before = new Map<string, number>();
  for (const date of dates) {
    const balance = flows.filter((m) => m.date <= date).reduce((n, m) => n + m.balanceCents, 0);
    const now = runs(date) && balance > 0 ? planShift(dueDateOn(f, date), openInstalments(plan, balance)) : new Map<string, number>();
    for (const at of [...new Set([...before.keys(), ...now.keys()])].sort()) {
      const cents = (now.get(at) ?? 0) - (before.get(at) ?? 0);
      if (cents !== 0) changes.push({ date, at, cents });
    }
    before = now;
  }
  return changes;
};

/** Flat `item|attr` → value, the form a contribution is stored in. */
export const flatten = (counters: Counters): Record<string, number> =>
  Object.fromEntries(Object.entries(counters).flatMap(([item, row]) => Object.entries(row).map(([attr, v]) => [`${item}|${attr}`, v])));

export const unflatten = (flat: Readonly<Record<string, number>>): Counters => {
  const counters: Record<string, Record<string, number>> = {};
  for (const [key, v] of Object.entries(flat)) {
    const at = key.indexOf('|');
    add(counters, key.slice(0, at), key.slice(at + 1), v);
  }
  return counters;
};

/** What to add to each aggregate item to go from `before` to `after` (zero differences left out). */
export const contributionDelta = (before: Counters, after: Counters): Counters => {
  const delta: Record<string, Record<string, number>> = {};
  const a = flatten(after);
  const b = flatten(before);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (a[key] ?? 0) - (b[key] ?? 0);
    if (d !== 0) {
      const at = key.indexOf('|');
      add(delta, key.slice(0, at), key.slice(at + 1), d);
    }
  }
  return delta;
};

const sameInstalments = (a: readonly OpenInstalment[] = [], b: readonly OpenInstalment[] = []) =>
  a.length === b.length && a.every((x, i) => x.dueDate === b[i]!.dueDate && x.balanceCents === b[i]!.balanceCents);

export const sameOpen = (a: OpenEntry | undefined, b: OpenEntry | undefined) =>
  a?.clientId === b?.clientId && a?.dueDate === b?.dueDate && a?.balanceCents === b?.balanceCents && sameInstalments(a?.instalments, b?.instalments);
