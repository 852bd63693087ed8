/**
 * Mass send on the local stack (issue 10 §1): POST /reminders/batch with 200 and 500 late invoices,
 * 4 per client (one message per client with its 4 PDFs), against API Gateway's 30 s limit. Prints the
 * answer time, the totals and the emails the SES emulator received.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ulid } from 'ulid';
import { startLocalStack } from '../infra/local/local-stack.js';
import { addDays, localDate } from '../shared/domain/dates.js';
import { invoiceTotals } from '../shared/domain/invoice.js';
import type { InvoiceRecord } from '../shared/app/ports.js';
import type { Client } from '../shared/domain/client.js';
import { aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { documentClient } from '../shared/clients.js';
import { client } from './load.js';
import { since, type Table } from './stats.js';

import { allDocumentTemplates } from '../shared/wiring-pdf.js';
const SIZES = (process.env.BENCH_BATCH ?? '200,500').split(',').map(Number);
const PER_CLIENT = Number(process.env.BENCH_BATCH_PER_CLIENT ?? 4);
const API_GATEWAY_LIMIT_S = 30;

/** `BENCH_PROFILE=<file>.cpuprofile`: a CPU profile of this process (handlers, SES emulator, SDK) over each batch call. */
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

/** DynamoDB requests by command and item kind (the first segment of the sort key that is not an id) while counting is on. */
const countRequests = () => {
  const counter = { on: false, byKind: new Map<string, number>() };
  const kindOf = (v: unknown) => String(v ?? '?').replace(/^#/, '').split('#')[0] || '?';
  documentClient().middlewareStack.add(
    (next, context) => async (args) => {
      if (counter.on) {
        const input = args.input as { Key?: Record<string, unknown>; Item?: Record<string, unknown>; IndexName?: string; KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown>; TransactItems?: unknown[] };
        const command = (context.commandName ?? '?').replace(/(Item)?Command$/, '');
        const detail = input.Key ? kindOf(input.Key.SK) : input.Item ? kindOf(input.Item.SK) : command === 'Query' ? `${input.IndexName ?? 'table'} ${Object.values(input.ExpressionAttributeValues ?? {}).map(String).filter((v) => /^[A-Z]+#?$/.test(v)).join(' ')}` : '';
        const name = `${command} ${detail}`.trim();
        counter.byKind.set(name, (counter.byKind.get(name) ?? 0) + 1);
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchBatchCounter' },
  );
  return counter;
};

/**
 * CPU seconds (user + system) of this process's descendants, DynamoDB Local's JVM above all (Linux
 * /proc; undefined elsewhere). With the process's own `cpuUsage`, a figure the machine's load barely moves.
 */
export const childrenCpuSeconds = (): number | undefined => {
  try {
    const tick = 100; // USER_HZ on Linux
    const stats = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        return [{ pid: Number(pid), ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick }];
      } catch {
        return [];
      }
    });
    const mine = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const p of stats) if (mine.has(p.ppid) && !mine.has(p.pid)) (mine.add(p.pid), (grew = true));
    }
    return stats.filter((p) => p.pid !== process.pid && mine.has(p.pid)).reduce((sum, p) => sum + p.cpu, 0);
  } catch {
    return undefined;
  }
};

export const runBatchReminders = async (): Promise<Table[]> => {
  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
  try {
    const { wiring } = await import('../shared/wiring.js');
    const { invoiceRepository } = await import('../shared/wiring-invoice-repository.js');
    const rows: string[][] = [];
    const counter = countRequests();
    const requestNotes: string[] = [];
    /** `n` late invoices, PER_CLIENT per client, written straight to the table; the stream consumers caught up. */
    const seed = async (n: number) => {
      const tenantId = `batch-${ulid().toLowerCase()}`;
      const call = client(stack.urls.api.replace('//localhost:', '//127.0.0.1:'), await stack.tokenFor(tenantId, 'compta@bench.example'));
      await call('PUT', '/settings', { company: aCompanyIdentity(), minGapDays: 3 });
      const today = localDate(new Date(), 'Europe/Paris');
      const lines = [{ description: 'Intervention plomberie', quantity: 1, unitPriceCents: 45_000, vatRate: 10 as const }];
      const at = new Date().toISOString();
      const ids: string[] = [];
      for (let c = 0; c < n / PER_CLIENT; c++) {
        const cl: Client = { id: ulid(), name: `Client ${c}`, kind: 'business', email: `batch-${tenantId}-${c}@client.test`, ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at };
        await wiring.clients().create(tenantId, cl);
        await Promise.all(
          Array.from({ length: PER_CLIENT }, async (_, k) => {
            const due = addDays(today, -20 - k);
            const invoice: InvoiceRecord = {
              id: ulid(), tenantId, clientId: cl.id, clientKind: 'business', number: `F-2026-${String(c * PER_CLIENT + k + 1).padStart(4, '0')}`, issueDate: addDays(due, -30), dueDate: due,
              lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0, status: 'sent', remindersPaused: false, disputed: false,
              sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
            };
            await invoiceRepository().create(invoice, { at, type: 'invoice.created' });
            ids.push(invoice.id);
          }),
        );
      }
      // Let both stream consumers catch up, so the batch is timed alone.
      await fetch(`${stack.urls.api}/local/streams/drain`, { method: 'POST' });
      return { tenantId, call, ids };
    };
    /** One measured batch: wall time, CPU seconds, requests, totals, emails. */
    const measure = async (label: string, n: number, run: () => Promise<{ status: number; json: any }>) => {
      const before = ((await (await fetch(`${stack.urls.ses}/store`)).json()) as { emails: unknown[] }).emails.length;
      const load = loadavg()[0]!;
      const profile = process.env.BENCH_PROFILE ? await startProfile() : undefined;
      counter.byKind.clear();
      counter.on = true;
      const cpu0 = process.cpuUsage();
      const children0 = childrenCpuSeconds();
      const t = performance.now();
      const res = await run();
      const seconds = since(t) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const children1 = childrenCpuSeconds();
      counter.on = false;
      const cpuS = `${((cpu.user + cpu.system) / 1e6).toFixed(1)} / ${children0 !== undefined && children1 !== undefined ? (children1 - children0).toFixed(1) : '?'}`;
      const requests = [...counter.byKind].sort((a, b) => b[1] - a[1]);
      requestNotes.push(`DynamoDB requests, ${label}: ${requests.reduce((s, [, k]) => s + k, 0)} (${requests.map(([name, k]) => `${name} ${k}`).join(', ')}).`);
      await profile?.stop(process.env.BENCH_PROFILE!.replace(/(\.cpuprofile)?$/, `-${n}-${rows.length}.cpuprofile`));
      const reasons = new Map<string, number>();
      for (const item of (res.json?.items ?? []) as { status: string; reason?: string }[]) {
        if (item.status !== 'sent') reasons.set(`${item.status}: ${item.reason ?? '?'}`, (reasons.get(`${item.status}: ${item.reason ?? '?'}`) ?? 0) + 1);
      }
      const emails = ((await (await fetch(`${stack.urls.ses}/store`)).json()) as { emails: unknown[] }).emails.length - before;
      const totals = res.json?.totals ?? {};
      rows.push([
        label,
        String(res.status),
        `${seconds.toFixed(1)} s`,
        `${totals.sent ?? '?'} / ${totals.skipped ?? '?'} / ${totals.failed ?? '?'}`,
        String(emails),
        `${((seconds * 1000) / n).toFixed(0)} ms`,
        seconds <= API_GATEWAY_LIMIT_S ? 'yes' : 'no',
        load.toFixed(1),
        cpuS,
        [...reasons].map(([r, k]) => `${k} ${r}`).join(', ') || '-',
      ]);
    };
    for (const n of SIZES) {
      const { call, ids } = await seed(n);
      await measure(`${n} invoices, ${n / PER_CLIENT} clients`, n, () => call('POST', '/reminders/batch', { invoiceIds: ids, templateId: 'reminder' }));
    }
    // `BENCH_BATCH_NO_BUDGET=1`: the use case called in this process with no time budget, so every invoice is
    // sent whatever the load: its CPU seconds are the cost of the whole batch, which the load barely moves.
    if (process.env.BENCH_BATCH_NO_BUDGET === '1') {
      const { makeSendBatchReminders } = await import('../shared/app/reminders/batch-reminders.js');
      const { reminderSendDeps } = await import('../shared/wiring-reminder-send.js');
      const send = makeSendBatchReminders({ ...reminderSendDeps(), list: async () => ({ items: [] }), invoicesByIds: (t, ids) => wiring.invoiceRows().invoices(t, ids), timeBudgetMs: 3_600_000 });
      for (const n of SIZES) {
        const { tenantId, ids } = await seed(n);
        await measure(`${n} invoices, in-process, no time budget`, n, async () => ({ status: 200, json: await send(tenantId, { invoiceIds: ids, templateId: 'reminder' }) }));
      }
    }
    // What one invoice PDF costs right now on this machine (warm, in this process): the floor of a batch.
    const { ReactPdfRenderer } = await import('../shared/adapters/pdf/react-pdf-renderer.js');
    const { anInvoicePdfData } = await import('../test/fixtures/pdf-fixtures.js');
    const renderer = new ReactPdfRenderer(allDocumentTemplates);
    await renderer.invoice(anInvoicePdfData());
    const renders: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = performance.now();
      await renderer.invoice(anInvoicePdfData());
      renders.push(since(r));
    }
    const pdfMs = renders.sort((a, b) => a - b)[5]!;
    return [
      {
        title: `POST /reminders/batch on the local stack (${PER_CLIENT} late invoices per client, one email per client with its PDFs)`,
        headers: ['batch', 'status', 'answered in', 'sent / skipped / failed', 'emails', 'per invoice', `≤ ${API_GATEWAY_LIMIT_S} s`, 'load avg', 'CPU s: node / DynamoDB Local', 'not sent'],
        rows,
        notes: [
          ...requestNotes,
          `Every invoice PDF is rendered (react-pdf) and attached: one warm 1-page invoice PDF took ${pdfMs.toFixed(0)} ms (median of 10) during this run, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} vCPU. One process, as one Lambda would run it.`,
        ],
      },
    ];
  } finally {
    await stack.stop();
  }
};
