import * as z from 'zod';
import { canonicalTimeZoneCase, isValidDate, isValidTimeZone } from '../../domain/dates.js';
import { MAX_AMOUNT_CENTS, VAT_RATES } from '../../domain/money.js';
import { isValidSiren, normalizeVatNumber, SIREN_CHECK_MESSAGE, vatNumberProblem } from '../../domain/siren.js';
import { LIMIT_EXCEEDED } from '../problem.js';

export const businessDate = z
  .string()
  .refine(isValidDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .meta({ format: 'date', example: '2026-11-22' });

/**
 * The date of an invoice, a payment or a credit note: 2000–2099, the cockpit's years. A year typed wrong
 * (1926, 2206) numbered an invoice F-2026 dated a century back, never chased when due in 2206.
 */
export const documentDate = businessDate.refine((d) => !isValidDate(d) || (d >= '2000-01-01' && d <= '2099-12-31'), {
  message: 'must be between 2000-01-01 and 2099-12-31',
});

export const instant = z.iso.datetime({ offset: true });

/** An IANA zone, spelt as IANA does: `europe/paris` is kept as `Europe/Paris`, the name given to EventBridge Scheduler with each schedule. */
export const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'must be an IANA time zone', abort: true })
  .overwrite((tz) => (isValidTimeZone(tz) ? canonicalTimeZoneCase(tz) : tz));

/**
 * The ceiling as `formatEuros` writes it, spelled out: building an Intl.NumberFormat while the
 * route table loads cost every API function ~13 ms of cold start (test/unit/money.test.ts keeps
 * the two equal).
 */
export const MAX_AMOUNT_TEXT = '999\u202f999\u202f999,99\u00a0€';

export const CEILING_MESSAGE = `must be at most ${MAX_AMOUNT_CENTS} cents (${MAX_AMOUNT_TEXT})`;

/** Integer cents from `min` up to the documented ceiling; above it (however large) is a 422 naming the field. */
const centsFrom = (min: 0 | 1) =>
  z
    .number()
    .refine((v) => v <= MAX_AMOUNT_CENTS, { message: CEILING_MESSAGE, params: LIMIT_EXCEEDED, abort: true })
    .int({ message: 'must be an integer number of cents' })
    // One bound, one message: a negative amount is not told twice that it is too small.
    .min(min, min === 0 ? undefined : { message: 'must be at least 1 cent' })
    .meta({ maximum: MAX_AMOUNT_CENTS, description: `integer cents, at most ${MAX_AMOUNT_CENTS}` });
export const cents = centsFrom(0);
export const positiveCents = centsFrom(1);

export const vatRate = z.literal([...VAT_RATES], { error: `must be one of ${VAT_RATES.join(', ')}` });

export const id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { message: 'must be an id' });
/** A search (`?q=`): its letters and digits are what it matches by; one without (`%`, an emoji) would match anything. */
export const searchQuery = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => s === '' || /[\p{L}\p{N}]/u.test(s), { message: 'must contain a letter or a digit' });
export const email = z.email({ message: 'must be an email address' }).max(254);
/** A SIREN as printed (`552 100 554`, no-break spaces from a paste) is kept as its 9 digits; its Luhn check digit must hold. */
export const siren = z
  .string()
  .transform((s) => s.replace(/[\s\u00a0\u202f]+/g, ''))
  .pipe(z.string().regex(/^\d{9}$/, { message: 'must be 9 digits', abort: true }).refine(isValidSiren, { message: SIREN_CHECK_MESSAGE }));

/** An intra-EU VAT number as printed (`FR 32 123 456 789`) is kept as the tax office writes it; a French one's key must match its SIREN. */
export const vatNumber = z
  .string()
  .max(30)
  .transform(normalizeVatNumber)
  .pipe(
    z.string().superRefine((v, ctx) => {
      const problem = vatNumberProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );

export const idParams = z.object({ id });

/**
 * A count of days in a query string: `?maxDaysLate=` left empty by a form is a 400 naming it, never
 * read as 0 (Number('') is 0: the list of invoices at most 0 days late, answered as if asked).
 */
export const queryDays = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? Number.NaN : v),
  z.coerce.number({ error: 'must be a whole number of days' }).int({ error: 'must be a whole number of days' }).min(0, { error: 'must be 0 or more' }).max(3650, { error: 'must be at most 3650' }),
);

/**
 * A list's `?cursor=`: the `nextCursor` of its previous page. Left empty (`?cursor=`) it is no cursor:
 * a 400 on every list (/clients and /invoices read it as the first page, the others refused it).
 */
export const listCursor = z
  .string()
  .min(1, { message: 'is not a cursor' })
  .max(2048)
  .meta({ description: 'The nextCursor of the previous page, asked with the same parameters but limit (sort, order, filters, search): another one is a 400 naming query.cursor' });

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: listCursor.optional(),
});

/** In ./ranges.ts, which imports no zod: the batch reminder's filter (schemas/client-reminders.ts, zod/mini) uses it too. */
export { orderedRanges } from './ranges.js';

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** `nothing-to-remind` (POST /clients/{id}/reminders, its dry run too): each invoice and why it cannot be reminded. */
  items: z.array(z.object({ invoiceId: z.string(), number: z.string().optional(), status: z.string(), reason: z.string().optional() })).optional(),
});
