import * as z from 'zod';
import { businessDate, id } from './common.js';

export const CockpitQuery = z.object({ asOf: businessDate.optional() });

const int = z.number().int();
const periods = z.object({ month: int, quarter: int, year: int });

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

export const ClientListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['name', 'balance', 'overdue']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const ClientRowFields = {
  balanceCents: int,
  overdueCents: int,
  openInvoices: int,
  oldestDaysLate: int,
  avgDaysLate: z.number().nullable(),
  lastReminderAt: z.string().optional(),
};

const money = { debitCents: int, creditCents: int, balanceCents: int };
export const StatementView = z.object({
  asOf: businessDate,
  currency: z.literal('EUR'),
  client: z.object({ id, name: z.string(), email: z.string().optional(), siren: z.string().optional() }),
  lines: z.array(z.object({ date: businessDate, kind: z.enum(['invoice', 'payment', 'credit_note']), invoiceId: id, reference: z.string(), method: z.string().optional(), paymentReference: z.string().optional(), ...money })),
  openInvoices: z.array(z.object({ id, number: z.string().optional(), issueDate: businessDate, dueDate: businessDate, billedCents: int, paidCents: int, creditedCents: int, balanceCents: int, daysLate: int })),
  balanceCents: int,
  overdueCents: int,
});

const importCents = z.number().int().min(0).max(99_999_999_999);
export const ImportJsonRow = z.object({
  number: z.string().max(64),
  client: z.object({ name: z.string().max(200), email: z.string().max(254).optional(), siren: z.string().max(20).optional(), kind: z.string().max(20).optional() }),
  issueDate: z.string().max(20),
  dueDate: z.string().max(20),
  netCents: importCents.optional(),
  vatCents: importCents.optional(),
  grossCents: importCents.optional(),
  paidCents: importCents.optional(),
});

/** A CSV (sent as text/csv, or as `{ csv }`) or JSON rows; per-row problems are answered as row errors, not a 400. */
export const ImportBody = z.union([z.object({ csv: z.string().min(1).max(8_000_000) }).strict(), z.object({ invoices: z.array(ImportJsonRow).min(1).max(5000) }).strict()], {
  error: 'must be a CSV (sent as text/csv, or { "csv": "…" }) or JSON { "invoices": [...] }',
});

export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

const RowErrorView = z.object({ row: int, field: z.string(), message: z.string() });

export const ImportReportView = z.object({
  /** Present when a job writes the invoices: follow it at GET /imports/{id}. */
  id: z.string().optional(),
  status: z.enum(['done', 'running']),
  dryRun: z.boolean(),
  rows: int,
  created: int,
  existing: int,
  clientsCreated: int,
  items: z.array(z.object({ row: int, number: z.string(), action: z.enum(['create', 'exists']), clientId: id, newClient: z.boolean() })),
  errors: z.array(z.object({ row: int, field: z.string(), message: z.string() })),
});

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
});
