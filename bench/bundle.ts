/**
 * `bundle`: every function of the stack bundled by esbuild with the options CDK uses
 * (infra/constructs/function-bundling.ts, the same code as the bundle-budget infra test), plus
 * a floor handler (bench/floor-handler.ts: a bare DynamoDB GetItem bundled the same way).
 * Then the module-evaluation time of a set of bundles in fresh `node` processes, a proxy for
 * Lambda INIT, as a ratio to the floor measured in the same rounds (interleaved, so machine
 * load hits both alike). And pdfBundling's copied node_modules.
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleFunctions, stackFunctions, type FunctionBundleReport } from '../infra/constructs/function-bundling.js';
import { copyClosureCommands, runtimeClosure } from '../infra/pdf-bundling.js';
import { REPO_ROOT } from '../infra/constructs/relances-function.js';
import { kib, median, mib, num, type Table, type Target } from './stats.js';

/** Issue 12 targets (sizes: the same budgets as test/infra/bundle-budget.test.ts). */
const SIZE_BUDGET_BYTES = 300_000;
const SEND_REMINDER = 'functions/reminders/send-reminder';
/** send-reminder alone carries Powertools Tracer and the X-Ray SDK. */
const SEND_REMINDER_SIZE_BUDGET_BYTES = 400_000;
const API_IMPORT_TARGET = 1.3;
/** The send path (PDF + SESv2 client): send-reminder, and the API functions that email a document. */
const SEND_PATH_IMPORT_TARGET = 2.5;

/** Bundles whose import time is measured (all of them with BENCH_BUNDLE_ALL=1): one per kind of function. */
const TIMED = [
  'functions/system/health',
  // Feature Lambdas (docs/adr/0001-feature-lambdas.md): one bundle serves a feature's light routes.
  'functions/invoices/invoices-api',
  'functions/clients/clients-api',
  'functions/payments/payments-api',
  'functions/reminders/reminders-api',
  'functions/templates/templates-api',
  'functions/email/email-events',
  'functions/reminders/sync-schedules',
  'functions/invoices/send-invoice',
  SEND_REMINDER,
];
const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 7);
const FLOOR = 'bench/floor-handler';

/** Dummy configuration so shared/config.ts parses; nothing is called at import. */
const LAMBDA_ENV = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'bench-table',
  AWS_REGION: 'eu-west-3',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  SENDER_EMAIL: 'bench@example.com',
  SES_CONFIGURATION_SET: 'bench',
  SCHEDULE_GROUP: 'bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/bench',
  SEND_REMINDER_FUNCTION_ARN: 'arn:aws:lambda:eu-west-3:000000000000:function:bench',
  REMINDER_DLQ_ARN: 'arn:aws:sqs:eu-west-3:000000000000:bench',
  POWERTOOLS_SERVICE_NAME: 'relances',
};

/**
 * Importing `specifier` in a fresh node process: wall-clock and CPU milliseconds (user +
 * system of the process). CPU time is what the ratios use: on this shared machine the wall
 * clock mostly measures the other jobs, while the CPU an import burns is its own.
 */
const importOnce = (specifier: string, cwd: string): { wall: number; cpu: number } => {
  const script =
    `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(specifier)}); ` +
    `const u = process.cpuUsage(c); console.log(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      env: LAMBDA_ENV,
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'], // the SDK's Node-version warning goes to stderr
    }).trim(),
  ) as { wall: number; cpu: number };
};

/** The package (or top-level source folder) that contributes most bytes to the bundle, with its share. */
const largestInput = (inputs: Readonly<Record<string, number>>): string => {
  const bytes = new Map<string, number>();
  let total = 0;
  for (const [path, size] of Object.entries(inputs)) {
    const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    bytes.set(key, (bytes.get(key) ?? 0) + size);
    total += size;
  }
  const [name, size] = [...bytes.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
  return `${name} ${kib(size)} (${Math.round((size / Math.max(1, total)) * 100)}%)`;
};

const dirSize = (dir: string): { bytes: number; files: number } => {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      bytes += statSync(join(entry.parentPath, entry.name)).size;
      files += 1;
    }
  }
  return { bytes, files };
};

const sdkClients = (b: FunctionBundleReport): string =>
  b.externals.filter((e) => e.startsWith('@aws-sdk/client-')).map((e) => e.replace('@aws-sdk/client-', '')).join(' ') || '-';

export const runBundle = async (): Promise<Table[]> => {
  // Inside the repository so that the external @aws-sdk/* (provided by the Lambda runtime) resolve from its node_modules.
  const outRoot = join(REPO_ROOT, 'bench', '.out');
  const closureDir = mkdtempSync(join(tmpdir(), 'relances-bench-closure-'));
  try {
    const floorFn = { handler: FLOOR, pdf: false, sends: false, schedules: false, portalLinks: false };
    const bundles = await bundleFunctions(REPO_ROOT, [floorFn, ...stackFunctions()], outRoot);
    const floor = bundles.find((b) => b.handler === FLOOR)!;
    const functions = bundles.filter((b) => b !== floor).sort((a, b) => b.bytes - a.bytes);
    const fileOf = (handler: string) => pathToFileURL(join(outRoot, handler, 'index.mjs')).href;

    // Interleaved rounds: floor, then each timed bundle, ROUNDS times.
    const timed = process.env.BENCH_BUNDLE_ALL ? functions.map((f) => f.handler) : TIMED;
    const samples = new Map<string, { wall: number; cpu: number }[]>([[FLOOR, []], ...timed.map((h) => [h, []] as [string, { wall: number; cpu: number }[]])]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const handler of [FLOOR, ...timed]) samples.get(handler)!.push(importOnce(fileOf(handler), outRoot));
    }
    const cpuOf = (handler: string) => median(samples.get(handler)!.map((s) => s.cpu));
    const wallOf = (handler: string) => median(samples.get(handler)!.map((s) => s.wall));
    const floorMs = cpuOf(FLOOR);
    const ratios = timed.map((handler) => {
      const ms = cpuOf(handler);
      const sends = functions.find((f) => f.handler === handler)!.sends;
      const target = sends ? SEND_PATH_IMPORT_TARGET : API_IMPORT_TARGET;
      return { handler, ms, wall: wallOf(handler), ratio: ms / floorMs, target, sends };
    });

    const largestApi = functions.filter((f) => f.handler !== SEND_REMINDER).reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const sendReminderBytes = functions.find((f) => f.handler === SEND_REMINDER)!.bytes;
    const sizeRows = functions.map((b) => [
      b.handler.replace('functions/', ''),
      b.pdf ? 'yes' : 'no',
      kib(b.bytes),
      sdkClients(b),
      largestInput(b.inputs),
    ]);

    // pdfBundling's afterBundling step, run for real: plain mkdir/cp of the closure.
    const closure = runtimeClosure(REPO_ROOT);
    for (const command of copyClosureCommands(REPO_ROOT, REPO_ROOT, closureDir, closure)) execSync(command, { stdio: 'ignore' });
    const copied = dirSize(join(closureDir, 'node_modules'));
    const reactPdfMs = median(Array.from({ length: 5 }, () => importOnce('@react-pdf/renderer', closureDir).wall));

    const worstOf = (rows: typeof ratios) => rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const worstApi = worstOf(ratios.filter((r) => !r.sends));
    const worstSend = worstOf(ratios.filter((r) => r.sends));
    const targets: Target[] = [
      { target: `largest API/event bundle, minified (${largestApi.handler.replace('functions/', '')})`, measured: `${num(largestApi.bytes / 1000)} KB`, limit: `${SIZE_BUDGET_BYTES / 1000} KB`, met: largestApi.bytes <= SIZE_BUDGET_BYTES },
      { target: 'send-reminder bundle, minified (with Tracer)', measured: `${num(sendReminderBytes / 1000)} KB`, limit: `${SEND_REMINDER_SIZE_BUDGET_BYTES / 1000} KB`, met: sendReminderBytes <= SEND_REMINDER_SIZE_BUDGET_BYTES },
      { target: `cold import ÷ floor, worst API/event function that sends nothing (${worstApi.handler.replace('functions/', '')})`, measured: `${worstApi.ratio.toFixed(2)}×`, limit: `${API_IMPORT_TARGET}×`, met: worstApi.ratio <= API_IMPORT_TARGET },
      { target: `cold import ÷ floor, worst send-path function (${worstSend.handler.replace('functions/', '')})`, measured: `${worstSend.ratio.toFixed(2)}×`, limit: `${SEND_PATH_IMPORT_TARGET}×`, met: worstSend.ratio <= SEND_PATH_IMPORT_TARGET },
    ];
    return [
      {
        title: 'bundle — targets (issue 12)',
        headers: ['target', 'measured', 'limit', 'status'],
        rows: targets.map((t) => [t.target, t.measured, t.limit, t.met ? 'met' : '**missed**']),
        targets,
        notes: [`Floor: ${FLOOR}.ts (a bare DynamoDB GetItem, ${kib(floor.bytes)}), imported in ${num(floorMs)} ms of CPU (median of ${ROUNDS}).`],
      },
      {
        title: `bundle — cold import in a fresh node process, ratio to the floor (median of ${ROUNDS}, interleaved)`,
        headers: ['bundle', 'import CPU ms', 'wall ms', '÷ floor (CPU)', 'target'],
        rows: [
          ['floor (DynamoDB GetItem)', num(floorMs), num(wallOf(FLOOR)), '1.00×', '-'],
          ...ratios.map((r) => [r.handler.replace('functions/', ''), num(r.ms), num(r.wall), `${r.ratio.toFixed(2)}×`, `≤ ${r.target}×`]),
        ],
        notes: [
          `CPU (user + system) and wall time of \`await import(bundle)\` in a fresh \`node ${process.version}\` process, dummy env: a proxy for Lambda INIT (Lambda runs node22 on arm64).`,
          'The @aws-sdk/* packages are external (the runtime ships them) and load from node_modules, so their import cost is in every figure, the floor\'s included.',
          'Send-path functions (send-reminder and the routes flagged `email`) load the SESv2 client as well and are held to the send-reminder target.',
          ...(process.env.BENCH_BUNDLE_ALL ? [] : ['One bundle per kind of function; BENCH_BUNDLE_ALL=1 times every bundle.']),
        ],
      },
      {
        title: `bundle — every function of the stack, esbuild as CDK (ESM, node22, minify, @aws-sdk/* external); budget ${SIZE_BUDGET_BYTES / 1000} KB`,
        headers: ['function', 'pdf', 'index.mjs', 'SDK clients', 'largest input'],
        rows: sizeRows,
        notes: ['The same bundles are checked against the budget by test/infra/bundle-budget.test.ts.'],
      },
      {
        title: 'bundle — PDF functions: node_modules copied by pdfBundling',
        headers: ['what', 'value'],
        rows: [
          ['packages in the closure', String(closure.length)],
          ['files', String(copied.files)],
          ['size on disk (apparent)', mib(copied.bytes)],
          ['import @react-pdf/renderer from the copy, ms (median of 5)', num(reactPdfMs)],
        ],
        notes: ['The PDF handlers import react-pdf lazily (shared/adapters/pdf/react-pdf-renderer.ts): the first render pays the last row, not INIT.'],
      },
    ];
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
    rmSync(closureDir, { recursive: true, force: true });
  }
};
