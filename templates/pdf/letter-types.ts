/** The letter's data is the domain's (shared/domain/letter.ts): a letter step records it to render the same PDF later. */
export type { LetterData as LetterPdfData, LetterInvoice } from '../../shared/domain/letter.js';

/** Simplified recovery of small claims by a commissaire de justice (CPCE L125-1) is open up to this amount. */
export const SMALL_CLAIM_LIMIT_CENTS = 500_000;
