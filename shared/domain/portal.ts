/**
 * Client portal rules (issue 10 §3–4): how long a link lives, what the client's actions do to the
 * reminders, and the online payment link. Pure: `today` is the tenant's local date.
 */
import { addDays, localDate } from './dates.js';
import { isSendDay, type SendCalendar } from './send-calendar.js';
import type { InvoiceRecord } from './invoice-types.js';

/** "J'ai payé" pauses reminders this many business days: time for the transfer to arrive and the owner to check. */
export const PAID_CLAIM_PAUSE_BUSINESS_DAYS = 5;
/** A promise to pay may name a date at most this many days ahead. */
export const PROMISE_MAX_DAYS = 60;
/**
 * Client actions from the portal that write (each one a notification and an email to the owner) an
 * invoice takes per local day; a repeat that writes nothing is not counted. Room for a real client
 * ("j'ai payé", a corrected reference, a promise, a question, a plan request), never a flood.
 */
export const PORTAL_ACTIONS_PER_DAY = 5;
/** A link stops working this many months after the invoice is settled (paid, cancelled or written off). */
export const PORTAL_MONTHS_AFTER_PAYMENT = 12;

const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/** Statuses whose invoice has nothing left to pay and never will: its link's 12 months start when it got there. */
const SETTLED = new Set(['paid', 'cancelled', 'written_off']);

/**
 * The last day a link works, for a settled invoice: 12 months after it was settled. `settledOn` is the
 * business date it got there (a paid invoice: the date of its last payment, not when it was recorded;
 * cancelled or written off: the date of the credit note that closed it), else the day, in the tenant's
 * `timeZone`, the last payment was recorded or, failing that, the invoice's last change; undefined while
 * money is still due.
 */
export const portalExpiresOn = (
  invoice: Pick<InvoiceRecord, 'status' | 'lastPaymentAt' | 'updatedAt'>,
  timeZone: string,
  settledOn?: string,
): string | undefined => {
  if (!SETTLED.has(invoice.status)) return undefined;
  const recorded = (invoice.status === 'paid' ? invoice.lastPaymentAt : undefined) ?? invoice.updatedAt;
  return addMonths(settledOn ?? localDate(new Date(recorded), timeZone), PORTAL_MONTHS_AFTER_PAYMENT);
};

export const portalExpired = (
  invoice: Pick<InvoiceRecord, 'status' | 'lastPaymentAt' | 'updatedAt'>,
  today: string,
  timeZone: string,
  settledOn?: string,
): boolean => {
  const last = portalExpiresOn(invoice, timeZone, settledOn);
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
