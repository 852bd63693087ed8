/**
 * 5,000 invoices imported in one request on the local stack (issue 9 §5): a generated CSV
 * (`;`, French decimals, 500 clients, a tenth partly paid) sent as text/csv; the dry run, the
 * import, and the same file again (which must change nothing). Prints wall times and counts.
 */
import { loadavg } from 'node:os';
import { ulid } from 'ulid';
import { startLocalStack } from '../infra/local/local-stack.js';
import { addDays, localDate } from '../shared/domain/dates.js';
import { aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { since, type Table } from './stats.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
/** API Gateway answers 503 after 30 s: the one request must finish well within it. */
const LIMIT_S = 29;
/** The request's own target: 5,000 rows answered within 2 s on a quiet machine (a wide margin under 30 s loaded). */
const ANSWER_TARGET_S = 2;

const euros = (cents: number): string => `${Math.floor(cents / 100).toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')},${String(cents % 100).padStart(2, '0')}`;

const csvOf = (today: string): string => {
  const lines = ['N° facture;Client;E-mail;SIREN;Type;Date facture;Échéance;Montant HT;TVA;Montant TTC;Déjà réglé'];
  for (let i = 0; i < ROWS; i++) {
    const net = 10_000 + ((i * 7919) % 400_000);
    const vat = Math.round(net * 0.2);
    const issue = addDays(today, -(i % 120));
    const client = i % 500;
    lines.push(
      [`IMP-${String(i + 1).padStart(5, '0')}`, `Client importé ${client}`, `client-${client}@import.test`, '', client % 3 ? 'professionnel' : 'particulier', issue, addDays(issue, 30), euros(net), euros(vat), euros(net + vat), i % 10 === 0 ? euros(Math.round((net + vat) / 2)) : ''].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
};

export const runImport = async (): Promise<Table[]> => {
  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
  try {
    const tenantId = `bench-${ulid().toLowerCase()}`;
    const api = stack.urls.api.replace('//localhost:', '//127.0.0.1:');
    const token = await stack.tokenFor(tenantId, 'compta@bench.example');
    const settings = await fetch(`${api}/settings`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ company: aCompanyIdentity() }) });
    if (!settings.ok) throw new Error(`settings: ${settings.status}`);
    const csv = csvOf(localDate(new Date(), 'Europe/Paris'));
    const load = loadavg()[0]!;
    // As the web app sends it: with an Idempotency-Key (its record is written before and after the import).
    const upload = async (query: string) => {
      const t = performance.now();
      const res = await fetch(`${api}/imports/invoices${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8', 'idempotency-key': ulid() }, body: csv });
      const body = (await res.json()) as { id?: string; rows?: number; created?: number; existing?: number; clientsCreated?: number; errors?: unknown[]; detail?: string };
      if (!res.ok) throw new Error(`import${query}: ${res.status} ${body.detail ?? ''}`);
      return { s: since(t) / 1000, ...body };
    };
    // A one-row dry run first: the handler's modules are loaded (cold start, the `bundle` benchmark's figure) before the 5,000 rows are timed.
    const warm = await fetch(`${api}/imports/invoices?dryRun=true`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' }, body: csv.split('\r\n').slice(0, 2).join('\r\n') });
    if (!warm.ok) throw new Error(`warm-up: ${warm.status}`);
    const dry = await upload('?dryRun=true');
    const real = await upload('');
    // Above 200 invoices the answer is 202 and a job writes them from the stream: follow it.
    let job: { status?: string; processed?: number; total?: number } = {};
    const started = performance.now();
    while (real.id && job.status !== 'done') {
      await new Promise((r) => setTimeout(r, 500));
      job = (await (await fetch(`${api}/imports/${real.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as typeof job;
      if (since(started) > 10 * 60_000) throw new Error(`import job not done after 10 min: ${JSON.stringify(job)}`);
    }
    const jobS = (since(started) + real.s * 1000) / 1000;
    const again = await upload('');
    const row = (what: string, r: Awaited<ReturnType<typeof upload>>, expect: string) =>
      [what, `${r.s.toFixed(1)} s: ${r.rows} rows, ${r.created} created, ${r.existing} existing, ${r.clientsCreated} clients, ${r.errors?.length ?? 0} errors`, expect];
    const slowest = Math.max(dry.s, real.s, again.s);
    return [
      {
        title: `Import of ${ROWS.toLocaleString('en')} invoices in one request (CSV ${(csv.length / 1024).toFixed(0)} KB, local stack, load average ${load.toFixed(1)} at the start)`,
        headers: ['request', 'figure', 'target'],
        rows: [
          row('dry run', dry, `≤ ${ANSWER_TARGET_S} s quiet, < ${LIMIT_S} s loaded, nothing written`),
          row('import (answer)', real, `≤ ${ANSWER_TARGET_S} s quiet, < ${LIMIT_S} s loaded`),
          ['import job, answer to done', `${jobS.toFixed(1)} s: ${job.processed ?? real.created} of ${job.total ?? real.created} written (${((job.processed ?? 0) / jobS).toFixed(0)} invoices/s)`, `${ROWS} written`],
          row('same file again', again, `${ROWS} existing, 0 created, ≤ ${ANSWER_TARGET_S} s quiet`),
        ],
        notes: [`The answers' target holds on a quiet machine (load average below 2): this run started at load average ${load.toFixed(1)}.`],
        targets: [
          {
            target: `${ROWS.toLocaleString('en')}-row import answered (slowest of dry run, import, same file again; quiet machine)`,
            measured: `${slowest.toFixed(1)} s at load ${load.toFixed(1)}`,
            limit: `${ANSWER_TARGET_S} s`,
            met: slowest <= ANSWER_TARGET_S,
            ...(slowest > ANSWER_TARGET_S
              ? { whyMissed: load >= 2 ? `measured at load average ${load.toFixed(1)}, not on a quiet machine: DynamoDB Local shares the cores` : 'missed on a quiet machine' }
              : {}),
          },
        ],
      },
    ];
  } finally {
    await stack.stop();
  }
};
