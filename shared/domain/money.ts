/**
 * Money is integer cents. VAT rates are the French rates, carried as numbers (20, 10, 5.5, 2.1, 0)
 * at the edge and as basis points inside the arithmetic so that no float ever reaches a total.
 */
export const VAT_RATES = [0, 2.1, 5.5, 10, 20] as const;
export type VatRate = (typeof VAT_RATES)[number];

/** Quantities carry at most 3 decimals (e.g. 1.5 h, 0.125 m³). */
export const QUANTITY_SCALE = 1000;

/**
 * The ceiling of every amount (a price, a payment, a line total, a document total):
 * 999 999 999,99 €. Far above any artisan's invoice, and low enough that a document of
 * 200 lines, or the sum of 90 000 maximal documents, stays an exact JavaScript integer
 * (Number.MAX_SAFE_INTEGER ≈ 9.007 × 10¹⁵ cents).
 */
export const MAX_AMOUNT_CENTS = 99_999_999_999;
/** The largest quantity on one line (hours, units, m³…). */
export const MAX_QUANTITY = 1_000_000;

/** Rounds half away from zero, the rounding French invoices use per line. */
export const divRound = (numerator: bigint, denominator: bigint): bigint => {
  const sign = numerator < 0n !== denominator < 0n ? -1n : 1n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  return sign * ((2n * n + d) / (2n * d));
};

export const vatRateBasisPoints = (rate: VatRate): number => Math.round(rate * 100);

export const quantityMilli = (quantity: number): number => Math.round(quantity * QUANTITY_SCALE);

/** `12345` → `"123,45 €"` with French grouping (narrow no-break spaces). */
export const formatEuros = (cents: number, locale: 'fr' | 'en' = 'fr'): string =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
