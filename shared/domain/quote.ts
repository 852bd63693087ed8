import { addDays, localDate } from './dates.js';
import { invoiceTotals, type InvoiceLine, type InvoiceTotals } from './invoice.js';
import { divRound } from './money.js';
import { nextSendDay, sendInstant, sendLocalTime, type SendCalendar } from './send-calendar.js';

export type QuoteStatusView = 'pending' | 'accepted' | 'refused' | 'expired' | 'converted';

/** A pending quote past its validity date is expired: derived, never stored. */
export const quoteStatusView = (status: 'pending' | 'accepted' | 'refused' | 'converted', validUntil: string, today: string): QuoteStatusView =>
  status === 'pending' && today > validUntil ? 'expired' : status;

export type DepositRequest = { readonly percent: number } | { readonly amountCents: number };

const percentLabel = (percent: number) => `${String(percent).replace('.', ',')} %`;

/**
 * Lines of a deposit invoice: one per VAT rate of the quote, each the requested share of that
 * rate's net, so the deposit carries the quote's VAT mix (VAT is due on deposits received).
 * For an amount, the share is amount / quote gross and the largest line absorbs the rounding
 * so the deposit's gross equals the amount asked for whenever a cent-exact split exists.
 */
export const depositLines = (quote: InvoiceTotals, request: DepositRequest, quoteNumber: string): InvoiceLine[] => {
  const rows = quote.vatBreakdown.filter((r) => r.netCents > 0);
  const share = (net: number) =>
    'percent' in request
      ? Number(divRound(BigInt(net) * BigInt(Math.round(request.percent * 100)), 10_000n))
      : Number(divRound(BigInt(net) * BigInt(request.amountCents), BigInt(quote.grossCents)));
  const label = 'percent' in request ? `Acompte de ${percentLabel(request.percent)} sur devis ${quoteNumber}` : `Acompte sur devis ${quoteNumber}`;
  const lines: InvoiceLine[] = rows.map((r) => ({
    description: rows.length > 1 ? `${label} (TVA ${String(r.vatRate).replace('.', ',')} %)` : label,
    quantity: 1,
    unitPriceCents: share(r.netCents),
    vatRate: r.vatRate,
  }));
  if ('amountCents' in request && lines.length > 0) {
    const largest = lines.reduce((best, l, i) => (l.unitPriceCents > (lines[best]?.unitPriceCents ?? 0) ? i : best), 0);
    for (const delta of [0, 1, -1, 2, -2, 3, -3]) {
      const trial = lines.map((l, i) => (i === largest ? { ...l, unitPriceCents: l.unitPriceCents + delta } : l));
      if (invoiceTotals(trial).grossCents === request.amountCents) return trial;
    }
  }
  return lines;
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
