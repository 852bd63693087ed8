/** Ports — The quote aggregate's repository. */
import type { TimelineRecord } from '../../domain/invoice-types.js';
import type { QuoteRecord } from '../../domain/quote-types.js';
import type { Page, PageRequest } from './system.js';

export interface QuoteRepository {
  get(tenantId: string, id: string): Promise<QuoteRecord | undefined>;
  create(quote: QuoteRecord, event: TimelineRecord): Promise<void>;
  /** Replaces the quote if its stored version is `quote.version - 1`; ConflictError otherwise. */
  save(quote: QuoteRecord, events?: readonly TimelineRecord[]): Promise<void>;
  saveWithNextNumber(quote: QuoteRecord, year: number, events: (number: string) => readonly TimelineRecord[]): Promise<QuoteRecord>;
  list(tenantId: string, page: PageRequest): Promise<Page<QuoteRecord>>;
  timeline(tenantId: string, quoteId: string, page: PageRequest): Promise<Page<TimelineRecord>>;
}
