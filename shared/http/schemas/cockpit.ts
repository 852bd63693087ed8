import * as z from 'zod';
import { businessDate, searchQuery } from './common.js';
import { isValidDate } from '../../domain/dates.js';

/** A cockpit dates its weeks and periods from `asOf`: a year like 9999 gives weeks of year +010000, and no data predates 2000. */
export const CockpitQuery = z.object({
  asOf: businessDate
    .refine((d) => !isValidDate(d) || (d >= '2000-01-01' && d <= '2099-12-31'), { message: 'must be between 2000-01-01 and 2099-12-31' })
    .optional(),
});

export const int = z.number().int();
export const ClientListQuery = z.object({
  q: searchQuery.optional(),
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

const importCents = z.number().int().min(0).max(99_999_999_999);
/** Strict: a field named otherwise (`paid` for `paidCents`) is a 400 naming it, never an invoice imported as unpaid. */
export const ImportJsonRow = z.object({
  number: z.string().max(64),
  client: z.object({ name: z.string().max(200), email: z.string().max(254).optional(), siren: z.string().max(20).optional(), kind: z.string().max(20).optional() }).strict(),
  issueDate: z.string().max(20),
  dueDate: z.string().max(20),
  netCents: importCents.optional(),
  vatCents: importCents.optional(),
  grossCents: importCents.optional(),
  paidCents: importCents.optional(),
  creditedCents: importCents.optional(),
}).strict();

/** A CSV (sent as text/csv, or as `{ csv }`) or JSON rows; per-row problems are answered as row errors, not a 400. */
/** A file read as UTF-8 that was not (Windows-1252 from French Excel) holds U+FFFD where its accents were. */
const utf8Text = z.string().min(1).max(8_000_000).superRefine((text, ctx) => {
  const at = text.indexOf('\ufffd');
  if (at !== -1) ctx.addIssue({ code: 'custom', message: `is not UTF-8 text (line ${text.slice(0, at).split('\n').length}): save the file as « CSV UTF-8 (délimité par des virgules) » in Excel, or UTF-8 in LibreOffice` });
});

export const ImportBody = z.union([z.object({ csv: utf8Text }).strict(), z.object({ invoices: z.array(ImportJsonRow).min(1).max(5000) }).strict()], {
  error: 'must be a CSV (sent as text/csv, or { "csv": "…" }) or JSON { "invoices": [...] }',
});

export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
