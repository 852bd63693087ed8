import { createHash } from 'node:crypto';
import type { Client } from '../../domain/client.js';
import { localDate } from '../../domain/dates.js';
import { fold } from '../../domain/search.js';
import { csvRows, dateOrderOf, validateRow, type DateOrder, type ImportedRow, type RawRow, type RowError } from '../../domain/invoice-import.js';
import { settledStatusOf, type InvoiceStatus } from '../../domain/invoice.js';
import { VAT_RATES } from '../../domain/money.js';
import { BusyError, ConflictError, ValidationError } from '../errors.js';
import type { ClientRepository, Clock, IdGenerator, ImportChunk, ImportJob, ImportJobStore, InvoiceRecord, InvoiceRepository, PlannedImportRow, SettingsRepository } from '../ports.js';
import { draftInvoice } from '../invoices.js';
import type { ImportedFigures, InvoiceRowQueries } from './ports.js';
import type { Metrics } from '../metrics.js';

export interface ImportDeps {
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  /** Imports above SYNC_IMPORT_LIMIT invoices run as a job (absent: always in the request, as in unit tests). */
  readonly jobs?: ImportJobStore;
  readonly ids?: IdGenerator;
  /** The numbers invoices already hold, and the invoices imported before read in batches (absent: not checked, one read per row, as in unit tests). */
  readonly numbers?: Pick<InvoiceRowQueries, 'numbersTaken'> & Partial<Pick<InvoiceRowQueries, 'importedFigures'>>;
  /** Counts the payments written with imported invoices (what was paid before the import); none by default. */
  readonly metrics?: Metrics;
  /** Milliseconds on a monotonic clock (the time guard is real elapsed time, not the business clock); performance.now by default. */
  readonly elapsed?: () => number;
}

/** Rows of one import, CSV or JSON (the JSON schema caps its array the same): a bigger file is split. */
export const MAX_IMPORT_ROWS = 5000;
/** Up to this many invoices to write, the request writes them; above, a job does (API Gateway gives up after 30 s). */
export const SYNC_IMPORT_LIMIT = 200;
/** Rows per chunk item the worker takes from the stream (stored packed, ≈ 7 KB; 35 KB as DynamoDB maps, under its 400 KB either way). */
export const IMPORT_CHUNK_ROWS = 100;
/**
 * The time guard of a real import (API Gateway gives up after 30 s, the function after 29 s). Checks that end
 * past IMPORT_SYNC_WRITES_UNTIL_MS leave even a small file's invoices to a job (202), whose start is a few
 * BatchWriteItem of packed chunks; past IMPORT_WRITE_DEADLINE_MS nothing is written at all: 503 with
 * Retry-After, the same file sent again is checked again. Either way nothing is half-written, and no
 * answer is lost while its job goes on (it answered 500 while its job wrote the invoices, at load average 17).
 */
export const IMPORT_SYNC_WRITES_UNTIL_MS = 8_000;
export const IMPORT_WRITE_DEADLINE_MS = 22_000;
/** The 503's detail (5xx problems do not show it: the web app says to retry in a moment, as Retry-After does). */
export const IMPORT_CHECKS_TOO_LONG = 'The file took too long to check: nothing was imported; send it again';

/** Invoices written at once, in the request and in the worker. */
const WRITERS = 8;

/** JSON rows: the same fields as the CSV columns, amounts in cents. */
export interface ImportJsonRow {
  readonly number: string;
  readonly client: { readonly name: string; readonly email?: string; readonly siren?: string; readonly kind?: string };
  readonly issueDate: string;
  readonly dueDate: string;
  readonly netCents?: number;
  readonly vatCents?: number;
  readonly grossCents?: number;
  readonly paidCents?: number;
  /** Credit notes issued before the import: they reduce the balance as credit notes (no payment). */
  readonly creditedCents?: number;
}

/** A JSON row that did not match the row schema: its problems, each named by its field in the row (`grossCents`, `client.email`). */
export interface InvalidJsonRow {
  readonly invalid: readonly { readonly field: string; readonly message: string }[];
}

export type ImportInput = { readonly csv: string } | { readonly invoices: readonly (ImportJsonRow | InvalidJsonRow)[] };

export interface ImportItem {
  readonly row: number;
  readonly number: string;
  /** `create`: new (or would be, in a dry run); `exists`: imported before, left as is. */
  readonly action: 'create' | 'exists';
  readonly clientId: string;
  readonly newClient: boolean;
  /** The client's type: a new client's from the row that creates it, or guessed from its name when that row has none (`clientKindGuessed`). */
  readonly clientKind: Client['kind'];
  readonly clientKindGuessed?: true;
  /**
   * The invoice's status once imported (`create`: what the import gives it, the same in a dry run: `sent`,
   * `partially_paid`, `paid`, `litigation` (Statut `contentieux`, never chased) or `cancelled`); `exists`: its status here.
   */
  readonly status: InvoiceStatus;
}

/**
 * A row as the POST answer (dry run or not) lists it: its item, and its dates and amounts as the file was read
 * (`1 234,56` is 123456 cents), for the owner to check them before importing. A job's rows (GET /imports/{id})
 * keep the item alone.
 */
export interface ImportReportItem extends ImportItem {
  readonly issueDate: string;
  readonly dueDate: string;
  readonly grossCents: number;
  /** Paid before the import, as the file says. */
  readonly paidCents: number;
}

/**
 * The status an imported row is created with, then the one it ends with once what was paid before the import
 * is recorded: the import writes them, and the dry run says the last one (a row in litigation or cancelled was
 * previewed as an ordinary invoice, to be chased).
 */
export const importedStatuses = (row: { readonly grossCents: number; readonly paidCents: number; readonly creditedCents?: number; readonly litigation?: true }): { readonly created: InvoiceStatus; readonly final: InvoiceStatus } => {
  const credited = row.creditedCents ?? 0;
  const issued: InvoiceStatus = row.litigation ? 'litigation' : 'sent';
  const settlement = { totals: { grossCents: row.grossCents }, paidCents: 0, creditedCents: credited };
  // Fully credited before the import (and never paid): cancelled, as our own would be. Nothing to collect (gross 0): `paid`.
  const created = credited > 0 ? settledStatusOf({ ...settlement, status: issued }) : row.grossCents === 0 ? 'paid' : issued;
  const final = row.paidCents > 0 ? settledStatusOf({ ...settlement, status: created, paidCents: row.paidCents }) : created;
  return { created, final };
};

export interface ImportReport {
  /** The job, when the import runs in the background: follow it at GET /imports/{id}. */
  readonly id?: string;
  /** `done` when the request wrote everything (or a dry run); `running` when a job writes the rest. */
  readonly status: 'done' | 'running';
  readonly dryRun: boolean;
  readonly rows: number;
  readonly created: number;
  readonly existing: number;
  readonly clientsCreated: number;
  readonly items: readonly ImportReportItem[];
  readonly errors: readonly RowError[];
  /**
   * How the file's `a/b/yyyy` dates were read (absent when it has none): `JJ/MM/AAAA` unless a date only
   * `MM/DD/YYYY` reads (`04/15/2026`) and none only `JJ/MM` reads; `dateOrderEvidence` is the date that decided it.
   */
  readonly dateOrder?: DateOrder;
  readonly dateOrderEvidence?: { readonly row: number; readonly field: string; readonly value: string };
}

/** Ids derived from what identifies a row, so uploading the same file again finds what it created. */
const frenchCents = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
const stableId = (kind: string, key: string) => `imp-${kind}-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
export const importedInvoiceId = (number: string) => stableId('inv', number.trim().toUpperCase());

const cents = (v: number | undefined) => (v === undefined ? undefined : (v / 100).toFixed(2));
/** A row's checks name the CSV's columns; a JSON row's errors name its own fields. */
const JSON_FIELDS: Readonly<Record<string, string>> = {
  client: 'client.name', clientName: 'client.name', email: 'client.email', siren: 'client.siren', kind: 'client.kind',
  net: 'netCents', vat: 'vatCents', gross: 'grossCents', paid: 'paidCents', credited: 'creditedCents',
};
/** `row`: the row's position in the array, from 1 (the JSON's line numbers mean nothing). */
const fromJson = (rows: readonly (ImportJsonRow | InvalidJsonRow)[]): { rows: RawRow[]; invalid: RowError[] } => {
  const raw: RawRow[] = [];
  const invalid: RowError[] = [];
  rows.forEach((r, i) => {
    if ('invalid' in r) {
      invalid.push(...r.invalid.map((e) => ({ row: i + 1, ...e })));
      return;
    }
    raw.push({
      row: i + 1,
      number: r.number,
      clientName: r.client?.name,
      email: r.client?.email,
      siren: r.client?.siren,
      kind: r.client?.kind,
      issueDate: r.issueDate,
      dueDate: r.dueDate,
      net: cents(r.netCents),
      vat: cents(r.vatCents),
      gross: cents(r.grossCents),
      paid: cents(r.paidCents),
      credited: cents(r.creditedCents),
    });
  });
  return { rows: raw, invalid };
};

const nearestRate = (net: number, vat: number) =>
  VAT_RATES.reduce((best, rate) => (Math.abs((net * rate) / 100 - vat) < Math.abs((net * best) / 100 - vat) ? rate : best), VAT_RATES[0]);

/**
 * Brings in invoices issued elsewhere. Each keeps its own number (outside our gapless
 * sequence) and is marked `imported`; it is recorded as sent, with what was already paid, so
 * the reminder engine plans it from the stream (catch-up rule for the steps already past).
 * Clients are matched by SIREN, then email; otherwise created. Rows with errors are reported
 * (`{ row, field, message }`) and skipped; a dry run writes nothing. Ids derive from the
 * invoice number and the client's identity: the same file uploaded again changes nothing.
 */
export const makeImportInvoices = ({ invoices, clients, settings, clock, jobs, ids, numbers, metrics, elapsed = () => performance.now() }: ImportDeps) => {
  /** Writes one imported invoice (sent, with what was already paid); false when an earlier upload did. */
  const importOne = async (tenantId: string, row: PlannedImportRow, at: string, today: string): Promise<boolean> => {
    const p = row;
    const vatRate = nearestRate(row.netCents, row.vatCents);
    const draft = draftInvoice({
      id: importedInvoiceId(row.number),
      tenantId,
      clientId: p.clientId,
      clientKind: p.clientKind,
      issueDate: row.issueDate,
      dueDate: row.dueDate,
      lines: [{ description: row.english ? `Invoice ${row.number} (imported)` : `Facture ${row.number} (importée)`, quantity: 1, unitPriceCents: row.netCents, vatRate }],
      totals: { netCents: row.netCents, vatCents: row.vatCents, grossCents: row.grossCents, vatBreakdown: [{ vatRate, netCents: row.netCents, vatCents: row.vatCents }] },
      at,
    });
    const credited = row.creditedCents ?? 0;
    // In litigation where it comes from (`Statut` `contentieux`): it comes in there, so the engine plans nothing for it
    // (imported `sent`, the catch-up reminder went to a debtor handed to a bailiff the next morning); settled, it is not.
    // Fully credited before the import (and never paid): it comes in cancelled, as our own would be.
    // Nothing to collect (gross 0): `paid`, as one of ours would be issued. The dry run says the same (importedStatuses).
    const statuses = importedStatuses(row);
    const sent: InvoiceRecord = {
      ...draft, status: statuses.created, number: row.number, sentAt: at, imported: true,
      ...(credited > 0 ? { creditedCents: credited, importedCreditedCents: credited } : {}),
      ...(row.paidCents > 0 ? { importedPaidCents: row.paidCents } : {}),
    };
    const inLitigation = sent.status === 'litigation';
    // What it would have been otherwise, as a move by hand records it.
    const from = settledStatusOf({ ...sent, status: 'sent', paidCents: row.paidCents });
    const litigationEvents = inLitigation && settledStatusOf({ ...sent, paidCents: row.paidCents }) === 'litigation'
      ? [
          { at, type: 'invoice.litigation', data: { auto: false, from, balanceCents: row.grossCents - row.paidCents - credited } },
          { at, type: 'invoice.status_changed', data: { from, to: 'litigation' } },
        ]
      : [];
    let stored: InvoiceRecord = sent;
    let resumed = false;
    try {
      // Unpaid, its litigation events go with the invoice, in one transaction: a delivery that dies after it leaves
      // both written or neither (appended after, a redelivery found the invoice written and left them out).
      await invoices.create(sent, { at, type: 'invoice.imported', data: { number: row.number, grossCents: row.grossCents, paidCents: row.paidCents, ...(credited > 0 ? { creditedCents: credited } : {}) } }, row.paidCents > 0 ? [] : litigationEvents);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Written before: by an earlier upload (false, left as it is), or by this one, a chunk delivered again after it
      // stopped half-way (its rows are this job's: created, as the job's per-row outcome says). That delivery may have
      // stopped between the invoice and what was paid before the import: written now, or the invoice is chased for it.
      const found = await invoices.get(tenantId, sent.id);
      if (found?.createdAt !== at) return false;
      stored = found;
      resumed = true;
    }
    if (row.paidCents > 0) {
      // No `lastPaymentAt`: what was paid elsewhere before the import is no payment just received, so it holds
      // no grace window (`graceDaysAfterPayment`) back. The catch-up reminder goes at the next send window, with
      // the client's other invoices (three days later it was a second message to the client).
      // Its id derives from the number: written once, however often the chunk is delivered. The litigation events go
      // in the same transaction, so a delivery that stops half-way leaves the payment and them both written or neither.
      const payment = { id: stableId('pay', row.number.toUpperCase()), invoiceId: sent.id, amountCents: row.paidCents, date: today, method: 'other' as const, reference: 'Réglé avant import', createdAt: at };
      for (let attempt = 0; ; attempt++) {
        if (resumed && (await invoices.payments(tenantId, sent.id)).some((p) => p.id === payment.id)) break; // written by an earlier delivery
        const paidCents = stored.paidCents + row.paidCents;
        const status = resumed ? settledStatusOf({ ...stored, paidCents }) : statuses.final;
        try {
          await invoices.save({ ...stored, paidCents, status, updatedAt: at }, {
            addPayment: payment,
            events: [{ at, type: 'payment.recorded', data: { amountCents: row.paidCents, date: today, method: 'other', imported: true } }, ...litigationEvents],
          });
        } catch (error) {
          // Changed meanwhile (the engine planning it, another delivery of the chunk writing the payment): read it again.
          if (!(error instanceof ConflictError) || attempt >= 4) throw error;
          const again = await invoices.get(tenantId, sent.id);
          if (!again) throw error;
          stored = again;
          resumed = true;
          continue;
        }
        metrics?.paymentRecorded();
        break;
      }
    }
    return true;
  };

  const importInvoices = async (tenantId: string, input: ImportInput, options: { dryRun: boolean }): Promise<ImportReport> => {
    const started = elapsed();
    const json = 'csv' in input ? undefined : fromJson(input.invoices);
    const parsed = json ? { rows: json.rows, errors: json.invalid } : csvRows((input as { csv: string }).csv);
    // Every row of the file, those refused by their shape included.
    const rowsCount = 'invoices' in input ? input.invoices.length : parsed.rows.length;
    // Checked and planned in the request (API Gateway gives up after 30 s): 30,000 rows took 28 s in a dry run.
    if (rowsCount > MAX_IMPORT_ROWS) {
      throw new ValidationError([{ path: 'body', message: `has ${rowsCount} rows: at most ${MAX_IMPORT_ROWS} per import, split the file` }]);
    }
    // A JSON row's checks name its own fields (`grossCents`, `client.email`), as its shape problems do.
    const named = (e: RowError): RowError => (json ? { ...e, field: JSON_FIELDS[e.field] ?? e.field } : e);
    const errors: RowError[] = [...parsed.errors];
    const good: ImportedRow[] = [];
    const seen = new Map<string, number>();
    const now = clock.now();
    const today = localDate(now, (await settings.get(tenantId)).timezone);
    // Day and month in the order the whole file proves (French by default), never one row read each way.
    const dates = dateOrderOf(parsed.rows);
    const hasSlashDates = parsed.rows.some((r) => [r.issueDate, r.dueDate, r.paidOn].some((v) => v !== undefined && /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(v)));
    for (const raw of parsed.rows) {
      const result = validateRow(raw, dates.order);
      if ('errors' in result) {
        errors.push(...result.errors);
        continue;
      }
      // An invoice issued elsewhere has been issued: a date ahead is a typo (2062 for 2026, a month and day swapped).
      if (result.ok.issueDate > today) {
        errors.push({ row: raw.row, field: 'issueDate', message: `is after today (${today}): an invoice to import has been issued already` });
        continue;
      }
      const key = result.ok.number.toUpperCase();
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({ row: raw.row, field: 'number', message: `appears twice in the file (row ${first})` });
        continue;
      }
      seen.set(key, raw.row);
      good.push(result.ok);
    }

    // An invoice number names one invoice: a number one of ours (or another imported invoice) holds
    // is refused; the same imported invoice uploaded again is not (it `exists`).
    if (numbers && good.length > 0) {
      const taken = await numbers.numbersTaken(tenantId, good.flatMap((r) => [r.number, r.number.toUpperCase()]));
      for (let i = good.length - 1; i >= 0; i--) {
        const row = good[i]!;
        const holder = taken.get(row.number) ?? taken.get(row.number.toUpperCase());
        if (holder && holder.invoiceId !== importedInvoiceId(row.number)) {
          errors.push({ row: row.row, field: 'number', message: `is already the number of an invoice (${holder.number})` });
          good.splice(i, 1);
        }
      }
    }

    const existingClients: Client[] = [];
    let cursor: string | undefined;
    do {
      // Pages of 1,000 (a Query reads up to 1 MB a request): a tenant of 5,000 clients was 50 requests one after another.
      const page = await clients.list(tenantId, { limit: 1000, ...(cursor ? { cursor } : {}) });
      existingClients.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const bySiren = new Map(existingClients.filter((c) => c.siren).map((c) => [c.siren!, c]));
    const byEmail = new Map(existingClients.map((c) => [c.email.toLowerCase(), c]));
    const at = now.toISOString();
    const newClients = new Map<string, Client>();
    const plan: { row: ImportedRow; clientId: string; clientKind: Client['kind']; newClient: boolean; kindGuessed?: true; english?: true }[] = [];
    const englishOf = (c: Client) => (c.language === 'en' ? { english: true as const } : {});
    for (const row of good) {
      const c = row.client;
      // By email only when the SIRENs do not say two companies: firms sharing an accountant's address are not one client.
      const byMail = c.email ? byEmail.get(c.email.toLowerCase()) : undefined;
      const match = (c.siren && bySiren.get(c.siren)) || (byMail && !(c.siren && byMail.siren && byMail.siren !== c.siren) ? byMail : undefined);
      if (match) {
        plan.push({ row, clientId: match.id, clientKind: match.kind, newClient: false, ...englishOf(match) });
        continue;
      }
      if (!c.email) {
        errors.push({ row: row.row, field: 'email', message: 'is required to create a new client (no client has this SIREN or email)' });
        continue;
      }
      const id = stableId('cli', c.siren ?? c.email.toLowerCase());
      const created = newClients.get(id);
      const client: Client = created ?? {
        id, name: c.name, kind: c.kind, email: c.email, ccEmails: [], ...(c.siren ? { siren: c.siren } : {}),
        language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at,
      };
      newClients.set(id, client);
      if (client.siren) bySiren.set(client.siren, client);
      if (!byEmail.has(client.email.toLowerCase())) byEmail.set(client.email.toLowerCase(), client);
      plan.push({ row, clientId: id, clientKind: client.kind, newClient: true, ...(!created && c.kindGuessed ? { kindGuessed: true as const } : {}) });
    }

    // 5,000 rows: 50 batch reads of the figures compared alone, where one GetItem per row took 10 s of API Gateway's 30.
    const imported = plan.map((p) => importedInvoiceId(p.row.number));
    const before: (ImportedFigures | undefined)[] = numbers?.importedFigures
      ? await numbers.importedFigures(tenantId, imported).then((found) => {
          const byId = new Map(found.map((i) => [i.id, i]));
          return imported.map((id) => byId.get(id));
        })
      : await Promise.all(imported.map((id) => invoices.get(tenantId, id)));
    // Imported before: the same figures are `exists`; other figures are a row error (the invoice is left as it was).
    // What was paid before the import counts from the invoice's own write: another upload still writing the file has
    // the invoice written and its payment not yet (it said "less paid: record the payment", and it was then paid twice).
    const paidHere = (b: ImportedFigures) => Math.max(b.paidCents, b.importedPaidCents ?? 0);
    const changed = new Set<number>();
    const existingById = new Map(existingClients.map((c) => [c.id, c]));
    before.forEach((b, i) => {
      const row = plan[i]!.row;
      // The same file again after the client's email or SIREN was changed here: the row no longer finds the
      // client, but names it as its invoice's client is named: that client's invoice, not a new client's.
      const holder = b && b.clientId !== plan[i]!.clientId && newClients.has(plan[i]!.clientId) ? existingById.get(b.clientId) : undefined;
      if (holder && fold(holder.name) === fold(row.client.name)) plan[i] = { ...plan[i]!, clientId: holder.id, clientKind: holder.kind, newClient: false, ...englishOf(holder) };
      // The number's invoice is another client's: `exists` would say it is there for this one.
      if (b && b.clientId !== plan[i]!.clientId) {
        changed.add(i);
        errors.push({ row: row.row, field: 'number', message: 'was imported before for another client: left as it was' });
      } else if (b && (b.totals.grossCents !== row.grossCents || b.issueDate !== row.issueDate || b.dueDate !== row.dueDate)) {
        changed.add(i);
        errors.push({ row: row.row, field: 'number', message: `was imported before with other figures (gross ${frenchCents(b.totals.grossCents)}, issued ${b.issueDate}, due ${b.dueDate}): left as it was` });
      } else if (b && (row.paidCents > paidHere(b) || row.creditedCents > b.creditedCents)) {
        // Paid or credited since in the tool it comes from: `exists` would leave it owed here, and chased.
        changed.add(i);
        if (row.paidCents > paidHere(b)) {
          errors.push({ row: row.row, field: 'paid', message: `was imported before with less paid (${frenchCents(paidHere(b))} here, ${frenchCents(row.paidCents)} in the file): record the payment on the invoice` });
        }
        if (row.creditedCents > b.creditedCents) {
          errors.push({ row: row.row, field: 'credited', message: `was imported before with less credited (${frenchCents(b.creditedCents)} here, ${frenchCents(row.creditedCents)} in the file): issue the credit note on the invoice` });
        }
      }
    });
    for (const i of [...changed].sort((a, b) => b - a)) {
      plan.splice(i, 1);
      before.splice(i, 1);
    }
    // A new client only for the rows left to import: one whose rows were all refused is not created.
    for (const id of newClients.keys()) if (!plan.some((p) => p.clientId === id)) newClients.delete(id);
    const announced = new Set<string>();
    for (const p of plan) {
      p.newClient = newClients.has(p.clientId) && !announced.has(p.clientId);
      announced.add(p.clientId);
    }
    const existing = new Set(plan.filter((_, i) => before[i]).map((p) => p.row.number));
    const items: ImportItem[] = plan.map((p, i) => ({
      row: p.row.row, number: p.row.number, action: existing.has(p.row.number) ? 'exists' : 'create', clientId: p.clientId, newClient: p.newClient, clientKind: p.clientKind,
      ...(p.newClient && p.kindGuessed ? { clientKindGuessed: true as const } : {}),
      status: before[i]?.status ?? importedStatuses(p.row).final,
    }));
    const reportItems: ImportReportItem[] = items.map((item, i) => {
      const { issueDate, dueDate, grossCents, paidCents } = plan[i]!.row;
      return { ...item, issueDate, dueDate, grossCents, paidCents };
    });
    for (let i = parsed.errors.length; i < errors.length; i++) errors[i] = named(errors[i]!);
    errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
    const report = (created: number, clientsCreated: number, job?: { id: string }): ImportReport => ({
      ...(job ? { id: job.id, status: 'running' as const } : { status: 'done' as const }),
      dryRun: options.dryRun,
      rows: rowsCount,
      created,
      existing: items.filter((i) => i.action === 'exists').length,
      clientsCreated,
      items: reportItems,
      errors,
      ...(hasSlashDates ? { dateOrder: dates.order, ...(dates.evidence ? { dateOrderEvidence: dates.evidence } : {}) } : {}),
    });
    if (options.dryRun) return report(items.filter((i) => i.action === 'create').length, [...newClients.values()].filter((c) => !existingClients.some((e) => e.id === c.id)).length);

    const queue: PlannedImportRow[] = plan.filter((p) => !existing.has(p.row.number)).map(({ row, clientId, clientKind, english }) => ({
      row: row.row, number: row.number, clientId, clientKind, ...(english ? { english } : {}), issueDate: row.issueDate, dueDate: row.dueDate,
      netCents: row.netCents, vatCents: row.vatCents, grossCents: row.grossCents, paidCents: row.paidCents, creditedCents: row.creditedCents,
      ...(row.litigation ? { litigation: true as const } : {}),
    }));
    // Checked too late to write anything before API Gateway gives up: nothing written, the file is sent again.
    const checkedIn = elapsed() - started;
    if (checkedIn > IMPORT_WRITE_DEADLINE_MS && queue.length > 0) throw new ImportTooLongError();
    if ((queue.length > SYNC_IMPORT_LIMIT || checkedIn > IMPORT_SYNC_WRITES_UNTIL_MS) && jobs && ids) {
      const itemOf = new Map(items.map((i) => [i.row, i]));
      // The job creates the new clients too, each chunk those its rows name: 5,000 clients created in
      // the request outlasted API Gateway's 30 s.
      const clientsCreated = newClients.size;
      const job: ImportJob = {
        id: ids.next(), status: 'running', rows: rowsCount, total: queue.length, processed: 0,
        existing: existing.size, clientsCreated, errors, errorsTruncated: false, createdAt: at,
      };
      const chunks: ImportChunk[] = [];
      for (let i = 0; i < queue.length; i += IMPORT_CHUNK_ROWS) {
        const rows = queue.slice(i, i + IMPORT_CHUNK_ROWS);
        const named = [...new Set(rows.map((r) => r.clientId))].flatMap((id) => (newClients.has(id) ? [newClients.get(id)!] : []));
        const rowItems = rows.map((r) => itemOf.get(r.row)!);
        chunks.push({ tenantId, jobId: job.id, index: chunks.length, at, today, rows, ...(named.length > 0 ? { clients: named } : {}), items: rowItems });
      }
      await jobs.start(tenantId, { ...job, errorsTruncated: errors.length > MAX_JOB_ERRORS }, chunks, items.filter((i) => i.action === 'exists'));
      return report(0, clientsCreated, job);
    }
    const clientsCreated = await createClients(tenantId, [...newClients.values()]);
    const written = new Set(await writeAll(tenantId, queue, at, today));
    // A row another upload of the file wrote meanwhile (sent twice at once) is `exists` too, never `create` left uncreated.
    const done = report(written.size, clientsCreated);
    const reported = done.items.map((i) => (i.action === 'create' && !written.has(i.row) ? { ...i, action: 'exists' as const } : i));
    return { ...done, existing: reported.filter((i) => i.action === 'exists').length, items: reported };
  };

  /** Creates clients WRITERS at a time (one created by an earlier upload, or another chunk, is left as is); returns how many were new. */
  const createClients = async (tenantId: string, toCreate: readonly Client[]): Promise<number> => {
    let created = 0;
    const queue = [...toCreate];
    const worker = async () => {
      for (let client = queue.shift(); client; client = queue.shift()) {
        try {
          await clients.create(tenantId, client);
          created++;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, worker));
    return created;
  };

  /** Writes rows WRITERS at a time; returns the rows (line numbers) it created, those an earlier upload had written left out. */
  const writeAll = async (tenantId: string, rows: readonly PlannedImportRow[], at: string, today: string): Promise<number[]> => {
    const created: number[] = [];
    const queue = [...rows];
    const worker = async () => {
      for (let p = queue.shift(); p; p = queue.shift()) if (await importOne(tenantId, p, at, today)) created.push(p.row);
    };
    await Promise.all(Array.from({ length: WRITERS }, worker));
    return created.sort((a, b) => a - b);
  };

  return { importInvoices, writeAll, createClients };
};

/** A real import whose checks ended past IMPORT_WRITE_DEADLINE_MS: nothing was written, the same request may be sent again. */
export class ImportTooLongError extends BusyError {
  override readonly retryAfterSeconds = 5;
  constructor() {
    super(IMPORT_CHECKS_TOO_LONG);
  }
}

/** What a job keeps of its row errors (the dry run and the first answer list them all). */
export const MAX_JOB_ERRORS = 1000;

/**
 * The import worker's use case: writes one chunk of a job (rows already imported are left as
 * they are, so a chunk delivered twice writes nothing twice) and adds it to the job's progress.
 */
export const makeImportChunk = (deps: ImportDeps & { readonly jobs: ImportJobStore }) => {
  const { writeAll, createClients } = makeImportInvoices(deps);
  return async (chunk: ImportChunk): Promise<void> => {
    // Its clients before its invoices: the engine reads an invoice's client when it plans it.
    if (chunk.clients) await createClients(chunk.tenantId, chunk.clients);
    const created = await writeAll(chunk.tenantId, chunk.rows, chunk.at, chunk.today);
    // A chunk delivered again finds its rows written by the first delivery: that one's outcome stands (completeChunk counts a chunk once).
    await deps.jobs.completeChunk(chunk, chunk.rows.length, deps.clock.now().toISOString(), created);
  };
};
