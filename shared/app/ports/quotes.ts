/** Ports — The quote aggregate's repository. */
import type { TimelineRecord } from '../../domain/invoice-types.js';
import type { QuoteRecord } from '../../domain/quote-types.js';
import type { Page, PageRequest } from './system.js';

export interface QuoteRepository {
  get(tenantId: string, id: string): Promise<QuoteRecord | undefined>;
  create(quote: QuoteRecord, event: TimelineRecord): Promise<void>;
  /**
   * Writes the quote as changed from the version it was read at (`quote.version`), with its
   * timeline events, in one transaction. The repository owns the version: the stored one becomes
   * `quote.version + 1`, and the saved record is returned. ConflictError when another writer got there first.
   */
  save(quote: QuoteRecord, events?: readonly TimelineRecord[]): Promise<QuoteRecord>;
  /** As `save`, giving the quote the next number of the tenant's `D` sequence for `year` (no gap). */
  saveWithNextNumber(quote: QuoteRecord, year: number, events: (number: string) => readonly TimelineRecord[]): Promise<QuoteRecord>;
  list(tenantId: string, page: PageRequest): Promise<Page<QuoteRecord>>;
  timeline(tenantId: string, quoteId: string, page: PageRequest): Promise<Page<TimelineRecord>>;
}
