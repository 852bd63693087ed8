/**
 * The daily overview on the local stack: a tenant with N open invoices (each with its recorded
 * plan), `GET /overview` latency, then the simulated clock passes the owner's hour and the
 * recurring schedule fires send-overview (read, render, email). Figures, not pass/fail.
 */
import { ulid } from 'ulid';
import { startLocalStack } from '../infra/local/local-stack.js';
import type { InvoiceRecord } from '../shared/app/ports.js';
import type { Client } from '../shared/domain/client.js';
import { addDays, localDate } from '../shared/domain/dates.js';
import { invoiceTotals } from '../shared/domain/invoice.js';
import { aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { client } from './load.js';
import { median, num, since, type Table } from './stats.js';

const N = Number(process.env.BENCH_OVERVIEW ?? 200);

export const runOverview = async (): Promise<Table[]> => {
  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
  try {
    const { wiring } = await import('../shared/wiring.js');
    const { invoiceRepository } = await import('../shared/wiring-invoice-repository.js');
    const tenantId = `bench-${ulid().toLowerCase()}`;
    const base = stack.urls.api.replace('//localhost:', '//127.0.0.1:');
    const call = client(base, await stack.tokenFor(tenantId, 'owner@bench.example'));
    await call('PUT', '/settings', { company: aCompanyIdentity({ email: 'owner@bench.example' }), notifications: { overviewHour: 6 } });
    const today = localDate(new Date(), 'Europe/Paris');
    const lines = [{ description: 'Intervention', quantity: 1, unitPriceCents: 45_000, vatRate: 10 as const }];
    const at = new Date().toISOString();
    for (let i = 0; i < N; i += 50) {
      await Promise.all(Array.from({ length: Math.min(50, N - i) }, async (_, k) => {
        const c: Client = { id: ulid(), name: `Client ${i + k}`, kind: 'business', email: `bench-${i + k}@client.test`, ccEmails: [], language: 'fr', remindersEnabled: true, emailStatus: 'ok', createdAt: at, updatedAt: at };
        await wiring.clients().create(tenantId, c);
        // Due dates spread over the next weeks: a few reminders each day, some invoices due yesterday.
        const due = addDays(today, ((i + k) % 40) - 1);
        const invoice: InvoiceRecord = {
          id: ulid(), tenantId, clientId: c.id, clientKind: 'business', number: `F-2026-${String(i + k + 1).padStart(4, '0')}`, issueDate: addDays(due, -30), dueDate: due,
          lines, currency: 'EUR', totals: invoiceTotals(lines), paidCents: 0, creditedCents: 0, status: 'sent', remindersPaused: false, disputed: false,
          sentAt: at, reminderCount: 0, version: 1, createdAt: at, updatedAt: at,
        };
        await invoiceRepository().create(invoice, { at, type: 'invoice.created' });
      }));
    }
    // Every plan recorded and the overview schedule created (the control endpoint drains the stream).
    const pending = ((await (await fetch(`${base}/local/schedules`)).json()) as { items: { at: string; input: { kind?: string; tenantId?: string } }[] }).items;
    const schedule = pending.find((s) => s.input.kind === 'overview' && s.input.tenantId === tenantId)!;
    const times: number[] = [];
    let overview: { reminders: unknown[]; newlyOverdue: unknown[] } | undefined;
    for (let run = 0; run < 7; run++) {
      const t = performance.now();
      overview = (await call('GET', `/overview?date=${localDate(new Date(schedule.at), 'Europe/Paris')}`)).json as typeof overview;
      times.push(since(t));
    }
    const t = performance.now();
    const res = await fetch(`${base}/local/schedules/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ until: new Date(Date.parse(schedule.at) + 60_000).toISOString() }) });
    const fired = ((await res.json()) as { fired: { input: { kind?: string; tenantId?: string }; result?: { outcome?: string } }[] }).fired;
    const runS = since(t) / 1000;
    const ours = fired.filter((f) => f.input.kind === 'overview' && f.input.tenantId === tenantId);
    return [{
      title: `Daily overview of a tenant with ${N} open invoices (local stack)`,
      headers: ['figure', 'value'],
      rows: [
        ['GET /overview, median of 7 (ms)', num(median(times))],
        ['GET /overview, first (cold handler) (ms)', num(times[0]!)],
        ['items: reminders that day / newly overdue', `${overview?.reminders.length} / ${overview?.newlyOverdue.length}`],
        ['clock run to the owner\'s hour: wall time (s), schedules fired', `${runS.toFixed(1)}, ${fired.length}`],
        ['overview fire outcome', ours.map((f) => f.result?.outcome ?? 'error').join(', ')],
      ],
    }];
  } finally {
    await stack.stop();
  }
};
