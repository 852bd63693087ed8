/**
 * Client portal rules (issue 10 §3–4): how long a link lives, what the client's actions do to the
 * reminders, and the online payment link. Pure: `today` is the tenant's local date.
 */
import { addDays } from './dates.js';
import { isSendDay, type SendCalendar } from './send-calendar.js';
import type { InvoiceRecord } from './invoice-types.js';

/** "J'ai payé" pauses reminders this many business days: time for the transfer to arrive and the owner to check. */
export const PAID_CLAIM_PAUSE_BUSINESS_DAYS = 5;
/** A promise to pay may name a date at most this many days ahead. */
export const PROMISE_MAX_DAYS = 60;
/** A link stops working this many months after the invoice is paid. */
export const PORTAL_MONTHS_AFTER_PAYMENT = 12;

const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/**
 * The last day a link works, for a paid invoice: 12 months after it was paid, the date of its last
 * payment (`paidOn`, the business date, not when it was recorded), else the day the payment was
 * recorded; undefined while unpaid.
 */
export const portalExpiresOn = (invoice: Pick<InvoiceRecord, 'status' | 'lastPaymentAt' | 'updatedAt'>, paidOn?: string): string | undefined =>
  invoice.status === 'paid' ? addMonths(paidOn ?? (invoice.lastPaymentAt ?? invoice.updatedAt).slice(0, 10), PORTAL_MONTHS_AFTER_PAYMENT) : undefined;

export const portalExpired = (invoice: Pick<InvoiceRecord, 'status' | 'lastPaymentAt' | 'updatedAt'>, today: string, paidOn?: string): boolean => {
  const last = portalExpiresOn(invoice, paidOn);
  return last !== undefined && today > last;
};

/** `date` + n business days of the tenant's calendar (weekends and holidays as its reminders skip them). */
export const addBusinessDays = (date: string, days: number, calendar: Pick<SendCalendar, 'skipWeekends' | 'skipHolidays' | 'region'>): string => {
  const cal = { ...calendar, sendHour: 0, timeZone: 'UTC' };
  let d = date;
  for (let left = days; left > 0; ) {
    d = addDays(d, 1);
    if (isSendDay(d, cal)) left--;
  }
  return d;
};

/** Why a promised date is refused, if it is. */
export const promiseDateProblem = (date: string, today: string): string | undefined => {
  if (date < today) return 'must not be in the past';
  if (date > addDays(today, PROMISE_MAX_DAYS)) return `must be within ${PROMISE_MAX_DAYS} days (${addDays(today, PROMISE_MAX_DAYS)} at the latest)`;
  return undefined;
};

/**
 * A pause that resumes on `until` never shortens a longer one already in place (an owner's
 * open-ended pause stays open-ended). Returns the `pausedUntil` to keep, or undefined to keep the
 * current pause as it is.
 */
export const lengthenPause = (current: Pick<InvoiceRecord, 'remindersPaused' | 'pausedUntil'>, until: string): string | undefined => {
  if (!current.remindersPaused) return until;
  if (current.pausedUntil === undefined) return undefined;
  return current.pausedUntil >= until ? undefined : until;
};

/** `12345` → `123.45`: the `{{balance}}` of a payment URL. */
const decimal = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** The settings' payment URL template with the invoice's number and balance, each URL-encoded. */
export const renderPaymentUrl = (template: string, invoice: { readonly number: string; readonly balanceCents: number }): string =>
  template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) =>
    name === 'invoiceNumber' ? encodeURIComponent(invoice.number) : name === 'balance' ? decimal(invoice.balanceCents) : '',
  );
