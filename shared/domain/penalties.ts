import { addDays, daysBetween } from './dates.js';
import type { ClientKind } from './invoice.js';
import { divRound } from './money.js';
import { PENALTY_RATE_TABLE, type PenaltyRateTable } from './data/penalty-rates.js';

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

export interface SemesterRate {
  /** `YYYY-H1` or `YYYY-H2`, the semester of the date asked about. */
  semester: string;
  ecbRatePercent: number;
  defaultRatePercent: number;
  legalRatePercent: number;
  floorRatePercent: number;
  /** True when the table has no row for this semester and the nearest row's rates were used. */
  estimated: boolean;
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
}

export interface PenaltyBreakdownRow {
  semester: string;
  /** First and last day counted in this semester, inclusive. */
  from: string;
  to: string;
  days: number;
  ratePercent: number;
  /** This semester's share rounded on its own (display only: the total is rounded once, at the end). */
  cents: number;
  estimated: boolean;
}

export interface PenaltyResult {
  cents: number;
  days: number;
  breakdown: PenaltyBreakdownRow[];
  estimated: boolean;
}

const appliedRate = (rate: SemesterRate, contractual?: number): number =>
  contractual === undefined ? rate.defaultRatePercent : Math.max(contractual, rate.floorRatePercent);

/**
 * Late-payment penalties: from the day after the due date to `asOf` inclusive, each semester at
 * its own rate, unpaid × rate × days / 365, summed exactly and rounded half-up to the cent once.
 */
export const latePenaltyCents = (input: PenaltyInput): PenaltyResult => {
  const { unpaidCents, dueDate, asOf, contractualRatePercent, table = PENALTY_RATE_TABLE } = input;
  const totalDays = Math.max(0, daysBetween(dueDate, asOf));
  if (totalDays === 0 || unpaidCents <= 0) return { cents: 0, days: totalDays, breakdown: [], estimated: false };
  const breakdown: PenaltyBreakdownRow[] = [];
  let numerator = 0n;
  const denominator = BigInt(RATE_SCALE) * 365n;
  for (let from = addDays(dueDate, 1); from <= asOf; ) {
    const semester = semesterOf(from);
    const to = semester.end < asOf ? semester.end : asOf;
    const days = daysBetween(from, to) + 1;
    const rate = penaltyRateFor(from, table);
    const ratePercent = appliedRate(rate, contractualRatePercent);
    const part = BigInt(unpaidCents) * toRateUnits(ratePercent) * BigInt(days);
    numerator += part;
    breakdown.push({
      semester: semester.label,
      from,
      to,
      days,
      ratePercent,
      cents: Number(divRound(part, denominator)),
      estimated: rate.estimated,
    });
    from = addDays(to, 1);
  }
  return {
    cents: Number(divRound(numerator, denominator)),
    days: totalDays,
    breakdown,
    estimated: breakdown.some((row) => row.estimated),
  };
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
    return { cents: 0, days: Math.max(0, daysBetween(input.dueDate, input.asOf)), breakdown: [], estimated: false, indemnityCents: 0 };
  }
  const result = latePenaltyCents(input);
  const late = result.days > 0 && input.unpaidCents > 0;
  return { ...result, indemnityCents: late ? RECOVERY_INDEMNITY_CENTS : 0 };
};
