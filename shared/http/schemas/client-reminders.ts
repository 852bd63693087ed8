/**
 * The two routes that remind several invoices at once, in `zod/mini` (functions/reminders/client-reminders, the largest
 * API bundle): the bundle then carries zod's core and mini's functions, not zod classic's schema classes and the
 * JSON-schema code they reference (~20 KB; docs/benchmarks.md "Bundle margin"). Same checks, messages and OpenAPI
 * document as the classic schemas of common.ts they copy (id, email, businessDate, searchQuery): test/unit/client-reminders-schemas.test.ts.
 */
import * as z from 'zod/mini';
import type { BatchReminderInput as BatchInputType } from '../../app/reminders/batch-reminders.js';
import type { ClientReminderInput as ClientInputType } from '../../app/reminders/client-reminders.js';
import { isValidDate } from '../../domain/dates.js';
import { INVOICE_STATUSES } from '../../domain/invoice.js';
import { orderedRanges } from './ranges.js';

/** common.ts's `id`, `email`, `businessDate`, `searchQuery` and `idParams`, in zod/mini (exported for the test that keeps them equal). */
export const id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[0-9A-Za-z_-]+$/, { message: 'must be an id' }));
export const email = z.email({ message: 'must be an email address' }).check(z.maxLength(254));
export const businessDate = z.string().check(z.refine(isValidDate, { message: 'must be a calendar date YYYY-MM-DD' }), z.meta({ format: 'date', example: '2026-11-22' }));
export const searchQuery = z.string().check(z.trim(), z.minLength(1), z.maxLength(100), z.refine((s) => s === '' || /[\p{L}\p{N}]/u.test(s), { message: 'must contain a letter or a digit' }));
export const idParams = z.object({ id });

/** Validation only: the use cases' types are in shared/app/reminders/{client,batch}-reminders.ts. */
const templateId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be 1-48 lowercase letters, digits or dashes' }));
/** Refused when an id comes twice (as a client's tags are): each id asked gets exactly one item in the answer. */
const invoiceIds = (max: number) => z.array(id).check(z.minLength(1), z.maxLength(max), z.refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an invoice' }));
const emails = (min: number) => z.array(email).check(...(min > 0 ? [z.minLength(min)] : []), z.maxLength(10));
const days = () => z.number().check(z.int(), z.gte(0), z.lte(3650));

export const ClientReminderInput = z.strictObject({
  /** Default: the client's open invoices with a balance. */
  invoiceIds: z.optional(invoiceIds(40)),
  /** Default: each invoice's next step template; the firmest one sets the tone. */
  templateId: z.optional(templateId),
  /** Default: the billing contacts' emails, else the client's address (and its copies). */
  to: z.optional(emails(1)),
  cc: z.optional(emails(0)),
  bcc: z.optional(emails(0)),
  /** Your own subject and body, with the template variables (the group's: all numbers, total balance). */
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
  body: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000))),
  /** Send even within the client's minimum gap. */
  force: z.optional(z.boolean()),
}) satisfies z.ZodMiniType<ClientInputType>;

export const DryRunQuery = z.strictObject({ dryRun: z.optional(z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'))) });

/** The follow-up list's filters (GET /invoices) as JSON: booleans and numbers as such. */
const BatchFilter = z
  .strictObject({
    // The list's statuses (its contentieux tab included: those invoices answer `skipped: litigation`).
    status: z.optional(z.enum([...INVOICE_STATUSES, 'overdue'])),
    clientId: z.optional(id),
    overdue: z.optional(z.boolean()),
    reminded: z.optional(z.boolean()),
    minDaysLate: z.optional(days()),
    maxDaysLate: z.optional(days()),
    dueFrom: z.optional(businessDate),
    dueTo: z.optional(businessDate),
    dueWithinDays: z.optional(days()),
    q: z.optional(searchQuery),
  })
  .check(z.superRefine(orderedRanges));

export const BatchReminderInput = z
  .strictObject({
    invoiceIds: z.optional(invoiceIds(500)),
    filter: z.optional(BatchFilter),
    templateId: z.optional(templateId),
  })
  .check(
    z.superRefine((b, ctx) => {
      if (!b.invoiceIds === !b.filter) ctx.addIssue({ code: 'custom', path: ['invoiceIds'], message: 'give either invoiceIds or filter' });
    }),
  ) satisfies z.ZodMiniType<BatchInputType>;
