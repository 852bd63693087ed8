/**
 * Invoice numbering (CGI art. 242 nonies A): invoices and credit notes are numbered in one
 * continuous, chronological sequence per series (F-<year> invoices, deposit and final invoices
 * included; A-<year> credit notes). A document numbered later must not bear an issue date earlier
 * than one already numbered in its series. Quotes (D-<year>) are not invoices: no such rule.
 */

/** The last document a series numbered: its number and issue date. */
export interface LastNumbered {
  readonly number: string;
  readonly issueDate: string;
}

/**
 * The last document numbered in the series when `issueDate` would break its chronological order
 * (dated before it), else undefined. Same day is in order. A series without a known last date
 * (empty, or numbered before the date was kept) accepts any date.
 */
export const chronologyBreach = (issueDate: string, last: LastNumbered | undefined): LastNumbered | undefined =>
  last !== undefined && issueDate < last.issueDate ? last : undefined;

/** The year of the series a document dated `issueDate` is numbered in: its own year (F-2026-… for an invoice dated in 2026). */
export const seriesYear = (issueDate: string): number => Number(issueDate.slice(0, 4));

/**
 * Thrown by the numbering when the document is dated before the last one its series numbered:
 * nothing was written (no number consumed). Use cases answer it as a 422 naming their date field.
 */
export class OutOfChronologyError extends Error {
  constructor(readonly last: LastNumbered) {
    super(`dated before ${last.number} (${last.issueDate}), the last document numbered in its series`);
    this.name = 'OutOfChronologyError';
  }
}
