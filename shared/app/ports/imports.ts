/** Ports — Import jobs: a large import runs in chunks, off the request (issue 9 §5). */
import type { Client } from '../../domain/client.js';

/** One row the worker will write: validated, its client chosen. */
export interface PlannedImportRow {
  readonly row: number;
  readonly number: string;
  readonly clientId: string;
  readonly clientKind: 'business' | 'consumer';
  readonly issueDate: string;
  readonly dueDate: string;
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly paidCents: number;
  /** Credit notes issued before the import (absent in a chunk written before they were told apart from payments). */
  readonly creditedCents?: number;
  /** In litigation in the tool it comes from (`Statut` `contentieux`): imported in litigation, never chased. */
  readonly litigation?: true;
  /** The client reads English (an existing client's language): the invoice's line is written in English. Absent: French. */
  readonly english?: true;
}

/** A row to import as the dry run and the POST answer list it (the app's ImportItem). */
export interface ImportRowItem {
  readonly row: number;
  readonly number: string;
  readonly action: 'create' | 'exists';
  readonly clientId: string;
  readonly newClient: boolean;
  readonly clientKind: 'business' | 'consumer';
  readonly clientKindGuessed?: true;
  readonly status: import('../../domain/invoice.js').InvoiceStatus;
}

/**
 * What became of a row of a job: `pending` until its chunk is written, then `created`, or `skipped`
 * with the reason (imported before the upload: `exists`; or meanwhile, by another upload of it).
 */
export interface ImportJobItem extends ImportRowItem {
  readonly outcome: 'pending' | 'created' | 'skipped';
  readonly reason?: string;
}
export const SKIPPED_BEFORE = 'was imported before: left as it was';
export const SKIPPED_MEANWHILE = 'was imported meanwhile (another upload of it): left as it was';

export interface ImportJob {
  readonly id: string;
  readonly status: 'running' | 'done';
  /** Rows in the file (blank lines excluded). */
  readonly rows: number;
  /** Invoices this job writes (rows without errors, not imported before). */
  readonly total: number;
  /** Of `total`, how many are written so far. */
  readonly processed: number;
  readonly existing: number;
  readonly clientsCreated: number;
  readonly errors: readonly { readonly row: number; readonly field: string; readonly message: string }[];
  /** More errors than the job keeps (the first ones are kept). */
  readonly errorsTruncated: boolean;
  readonly createdAt: string;
  readonly finishedAt?: string;
}

export interface ImportChunk {
  readonly tenantId: string;
  readonly jobId: string;
  readonly index: number;
  /** When the invoices are recorded as written (ISO) and the payment date of "already paid" (local date). */
  readonly at: string;
  readonly today: string;
  readonly rows: readonly PlannedImportRow[];
  /**
   * The new clients its rows name, created by the chunk before its invoices (a client whose invoices
   * span chunks is in each; the first to run creates it). Absent in chunks written before.
   */
  readonly clients?: readonly Client[];
  /** Its rows as the POST answer lists them, for the job's per-row outcome (absent in chunks written before). */
  readonly items?: readonly ImportRowItem[];
}

/** A job as GET /imports/{id} shows it: its progress and each row to import with its outcome, in file order. */
export interface ImportJobWithItems extends ImportJob {
  readonly items: readonly ImportJobItem[];
}

export interface ImportJobStore {
  /**
   * Writes the job and its chunks (each reaches the worker through the table stream), and the rows
   * imported before (`exists`), kept for the job's per-row outcome.
   */
  start(tenantId: string, job: ImportJob, chunks: readonly ImportChunk[], existing?: readonly ImportRowItem[]): Promise<void>;
  get(tenantId: string, jobId: string): Promise<ImportJobWithItems | undefined>;
  /** The job alone, without reading its rows (one item): its progress, as a screen polls it. */
  progress(tenantId: string, jobId: string): Promise<ImportJob | undefined>;
  /**
   * Marks a chunk done and adds its rows to the job's progress, once: a chunk delivered again
   * (stream retry) adds nothing. The job turns `done` when every row is processed.
   */
  completeChunk(chunk: Pick<ImportChunk, 'tenantId' | 'jobId' | 'index'>, rows: number, at: string, created?: readonly number[]): Promise<void>;
}
