import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFontCommands, pdfBundling, runtimeClosure } from '../../infra/pdf-bundling.js';
import { aBusinessClient, anInvoicePdfData, pdfText } from '../fixtures/pdf-fixtures.js';

/** Polish, Greek and Cyrillic: only the embedded DejaVu Sans (not the built-in Helvetica) prints them. */
const UNICODE_NAME = 'Łukasz Żółć · Παπαδόπουλος · Дмитрий Шостакович';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What RelancesFunction + pdfBundling() ask of esbuild for a `pdf: true` function. */
const lambdaEsbuildOptions = (outdir: string, external: string[]): BuildOptions => ({
  stdin: {
    contents: "export { ReactPdfRenderer } from './shared/adapters/pdf/react-pdf-renderer.ts'; export { allDocumentTemplates } from './shared/wiring-pdf.ts';",
    resolveDir: REPO_ROOT,
    sourcefile: 'pdf-entry.ts',
    loader: 'ts',
  },
  outfile: join(outdir, 'index.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  charset: 'utf8',
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  external,
  logLevel: 'silent',
});

/** Renders the invoice from `data.json` twice with the bundle, as a fresh Lambda would. */
const RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs';
import { ReactPdfRenderer, allDocumentTemplates } from './index.mjs';
const data = JSON.parse(readFileSync(new URL('./data.json', import.meta.url), 'utf8'));
const renderer = new ReactPdfRenderer(allDocumentTemplates);
let t = performance.now();
await renderer.invoice(data);
const coldMs = performance.now() - t;
const warm = [];
let bytes;
for (let i = 0; i < 5; i += 1) { t = performance.now(); bytes = await renderer.invoice(data); warm.push(performance.now() - t); }
writeFileSync(new URL('./invoice.pdf', import.meta.url), bytes);
console.log(JSON.stringify({ coldMs, warmMs: warm.sort((a, b) => a - b)[2] }));
`;

const runNode = (dir: string, script: string): string =>
  // No NODE_PATH and a directory outside the repository: only <dir>/node_modules can resolve.
  execFileSync(process.execPath, [script], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const bytesOf = (path: string): number => Number(execSync(`du -sk '${path}'`, { encoding: 'utf8' }).split('\t')[0]) * 1024;

describe('pdfBundling', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'relances-pdf-bundle-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps @react-pdf/renderer, react and qrcode external and copies with plain mkdir/cp, deterministically', () => {
    const { externalModules, commandHooks } = pdfBundling();
    expect(externalModules).toEqual(['@react-pdf/renderer', 'react', 'qrcode']);
    const commands = commandHooks.afterBundling('/asset-input', '/asset-output');
    expect(commands.every((c) => /^(mkdir -p|cp -R) '\/asset-/.test(c))).toBe(true);
    // The two DejaVu Sans files the templates register, not the whole 12 MB font package.
    expect(commands).toContain("cp -R '/asset-input/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf' '/asset-output/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'");
    expect(commands).toContain("cp -R '/asset-input/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' '/asset-output/node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'");
    expect(commands.filter((c) => c.includes('dejavu-fonts-ttf') && c.startsWith('cp '))).toHaveLength(4);
    expect(commands.join('\n')).not.toMatch(/\bnpm (ci|install)\b|\bcurl |\bwget /);
    expect(commandHooks.afterBundling('/asset-input', '/asset-output')).toEqual(commands);
    expect(commandHooks.beforeBundling('/asset-input', '/asset-output')).toEqual([]);
    const closure = runtimeClosure(REPO_ROOT);
    expect(closure).toEqual(expect.arrayContaining(['node_modules/@react-pdf/renderer', 'node_modules/pdfkit', 'node_modules/react', 'node_modules/fontkit']));
    expect(closure).not.toContain('node_modules/esbuild');
  });

  describe('from the bundled artefact', () => {
    const out = tempDir();
    let measured: { coldMs: number; warmMs: number };

    beforeAll(async () => {
      const { externalModules, commandHooks } = pdfBundling();
      await build(lambdaEsbuildOptions(out, externalModules));
      execSync(commandHooks.afterBundling(REPO_ROOT, out).join(' && '), { shell: '/bin/bash', stdio: 'pipe' });
      writeFileSync(join(out, 'data.json'), JSON.stringify(anInvoicePdfData({ copy: true, client: aBusinessClient({ name: UNICODE_NAME }) })));
      writeFileSync(join(out, 'render.mjs'), RUNNER);
      measured = JSON.parse(runNode(out, 'render.mjs')) as typeof measured;
    });

    it('renders an invoice with only the copied node_modules', async () => {
      expect(out.startsWith(REPO_ROOT)).toBe(false);
      expect(existsSync(join(out, 'node_modules/@react-pdf/renderer/package.json'))).toBe(true);
      const pdf = new Uint8Array(readFileSync(join(out, 'invoice.pdf')));
      expect(new TextDecoder().decode(pdf.subarray(0, 4))).toBe('%PDF');
      const text = await pdfText(pdf);
      expect(text).toContain('F-2026-0001');
      expect(text).toContain('Reste à payer 1 544,70 €');
      expect(text).toContain(UNICODE_NAME);
      expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      expect(readdirSync(join(out, 'node_modules/dejavu-fonts-ttf/ttf')).sort()).toEqual(['DejaVuSans-Bold.ttf', 'DejaVuSans.ttf']);

      const sizes = {
        bundleKiB: Math.round(bytesOf(join(out, 'index.mjs')) / 1024),
        nodeModulesMiB: +(bytesOf(join(out, 'node_modules')) / 1024 / 1024).toFixed(1),
        packages: runtimeClosure(REPO_ROOT).length,
        pdfKiB: +(pdf.byteLength / 1024).toFixed(1),
        firstRenderMs: Math.round(measured.coldMs),
        warmRenderMs: Math.round(measured.warmMs),
      };
      console.log('pdf bundle measurements', sizes);
      // Generous bounds: they catch a closure that drags in dev tooling or a pathological render.
      expect(sizes.nodeModulesMiB).toBeLessThan(60);
      expect(sizes.warmRenderMs).toBeLessThan(3_000);
    });

    it('does not load react-pdf at import time', () => {
      // Without the renderer package the module still imports: react-pdf is loaded on first render.
      const bare = tempDir();
      writeFileSync(join(bare, 'index.mjs'), readFileSync(join(out, 'index.mjs')));
      execSync(`mkdir -p '${bare}/node_modules' && cp -R '${out}/node_modules/react' '${bare}/node_modules/'`);
      writeFileSync(join(bare, 'load.mjs'), "const m = await import('./index.mjs'); console.log(typeof m.ReactPdfRenderer);");
      expect(runNode(bare, 'load.mjs').trim()).toBe('function');
    });
  });

  it('is needed: the same bundle with react-pdf inlined cannot render (DOMAIN.md §3)', async () => {
    const out = tempDir();
    await build(lambdaEsbuildOptions(out, []));
    // The fonts are there: what fails is react-pdf itself, inlined.
    execSync(copyFontCommands(REPO_ROOT, out).join(' && '), { shell: '/bin/bash', stdio: 'pipe' });
    writeFileSync(join(out, 'data.json'), JSON.stringify(anInvoicePdfData()));
    writeFileSync(join(out, 'render.mjs'), RUNNER);
    expect(() => runNode(out, 'render.mjs')).toThrow(/standard-fonts\/Helvetica/);
  });
});
