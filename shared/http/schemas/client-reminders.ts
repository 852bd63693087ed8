import * as z from 'zod';
import type { BatchReminderInput as BatchInputType } from '../../app/reminders/batch-reminders.js';
import type { ClientReminderInput as ClientInputType } from '../../app/reminders/client-reminders.js';
import { businessDate, email, id, orderedRanges, searchQuery } from './common.js';
import { INVOICE_STATUSES } from '../../domain/invoice.js';

/** Validation only: the use cases' types are in shared/app/reminders/{client,batch}-reminders.ts. */
const templateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be 1-48 lowercase letters, digits or dashes' });
/** Refused when an id comes twice (as a client's tags are): each id asked gets exactly one item in the answer. */
const invoiceIds = (max: number) => z.array(id).min(1).max(max).refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an invoice' });

export const ClientReminderInput = z
  .object({
    /** Default: the client's open invoices with a balance. */
    invoiceIds: invoiceIds(40).optional(),
    /** Default: each invoice's next step template; the firmest one sets the tone. */
    templateId: templateId.optional(),
    /** Default: the billing contacts' emails, else the client's address (and its copies). */
    to: z.array(email).min(1).max(10).optional(),
    cc: z.array(email).max(10).optional(),
    bcc: z.array(email).max(10).optional(),
    /** Your own subject and body, with the template variables (the group's: all numbers, total balance). */
    subject: z.string().trim().min(1).max(300).optional(),
    body: z.string().trim().min(1).max(20_000).optional(),
    /** Send even within the client's minimum gap. */
    force: z.boolean().optional(),
  })
  .strict() satisfies z.ZodType<ClientInputType>;

export const DryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }).strict();

/** The follow-up list's filters (GET /invoices) as JSON: booleans and numbers as such. */
const BatchFilter = z
  .object({
    // The list's statuses (its contentieux tab included: those invoices answer `skipped: litigation`).
    status: z.enum([...INVOICE_STATUSES, 'overdue']).optional(),
    clientId: id.optional(),
    overdue: z.boolean().optional(),
    reminded: z.boolean().optional(),
    minDaysLate: z.number().int().min(0).max(3650).optional(),
    maxDaysLate: z.number().int().min(0).max(3650).optional(),
    dueFrom: businessDate.optional(),
    dueTo: businessDate.optional(),
    dueWithinDays: z.number().int().min(0).max(3650).optional(),
    q: searchQuery.optional(),
  })
  .strict()
  .superRefine(orderedRanges);

export const BatchReminderInput = z
  .object({
    invoiceIds: invoiceIds(500).optional(),
    filter: BatchFilter.optional(),
    templateId: templateId.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.invoiceIds === !b.filter) ctx.addIssue({ code: 'custom', path: ['invoiceIds'], message: 'give either invoiceIds or filter' });
  }) satisfies z.ZodType<BatchInputType>;
