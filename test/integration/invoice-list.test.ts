import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoInvoiceRepository } from '../../shared/adapters/dynamo/dynamo-invoice-repository.js';
import type { InvoiceListFilter, InvoiceRecord } from '../../shared/app/ports.js';
import { invoiceTotals, type InvoiceStatus } from '../../shared/domain/invoice.js';

/** Every command the repository sends, with the items DynamoDB says it read. */
const sent: { command: string; scanned?: number }[] = [];
const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
raw.middlewareStack.add(
  (next, context) => async (args) => {
    const result = await next(args);
    sent.push({ command: context.commandName ?? '?', scanned: (result.output as { ScannedCount?: number }).ScannedCount });
    return result;
  },
  { step: 'initialize', name: 'recordCommands' },
);
const invoices = new DynamoInvoiceRepository(DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }), inject('tableName'));
const tenantId = `list-${ulid().toLowerCase()}`;
const clients = ['c1', 'c2'];

const anInvoice = (i: number, status: InvoiceStatus, dueDate: string): InvoiceRecord => {
  const lines = [{ description: 'x', quantity: 1, unitPriceCents: 1_000 * (i + 1), vatRate: 20 as const }];
  return {
    id: ulid(), tenantId, clientId: clients[i % 2]!, clientKind: 'business', issueDate: '2026-01-01', dueDate, lines, currency: 'EUR',
    totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0, status, remindersPaused: false, disputed: false,
    reminderCount: i % 3 === 0 ? 1 : 0, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  };
};

const created: InvoiceRecord[] = [];
beforeAll(async () => {
  const statuses: InvoiceStatus[] = ['draft', 'sent', 'partially_paid', 'paid', 'cancelled'];
  for (let i = 0; i < 40; i++) {
    const due = `2026-0${1 + (i % 6)}-${String(10 + (i % 15)).padStart(2, '0')}`;
    const invoice = anInvoice(i, statuses[i % 5]!, due);
    created.push(invoice);
    await invoices.create(invoice, { at: '2026-01-01T00:00:00Z', type: 'invoice.created' });
  }
});

const list = async (filter: Partial<InvoiceListFilter>, limit = 100) => {
  sent.length = 0;
  const items: InvoiceRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await invoices.list(tenantId, { today: '2026-04-01', descending: false, ...filter }, { limit, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, commands: [...new Set(sent.map((s) => s.command))], scanned: sent.reduce((n, s) => n + (s.scanned ?? 0), 0) };
};

describe('the follow-up list reads by key, never by Scan', () => {
  const open = (i: InvoiceRecord) => i.status === 'sent' || i.status === 'partially_paid';
  it.each([
    [{}, () => true],
    [{ status: 'draft' as const }, (i: InvoiceRecord) => i.status === 'draft'],
    [{ status: 'sent' as const }, (i: InvoiceRecord) => i.status === 'sent'],
    [{ status: 'overdue' as const }, (i: InvoiceRecord) => open(i) && i.dueDate < '2026-04-01'],
    [{ overdue: false, clientId: 'c2' }, (i: InvoiceRecord) => i.clientId === 'c2' && !(open(i) && i.dueDate < '2026-04-01')],
    [{ clientId: 'c1' }, (i: InvoiceRecord) => i.clientId === 'c1'],
    [{ dueFrom: '2026-02-01', dueTo: '2026-03-31' }, (i: InvoiceRecord) => i.dueDate >= '2026-02-01' && i.dueDate <= '2026-03-31'],
    [{ reminded: true }, (i: InvoiceRecord) => i.reminderCount > 0],
  ])('answers %j with Query only, and exactly the matching invoices', async (filter, matches) => {
    const { items, commands } = await list(filter);
    expect(commands).toEqual(['QueryCommand']);
    expect(items.map((i) => i.id).sort()).toEqual(created.filter(matches).map((i) => i.id).sort());
  });

  it('returns exactly the overdue open invoices, reading only open ones due before today', async () => {
    const { items, scanned } = await list({ status: 'overdue' });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => (i.status === 'sent' || i.status === 'partially_paid') && i.dueDate < '2026-04-01')).toBe(true);
    expect(scanned).toBe(items.length); // the key range is the answer: nothing read and thrown away
  });

  it('pages with cursors without losing or repeating an invoice', async () => {
    const whole = await list({}, 100);
    const paged = await list({}, 7);
    expect(paged.items.map((i) => i.id)).toEqual(whole.items.map((i) => i.id));
    expect(new Set(paged.items.map((i) => i.id)).size).toBe(40);
  });
});

describe('a client’s list with a status reads that client’s partition, not the status group', () => {
  // A small client among a large one: reading the open group would read the large client's invoices too.
  const other = `list-client-${ulid().toLowerCase()}`;
  const mine: InvoiceRecord[] = [];
  const make = (clientId: string, i: number, status: InvoiceStatus, dueDate: string) => ({ ...anInvoice(i, status, dueDate), tenantId: other, clientId });
  beforeAll(async () => {
    const statuses: InvoiceStatus[] = ['sent', 'partially_paid', 'paid', 'sent'];
    for (let i = 0; i < 4; i++) {
      const invoice = make('small', i, statuses[i]!, `2026-0${1 + i}-15`);
      mine.push(invoice);
      await invoices.create(invoice, { at: '2026-01-01T00:00:00Z', type: 'invoice.created' });
    }
    for (let i = 0; i < 30; i++) await invoices.create(make('large', i, i % 2 ? 'sent' : 'paid', `2026-01-${String(10 + (i % 15)).padStart(2, '0')}`), { at: '2026-01-01T00:00:00Z', type: 'invoice.created' });
  });
  const open = (i: InvoiceRecord) => i.status === 'sent' || i.status === 'partially_paid';

  it.each([
    [{ status: 'overdue' as const }, (i: InvoiceRecord) => open(i) && i.dueDate < '2026-04-01'],
    [{ overdue: true }, (i: InvoiceRecord) => open(i) && i.dueDate < '2026-04-01'],
    [{ status: 'paid' as const }, (i: InvoiceRecord) => i.status === 'paid'],
    [{ status: 'sent' as const }, (i: InvoiceRecord) => i.status === 'sent'],
    [{ open: true }, open],
  ])('answers %j with the client’s invoices only, reading none of another client', async (filter, matches) => {
    sent.length = 0;
    const page = await invoices.list(other, { today: '2026-04-01', descending: false, clientId: 'small', ...filter }, { limit: 100 });
    const scanned = sent.reduce((n, s) => n + (s.scanned ?? 0), 0);
    expect(page.items.map((i) => i.id).sort()).toEqual(mine.filter(matches).map((i) => i.id).sort());
    expect(page.items.length).toBeGreaterThan(0);
    expect(scanned).toBeLessThanOrEqual(mine.length);
  });
});
