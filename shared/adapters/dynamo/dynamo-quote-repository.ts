import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { ConflictError } from '../../app/errors.js';
import type { Page, PageRequest, QuoteRecord, QuoteRepository, TimelineRecord } from '../../app/ports.js';
import { quoteIndexKeys, quoteKey, quotePk } from './keys.js';
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

  async save(quote: QuoteRecord, events: readonly TimelineRecord[] = []): Promise<void> {
    const result = await transactWrite(this.db, [this.versionedPut(quote), ...events.map((e) => this.eventPut(quote, e))]);
    if (!result.ok) throw new ConflictError('The quote was changed by another request; retry with its latest state');
  }

  async saveWithNextNumber(quote: QuoteRecord, year: number, events: (number: string) => readonly TimelineRecord[]): Promise<QuoteRecord> {
    const number = await writeWithNextNumber(this.db, this.tableName, { tenantId: quote.tenantId, prefix: 'D', year }, (n) => [
      this.versionedPut({ ...quote, number: n }),
      ...events(n).map((e) => this.eventPut(quote, e)),
    ]);
    return { ...quote, number };
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<QuoteRecord>> {
    const pk = `T#${tenantId}#QUO`;
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
      { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': 'EVENT#' } },
      page,
      { PK: pk },
      timelineRecord,
    );
  }

  private item(quote: QuoteRecord) {
    return { ...quoteKey(quote.tenantId, quote.id), ...quoteIndexKeys(quote.tenantId, quote), entityType: 'quote', ...quote };
  }

  private versionedPut(quote: QuoteRecord): TransactItem {
    return {
      Put: { TableName: this.tableName, Item: this.item(quote), ConditionExpression: 'version = :prev', ExpressionAttributeValues: { ':prev': quote.version - 1 } },
    };
  }

  private eventPut(quote: QuoteRecord, event: TimelineRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: { PK: quotePk(quote.tenantId, quote.id), SK: `EVENT#${event.at}#${ulid()}`, entityType: 'event', ...event } } };
  }
}
