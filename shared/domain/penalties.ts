import { addDays, daysBetween } from './dates.js';
import type { ClientKind } from './invoice.js';
import { divRound } from './money.js';
import { PENALTY_RATE_TABLE, type PenaltyRateTable } from './data/penalty-rates.js';
import { shownPaymentDate } from './import-payment.js';

/** €40 fixed recovery indemnity per late invoice, B2B only, outside VAT (C. com. D441-5). */
export const RECOVERY_INDEMNITY_CENTS = 4000;

/** Default B2B rate = ECB MRO + 10 points (C. com. L441-10 II). */
const ECB_MARGIN_POINTS = 10;
/** Contractual B2B rate may not go below 3 × the legal rate. */
const FLOOR_MULTIPLIER = 3;
/** Rates are carried as millionths (1 % = 10 000) so no float reaches the sum. */
const RATE_SCALE = 1_000_000;
const toRateUnits = (percent: number): bigint => BigInt(Math.round(percent * (RATE_SCALE / 100)));
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Where an applied rate comes from: `table` = the semester's row of the rate table; `contract` =
 * the rate agreed with the client (settings.penaltyRatePercent, at or above the legal floor);
 * `estimated` = the semester has no row yet, the latest known rates stand in for it.
 */
export type RateSource = 'table' | 'contract' | 'estimated';

export interface SemesterRate {
  /** `YYYY-H1` or `YYYY-H2`, the semester of the date asked about. */
  semester: string;
  ecbRatePercent: number;
  defaultRatePercent: number;
  legalRatePercent: number;
  floorRatePercent: number;
  /** True when the table has no row for this semester and the nearest row's rates were used. */
  estimated: boolean;
  rateSource: Exclude<RateSource, 'contract'>;
}

export const semesterOf = (date: string): { label: string; start: string; end: string } => {
  const year = date.slice(0, 4);
  return Number(date.slice(5, 7)) <= 6
    ? { label: `${year}-H1`, start: `${year}-01-01`, end: `${year}-06-30` }
    : { label: `${year}-H2`, start: `${year}-07-01`, end: `${year}-12-31` };
};

export const penaltyRateFor = (date: string, table: PenaltyRateTable = PENALTY_RATE_TABLE): SemesterRate => {
  const semester = semesterOf(date);
  const sorted = [...table].sort((a, b) => a.start.localeCompare(b.start));
  const known = sorted.filter((row) => row.start <= semester.start).at(-1);
  const row = known ?? sorted[0];
  if (!row) throw new RangeError('The penalty rate table is empty');
  return {
    semester: semester.label,
    ecbRatePercent: row.ecbRatePercent,
    defaultRatePercent: round2(row.ecbRatePercent + ECB_MARGIN_POINTS),
    legalRatePercent: row.legalRatePercent,
    floorRatePercent: round2(row.legalRatePercent * FLOOR_MULTIPLIER),
    estimated: row.start !== semester.start,
    rateSource: row.start !== semester.start ? 'estimated' : 'table',
  };
};

export interface PenaltyInput {
  unpaidCents: number;
  dueDate: string;
  /** Last day counted, inclusive (the local date of "now", or a deadline). */
  asOf: string;
  /** Agreed rate (% per year); raised to the legal floor (3 × legal rate) when below it. */
  contractualRatePercent?: number;
  table?: PenaltyRateTable;
  /**
   * What reduced the unpaid amount and on which day (payments, credit notes): up to that day
   * included the amount was higher by it, as the law counts penalties on what is unpaid each day.
   * Without it, `unpaidCents` is taken as unpaid since the due date.
   */
  reductions?: readonly PenaltyReduction[];
}

export interface PenaltyReduction {
  readonly date: string;
  readonly cents: number;
}

/**
 * What lowered an invoice's unpaid amount and when: its payments (not removed) on their date, its
 * credit notes on their issue date. The proof file, the reminders and the mise en demeure all
 * count penalties on these, so they claim the same amount. With the invoice, what an imported one
 * had been paid before the import (recorded on the import day) counts from its issue date, as it is
 * shown (`shownPaymentDate`): it was no payment made late, and penalties were claimed on it until
 * the import day.
 */
export const penaltyReductions = (
  payments: readonly { readonly id: string; readonly date: string; readonly amountCents: number; readonly removedAt?: string }[] = [],
  creditNotes: readonly { readonly issueDate: string; readonly grossCents: number }[] = [],
  invoice?: { readonly imported?: boolean; readonly issueDate: string },
): PenaltyReduction[] => [
  ...payments.filter((p) => !p.removedAt).map((p) => ({ date: invoice ? shownPaymentDate(invoice, p) : p.date, cents: p.amountCents })),
  ...creditNotes.map((c) => ({ date: c.issueDate, cents: c.grossCents })),
];

export interface PenaltyBreakdownRow {
  semester: string;
  /** First and last day counted in this semester, inclusive. */
  from: string;
  to: string;
  days: number;
  /** What was unpaid on each of these days. */
  unpaidCents: number;
  ratePercent: number;
  /** This semester's share rounded on its own (display only: the total is rounded once, at the end). */
  cents: number;
  estimated: boolean;
  rateSource: RateSource;
}

export interface PenaltyResult {
  cents: number;
  days: number;
  breakdown: PenaltyBreakdownRow[];
  estimated: boolean;
  /**
   * `estimated` when any semester counted has no row in the table; else `contract` when the
   * agreed rate applied throughout; else `table`. With no day late yet: the source of the rate
   * that will apply from the day after the due date.
   */
  rateSource: RateSource;
}

/** The rate a semester is charged at, and where it comes from (a contract rate below the legal floor is raised to it). */
export const appliedRate = (rate: SemesterRate, contractual?: number): { ratePercent: number; rateSource: RateSource } => {
  if (contractual !== undefined && contractual >= rate.floorRatePercent) return { ratePercent: contractual, rateSource: 'contract' };
  return { ratePercent: contractual === undefined ? rate.defaultRatePercent : rate.floorRatePercent, rateSource: rate.rateSource };
};

const overallSource = (rows: readonly { rateSource: RateSource }[]): RateSource =>
  rows.some((r) => r.rateSource === 'estimated') ? 'estimated' : rows.every((r) => r.rateSource === 'contract') ? 'contract' : 'table';

/**
 * The late-payment rate agreed for an invoice (C. com. L441-10 II: the one its conditions state): the
 * settings' contract rate frozen when it was issued (`null`: none, the legal rate of each semester), else
 * (a draft, or an invoice issued before the rate was frozen with it) the settings' own. A rate changed in
 * the settings later applies to the invoices issued after the change, never to those already issued.
 */
export const contractRateOf = (
  settings: { readonly penaltyRatePercent?: number | undefined },
  invoice: { readonly issued?: { readonly contractRatePercent?: number | null } | undefined },
): number | undefined => {
  const frozen = invoice.issued?.contractRatePercent;
  return frozen === undefined ? settings.penaltyRatePercent : (frozen ?? undefined);
};

/** The rate that applies from the day after the due date (what the J+1 reminder announces). */
export const rateFromDueDate = (dueDate: string, contractual?: number, table: PenaltyRateTable = PENALTY_RATE_TABLE) =>
  appliedRate(penaltyRateFor(addDays(dueDate, 1), table), contractual);

/**
 * Late-payment penalties: from the day after the due date to `asOf` inclusive, each semester at
 * its own rate, unpaid × rate × days / 365, summed exactly and rounded half-up to the cent once.
 */
export const latePenaltyCents = (input: PenaltyInput): PenaltyResult => {
  const { unpaidCents, dueDate, asOf, contractualRatePercent, table = PENALTY_RATE_TABLE } = input;
  const totalDays = Math.max(0, daysBetween(dueDate, asOf));
  // Only what was paid or credited after the due date changes what was late on some day.
  const reductions = (input.reductions ?? []).filter((r) => r.date > dueDate && r.cents > 0);
  /** What was unpaid on `day`: today's amount plus everything that came in on or after that day. */
  const unpaidOn = (day: string) => unpaidCents + reductions.reduce((sum, r) => sum + (r.date >= day ? r.cents : 0), 0);
  const breakdown: PenaltyBreakdownRow[] = [];
  let numerator = 0n;
  const denominator = BigInt(RATE_SCALE) * 365n;
  const changes = [...new Set(reductions.map((r) => r.date))].sort();
  for (let from = addDays(dueDate, 1); from <= asOf; ) {
    const semester = semesterOf(from);
    // A segment ends with its semester, with `asOf`, or on the day a payment came in.
    const change = changes.find((d) => d >= from);
    const to = [semester.end, asOf, ...(change ? [change] : [])].sort()[0]!;
    const days = daysBetween(from, to) + 1;
    const unpaid = unpaidOn(from);
    if (unpaid > 0) {
      const rate = penaltyRateFor(from, table);
      const { ratePercent, rateSource } = appliedRate(rate, contractualRatePercent);
      const part = BigInt(unpaid) * toRateUnits(ratePercent) * BigInt(days);
      numerator += part;
      const last = breakdown.at(-1);
      // One row per semester and amount (a payment on the last day of a semester adds no row).
      if (last && last.semester === semester.label && last.unpaidCents === unpaid && addDays(last.to, 1) === from) {
        breakdown[breakdown.length - 1] = { ...last, to, days: last.days + days, cents: Number(divRound(BigInt(unpaid) * toRateUnits(ratePercent) * BigInt(last.days + days), denominator)) };
      } else {
        breakdown.push({ semester: semester.label, from, to, days, unpaidCents: unpaid, ratePercent, cents: Number(divRound(part, denominator)), estimated: rate.estimated, rateSource });
      }
    }
    from = addDays(to, 1);
  }
  if (breakdown.length === 0) {
    const { rateSource } = rateFromDueDate(dueDate, contractualRatePercent, table);
    return { cents: 0, days: totalDays, breakdown: [], estimated: rateSource === 'estimated', rateSource };
  }
  return {
    cents: Number(divRound(numerator, denominator)),
    // Days late up to today, or up to the day it was all paid.
    days: unpaidCents > 0 ? totalDays : daysBetween(dueDate, breakdown.at(-1)!.to),
    breakdown,
    estimated: breakdown.some((row) => row.estimated),
    rateSource: overallSource(breakdown),
  };
};

/**
 * The breakdown rows as a reader adds them up (the proof file): each semester's share rounded so that the rows sum to the
 * total claimed (`cents`, the exact sum rounded once, as every letter and reminder claims it), not each on its own (2,80 +
 * 1,00 printed under a total of 3,79). The rows take the floor of their exact share, and the cents left go to the rows with
 * the largest remainders (the earliest first on a tie). Display only.
 */
export const rowsAddingUp = (result: Pick<PenaltyResult, 'cents' | 'breakdown'>): PenaltyBreakdownRow[] => {
  const denominator = BigInt(RATE_SCALE) * 365n;
  const shares = result.breakdown.map((r) => BigInt(r.unpaidCents) * toRateUnits(r.ratePercent) * BigInt(r.days));
  const cents = shares.map((n) => Number(n / denominator));
  let left = result.cents - cents.reduce((a, b) => a + b, 0);
  const byRemainder = shares.map((n, i) => ({ i, rest: n % denominator })).sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    cents[i]! += 1;
    left -= 1;
  }
  return result.breakdown.map((r, i) => ({ ...r, cents: cents[i]! }));
};

export interface PenaltiesForResult extends PenaltyResult {
  indemnityCents: number;
}

/**
 * Penalties and the €40 indemnity by client kind. Consumers owe neither, by law (L111-8 CPCE:
 * charging recovery fees to a consumer is an offence); legal-rate interest after a mise en
 * demeure is a separate claim, not computed here.
 */
export const penaltiesFor = (kind: ClientKind, input: PenaltyInput): PenaltiesForResult => {
  if (kind === 'consumer') {
    // Nothing is charged, so nothing is estimated: the source is only a label here.
    const rateSource = input.contractualRatePercent === undefined ? 'table' : 'contract';
    return { cents: 0, days: Math.max(0, daysBetween(input.dueDate, input.asOf)), breakdown: [], estimated: false, rateSource, indemnityCents: 0 };
  }
  const result = latePenaltyCents(input);
  // Late on at least one day with something unpaid: the €40 stays due after payment (D441-5).
  const late = result.breakdown.length > 0;
  return { ...result, indemnityCents: late ? RECOVERY_INDEMNITY_CENTS : 0 };
};

/** What a preview shows of the penalties: the amount to date, the rate now applying and where it comes from. */
export interface PenaltyPreview {
  readonly amountCents: number;
  readonly days: number;
  readonly ratePercent: number;
  readonly rateSource: RateSource;
  readonly indemnityCents: number;
}

/** Business clients only: a consumer owes neither penalties nor the €40, so there is nothing to show (undefined). */
export const penaltyPreview = (kind: ClientKind, input: PenaltyInput): PenaltyPreview | undefined => {
  if (kind === 'consumer') return undefined;
  const result = penaltiesFor(kind, input);
  const current = result.breakdown.at(-1) ?? rateFromDueDate(input.dueDate, input.contractualRatePercent, input.table);
  return { amountCents: result.cents, days: result.days, ratePercent: current.ratePercent, rateSource: result.rateSource, indemnityCents: result.indemnityCents };
};
