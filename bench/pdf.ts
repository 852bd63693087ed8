/**
 * `pdf`: ReactPdfRenderer in-process. The first render is cold: it loads @react-pdf/renderer
 * (pdfkit, fontkit, yoga…) and the template module, as the first render of a Lambda does.
 */
import type { InvoicePdfData } from '../shared/app/ports.js';
import type { InvoiceLine } from '../shared/domain/invoice.js';
import { VAT_RATES } from '../shared/domain/money.js';
import { kib, mib, num, percentile, since, sortedCopy, type Table } from './stats.js';

import { allDocumentTemplates } from '../shared/wiring-pdf.js';
const WARM_RENDERS = 30;
const MAX_WARM_MS = 20_000;
/** Issue 12: a warm one-page invoice costs at most this many times raw pdfkit drawing the same page. */
const PDFKIT_RATIO_TARGET = 3;
const RATIO_PAIRS = 40;

interface Case {
  readonly name: string;
  readonly render: () => Promise<Uint8Array>;
}

const timeRenders = async (render: () => Promise<Uint8Array>): Promise<{ firstMs: number; warm: number[]; bytes: number }> => {
  let t = performance.now();
  const first = await render();
  const firstMs = since(t);
  const warm: number[] = [];
  const deadline = performance.now() + MAX_WARM_MS;
  while (warm.length < WARM_RENDERS && performance.now() < deadline) {
    t = performance.now();
    await render();
    warm.push(since(t));
  }
  return { firstMs, warm: sortedCopy(warm), bytes: first.byteLength };
};

const longLines = (): InvoiceLine[] =>
  Array.from({ length: 50 }, (_, i) => ({
    description: `Ligne ${i + 1} — fourniture et pose, menuiserie extérieure`,
    quantity: [1, 2.5, 0.75, 12, 3.125][i % 5]!,
    unitPriceCents: 1_990 + i * 137,
    vatRate: VAT_RATES[i % VAT_RATES.length]!,
  }));

/**
 * The floor: raw pdfkit drawing the same one-page invoice (bench/pdfkit-page.ts). Renders are
 * interleaved (react-pdf, pdfkit, react-pdf, …) so that the noise of this shared machine
 * falls on both alike; both are warm (fonts parsed, modules loaded, JIT settled).
 */
const againstPdfkit = async (reactPdf: () => Promise<Uint8Array>, data: InvoicePdfData): Promise<Table> => {
  const { renderInvoiceWithPdfkit } = await import('./pdfkit-page.js');
  const pdfkit = () => renderInvoiceWithPdfkit(data);
  for (let i = 0; i < 5; i += 1) {
    await reactPdf();
    await pdfkit();
  }
  const wall = { reactPdf: [] as number[], pdfkit: [] as number[] };
  const cpu = { reactPdf: [] as number[], pdfkit: [] as number[] };
  const time = async (which: 'reactPdf' | 'pdfkit', run: () => Promise<Uint8Array>) => {
    const [t, c] = [performance.now(), process.cpuUsage()];
    await run();
    const used = process.cpuUsage(c);
    wall[which].push(since(t));
    cpu[which].push((used.user + used.system) / 1000);
  };
  for (let i = 0; i < RATIO_PAIRS; i += 1) {
    await time('reactPdf', reactPdf);
    await time('pdfkit', pdfkit);
  }
  const p50 = (sample: number[]) => percentile(sortedCopy(sample), 50);
  const ratio = p50(wall.reactPdf) / p50(wall.pdfkit);
  const cpuRatio = p50(cpu.reactPdf) / p50(cpu.pdfkit);
  const met = (r: number) => (r <= PDFKIT_RATIO_TARGET ? 'yes' : 'NO');
  return {
    targets: [{ target: '1-page invoice PDF ÷ raw pdfkit, warm (CPU p50; wall in the pdf table)', measured: `${cpuRatio.toFixed(2)}×`, limit: `${PDFKIT_RATIO_TARGET}×`, met: cpuRatio <= PDFKIT_RATIO_TARGET }],
    title: `pdf — 1-page invoice: ReactPdfRenderer vs raw pdfkit (warm, ${RATIO_PAIRS} interleaved pairs)`,
    headers: ['renderer', 'warm p50 ms', 'ratio', 'CPU p50 ms', 'CPU ratio', 'target', 'met (wall / CPU)'],
    rows: [
      ['ReactPdfRenderer.invoice (2 lines)', num(p50(wall.reactPdf)), `${ratio.toFixed(2)}×`, num(p50(cpu.reactPdf)), `${cpuRatio.toFixed(2)}×`, `≤ ${PDFKIT_RATIO_TARGET}×`, `${met(ratio)} / ${met(cpuRatio)}`],
      ['raw pdfkit, same page (floor)', num(p50(wall.pdfkit)), '1.00×', num(p50(cpu.pdfkit)), '1.00×', '-', '-'],
    ],
    notes: [
      'Floor: bench/pdfkit-page.ts draws the same texts (same labels and formatters), DejaVu Sans subsets, bands and rules at fixed coordinates with pdfkit 0.20.1, the version react-pdf writes with; fonts parsed once by fontkit for both.',
      'CPU = user + system time of this process during the render: steadier than wall time when other jobs share the 2 vCPUs.',
      `NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}: ${process.env.NODE_ENV === 'production' ? "React's production build, as the PDF functions run on Lambda" : "not the build the PDF functions run on Lambda (NODE_ENV=production)"} (bench/env.ts).`,
    ],
  };
};

export const runPdf = async (): Promise<Table[]> => {
  // Fixtures and the renderer module first, so the RSS baseline excludes them (the renderer loads react-pdf lazily).
  const fixtures = await import('../test/fixtures/pdf-fixtures.js');
  const { ReactPdfRenderer } = await import('../shared/adapters/pdf/react-pdf-renderer.js');
  const renderer = new ReactPdfRenderer(allDocumentTemplates);
  const invoice = fixtures.anInvoicePdfData();
  const longInvoice = fixtures.anInvoicePdfData({ invoice: fixtures.anInvoiceRecord({ lines: longLines() }) });
  const letter = fixtures.aLetterPdfData();

  const cases: Case[] = [
    { name: 'invoice (2 lines)', render: () => renderer.invoice(invoice) },
    { name: 'letter (mise en demeure)', render: () => renderer.letter(letter) },
    { name: 'invoice (50 lines)', render: () => renderer.invoice(longInvoice) },
  ];

  const before = process.memoryUsage();
  const rows: string[][] = [];
  let afterCold: NodeJS.MemoryUsage | undefined;
  for (const c of cases) {
    const r = await timeRenders(c.render);
    afterCold ??= process.memoryUsage();
    rows.push([c.name, num(r.firstMs), num(percentile(r.warm, 50)), num(percentile(r.warm, 95)), String(r.warm.length), kib(r.bytes)]);
  }
  const after = process.memoryUsage();
  const ratio = await againstPdfkit(() => renderer.invoice(invoice), invoice);
  const firstRow = rows[0]!;
  firstRow[1] = `${firstRow[1]} (cold)`;

  return [
    {
      title: 'pdf — ReactPdfRenderer, in-process (tsx)',
      headers: ['document', 'first ms', 'warm p50 ms', 'warm p95 ms', 'warm n', 'PDF size'],
      rows,
      notes: [
        'cold = first render of the process: loads @react-pdf/renderer and the template; tsx transpiles the TS/TSX on the fly.',
        'Later "first" renders only load their own template module.',
      ],
    },
    ratio,
    {
      title: 'pdf — memory (RSS / heap used)',
      headers: ['point', 'RSS', 'Δ RSS', 'heap used'],
      rows: [
        ['before first render', mib(before.rss), '-', mib(before.heapUsed)],
        ['after first invoice (cold)', mib(afterCold!.rss), `+${mib(afterCold!.rss - before.rss)}`, mib(afterCold!.heapUsed)],
        [`after all renders (${rows.length} docs)`, mib(after.rss), `+${mib(after.rss - before.rss)}`, mib(after.heapUsed)],
      ],
    },
  ];
};
