import { addDays, localDate } from './dates.js';
import { invoiceTotals, type InvoiceLine, type InvoiceTotals } from './invoice.js';
import { divRound } from './money.js';
import { nextSendDay, sendInstant, sendLocalTime, type SendCalendar } from './send-calendar.js';

export type QuoteStatusView = 'pending' | 'accepted' | 'refused' | 'expired' | 'converted';

/** A pending quote past its validity date is expired: derived, never stored. */
export const quoteStatusView = (status: 'pending' | 'accepted' | 'refused' | 'converted', validUntil: string, today: string): QuoteStatusView =>
  status === 'pending' && today > validUntil ? 'expired' : status;

export type DepositRequest = { readonly percent: number } | { readonly amountCents: number };

/**
 * `12,5 %` with a no-break space before the sign (French typography), so that a PDF's description
 * column never ends a line between the number and its `%`.
 */
const percentLabel = (percent: number) => `${String(percent).replace('.', ',')}\u00a0%`;

/** Splits `total` cents in proportion to `weights`, exactly and never negative (largest remainder). */
export const apportion = (total: number, weights: readonly number[]): number[] => {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (BigInt(total) * BigInt(w)));
  const floors = exact.map((e) => Number(e / BigInt(sum)));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e % BigInt(sum) })).sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors;
};

/** The largest net whose gross (net + VAT rounded on the line) does not exceed `gross`. */
const netForGross = (gross: number, vatRate: number): number => {
  const bp = BigInt(Math.round(vatRate * 100));
  let net = Number(divRound(BigInt(gross) * 10_000n, 10_000n + bp));
  const grossOf = (n: number) => n + Number(divRound(BigInt(n) * bp, 10_000n));
  while (net > 0 && grossOf(net) > gross) net -= 1;
  while (grossOf(net + 1) <= gross) net += 1;
  return net;
};

/**
 * Lines of a deposit invoice: one per VAT rate of the quote, so the deposit carries the quote's
 * VAT mix (VAT is due on deposits received). The requested gross (a share of the quote's gross,
 * or an amount) is apportioned across the rates by their gross, and each line's net is the
 * largest whose gross fits, carrying any cent a rate cannot reach to the next one. So a deposit
 * never exceeds what was asked (100 % is exactly the quote) and misses it by a cent at most.
 */
export const depositLines = (quote: InvoiceTotals, request: DepositRequest, quoteNumber: string): InvoiceLine[] => {
  const rows = quote.vatBreakdown.filter((r) => r.netCents > 0);
  const wanted =
    'percent' in request
      ? Number(divRound(BigInt(quote.grossCents) * BigInt(Math.round(request.percent * 100)), 10_000n))
      : Math.min(request.amountCents, quote.grossCents);
  const targets = apportion(wanted, rows.map((r) => r.netCents + r.vatCents));
  const label = 'percent' in request ? `Acompte de ${percentLabel(request.percent)} sur devis ${quoteNumber}` : `Acompte sur devis ${quoteNumber}`;
  let carry = 0;
  return rows.map((r, i) => {
    const target = (targets[i] ?? 0) + carry;
    const net = netForGross(target, r.vatRate);
    const line: InvoiceLine = {
      // "(TVA 20 %)" is one unit: no-break spaces inside it.
      description: rows.length > 1 ? `${label} (TVA\u00a0${percentLabel(r.vatRate)})` : label,
      quantity: 1,
      unitPriceCents: net,
      vatRate: r.vatRate,
    };
    carry = target - invoiceTotals([line]).grossCents;
    return line;
  });
};

/**
 * The follow-up of a quote left unanswered: one message `delayDays` after it was sent, on a
 * send day at the send hour, and never after its validity date. Nothing once answered.
 */
export const planQuoteFollowUp = (input: {
  status: 'pending' | 'accepted' | 'refused' | 'converted';
  sentAt?: string;
  validUntil: string;
  followUpSentAt?: string;
  calendar: SendCalendar;
  now: Date;
  delayDays: number;
}): { scheduledAt: string; localTime: string } | undefined => {
  if (input.status !== 'pending' || !input.sentAt || input.followUpSentAt) return undefined;
  const sentOn = localDate(new Date(input.sentAt), input.calendar.timeZone);
  let date = nextSendDay(addDays(sentOn, input.delayDays), input.calendar);
  const now = localDate(input.now, input.calendar.timeZone);
  if (sendInstant(date, input.calendar) <= input.now) date = nextSendDay(addDays(now, 1), input.calendar);
  if (date > input.validUntil) return undefined;
  const instant = sendInstant(date, input.calendar);
  return { scheduledAt: instant.toISOString(), localTime: sendLocalTime(date, input.calendar) };
};
