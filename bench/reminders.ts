/**
 * 1,000 reminders fired and sent end to end on the local stack (issue 12): invoices already in
 * their plan, then the simulated clock runs to their J-5; the Scheduler emulator fires the due
 * schedules with Lambda-like bounded concurrency, each fire re-reads, claims, renders the PDF and
 * emails through the SES emulator. Prints wall time, throughput, DynamoDB writes per reminder and
 * the AWS cost of 1,000 reminders against the floor (1 email + 1 invocation + 2 writes).
 * Setup also issues each invoice's portal link, as the invoice's own email would have.
 */
import { ulid } from 'ulid';
import { startLocalStack } from '../infra/local/local-stack.js';
import { documentClient } from '../shared/clients.js';
import { addDays, localDate } from '../shared/domain/dates.js';
import { invoiceTotals } from '../shared/domain/invoice.js';
import type { InvoiceRecord } from '../shared/app/ports.js';
import type { Client } from '../shared/domain/client.js';
import { aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { client } from './load.js';
import { since, type Table } from './stats.js';
import { loadavg } from 'node:os';
import { childrenCpuSeconds } from './batch-reminders.js';

const N = Number(process.env.BENCH_REMINDERS ?? 1000);
const TARGET_S = 60;

// Prices (eu-west-3, on-demand, USD): SES per email, Scheduler per invocation, Lambda per request
// and per GB-second (arm64), DynamoDB per write request unit (a transactional item costs 2).
const PRICE = { email: 0.1 / 1000, invocation: 1 / 1e6, lambdaRequest: 0.2 / 1e6, gbSecond: 0.0000133334, wru: 0.625 / 1e6 };

const WRITE_REQUESTS = ['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand'];

/** Counts DynamoDB items written, transactional ones double (they cost 2 WRU each). */
const countWrites = () => {
  const counter = { items: 0, wru: 0, units: 0, indexUnits: 0, cancelled: 0, byKind: new Map<string, number>(), requests: new Map<string, number>(), reads: new Map<string, number>(), sites: new Map<string, number>() };
  // What an item is, from its sort key: `STEP`, `INVOICE`, `EVT`… (the first segment that is not an id).
  const kindOf = (item: { Key?: Record<string, unknown>; Item?: Record<string, unknown> } | undefined) => {
    const key = item?.Key ?? item?.Item ?? {};
    const sk = String(key.SK ?? '?');
    return `${sk.replace(/^#/, '').split('#')[0] || '?'} (${String(key.PK ?? '?').split('#').filter((p) => /^[A-Z_]+$/.test(p)).join('/')})`;
  };
  const tally = (kind: string, n = 1) => counter.byKind.set(kind, (counter.byKind.get(kind) ?? 0) + n);
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      counter.requests.set(context.commandName ?? '?', (counter.requests.get(context.commandName ?? '?') ?? 0) + 1);
      const input = args.input as { TransactItems?: Record<string, { Key?: Record<string, unknown>; Item?: Record<string, unknown> }>[] };
      const read = (kind: string) => {
        counter.reads.set(kind, (counter.reads.get(kind) ?? 0) + 1);
        // `BENCH_READ_TRACE=1`: which code made each read (the first frames of the project's own code).
        if (process.env.BENCH_READ_TRACE) {
          const frames = (new Error().stack ?? '').split('\n').filter((l) => l.includes('/shared/') || l.includes('/functions/')).slice(0, 4).map((l) => l.trim().replace(/^at (async )?/, '').replace(/\(?\/.*\/(shared|functions)\//, '$1/').replace(/\)$/, ''));
          const site = `${kind} <- ${frames.join(' < ')}`;
          counter.sites.set(site, (counter.sites.get(site) ?? 0) + 1);
        }
      };
      if (context.commandName === 'GetItemCommand') read(`Get ${kindOf(args.input as { Key?: Record<string, unknown> })}`);
      // Gets issued together leave as one BatchGetItem (shared/adapters/dynamo/coalesce-gets.ts): each item by kind, `+` joining one request's.
      if (context.commandName === 'BatchGetItemCommand') {
        const keys = Object.values((args.input as { RequestItems?: Record<string, { Keys?: Record<string, unknown>[] }> }).RequestItems ?? {}).flatMap((r) => r.Keys ?? []);
        read(`BatchGet ${keys.map((Key) => kindOf({ Key }).replace(/ \(.*$/, '')).sort().join('+')}`);
      }
      if (context.commandName === 'QueryCommand') {
        const q = args.input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
        const values = Object.values(q.ExpressionAttributeValues ?? {}).map(String);
        const pk = values.find((v) => v.startsWith('T#')) ?? '?';
        const prefix = values.find((v) => /^[A-Z]+#?$/.test(v));
        read(`Query ${q.IndexName ?? 'table'} ${pk.split('#').filter((p) => /^[A-Z_]+$/.test(p)).join('/')}${prefix ? ` ${prefix}` : ''}`);
      }
      if (context.commandName === 'TransactWriteItemsCommand') {
        const writes = input.TransactItems?.filter((t) => !t.ConditionCheck) ?? [];
        counter.items += writes.length;
        counter.wru += 2 * writes.length;
        for (const t of writes) tally(`${kindOf(Object.values(t)[0])} in a transaction`);
      } else if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(context.commandName ?? '')) {
        counter.items += 1;
        counter.wru += 1;
        tally(`${kindOf(args.input as { Key?: Record<string, unknown>; Item?: Record<string, unknown> })} ${(context.commandName ?? '').replace('ItemCommand', '')}`);
      } else if (context.commandName === 'BatchWriteItemCommand') {
        const lists = Object.values((args.input as { RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, unknown> }; DeleteRequest?: { Key?: Record<string, unknown> } }[]> }).RequestItems ?? {});
        const n = lists.reduce((a, l) => a + l.length, 0);
        counter.items += n;
        counter.wru += n;
        for (const r of lists.flat()) tally(`${kindOf(r.PutRequest ? { Item: r.PutRequest.Item } : { Key: r.DeleteRequest?.Key })} batch`);
      }
      // DynamoDB Local reports the write units it consumed, indexes included (`INDEXES`): what AWS bills,
      // item sizes and index copies counted, where `wru` above assumes one unit per item.
      const isWrite = WRITE_REQUESTS.includes(context.commandName ?? '');
      const asked = isWrite ? { ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'INDEXES' } } : args;
      try {
        const result = await next(asked);
        if (isWrite) {
          type Consumed = { CapacityUnits?: number; Table?: { CapacityUnits?: number }; GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> };
          const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
          for (const c of [consumed ?? []].flat()) {
            counter.units += c.CapacityUnits ?? 0;
            counter.indexUnits += Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((n, g) => n + (g.CapacityUnits ?? 0), 0);
          }
        }
        return result;
      } catch (error) {
        if (context.commandName === 'TransactWriteItemsCommand') counter.cancelled += input.TransactItems?.filter((t) => !t.ConditionCheck).length ?? 0;
        throw error;
      }
    },
    { step: 'initialize', name: 'benchWriteCounter' },
  );
  return counter;
};

const writeRequests = (counter: ReturnType<typeof countWrites>) => WRITE_REQUESTS.reduce((n, name) => n + (counter.requests.get(name) ?? 0), 0);

/** `BENCH_PROFILE=<file>.cpuprofile`: a CPU profile of this process (handlers, emulators, SDK) over the measured run. */
const startProfile = async () => {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (file: string) => {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
};

export const runReminders = async (): Promise<Table[]> => {
  // SES's Delivery event of each message, as in AWS: its timeline item is part of what a reminder writes.
  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false, sesDeliveryEvents: true });
  try {
    // Wiring reads the environment the local stack just set.
    const { wiring } = await import('../shared/wiring.js');
    const { portalLinks } = await import('../shared/wiring-portal-links.js');
    const { invoiceRepository } = await import('../shared/wiring-invoice-repository.js');
    const tenantId = `bench-${ulid().toLowerCase()}`;
    const call = client(stack.urls.api.replace('//localhost:', '//127.0.0.1:'), await stack.tokenFor(tenantId, 'compta@bench.example'));
    // The owner's daily overview is off here: its cost is per tenant and day (two reads per open invoice,
    // `npm run bench overview`), not per reminder, and it would fire inside the measured window.
    await call('PUT', '/settings', { company: aCompanyIdentity(), minGapDays: 3, notifications: { immediate: true, dailyOverview: false, overviewHour: 7 } });
    const now = new Date();
    const today = localDate(now, 'Europe/Paris');
    // Due in 12 days: every invoice's J-5 is the same morning, one Scheduler wave of N fires.
    let due = addDays(today, 12);
    while ([0, 6].includes(new Date(`${addDays(due, -5)}T12:00:00Z`).getUTCDay())) due = addDays(due, 1);
    const lines = [{ description: 'Intervention plomberie', quantity: 1, unitPriceCents: 45_000, vatRate: 10 as const }];
    const at = now.toISOString();
    const setup = performance.now();
    for (let i = 0; i < N; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, N - i) }, async (_, k) => {
          const c: Client = { id: ulid(), name: `Client ${i + k}`, kind: 'business', email: `bench-${i + k}@client.test`, ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at };
          await wiring.clients().create(tenantId, c);
          const invoice: InvoiceRecord = {
            id: ulid(), tenantId, clientId: c.id, clientKind: 'business', number: `F-2026-${String(i + k + 1).padStart(4, '0')}`, issueDate: addDays(due, -30), dueDate: due,
            lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0, status: 'sent', remindersPaused: false, disputed: false,
            sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
          };
          // The invoice's own email (bypassed here) is where its portal link is first issued and stored,
          // and recorded so on the invoice: done the same way, so the reminders measured below are the
          // steady state (they reuse the link without looking it up).
          await portalLinks().issue(invoice);
          const stored = await portalLinks().storedMarker(invoice);
          await invoiceRepository().create({ ...invoice, ...(stored ? { portalLinkStored: stored } : {}) }, { at, type: 'invoice.created' });
        }),
      );
    }
    // The control endpoint drains the stream first: every plan is recorded and scheduled.
    const pending = ((await (await fetch(`${stack.urls.api}/local/schedules`)).json()) as { items: unknown[] }).items.length;
    const setupS = since(setup) / 1000;

    const writes = countWrites();
    const profile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
    const t = performance.now();
    const load0 = loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const children0 = childrenCpuSeconds();
    const res = await fetch(`${stack.urls.api}/local/schedules/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ until: new Date(`${addDays(due, -5)}T20:00:00Z`).toISOString() }),
    });
    const fired = ((await res.json()) as { fired: { result?: { outcome?: string } }[] }).fired;
    const wallS = since(t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const children1 = childrenCpuSeconds();
    const nodeCpuS = (cpu.user + cpu.system) / 1e6;
    const jvmCpuS = children0 !== undefined && children1 !== undefined ? children1 - children0 : undefined;
    const load = (load0 + loadavg()[0]!) / 2;
    if (profile) await profile.stop(process.env.BENCH_PROFILE!);
    const sent = fired.filter((f) => f.result?.outcome === 'sent').length;
    const perReminder = writes.items / Math.max(1, sent);
    const wruPer = writes.units / Math.max(1, sent);
    const lambdaSeconds = (wallS * 2) / Math.max(1, sent); // 2 busy cores: an upper bound of CPU time per send
    const cost = (wru: number, gbs: number) => 1000 * (PRICE.email + PRICE.invocation + PRICE.lambdaRequest + gbs * PRICE.gbSecond + wru * PRICE.wru);
    // Plus the email-events invocation of each Delivery event (AWS service events on the default bus are free).
    const ours = cost(wruPer, lambdaSeconds * 1) + 1000 * PRICE.lambdaRequest;
    const floor = cost(2, lambdaSeconds * 1);
    return [
      {
        title: `${N} reminders fired and sent end to end (local stack, Scheduler emulator concurrency 8)`,
        targets: [
          { target: `${N} reminders fired and sent end to end on the local stack`, measured: N === 1000 ? `${wallS.toFixed(1)} s (${sent} sent)` : `${wallS.toFixed(1)} s (${sent} sent; ≈ ${((wallS * 1000) / N).toFixed(0)} s per 1,000)`, limit: N === 1000 ? `${TARGET_S} s` : `${TARGET_S} s for 1,000`, met: sent === N && (N === 1000 ? wallS <= TARGET_S : (wallS * 1000) / N <= TARGET_S),
            whyMissed: sent < N
              ? `${N - sent} of ${N} not sent (the reminders table says how each fire ended)`
              : `the run is CPU-bound on the 2 shared vCPUs: ${((nodeCpuS * 1000) / Math.max(1, sent)).toFixed(0)} ms of this process and ${jvmCpuS === undefined ? '?' : ((jvmCpuS * 1000) / Math.max(1, sent)).toFixed(0)} ms of DynamoDB Local per reminder, at load average ${load.toFixed(1)}; 41–51 s for 1,000 when the machine was idle (2026-11-26, README "Known issues")` },
          { target: 'DynamoDB items written per reminder (stream consumers included)', measured: perReminder.toFixed(2), limit: '4', met: perReminder <= 4,
            whyMissed: 'the claim (step, invoice day slot, client gap: 3 items in one transaction), the step `sent`, the aggregates\' contribution and day counters (2) and SES\'s Delivery event on the timeline; under 4 needs the day slot folded into the client\'s claim and a daily roll-up of the cockpit\'s counters (docs/adr/0003-writes-per-reminder.md), not done' },
        ],
        headers: ['figure', 'value', 'target'],
        rows: [
          ['setup: invoices planned and scheduled', `${N} invoices, ${pending} schedules in ${setupS.toFixed(1)} s`, ''],
          ['schedules fired / reminders sent', `${fired.length} / ${sent}`, `${N} sent`],
          ['wall time of the run', `${wallS.toFixed(1)} s`, `≤ ${TARGET_S} s`],
          ['throughput', `${(sent / wallS).toFixed(1)} reminders/s`, ''],
          // CPU seconds barely move with the machine's load, where wall time does: compare runs by these.
          ['CPU per reminder: this process (handlers, emulators, SDK) / DynamoDB Local (JVM)', `${((nodeCpuS * 1000) / Math.max(1, sent)).toFixed(1)} ms / ${jvmCpuS === undefined ? '?' : ((jvmCpuS * 1000) / Math.max(1, sent)).toFixed(1)} ms (load average ${load.toFixed(1)})`, ''],
          ['DynamoDB items written per reminder (run, stream consumers included)', perReminder.toFixed(2), '≤ 4'],
          ['DynamoDB write requests per reminder (a transaction is one request)', (writeRequests(writes) / Math.max(1, sent)).toFixed(2), ''],
          ['DynamoDB write units per reminder (as DynamoDB Local reports them: item sizes, indexes, transactions ×2)', `${wruPer.toFixed(2)} (indexes ${(writes.indexUnits / Math.max(1, sent)).toFixed(2)}; ${(writes.wru / Math.max(1, sent)).toFixed(2)} at one unit per item)`, ''],
          ['cost of 1,000 reminders (SES + Scheduler + Lambda 1 GB + the Delivery event\'s invocation + DynamoDB)', `$${ours.toFixed(4)}`, ''],
          ['floor (1 email + 1 invocation + 2 writes, same Lambda time)', `$${floor.toFixed(4)}`, `ratio ${(ours / floor).toFixed(3)}`],
        ],
        notes: [
          `Of these, items of cancelled transactions (a condition failed or a conflict; billed all the same): ${(writes.cancelled / Math.max(1, sent)).toFixed(2)} per reminder.`,
          `DynamoDB requests per reminder (reads included): ${[...writes.requests].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name.replace('Command', '')} ${(n / Math.max(1, sent)).toFixed(2)}`).join('; ')}.`,
          `Reads per reminder, by kind: ${[...writes.reads].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${(n / Math.max(1, sent)).toFixed(2)}`).join('; ')}.`,
          ...(process.env.BENCH_READ_TRACE ? [`Reads per reminder, by call site: ${[...writes.sites].sort((a, b) => b[1] - a[1]).map(([site, n]) => `\n  ${(n / Math.max(1, sent)).toFixed(2)} ${site}`).join('')}`] : []),
          `Items written per reminder, by kind: ${[...writes.byKind].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${(n / Math.max(1, sent)).toFixed(2)}`).join('; ')}.`,
          `SES's Delivery event of each email is published as in AWS (the local stack's sesDeliveryEvents): its timeline item is counted; AWS's Send event is not subscribed (docs/adr/0003-writes-per-reminder.md).`,
          `Setup issues each invoice's portal link as its invoice email would (the invoice is put in its plan without that send); with the portal secret (PORTAL_TOKEN_SECRET locally, Secrets Manager in AWS) a reminder reuses the invoice's stable link and writes no PORTAL item (docs/adr/0002-stable-portal-links.md).`,
          `Lambda time per send is bounded by the run's wall time × 2 cores / sends (${(lambdaSeconds * 1000).toFixed(0)} ms); SES $0.10/1,000 dominates the cost.`,
        ],
      },
    ];
  } finally {
    await stack.stop();
  }
};
