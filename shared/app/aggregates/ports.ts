import type { Counters, OpenEntry } from '../../domain/aggregates.js';
import type { ClientAggregate, DayAggregate } from '../../domain/cockpit.js';
import type { CreditNoteRecord, InvoiceRecord, PaymentRecord } from '../ports.js';

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

/** What the list shows beside the invoice: kept on the invoice's #AGG item. */
export interface ListRowExtras {
  readonly lastReminder?: { readonly at: string; readonly templateId: string };
  readonly nextStep?: { readonly at: string; readonly templateId: string };
}

/** The last contribution an invoice made to the aggregates. */
export interface ContributionSnapshot extends ListRowExtras {
  readonly rev: number;
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
  /** Counts a bounce once per timeline event, whatever the number of deliveries. */
  recordBounce(tenantId: string, invoiceId: string, eventId: string, date: string): Promise<void>;
  clients(tenantId: string): Promise<ClientAggregate[]>;
  /** One client's aggregate (undefined before its first issued invoice). */
  client(tenantId: string, clientId: string): Promise<ClientAggregate | undefined>;
  days(tenantId: string, from: string, to: string): Promise<DayAggregate[]>;
  /** The list-row extras of some invoices (absent ones omitted). */
  rowExtras(tenantId: string, invoiceIds: readonly string[]): Promise<Map<string, ListRowExtras>>;
}
