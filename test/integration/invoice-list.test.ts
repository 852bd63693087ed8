import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ulid } from 'ulid';
import { DynamoInvoiceLedger } from '../../shared/adapters/dynamo/dynamo-invoice-ledger.js';
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
const invoices = new DynamoInvoiceLedger(DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }), inject('tableName'));
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

describe('a client’s open or late invoices cost the same whatever its paid history (issue 12)', () => {
  // The client's partition is split by status group (GSI3 SK `<group>#<due>#<id>`): its paid
  // invoices, all due before its open ones here, are never read on the way to them.
  const tenant = `list-history-${ulid().toLowerCase()}`;
  const mine: InvoiceRecord[] = [];
  const make = (i: number, status: InvoiceStatus, dueDate: string): InvoiceRecord => ({ ...anInvoice(i, status, dueDate), tenantId: tenant, clientId: 'loyal' });
  const addPaid = async (from: number, to: number) => {
    const batch = Array.from({ length: to - from }, (_, k) => make(from + k, 'paid', `2025-${String(1 + ((from + k) % 12)).padStart(2, '0')}-${String(1 + ((from + k) % 28)).padStart(2, '0')}`));
    for (let i = 0; i < batch.length; i += 10) await Promise.all(batch.slice(i, i + 10).map((inv) => invoices.create(inv, { at: '2026-01-01T00:00:00Z', type: 'invoice.created' })));
    mine.push(...batch);
  };
  const filters: Partial<InvoiceListFilter>[] = [{ status: 'overdue' }, { overdue: true }, { status: 'sent' }, { status: 'partially_paid' }, { open: true }, { open: true, dueFrom: '2026-02-01' }];
  const open = (i: InvoiceRecord) => i.status === 'sent' || i.status === 'partially_paid';
  const matches = (f: Partial<InvoiceListFilter>) => (i: InvoiceRecord) =>
    (f.status === 'overdue' || f.overdue ? open(i) && i.dueDate < '2026-04-01' : f.status ? i.status === f.status : open(i)) && (!f.dueFrom || i.dueDate >= f.dueFrom);
  const measure = async () => {
    const out: { ids: string[]; scanned: number }[] = [];
    for (const f of filters) {
      sent.length = 0;
      const page = await invoices.list(tenant, { today: '2026-04-01', descending: false, clientId: 'loyal', ...f }, { limit: 25 });
      out.push({ ids: page.items.map((i) => i.id), scanned: sent.reduce((n, s) => n + (s.scanned ?? 0), 0) });
    }
    return out;
  };
  beforeAll(async () => {
    const open: [InvoiceStatus, string][] = [['sent', '2026-01-20'], ['partially_paid', '2026-02-20'], ['sent', '2026-05-20'], ['partially_paid', '2026-06-20']];
    for (const [i, [status, due]] of open.entries()) {
      const invoice = make(1_000 + i, status, due);
      mine.push(invoice);
      await invoices.create(invoice, { at: '2026-01-01T00:00:00Z', type: 'invoice.created' });
    }
  });

  it('reads the same items with 5 or 200 paid invoices, and answers the same', async () => {
    await addPaid(0, 5);
    const few = await measure();
    await addPaid(5, 200);
    const many = await measure();
    for (const [k, f] of filters.entries()) {
      expect(few[k]!.ids.sort(), JSON.stringify(f)).toEqual(mine.filter(matches(f)).map((i) => i.id).sort());
      expect(many[k]!.ids.sort(), JSON.stringify(f)).toEqual(few[k]!.ids.sort());
      expect(many[k]!.scanned, JSON.stringify(f)).toBe(few[k]!.scanned);
      // The open group's range: nothing paid read and thrown away (sent vs partially paid is a filter within it).
      expect(few[k]!.scanned, JSON.stringify(f)).toBeLessThanOrEqual(mine.filter(open).length);
    }
    expect(await invoices.openInvoiceIds(tenant, 'loyal')).toHaveLength(4);
  });

  it('lists every status of the client by due date, merging its groups page by page, both ways', async () => {
    const all = [...mine].sort((a, b) => `${a.dueDate}#${a.id}`.localeCompare(`${b.dueDate}#${b.id}`)).map((i) => i.id);
    for (const descending of [false, true]) {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await invoices.list(tenant, { today: '2026-04-01', descending, clientId: 'loyal' }, { limit: 7, ...(cursor ? { cursor } : {}) });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      expect(ids).toEqual(descending ? [...all].reverse() : all);
    }
    // One page reads at most the page from each group, not the client's history.
    sent.length = 0;
    const first = await invoices.list(tenant, { today: '2026-04-01', descending: false, clientId: 'loyal' }, { limit: 7 });
    expect(sent.reduce((n, s) => n + (s.scanned ?? 0), 0)).toBeLessThanOrEqual(7 + 4);
    // A merged list's cursor is refused by a one-group list of the same client, and the other way round.
    await expect(invoices.list(tenant, { today: '2026-04-01', descending: false, clientId: 'loyal', status: 'paid' }, { limit: 7, cursor: first.nextCursor! })).rejects.toThrow(/cursor/);
    const paid = await invoices.list(tenant, { today: '2026-04-01', descending: false, clientId: 'loyal', status: 'paid' }, { limit: 7 });
    await expect(invoices.list(tenant, { today: '2026-04-01', descending: false, clientId: 'loyal' }, { limit: 7, cursor: paid.nextCursor! })).rejects.toThrow(/cursor/);
  });

  it('re-keys an invoice written before the status groups, which the client’s lists miss until then', async () => {
    const old = make(2_000, 'sent', '2026-03-03');
    const put = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    await invoices.create(old, { at: '2026-01-01T00:00:00Z', type: 'invoice.created' });
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await put.send(new UpdateCommand({ TableName: inject('tableName'), Key: { PK: `T#${tenant}#INV#${old.id}`, SK: '#INVOICE' }, UpdateExpression: 'SET GSI3SK = :k', ExpressionAttributeValues: { ':k': `${old.dueDate}#${old.id}` } }));
    const overdue = async () => (await invoices.list(tenant, { today: '2026-04-01', descending: false, clientId: 'loyal', status: 'overdue' }, { limit: 25 })).items.map((i) => i.id);
    expect(await overdue()).not.toContain(old.id);
    expect(await invoices.rekeyClientIndex(tenant, { fix: false })).toMatchObject({ stale: 1, rekeyed: 0 });
    expect(await invoices.rekeyClientIndex(tenant, { fix: true })).toMatchObject({ stale: 1, rekeyed: 1 });
    expect(await invoices.rekeyClientIndex(tenant, { fix: false })).toMatchObject({ stale: 0 });
    expect(await overdue()).toContain(old.id);
    mine.push(old);
  });
});
