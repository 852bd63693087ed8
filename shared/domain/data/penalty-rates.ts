/**
 * French late-payment rate table (DOMAIN.md §1), as data.
 *
 * The ECB main refinancing rate in force on 1 January applies to the first half year (H1) and the
 * one in force on 1 July to H2 (C. com. L441-10 II); the legal interest rate is published each
 * semester by arrêté in the Journal officiel. THESE VALUES CHANGE TWICE A YEAR: append a row for
 * each new semester (sorted by `start`). A date beyond the last row is still computed, with the
 * latest row's rates, and flagged `estimated: true` so the product can say so.
 */
export interface PenaltyRateRow {
  /** First day of the semester, `YYYY-01-01` or `YYYY-07-01`. */
  readonly start: string;
  /** ECB main refinancing operations rate on the semester's first day, % per year. */
  readonly ecbRatePercent: number;
  /** Legal interest rate for a professional creditor, % per year. */
  readonly legalRatePercent: number;
}

export type PenaltyRateTable = readonly PenaltyRateRow[];

export const PENALTY_RATE_TABLE: PenaltyRateTable = [
  { start: '2025-01-01', ecbRatePercent: 3.15, legalRatePercent: 3.71 },
  { start: '2025-07-01', ecbRatePercent: 2.15, legalRatePercent: 2.76 },
  { start: '2026-01-01', ecbRatePercent: 2.15, legalRatePercent: 2.62 },
];
