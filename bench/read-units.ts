/**
 * `reads`: DynamoDB read units of one cockpit call and of one page of each follow-up list filter,
 * with 1,000 then 20,000 paid historical invoices and the same open set (DynamoDB Local, which
 * reports ConsumedCapacity like DynamoDB). History is written as items, then the aggregates
 * consumer's use case brings every invoice's aggregates and row up to date, as the stream would.
 */
import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, startDynamoDbLocal } from '../infra/local/dynamodb-local.js';
import { DynamoAggregateStore } from '../shared/adapters/dynamo/dynamo-aggregate-store.js';
import { DynamoClientRepository } from '../shared/adapters/dynamo/dynamo-client-repository.js';
import { DynamoInvoiceRepository } from '../shared/adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoInvoiceRows } from '../shared/adapters/dynamo/dynamo-invoice-rows.js';
import { DynamoSettingsRepository } from '../shared/adapters/dynamo/dynamo-settings-repository.js';
import { clientKey, invoiceIndexKeys, invoiceKey, paymentKey } from '../shared/adapters/dynamo/keys.js';
import { makeGetCockpit } from '../shared/app/aggregates/cockpit.js';
import { makeFollowUpList } from '../shared/app/aggregates/follow-up-list.js';
import { makeUpdateInvoiceAggregates } from '../shared/app/aggregates/update-invoice-aggregates.js';
import { draftInvoice } from '../shared/app/invoices.js';
import { addDays } from '../shared/domain/dates.js';
import type { InvoiceListQuery } from '../shared/domain/invoice-types.js';
import { num, since, type Table } from './stats.js';

const TABLE = 'relances-bench';
const TENANT = 'bench';
const TODAY = '2026-11-25';
const CLIENTS = 40;
const OPEN = 300;
/** Paid history of the second measure (BENCH_READS_HISTORY, 20,000 by default; the first is 1,000). */
const LARGE = Number(process.env.BENCH_READS_HISTORY) > 1_000 ? Number(process.env.BENCH_READS_HISTORY) : 20_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export const runReads = async (): Promise<Table[]> => {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  try {
    await ensureTable(dynamo.endpoint, TABLE);
    let units = 0;
    const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    raw.middlewareStack.add(
      (next, context) => async (args) => {
        const reads = ['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand'].includes(context.commandName ?? '');
        if (reads) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        if (reads) {
          const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
          for (const c of [consumed].flat()) units += c?.CapacityUnits ?? 0;
        }
        return result;
      },
      { step: 'initialize', name: 'countReadUnits' },
    );
    const db = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    const clock = { now: () => new Date(`${TODAY}T10:00:00Z`) };
    const invoices = new DynamoInvoiceRepository(db, TABLE);
    const clients = new DynamoClientRepository(db, TABLE);
    const settings = new DynamoSettingsRepository(db, TABLE);
    const aggregates = new DynamoAggregateStore(db, TABLE);
    const rows = new DynamoInvoiceRows(db, TABLE);
    const update = makeUpdateInvoiceAggregates({ aggregates, settings, clients });
    const cockpit = makeGetCockpit({ aggregates, clients, settings, clock });
    const list = makeFollowUpList({ invoices, rows, aggregates, settings, clock });

    const at = `${TODAY}T09:00:00.000Z`;
    const clientIds = Array.from({ length: CLIENTS }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const writeAll = async (items: Record<string, unknown>[]) => {
      for (let i = 0; i < items.length; i += 25) {
        await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
      }
    };
    await writeAll(
      clientIds.map((id, i) => ({
        ...clientKey(TENANT, id), entityType: 'client', tenantId: TENANT, id, name: `Client ${i} ${['Dupont', 'Élise', 'Garage', 'Boulangerie'][i % 4]}`, kind: 'business',
        email: `${id}@bench.test`, ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at,
      })),
    );
    /** Writes invoices (and a payment for the paid ones) as items, then runs the aggregates use case over them. */
    let seq = 0;
    const addInvoices = async (count: number, kind: 'open' | 'paid') => {
      const items: Record<string, unknown>[] = [];
      const ids: string[] = [];
      for (let n = 0; n < count; n++) {
        const k = seq++;
        const id = `inv${String(k).padStart(6, '0')}`;
        const issueDate = kind === 'open' ? addDays(TODAY, -(k % 120)) : addDays(TODAY, -30 - (k % 1_000));
        const dueDate = addDays(issueDate, 30);
        const lines = [{ description: 'Travaux', quantity: 1, unitPriceCents: 10_000 + (k % 97) * 100, vatRate: 20 as const }];
        const base = draftInvoice({ id, tenantId: TENANT, clientId: clientIds[k % CLIENTS]!, clientKind: 'business', issueDate, dueDate, lines, at });
        const gross = base.totals.grossCents;
        const paidDate = addDays(dueDate, (k % 40) - 10);
        const invoice =
          kind === 'open'
            ? { ...base, status: k % 3 === 0 ? 'partially_paid' : 'sent', number: `F-B-${id.toUpperCase()}`, sentAt: at, paidCents: k % 3 === 0 ? 1_000 : 0, reminderCount: k % 2 }
            : { ...base, status: 'paid', number: `F-B-${id.toUpperCase()}`, sentAt: at, paidCents: gross, reminderCount: 0 };
        items.push({ ...invoiceKey(TENANT, id), ...invoiceIndexKeys(TENANT, invoice as never), entityType: 'invoice', ...invoice });
        if (invoice.paidCents > 0) {
          items.push({ ...paymentKey(TENANT, id, `p${id}`), entityType: 'payment', id: `p${id}`, invoiceId: id, amountCents: invoice.paidCents, date: kind === 'open' ? TODAY : paidDate < TODAY ? paidDate : TODAY, method: 'transfer', createdAt: at });
        }
        ids.push(id);
      }
      await writeAll(items);
      const queue = [...ids];
      await Promise.all(Array.from({ length: 16 }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) await update(TENANT, id);
      }));
    };

    const FILTERS: [string, Partial<InvoiceListQuery>][] = [
      ['all, by due date', {}],
      ['overdue', { status: 'overdue' }],
      ['status=sent', { status: 'sent' }],
      ['reminded=true', { reminded: true, status: 'overdue' }],
      ['dueWithinDays=30', { dueWithinDays: 30 }],
      ['minDaysLate=30', { minDaysLate: 30 }],
      ['overdue, sort=amount', { status: 'overdue', sort: 'amount' }],
      ['open, sort=client', { status: 'sent', sort: 'client' }],
      ['overdue, sort=lastReminder', { status: 'overdue', sort: 'lastReminder' }],
      ['sort=daysLate', { sort: 'daysLate' }],
      ['q=client name', { q: 'clie' }],
      ['q=number', { q: 'F-B-INV00001' }],
      ['clientId (due date)', { clientId: clientIds[7]! }],
      ['clientId, overdue', { clientId: clientIds[7]!, status: 'overdue' }],
      ['clientId, status=sent', { clientId: clientIds[7]!, status: 'sent' }],
    ];
    const measure = async () => {
      const out: Record<string, number> = {};
      units = 0;
      await cockpit(TENANT, { asOf: TODAY });
      out.cockpit = units;
      for (const [name, q] of FILTERS) {
        units = 0;
        await list(TENANT, { sort: 'dueDate', limit: 25, ...q } as InvoiceListQuery);
        out[name] = units;
      }
      return out;
    };

    const t = performance.now();
    await addInvoices(OPEN, 'open');
    await addInvoices(1_000, 'paid');
    const small = await measure();
    const smallMs = since(t);
    await addInvoices(LARGE - 1_000, 'paid');
    const large = await measure();
    const note = `DynamoDB Local ConsumedCapacity (TOTAL), eventually consistent reads as the API does them; ${CLIENTS} clients, ${OPEN} open invoices; history written and aggregated in ${num(since(t) / 1000, 1)} s (${num(smallMs / 1000, 1)} s for the first 1,300).`;
    return [
      {
        title: `Read units: one cockpit call, one page (25) of each list filter — 1,000 vs ${LARGE.toLocaleString('en')} paid historical invoices`,
        headers: ['call', 'RCU @ 1k history', `RCU @ ${LARGE / 1_000}k history`, 'ratio'],
        rows: Object.keys(small).map((k) => [k, num(small[k]!, 1), num(large[k]!, 1), num(large[k]! / (small[k]! || 1), 2)]),
        targets: [
          (() => {
            const worst = Object.keys(small).reduce((a, k) => (large[k]! / (small[k]! || 1) > large[a]! / (small[a]! || 1) ? k : a));
            const ratio = large[worst]! / (small[worst]! || 1);
            return { target: `read units at ${LARGE / 1_000}k ÷ 1k history, worst of the cockpit and list filters (${worst})`, measured: `${ratio.toFixed(2)}`, limit: '1.1', met: ratio <= 1.1 };
          })(),
        ],
        notes: [note],
      },
    ];
  } finally {
    await dynamo.stop();
  }
};
