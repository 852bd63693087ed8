/**
 * `bundle`: each representative handler bundled by esbuild with the options of RelancesFunction
 * (infra/constructs/relances-function.ts) and, for PDF functions, pdfBundling's externals and
 * copied node_modules closure (infra/pdf-bundling.ts). Then the module-evaluation time of each
 * bundle in a fresh `node` process, a proxy for Lambda INIT (no network call happens at import).
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { copyClosureCommands, PDF_RUNTIME_PACKAGES, runtimeClosure } from '../infra/pdf-bundling.js';
import { REPO_ROOT } from '../infra/constructs/relances-function.js';
import { kib, median, mib, num, type Table } from './stats.js';

const HANDLERS: readonly { handler: string; pdf: boolean }[] = [
  { handler: 'functions/invoices/get-invoice', pdf: false },
  { handler: 'functions/invoices/list-invoices', pdf: false },
  { handler: 'functions/payments/record-payment', pdf: false },
  { handler: 'functions/reminders/sync-schedules', pdf: false },
  { handler: 'functions/invoices/send-invoice', pdf: true },
  { handler: 'functions/reminders/send-reminder', pdf: true },
];
const IMPORT_RUNS = 5;

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
};

/** Milliseconds to import `specifier` in a fresh node process, median of IMPORT_RUNS. */
const importMs = (specifier: string, cwd: string): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const runs = Array.from({ length: IMPORT_RUNS }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd,
        env: LAMBDA_ENV,
        encoding: 'utf8',
        timeout: 30_000,
        stdio: ['ignore', 'pipe', 'pipe'], // the SDK's Node-version warning goes to stderr
      }).trim(),
    ),
  );
  return median(runs);
};

/** The package (or top-level source folder) that contributes most bytes to the output, with its share. */
const largestInput = (metafile: Metafile): string => {
  const bytes = new Map<string, number>();
  let total = 0;
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const key = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
      bytes.set(key, (bytes.get(key) ?? 0) + input.bytesInOutput);
      total += input.bytesInOutput;
    }
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

export const runBundle = async (): Promise<Table[]> => {
  // Inside the repository so that the external @aws-sdk/* (provided by the Lambda runtime) resolve from its node_modules.
  const outRoot = join(REPO_ROOT, 'bench', '.out');
  const closureDir = mkdtempSync(join(tmpdir(), 'relances-bench-closure-'));
  try {
    const rows: string[][] = [];
    for (const { handler, pdf } of HANDLERS) {
      const outdir = join(outRoot, handler.replaceAll('/', '_'));
      mkdirSync(outdir, { recursive: true });
      const outfile = join(outdir, 'index.mjs');
      const { metafile } = await build({
        entryPoints: [join(REPO_ROOT, `${handler}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
        minify: true,
        sourcemap: true,
        sourcesContent: false,
        external: ['@aws-sdk/*', ...(pdf ? PDF_RUNTIME_PACKAGES : [])],
        metafile: true,
        logLevel: 'silent',
      });
      const js = readFileSync(outfile);
      const map = statSync(`${outfile}.map`).size;
      const ms = importMs(pathToFileURL(outfile).href, outdir);
      rows.push([handler.replace('functions/', ''), pdf ? 'yes' : 'no', kib(js.byteLength), kib(gzipSync(js).byteLength), kib(map), num(ms), largestInput(metafile)]);
    }

    // pdfBundling's afterBundling step, run for real: plain mkdir/cp of the closure.
    const closure = runtimeClosure(REPO_ROOT);
    for (const command of copyClosureCommands(REPO_ROOT, REPO_ROOT, closureDir, closure)) execSync(command, { stdio: 'ignore' });
    const copied = dirSize(join(closureDir, 'node_modules'));
    // Loading react-pdf from that copy alone (cwd outside the repo): what the first render of a PDF Lambda pays.
    const reactPdfMs = importMs('@react-pdf/renderer', closureDir);

    return [
      {
        title: 'bundle — esbuild as RelancesFunction (ESM, node22, minify, @aws-sdk/* external)',
        headers: ['handler', 'pdf', 'index.mjs', 'gzip', '.map', `import ms (median of ${IMPORT_RUNS})`, 'largest input'],
        rows,
        notes: [`import ms: \`await import(bundle)\` in a fresh \`node ${process.version}\` process, dummy env; a proxy for Lambda INIT (Lambda runs node22).`],
      },
      {
        title: 'bundle — PDF functions: node_modules copied by pdfBundling',
        headers: ['what', 'value'],
        rows: [
          ['packages in the closure', String(closure.length)],
          ['files', String(copied.files)],
          ['size on disk (apparent)', mib(copied.bytes)],
          [`import @react-pdf/renderer from the copy, ms (median of ${IMPORT_RUNS})`, num(reactPdfMs)],
        ],
        notes: ['The PDF handlers import react-pdf lazily (shared/adapters/pdf/react-pdf-renderer.ts): the first render pays the last row, not INIT.'],
      },
    ];
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
    rmSync(closureDir, { recursive: true, force: true });
  }
};
