import * as z from 'zod';
import { businessDate, listCursor, searchQuery } from './common.js';
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
  cursor: listCursor.optional(),
});

export const ClientRowFields = {
  balanceCents: int,
  overdueCents: int,
  openInvoices: int,
  oldestDaysLate: int,
  avgDaysLate: z.number().nullable(),
  lastReminderAt: z.string().optional(),
};

/** Cents as a whole number: the sign and the ceiling are the row's checks (row errors, as the CSV's amounts are). */
const importCents = z.number().int().meta({ minimum: 0, maximum: 99_999_999_999, description: 'Cents. Out of this range (a negative amount, a credit note as a row) the row is a row error, the other rows imported.' });
/**
 * One JSON row. Strict: a field named otherwise (`paid` for `paidCents`) is named, never an invoice
 * imported as unpaid. A row that does not match is a row error (`{ row, field, message }`), as a bad
 * CSV line is, never a 400 for the whole file (ImportBody).
 */
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

const TYPE_NAMES: Record<string, string> = { string: 'a text', number: 'a number', int: 'a whole number (cents)', object: 'an object', array: 'a list', boolean: 'true or false' };

/** A row's schema problems, each named by its field in the row (`grossCents`, `client.email`), in the words of the CSV's row errors. */
export const jsonRowProblems = (value: unknown, issues: readonly z.core.$ZodIssue[]): { field: string; message: string }[] => {
  const at = (path: readonly PropertyKey[]) => path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), value);
  const field = (path: readonly PropertyKey[]) => path.map(String).join('.') || 'row';
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => field(i.path)));
  return issues
    // A value of the wrong type is told that alone (zod still runs a text's length checks on it).
    .filter((i) => i.code === 'invalid_type' || !wrongType.has(field(i.path)))
    .flatMap((i) => {
      if (i.code === 'unrecognized_keys') return i.keys.map((key) => ({ field: field([...i.path, key]), message: 'is not a known field' }));
      if (i.code === 'invalid_type') {
        const message = at(i.path) === undefined ? 'is required' : i.path.length === 0 ? 'must be an object { number, client, issueDate, dueDate, … }' : `must be ${TYPE_NAMES[i.expected] ?? i.expected}`;
        return [{ field: field(i.path), message }];
      }
      if (i.code === 'too_big' && i.origin === 'string') return [{ field: field(i.path), message: `is longer than ${String(i.maximum)} characters` }];
      return [{ field: field(i.path), message: i.message }];
    });
};

/**
 * Any value: a row that fails ImportJsonRow becomes `{ invalid }`, its problems, reported as that row's errors.
 * The OpenAPI document (and the web's types) show ImportJsonRow's own schema for it: shared/http/openapi.ts
 * registers it there, so that only the openapi function computes a JSON schema (no `z.toJSONSchema` at INIT
 * in the cockpit, clients and imports functions).
 */
export const ImportJsonRowOrProblems = z.unknown()
  .transform((value) => {
    const parsed = ImportJsonRow.safeParse(value);
    return parsed.success ? parsed.data : { invalid: jsonRowProblems(value, parsed.error.issues) };
  });

/** A CSV (sent as text/csv, or as `{ csv }`) or JSON rows; per-row problems are answered as row errors, not a 400. */
/** A file read as UTF-8 that was not (Windows-1252 from French Excel) holds U+FFFD where its accents were. */
const utf8Text = z.string().min(1).max(8_000_000).superRefine((text, ctx) => {
  const at = text.indexOf('\ufffd');
  if (at !== -1) ctx.addIssue({ code: 'custom', message: `is not UTF-8 text (line ${text.slice(0, at).split('\n').length}): save the file as « CSV UTF-8 (délimité par des virgules) » in Excel, or UTF-8 in LibreOffice` });
});

export const ImportBody = z.union([z.object({ csv: utf8Text }).strict(), z.object({ invoices: z.array(ImportJsonRowOrProblems).min(1).max(5000) }).strict()], {
  error: 'must be a CSV (sent as text/csv, or { "csv": "…" }) or JSON { "invoices": [...] }',
});

export const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
/** GET /imports/{id}: `items=false` answers the progress alone (a screen polling a 5,000-row job read ~750 KB each time). */
export const ImportJobQuery = z.object({
  items: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'false: the job without its rows (`items: []`, `itemsOmitted: true`), one small read to poll its progress; default true' }),
});
