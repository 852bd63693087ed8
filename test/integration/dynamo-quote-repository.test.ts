import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoQuoteRepository } from '../../shared/adapters/dynamo/dynamo-quote-repository.js';
import { ConflictError } from '../../shared/app/errors.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import type { QuoteRecord } from '../../shared/domain/quote-types.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const quotes = new DynamoQuoteRepository(db, tableName);
const at = '2026-03-02T09:00:00.000Z';

const aQuote = (tenantId: string, overrides: Partial<QuoteRecord> = {}): QuoteRecord => {
  const lines = [{ description: 'Rénovation', quantity: 1, unitPriceCents: 100_000, vatRate: 20 as const }];
  return {
    id: ulid(), tenantId, clientId: 'c1', issueDate: '2026-03-01', validUntil: '2026-03-31', lines, currency: 'EUR', totals: invoiceTotals(lines),
    status: 'pending', depositInvoiceIds: [], version: 1, createdAt: at, updatedAt: at, ...overrides,
  };
};

describe('DynamoQuoteRepository against DynamoDB Local', () => {
  it('owns the version: save writes read version + 1 and returns it', async () => {
    const tenant = freshTenant('quotes');
    const quote = aQuote(tenant);
    await quotes.create(quote, { at, type: 'quote.created' });
    const saved = await quotes.save({ ...quote, notes: 'v2' }, [{ at, type: 'quote.updated' }]);
    expect(saved.version).toBe(2);
    expect(await quotes.get(tenant, quote.id)).toMatchObject({ notes: 'v2', version: 2, tenantId: tenant });
    expect((await quotes.save(saved)).version).toBe(3);
  });

  it('refuses a save from a stale read with ConflictError, writing neither the quote nor its events', async () => {
    const tenant = freshTenant('quotes');
    const quote = aQuote(tenant);
    await quotes.create(quote, { at, type: 'quote.created' });
    await quotes.save({ ...quote, notes: 'first' });
    await expect(quotes.save({ ...quote, notes: 'second' }, [{ at, type: 'quote.updated' }])).rejects.toBeInstanceOf(ConflictError);
    expect(await quotes.get(tenant, quote.id)).toMatchObject({ notes: 'first', version: 2 });
    expect((await quotes.timeline(tenant, quote.id, { limit: 10 })).items.map((e) => e.type)).toEqual(['quote.created']);
  });

  it('refuses to create a quote twice', async () => {
    const tenant = freshTenant('quotes');
    const quote = aQuote(tenant);
    await quotes.create(quote, { at, type: 'quote.created' });
    await expect(quotes.create(quote, { at, type: 'quote.created' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('numbers quotes D-<year>-0001, 0002 per tenant, bumping the version with the number', async () => {
    const tenant = freshTenant('quotes');
    const [a, b] = [aQuote(tenant), aQuote(tenant)];
    for (const q of [a, b]) await quotes.create(q, { at, type: 'quote.created' });
    const first = await quotes.saveWithNextNumber(a, 2026, (n) => [{ at, type: 'quote.numbered', data: { number: n } }]);
    const second = await quotes.saveWithNextNumber(b, 2026, () => []);
    expect([first.number, first.version, second.number]).toEqual(['D-2026-0001', 2, 'D-2026-0002']);
    expect(await quotes.get(tenant, a.id)).toMatchObject({ number: 'D-2026-0001', version: 2 });
    await expect(quotes.saveWithNextNumber(b, 2026, () => [])).rejects.toBeInstanceOf(ConflictError);
    expect((await quotes.saveWithNextNumber({ ...second }, 2026, () => [])).number).toBe('D-2026-0003');
  });

  it('lists a tenant’s quotes latest validity first, page by page, and nothing of another tenant', async () => {
    const tenant = freshTenant('quotes');
    const dates = ['2026-04-10', '2026-04-30', '2026-04-20'];
    for (const validUntil of dates) await quotes.create(aQuote(tenant, { validUntil }), { at, type: 'quote.created' });
    await quotes.create(aQuote(freshTenant('other')), { at, type: 'quote.created' });
    const first = await quotes.list(tenant, { limit: 2 });
    const second = await quotes.list(tenant, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((q) => q.validUntil)).toEqual(['2026-04-30', '2026-04-20', '2026-04-10']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('keeps the timeline oldest first', async () => {
    const tenant = freshTenant('quotes');
    const quote = aQuote(tenant);
    await quotes.create(quote, { at: '2026-03-02T09:00:00.000Z', type: 'quote.created' });
    await quotes.save(quote, [{ at: '2026-03-03T09:00:00.000Z', type: 'quote.accepted' }]);
    expect((await quotes.timeline(tenant, quote.id, { limit: 10 })).items.map((e) => e.type)).toEqual(['quote.created', 'quote.accepted']);
  });
});
