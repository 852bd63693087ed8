/**
 * `npm run bench [-- <name>…]`: prints benchmark figures as Markdown tables (docs/benchmarks.md).
 * Figures, not pass/fail: the machine is shared and noisy. Exit 1 only when a benchmark errors.
 *
 * With no name, each benchmark runs in its own child process, so that one's loaded modules
 * (react-pdf), memory and JIT state never colour another's "cold" and memory figures.
 */
// First: React must see NODE_ENV when a benchmark loads it (bench/env.ts).
import './env.js';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatTable, formatTargets, since, TARGET_LINE, type Table, type Target } from './stats.js';

// Imported lazily: running `pdf` must not load the local stack, esbuild or the AWS SDK first.
const BENCHMARKS: Record<string, { what: string; run: () => Promise<Table[]> }> = {
  plan: { what: 'planReminders and invoiceTotals, in-process', run: async () => (await import('./plan.js')).runPlan() },
  pdf: { what: 'ReactPdfRenderer: cold and warm renders, ratio to raw pdfkit (1-page invoice), memory, sizes', run: async () => (await import('./pdf.js')).runPdf() },
  bundle: { what: 'esbuild bundle sizes and fresh-process import time per handler', run: async () => (await import('./bundle.js')).runBundle() },
  api: { what: 'local stack over HTTP: latency and throughput per endpoint', run: async () => (await import('./api.js')).runApi() },
  reminders: { what: '1,000 reminders fired and sent on the local stack: wall time, writes per reminder, cost vs floor', run: async () => (await import('./reminders.js')).runReminders() },
  import: { what: '5,000 invoices imported in one request on the local stack: dry run, import, same file again', run: async () => (await import('./import.js')).runImport() },
  batch: { what: 'POST /reminders/batch with 200 and 500 late invoices on the local stack: answer time, totals, emails', run: async () => (await import('./batch-reminders.js')).runBatchReminders() },
  overview: { what: 'daily overview of a tenant with 200 open invoices: GET /overview latency, the scheduled fire', run: async () => (await import('./overview.js')).runOverview() },
  reads: { what: 'DynamoDB read units of the cockpit and each list filter, 1k vs 20k paid history', run: async () => (await import('./read-units.js')).runReads() },
  web: { what: 'web app: initial JS gzip, home screen render time in Chromium', run: async () => (await import('./web.js')).runWeb() },
};

/** Each benchmark of a full run is stopped after this many minutes (BENCH_TIMEOUT_MIN; a loaded machine needs more). */
const CHILD_TIMEOUT_MIN = Number(process.env.BENCH_TIMEOUT_MIN) > 0 ? Number(process.env.BENCH_TIMEOUT_MIN) : 30;

/** Why a child failed, in words: a timeout kills it with SIGTERM before it prints any table. */
const failure = (child: { status: number | null; signal: NodeJS.Signals | null; error?: Error }): string =>
  (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
    ? `stopped after its ${CHILD_TIMEOUT_MIN} min limit, load average ${loadavg()[0]!.toFixed(1)}: its tables are lost; ` +
      `run it alone (no limit) or set BENCH_TIMEOUT_MIN`
    : `exit ${child.status ?? child.signal}`;

const runOne = async (name: string, { child = false } = {}): Promise<void> => {
  const bench = BENCHMARKS[name]!;
  const t = performance.now();
  const tables = await bench.run();
  for (const table of tables) console.log(formatTable(table));
  console.log(`(${name}: ${(since(t) / 1000).toFixed(1)} s)\n`);
  const targets = tables.flatMap((table) => table.targets ?? []);
  if (child) for (const target of targets) console.log(`${TARGET_LINE}${JSON.stringify(target)}`);
  else if (targets.length > 0) console.log(formatTargets(targets));
};

const main = async (): Promise<number> => {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = args.filter((a) => !(a in BENCHMARKS));
  if (unknown.length || args.includes('help')) {
    console.error(`usage: npm run bench [-- ${Object.keys(BENCHMARKS).join('|')} …]`);
    for (const [name, { what }] of Object.entries(BENCHMARKS)) console.error(`  ${name.padEnd(7)} ${what}`);
    return unknown.length ? 2 : 0;
  }

  if (args.length === 1) {
    await runOne(args[0]!, { child: process.env.RELANCES_BENCH_CHILD === '1' });
    return 0;
  }

  const names = args.length ? args : Object.keys(BENCHMARKS);
  const cpu = cpus();
  console.log(
    `Relances benchmarks — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — node ${process.version}, ` +
      `${cpu.length} vCPU (${cpu[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average ${loadavg()[0]!.toFixed(1)}\n`,
  );
  let failed = 0;
  const targets: Target[] = [];
  for (const name of names) {
    // Same node and loader flags (tsx) as this process, one benchmark per child.
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, RELANCES_BENCH_CHILD: '1' },
      timeout: CHILD_TIMEOUT_MIN * 60_000,
      maxBuffer: 256 * 1024 * 1024,
    });
    // The child's tables go on as printed; its target lines are gathered for the summary.
    for (const line of String(child.stdout ?? '').split('\n')) {
      if (line.startsWith(TARGET_LINE)) targets.push(JSON.parse(line.slice(TARGET_LINE.length)) as Target);
      else process.stdout.write(`${line}\n`);
    }
    if (child.status !== 0) {
      failed += 1;
      console.error(`bench ${name} failed (${failure(child)})\n`);
    }
  }
  if (targets.length > 0) console.log(formatTargets(targets));
  return failed ? 1 : 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
