/**
 * French late-payment rate table (DOMAIN.md §1), as data.
 *
 * The ECB main refinancing rate in force on 1 January applies to the first half year (H1) and the
 * one in force on 1 July to H2 (C. com. L441-10 II); the legal interest rate is published each
 * semester by arrêté in the Journal officiel (C. mon. fin. L313-2, D313-1-A; since 2015 one rate
 * for private creditors and one for "tous les autres cas", which is the one a business creditor
 * uses). THESE VALUES CHANGE TWICE A YEAR: append a row for each new semester (sorted by
 * `start`), with its source. A semester without a row is still computed, with the latest earlier
 * row's rates, and flagged `rateSource: 'estimated'` so the product can say so.
 *
 * ECB rates: the MRO fixed rate and its dates of effect (ECB / Banque de France "key ECB interest
 * rates" table): 0.00 from 16 Mar 2016, 0.50 from 27 Jul 2022, 2.50 from 21 Dec 2022, 4.00 from
 * 21 Jun 2023, 4.50 from 20 Sep 2023, 4.25 from 12 Jun 2024, 3.15 from 18 Dec 2024, 2.15 from
 * 11 Jun 2025. Rows go back to 2020: a B2B claim is prescribed after 5 years (C. com. L110-4).
 */
export interface PenaltyRateRow {
  /** First day of the semester, `YYYY-01-01` or `YYYY-07-01`. */
  readonly start: string;
  /** ECB main refinancing operations rate on the semester's first day, % per year. */
  readonly ecbRatePercent: number;
  /** Legal interest rate for a professional creditor ("tous les autres cas"), % per year. */
  readonly legalRatePercent: number;
}

export type PenaltyRateTable = readonly PenaltyRateRow[];

export const PENALTY_RATE_TABLE: PenaltyRateTable = [
  // ECB 0.00 (since 16 Mar 2016); legal 0.87 % (arrêté for H1 2020).
  { start: '2020-01-01', ecbRatePercent: 0, legalRatePercent: 0.87 },
  // ECB 0.00; legal 0.84 % (arrêté for H2 2020).
  { start: '2020-07-01', ecbRatePercent: 0, legalRatePercent: 0.84 },
  // ECB 0.00; legal 0.79 % (arrêté for H1 2021).
  { start: '2021-01-01', ecbRatePercent: 0, legalRatePercent: 0.79 },
  // ECB 0.00; legal 0.76 % (arrêté for H2 2021).
  { start: '2021-07-01', ecbRatePercent: 0, legalRatePercent: 0.76 },
  // ECB 0.00; legal 0.76 % (arrêté of 26 Dec 2021, JO 28 Dec 2021).
  { start: '2022-01-01', ecbRatePercent: 0, legalRatePercent: 0.76 },
  // ECB 0.00 on 1 Jul (the 0.50 hike took effect on 27 Jul 2022); legal 0.77 % (arrêté of 27 Jun 2022).
  { start: '2022-07-01', ecbRatePercent: 0, legalRatePercent: 0.77 },
  // ECB 2.50 (from 21 Dec 2022); legal 2.06 % (arrêté for H1 2023).
  { start: '2023-01-01', ecbRatePercent: 2.5, legalRatePercent: 2.06 },
  // ECB 4.00 (from 21 Jun 2023); legal 4.22 % (arrêté of 27 Jun 2023, JO 30 Jun 2023).
  { start: '2023-07-01', ecbRatePercent: 4, legalRatePercent: 4.22 },
  // ECB 4.50 (from 20 Sep 2023); legal 5.07 % (arrêté of 21 Dec 2023).
  { start: '2024-01-01', ecbRatePercent: 4.5, legalRatePercent: 5.07 },
  // ECB 4.25 (from 12 Jun 2024); legal 4.92 % (arrêté for H2 2024).
  { start: '2024-07-01', ecbRatePercent: 4.25, legalRatePercent: 4.92 },
  // ECB 3.15 (from 18 Dec 2024); legal 3.71 % (arrêté of 17 Dec 2024).
  { start: '2025-01-01', ecbRatePercent: 3.15, legalRatePercent: 3.71 },
  // ECB 2.15 (from 11 Jun 2025); legal 2.76 % (arrêté of 19 Jun 2025, JO 24 Jun 2025).
  { start: '2025-07-01', ecbRatePercent: 2.15, legalRatePercent: 2.76 },
  // ECB 2.15 (unchanged since 11 Jun 2025); legal 2.62 % (arrêté of 15 Dec 2025, JO 26 Dec 2025).
  { start: '2026-01-01', ecbRatePercent: 2.15, legalRatePercent: 2.62 },
  // H2 2026: not sourced yet (no row): computed with the H1 2026 rates, flagged 'estimated'.
];
