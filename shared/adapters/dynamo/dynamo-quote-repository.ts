import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from '../ulid.js';
import { ConflictError } from '../../app/errors.js';
import type { Page, PageRequest, QuoteRecord, QuoteRepository, TimelineRecord } from '../../app/ports.js';
import { EVENT_PREFIX, quoteEventKey, quoteIndexKeys, quoteKey, quoteListPk, quotePk } from './keys.js';
import { queryPage, timelineRecord } from './queries.js';
import { writeWithNextNumber } from './sequence.js';
import { stripKeys, transactWrite, type TransactItem } from './transactions.js';

/** Quotes (devis): one partition per quote with its timeline; listed through GSI1 by validity date. */
export class DynamoQuoteRepository implements QuoteRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string, id: string): Promise<QuoteRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: quoteKey(tenantId, id), ConsistentRead: true }));
    return Item ? stripKeys<QuoteRecord>(Item) : undefined;
  }

  async create(quote: QuoteRecord, event: TimelineRecord): Promise<void> {
    const result = await transactWrite(this.db, [
      { Put: { TableName: this.tableName, Item: this.item(quote), ConditionExpression: 'attribute_not_exists(PK)' } },
      this.eventPut(quote, event),
    ]);
    if (!result.ok) throw new ConflictError('A quote with this id already exists');
  }

  async save(quote: QuoteRecord, events: readonly TimelineRecord[] = []): Promise<QuoteRecord> {
    const saved = { ...quote, version: quote.version + 1 };
    const result = await transactWrite(this.db, [this.versionedPut(saved, quote.version), ...events.map((e) => this.eventPut(quote, e))]);
    if (!result.ok) throw new ConflictError('The quote was changed by another request; retry with its latest state');
    return saved;
  }

  async saveWithNextNumber(quote: QuoteRecord, year: number, events: (number: string) => readonly TimelineRecord[]): Promise<QuoteRecord> {
    const saved = { ...quote, version: quote.version + 1 };
    const number = await writeWithNextNumber(this.db, this.tableName, { tenantId: quote.tenantId, prefix: 'D', year }, (n) => [
      this.versionedPut({ ...saved, number: n }, quote.version),
      ...events(n).map((e) => this.eventPut(quote, e)),
    ]);
    return { ...saved, number };
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<QuoteRecord>> {
    const pk = quoteListPk(tenantId);
    return queryPage<QuoteRecord>(
      this.db,
      { TableName: this.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': pk }, ScanIndexForward: false },
      page,
      { GSI1PK: pk },
    );
  }

  async timeline(tenantId: string, quoteId: string, page: PageRequest): Promise<Page<TimelineRecord>> {
    const pk = quotePk(tenantId, quoteId);
    return queryPage(
      this.db,
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': EVENT_PREFIX } },
      page,
      { PK: pk },
      timelineRecord,
    );
  }

  private item(quote: QuoteRecord) {
    return { ...quoteKey(quote.tenantId, quote.id), ...quoteIndexKeys(quote.tenantId, quote), entityType: 'quote', ...quote };
  }

  /** The write only lands if the stored quote is still at the version it was read at. */
  private versionedPut(quote: QuoteRecord, readVersion: number): TransactItem {
    return {
      Put: { TableName: this.tableName, Item: this.item(quote), ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } },
    };
  }

  private eventPut(quote: QuoteRecord, event: TimelineRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: { ...quoteEventKey(quote.tenantId, quote.id, event.at, ulid()), entityType: 'event', ...event } } };
  }
}
