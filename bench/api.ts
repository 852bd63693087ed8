/**
 * `api`: the local stack in-process (DynamoDB Local, SES and Scheduler emulators, API server,
 * all on 127.0.0.1, free ports, in memory), measured over real HTTP with bounded loops.
 */
import { startLocalStack } from '../infra/local/local-stack.js';
import { aBusinessClientInput, aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { client, load, LOAD_HEADERS, loadRow, type LoadResult } from './load.js';
import { num, since, type Table } from './stats.js';

const N = 200;
const CONCURRENCY = 4;
const SENDS = 20;
const PAYMENTS_PER_INVOICE = N / SENDS;

const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** 3 lines over two VAT rates; issued 45 days ago, due 15 days ago: overdue once sent. */
const invoiceInput = (clientId: string) => ({
  clientId,
  issueDate: isoDay(-45),
  dueDate: isoDay(-15),
  lines: [
    { description: 'Remplacement tableau électrique', quantity: 2, unitPriceCents: 50_000, vatRate: 20 },
    { description: 'Travaux de rénovation', quantity: 1, unitPriceCents: 25_000, vatRate: 10 },
    { description: 'Déplacement', quantity: 1.5, unitPriceCents: 4_500, vatRate: 20 },
  ],
});

const ids = (r: LoadResult, replies: (string | undefined)[], what: string): string[] => {
  const found = replies.filter((id): id is string => typeof id === 'string');
  if (found.length === 0) throw new Error(`api bench: no ${what} created; ${r.errors[0] ?? ''}`);
  return found;
};

export const runApi = async (): Promise<Table[]> => {
  const t = performance.now();
  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
  const startMs = since(t);
  try {
    const base = stack.urls.api.replace('//localhost:', '//127.0.0.1:');
    const call = client(base, await stack.tokenFor('bench', 'compta@bench.example'));
    await call('PUT', '/settings', { company: aCompanyIdentity() }); // sending needs a legal identity
    const results: LoadResult[] = [];
    const opts = { count: N, concurrency: CONCURRENCY };

    const clientIds: (string | undefined)[] = [];
    results.push(
      await load('POST /clients', opts, async (i) => {
        const reply = await call('POST', '/clients', aBusinessClientInput({ email: `bench-${i}@client.test` }));
        clientIds[i] = reply.json?.id;
        return reply;
      }),
    );
    const clients = ids(results[0]!, clientIds, 'client');

    const invoiceIds: (string | undefined)[] = [];
    results.push(
      await load('POST /invoices (3 lines)', opts, async (i) => {
        const reply = await call('POST', '/invoices', invoiceInput(clients[i % clients.length]!));
        invoiceIds[i] = reply.json?.id;
        return reply;
      }),
    );
    const invoices = ids(results[1]!, invoiceIds, 'invoice');

    results.push(await load('GET /invoices/{id}', opts, (i) => call('GET', `/invoices/${invoices[i % invoices.length]}`)));

    // One at a time: each send numbers, renders the PDF and emails it.
    const sent = invoices.slice(0, SENDS);
    const sends = await load('POST /invoices/{id}/send', { count: sent.length, concurrency: 1, maxMs: 120_000 }, (i) =>
      call('POST', `/invoices/${sent[i]}/send`),
    );

    // Worker w pays only invoices w, w + CONCURRENCY, …: no two concurrent payments on one invoice.
    const perWorker = Math.max(1, Math.floor(sent.length / CONCURRENCY));
    results.push(
      await load(`POST /invoices/{id}/payments`, opts, (i, w) => {
        const invoice = sent[(Math.floor(i / CONCURRENCY) % perWorker) * CONCURRENCY + w] ?? sent[0];
        return call('POST', `/invoices/${invoice}/payments`, { amountCents: 100, date: isoDay(0), method: 'transfer' });
      }),
    );

    let overdueItems = 0;
    results.push(
      await load('GET /invoices?status=overdue', opts, async () => {
        const reply = await call('GET', '/invoices?status=overdue');
        overdueItems = Array.isArray(reply.json?.items) ? reply.json.items.length : -1;
        return reply;
      }),
    );

    const errors = [...results, sends].flatMap((r) => r.errors.filter(Boolean));
    if (errors.length) throw new Error(`api bench: failed requests:\n${errors.join('\n')}`);
    return [
      {
        title: `api — local stack over HTTP on 127.0.0.1 (${N} requests each, concurrency ${CONCURRENCY})`,
        headers: LOAD_HEADERS,
        rows: results.map((r) => loadRow(r, CONCURRENCY)),
        notes: [
          `Local stack start (DynamoDB Local JVM, emulators, API): ${num(startMs)} ms. Handlers run in this process, so "first" includes loading the handler module.`,
          `Payments: ${PAYMENTS_PER_INVOICE} × 1.00 € on each of the ${sent.length} sent invoices. Overdue list returned ${overdueItems} items (default page size).`,
        ],
      },
      {
        title: `api — POST /invoices/{id}/send (number, PDF, email via SES emulator), ${sent.length} sequential`,
        headers: LOAD_HEADERS,
        rows: [loadRow(sends, 1)],
        notes: ['"first" includes loading @react-pdf/renderer and the invoice template in this process (a cold PDF render).'],
      },
    ];
  } finally {
    await stack.stop();
  }
};
