import type { InvoiceStatus } from '../../domain/invoice.js';
import type { Counters, OpenEntry } from '../../domain/aggregates.js';
import type { ClientAggregate, DayAggregate } from '../../domain/cockpit.js';
import type { CreditNoteRecord, InvoiceRecord, PageRequest, PaymentRecord } from '../ports.js';

/** A reminder step as recorded in the invoice partition (STEP#<stepId>), as far as the read side needs it. */
export interface RecordedStep {
  readonly stepId: string;
  readonly templateId: string;
  readonly state: string;
  readonly scheduledAt?: string;
  readonly sentAt?: string;
  /** Older records carry the instant of their last state change here. */
  readonly at?: string;
}

/** The fields the follow-up list sorts and filters rows on (kept on the #AGG item with their index keys). */
export interface ListRow {
  readonly status: InvoiceRecord['status'];
  readonly dueDate: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly number?: string;
  /** Balance due while open, the gross amount otherwise. */
  readonly amountCents: number;
  readonly reminderCount: number;
}

/** What the list shows beside the invoice: kept on the invoice's #AGG item. */
export interface ListRowExtras {
  readonly clientName?: string;
  readonly lastReminder?: { readonly at: string; readonly templateId: string };
  readonly nextStep?: { readonly at: string; readonly templateId: string };
}

/** The last contribution an invoice made to the aggregates. */
export interface ContributionSnapshot extends ListRowExtras {
  readonly rev: number;
  readonly row?: ListRow;
  /** Flat `item|attribute` → value. */
  readonly counters: Readonly<Record<string, number>>;
  readonly open?: OpenEntry;
}

export interface InvoiceAggregateState {
  readonly invoice?: InvoiceRecord;
  readonly payments: readonly PaymentRecord[];
  readonly credits: readonly CreditNoteRecord[];
  readonly steps: readonly RecordedStep[];
  readonly snapshot?: ContributionSnapshot;
}

export interface AggregateChange extends ListRowExtras {
  readonly row?: ListRow;
  readonly rowBefore?: ListRow;
  /** Snapshot revision read; undefined when the invoice never contributed. */
  readonly prevRev?: number;
  readonly counters: Readonly<Record<string, number>>;
  readonly delta: Counters;
  readonly openBefore?: OpenEntry;
  readonly open?: OpenEntry;
}

/** The aggregates the stream consumer maintains and the cockpit reads. */
export interface AggregateStore {
  /** The invoice, its payments, credit notes, steps and last contribution, read consistently. */
  invoiceState(tenantId: string, invoiceId: string): Promise<InvoiceAggregateState>;
  /**
   * Adds `delta` to the aggregate items and records the new snapshot, atomically, if the
   * snapshot is still at `prevRev`. False when another writer moved it (re-read and retry).
   */
  apply(tenantId: string, invoiceId: string, change: AggregateChange): Promise<boolean>;
  /** Counts a bounce once per timeline event (the instant it is filed under and its ULID), whatever the number of deliveries. */
  recordBounce(tenantId: string, invoiceId: string, event: { readonly at: string; readonly id: string }, date: string): Promise<void>;
  clients(tenantId: string): Promise<ClientAggregate[]>;
  /** One client's aggregate (undefined before its first issued invoice). */
  client(tenantId: string, clientId: string): Promise<ClientAggregate | undefined>;
  days(tenantId: string, from: string, to: string): Promise<DayAggregate[]>;
  /** The days' open balance moves by client and due date (`O#…`, `N#…` counters), from `from` to `to`. */
  moves(tenantId: string, from: string, to: string): Promise<DayAggregate[]>;
  /** Ids of one client's invoices (GSI3), to refresh their rows when the client is renamed. */
  clientInvoiceIds(tenantId: string, clientId: string): Promise<string[]>;
  /** The list-row extras of some invoices (absent ones omitted). */
  rowExtras(tenantId: string, invoiceIds: readonly string[]): Promise<Map<string, ListRowExtras>>;
}

/** Filters the row queries apply on the rows they read (FilterExpression on one Query per group). */
export interface RowFilter {
  readonly today: string;
  readonly status?: InvoiceStatus;
  readonly overdue?: boolean;
  readonly reminded?: boolean;
  readonly dueFrom?: string;
  readonly dueTo?: string;
}

export interface RowPage {
  readonly ids: string[];
  readonly nextCursor?: string;
}

/** The follow-up list's sorts by amount, client and last reminder, and its search by number or client. */
export interface InvoiceRowQueries {
  sorted(
    tenantId: string,
    request: {
      readonly groups: readonly ('draft' | 'open' | 'paid' | 'cancelled' | 'litigation' | 'written_off')[];
      readonly sort: 'amount' | 'client' | 'lastReminder';
      readonly descending: boolean;
      /** begins_with on the sort key (client name search). */
      readonly prefix?: string;
      readonly filter: RowFilter;
      readonly page: PageRequest;
    },
  ): Promise<RowPage>;
  byNumber(tenantId: string, prefix: string, page: PageRequest): Promise<RowPage>;
  /** Of these exact numbers (case ignored), those an invoice holds: the number in capitals → that invoice's id and number as written. */
  numbersTaken(tenantId: string, numbers: readonly string[]): Promise<Map<string, { invoiceId: string; number: string }>>;
  /** Clients invoiced under a name with a word starting with `word` (folded): id, folded name and the name as written (items indexed since 2026-11-27). */
  clientsByWord(tenantId: string, word: string): Promise<{ clientId: string; name: string; written?: string }[]>;
  /** The invoices of a page, in the order given (`consistent`: strongly consistent reads, as GetItem's). */
  invoices(tenantId: string, ids: readonly string[], options?: { consistent?: boolean }): Promise<InvoiceRecord[]>;
  /**
   * What an import compares of the invoices it would write, those that exist (strongly consistent reads of
   * these fields alone: a few hundred bytes an invoice where the whole item is kilobytes).
   */
  importedFigures(tenantId: string, ids: readonly string[]): Promise<ImportedFigures[]>;
}

/** An invoice as an import compares a row with it (imported before: `exists`, or other figures, another client, less paid). */
export type ImportedFigures = Pick<InvoiceRecord, 'id' | 'clientId' | 'status' | 'issueDate' | 'dueDate' | 'paidCents' | 'importedPaidCents' | 'creditedCents'> & {
  readonly totals: Pick<InvoiceRecord['totals'], 'grossCents'>;
};
