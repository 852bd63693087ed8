import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { INVOICE_STATUSES } from '../../shared/domain/invoice.js';
import { parseOrThrow } from '../../shared/http/problem.js';
import * as classic from '../../shared/http/schemas/common.js';
import * as mini from '../../shared/http/schemas/client-reminders.js';
import { clientRemindersRoutes } from '../../shared/http/routes/client-reminders.js';

/**
 * schemas/client-reminders.ts is written in zod/mini so that the largest API bundle carries no zod classic (~70 KB less):
 * its answers must stay those of the classic schemas it replaced, built here as they were, on common.ts's `id`, `email`,
 * `businessDate` and `searchQuery` (which it copies: a change to one of those fails here until the copy follows).
 */
const templateId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be 1-48 lowercase letters, digits or dashes' });
const invoiceIds = (max: number) => z.array(classic.id).min(1).max(max).refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an invoice' });
const ClassicClientReminderInput = z
  .object({
    invoiceIds: invoiceIds(40).optional(),
    templateId: templateId.optional(),
    to: z.array(classic.email).min(1).max(10).optional(),
    cc: z.array(classic.email).max(10).optional(),
    bcc: z.array(classic.email).max(10).optional(),
    subject: z.string().trim().min(1).max(300).optional(),
    body: z.string().trim().min(1).max(20_000).optional(),
    force: z.boolean().optional(),
  })
  .strict();
const ClassicDryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }).strict();
const ClassicBatchFilter = z
  .object({
    status: z.enum([...INVOICE_STATUSES, 'overdue']).optional(),
    clientId: classic.id.optional(),
    overdue: z.boolean().optional(),
    reminded: z.boolean().optional(),
    minDaysLate: z.number().int().min(0).max(3650).optional(),
    maxDaysLate: z.number().int().min(0).max(3650).optional(),
    dueFrom: classic.businessDate.optional(),
    dueTo: classic.businessDate.optional(),
    dueWithinDays: z.number().int().min(0).max(3650).optional(),
    q: classic.searchQuery.optional(),
  })
  .strict()
  .superRefine(classic.orderedRanges);
const ClassicBatchReminderInput = z
  .object({ invoiceIds: invoiceIds(500).optional(), filter: ClassicBatchFilter.optional(), templateId: templateId.optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (!b.invoiceIds === !b.filter) ctx.addIssue({ code: 'custom', path: ['invoiceIds'], message: 'give either invoiceIds or filter' });
  });

/** What a schema answers, as comparable data: the value kept, or every issue (code, path, message, limits). */
const answer = (schema: { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: readonly object[] } } }, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? { data: result.data } : { issues: JSON.parse(JSON.stringify(result.error!.issues)) as unknown };
};
/** The problem+json field errors the handler answers (parseOrThrow), or the value. */
const fieldErrors = (schema: Parameters<typeof parseOrThrow>[0], value: unknown) => {
  try {
    return { data: parseOrThrow(schema, value, 'body') };
  } catch (error) {
    return { type: (error as { type?: string }).type, errors: (error as { errors?: unknown }).errors };
  }
};

const long = (n: number) => 'x'.repeat(n);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `inv_${i}`);
const strings: unknown[] = ['', ' ', 'a', 'INV_01', 'inv-1', 'bad id', 'é', long(64), long(65), 42, null, undefined, true, {}, [], '  ok  ', '%%', '😀', 'a@b.test', 'a@b', `${long(250)}@b.test`, '2026-02-29', '2028-02-29', '2026-13-01', '2026-1-1', '2026-11-22'];

describe('the client-reminders schemas (zod/mini) answer as the classic ones they replaced', () => {
  it.each([
    ['id', mini.id, classic.id],
    ['email', mini.email, classic.email],
    ['businessDate', mini.businessDate, classic.businessDate],
    ['searchQuery', mini.searchQuery, classic.searchQuery],
  ] as const)('%s, on every kind of value', (_name, ours, theirs) => {
    for (const value of strings) expect(answer(ours, value), JSON.stringify(value)).toEqual(answer(theirs, value));
  });

  const clientBodies: unknown[] = [
    {},
    { invoiceIds: ['a', 'b'], templateId: 'reminder', to: ['a@b.test'], cc: [], bcc: ['c@d.test'], subject: ' Hi ', body: ' Text ', force: true },
    { invoiceIds: [] },
    { invoiceIds: ['a', 'a'] },
    { invoiceIds: ids(41) },
    { invoiceIds: ['bad id', 7] },
    { templateId: 'Reminder' },
    { templateId: long(49) },
    { to: [] },
    { to: 'a@b.test, c@d.test' },
    { to: ['nope'], cc: Array(11).fill('a@b.test'), bcc: ['x'] },
    { subject: '   ', body: long(20_001) },
    { subject: long(301) },
    { force: 'yes' },
    { bogus: 1, nested: { x: 1 } },
    [],
    null,
    'text',
  ];
  const batchBodies: unknown[] = [
    {},
    { invoiceIds: ['a'] },
    { invoiceIds: ids(500) },
    { invoiceIds: ids(501) },
    { filter: {} },
    { invoiceIds: ['a'], filter: {} },
    { filter: { status: 'overdue', clientId: 'c1', overdue: true, reminded: false, minDaysLate: 3, maxDaysLate: 10, dueFrom: '2026-01-01', dueTo: '2026-12-31', dueWithinDays: 7, q: ' Dupont ' } },
    { filter: { status: 'paid' } },
    { filter: { status: 'late' } },
    { filter: { minDaysLate: 10, maxDaysLate: 3 } },
    { filter: { dueFrom: '2026-12-31', dueTo: '2026-01-01' } },
    { filter: { minDaysLate: -1, maxDaysLate: 3651, dueWithinDays: 1.5 } },
    { filter: { dueFrom: '2026-02-30', q: '%%' } },
    { filter: { q: '' } },
    { filter: { bogus: true } },
    { filter: 'status=paid', templateId: '-x' },
    { invoiceIds: ['a', 'a'], templateId: 'firm' },
    null,
  ];

  it('ClientReminderInput, valid and invalid bodies', () => {
    for (const body of clientBodies) {
      expect(answer(mini.ClientReminderInput, body), JSON.stringify(body)).toEqual(answer(ClassicClientReminderInput, body));
      expect(fieldErrors(mini.ClientReminderInput, body)).toEqual(fieldErrors(ClassicClientReminderInput, body));
    }
  });

  it('BatchReminderInput, valid and invalid bodies', () => {
    for (const body of batchBodies) {
      expect(answer(mini.BatchReminderInput, body), JSON.stringify(body).slice(0, 200)).toEqual(answer(ClassicBatchReminderInput, body));
      expect(fieldErrors(mini.BatchReminderInput, body)).toEqual(fieldErrors(ClassicBatchReminderInput, body));
    }
  });

  it('DryRunQuery and the id path parameter', () => {
    for (const query of [{}, { dryRun: 'true' }, { dryRun: 'false' }, { dryRun: 'yes' }, { dryRun: '' }, { other: 'x' }]) {
      expect(answer(mini.DryRunQuery, query), JSON.stringify(query)).toEqual(answer(ClassicDryRunQuery, query));
    }
    for (const params of [{ id: 'c1' }, { id: '' }, { id: 'a b' }, {}]) expect(answer(mini.idParams, params)).toEqual(answer(classic.idParams, params));
  });

  it('are the ones the routes validate with', () => {
    expect(clientRemindersRoutes.sendClientReminder.body).toBe(mini.ClientReminderInput);
    expect(clientRemindersRoutes.sendClientReminder.query).toBe(mini.DryRunQuery);
    expect(clientRemindersRoutes.sendBatchReminders.body).toBe(mini.BatchReminderInput);
  });
});
