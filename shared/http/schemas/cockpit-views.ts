/** The response schemas of cockpit.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import { businessDate, id } from './common.js';
import { INVOICE_STATUSES } from '../../domain/invoice.js';
import { int } from './cockpit.js';

export const periods = z.object({ month: int, quarter: int, year: int });
export const CockpitView = z.object({
  asOf: businessDate,
  currency: z.literal('EUR'),
  outstandingCents: int,
  overdueCents: int,
  openInvoices: int,
  overdueInvoices: int,
  aging: z.array(z.object({ bucket: z.enum(['not_due', '1_30', '31_60', '61_90', '90_plus']), balanceCents: int, count: int })),
  invoicedCents: periods,
  collectedCents: periods,
  dsoDays: z.number().nullable(),
  avgDaysToPay: z.number().nullable(),
  forecast: z.array(z.object({ weekStart: businessDate, expectedCents: int })),
  topLateClients: z.array(z.object({ clientId: id, name: z.string(), overdueCents: int, balanceCents: int, overdueInvoices: int, oldestDaysLate: int })),
  reminders: z.object({
    sentThisMonth: int,
    steps: z.array(z.object({ stepId: z.string(), sent: int, paidWithin7Days: int, share: z.number() })),
    medianDaysFirstReminderToPayment: z.number().nullable(),
    bounces: int,
  }),
});
export const money = { debitCents: int, creditCents: int, balanceCents: int };
export const StatementView = z.object({
  asOf: businessDate,
  currency: z.literal('EUR'),
  client: z.object({ id, name: z.string(), email: z.string().optional(), siren: z.string().optional() }),
  lines: z.array(z.object({ date: businessDate, kind: z.enum(['invoice', 'payment', 'credit_note']), invoiceId: id, reference: z.string(), method: z.string().optional(), paymentReference: z.string().optional(), ...money })),
  openInvoices: z.array(z.object({ id, number: z.string().optional(), issueDate: businessDate, dueDate: businessDate, billedCents: int, paidCents: int, creditedCents: int, balanceCents: int, daysLate: int })),
  balanceCents: int,
  overdueCents: int,
});
export const RowErrorView = z.object({ row: int, field: z.string(), message: z.string() });
export const ImportReportView = z.object({
  /** Present when a job writes the invoices: follow it at GET /imports/{id}. */
  id: z.string().optional(),
  status: z.enum(['done', 'running']),
  dryRun: z.boolean(),
  rows: int,
  created: int,
  existing: int,
  clientsCreated: int,
  items: z.array(z.object({ row: int, number: z.string(), action: z.enum(['create', 'exists']), clientId: id, newClient: z.boolean(), clientKind: z.enum(['business', 'consumer']), clientKindGuessed: z.literal(true).optional(),
    /** The invoice's status once imported (`create`: the one the import gives it, dry run or not: `litigation` for a `contentieux` row, `cancelled` for an `Annulée` one…); `exists`: its status here. */
    status: z.enum(INVOICE_STATUSES),
    /** The row's dates and amounts as the file was read (`1 234,56` is 123456), to check before importing. */
    issueDate: z.string(), dueDate: z.string(), grossCents: int,
    /** Paid before the import, as the file says. */
    paidCents: int })),
  errors: z.array(z.object({ row: int, field: z.string(), message: z.string() })),
  /** How the file's `a/b/yyyy` dates were read (absent when it has none): French unless a date only MM/DD reads (`04/15/2026`) and none only JJ/MM reads. */
  dateOrder: z.enum(['DD/MM/YYYY', 'MM/DD/YYYY']).optional(),
  /** The date that decided the order (absent when every date reads both ways: French, the default). */
  dateOrderEvidence: z.object({ row: int, field: z.string(), value: z.string() }).optional(),
});
/** A row to import as the dry run and the POST answer list it. */
const importItemFields = {
  row: int, number: z.string(), action: z.enum(['create', 'exists']), clientId: id, newClient: z.boolean(), clientKind: z.enum(['business', 'consumer']), clientKindGuessed: z.literal(true).optional(),
  status: z.enum(INVOICE_STATUSES),
};
export const ImportJobView = z.object({
  id: z.string(),
  status: z.enum(['running', 'done']),
  rows: int,
  total: int,
  processed: int,
  existing: int,
  clientsCreated: int,
  errors: z.array(RowErrorView),
  errorsTruncated: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  /**
   * Each row to import, in file order, as the POST answer listed it, with what became of it: `pending` until
   * its chunk is written, then `created`, or `skipped` with the `reason` (imported before the upload, or
   * meanwhile by another upload of it). Rows in error are in `errors`. Empty for a job started before.
   */
  items: z.array(z.object({ ...importItemFields, outcome: z.enum(['pending', 'created', 'skipped']), reason: z.string().optional() })),
  /** `?items=false`: the rows were not read (`items` is empty), to poll the progress; ask without it once `done`. */
  itemsOmitted: z.literal(true).optional(),
});
