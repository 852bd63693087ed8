/**
 * Mass send on the local stack (issue 10 §1): POST /reminders/batch with 200 and 500 late invoices,
 * 4 per client (one message per client with its 4 PDFs), against API Gateway's 30 s limit. Prints the
 * answer time, the totals and the emails the SES emulator received.
 */
import { cpus, loadavg } from 'node:os';
import { ulid } from 'ulid';
import { startLocalStack } from '../infra/local/local-stack.js';
import { addDays, localDate } from '../shared/domain/dates.js';
import { invoiceTotals } from '../shared/domain/invoice.js';
import type { InvoiceRecord } from '../shared/app/ports.js';
import type { Client } from '../shared/domain/client.js';
import { aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { client } from './load.js';
import { since, type Table } from './stats.js';

import { allDocumentTemplates } from '../shared/wiring-pdf.js';
const SIZES = (process.env.BENCH_BATCH ?? '200,500').split(',').map(Number);
const PER_CLIENT = Number(process.env.BENCH_BATCH_PER_CLIENT ?? 4);
const API_GATEWAY_LIMIT_S = 30;

export const runBatchReminders = async (): Promise<Table[]> => {
  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
  try {
    const { wiring } = await import('../shared/wiring.js');
    const rows: string[][] = [];
    for (const n of SIZES) {
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
            await wiring.invoices().create(invoice, { at, type: 'invoice.created' });
            ids.push(invoice.id);
          }),
        );
      }
      // Let both stream consumers catch up, so the batch is timed alone.
      await fetch(`${stack.urls.api}/local/streams/drain`, { method: 'POST' });
      const before = ((await (await fetch(`${stack.urls.ses}/store`)).json()) as { emails: unknown[] }).emails.length;
      const t = performance.now();
      const res = await call('POST', '/reminders/batch', { invoiceIds: ids, templateId: 'reminder' });
      const seconds = since(t) / 1000;
      const emails = ((await (await fetch(`${stack.urls.ses}/store`)).json()) as { emails: unknown[] }).emails.length - before;
      const totals = res.json?.totals ?? {};
      rows.push([
        `${n} invoices, ${n / PER_CLIENT} clients`,
        String(res.status),
        `${seconds.toFixed(1)} s`,
        `${totals.sent ?? '?'} / ${totals.skipped ?? '?'} / ${totals.failed ?? '?'}`,
        String(emails),
        `${((seconds * 1000) / n).toFixed(0)} ms`,
        seconds <= API_GATEWAY_LIMIT_S ? 'yes' : 'no',
      ]);
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
        headers: ['batch', 'status', 'answered in', 'sent / skipped / failed', 'emails', 'per invoice', `≤ ${API_GATEWAY_LIMIT_S} s`],
        rows,
        notes: [
          `Every invoice PDF is rendered (react-pdf) and attached: one warm 1-page invoice PDF took ${pdfMs.toFixed(0)} ms (median of 10) during this run, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} vCPU. One process, as one Lambda would run it.`,
        ],
      },
    ];
  } finally {
    await stack.stop();
  }
};
