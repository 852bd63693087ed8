/**
 * `pdf`: ReactPdfRenderer in-process. The first render is cold: it loads @react-pdf/renderer
 * (pdfkit, fontkit, yoga…) and the template module, as the first render of a Lambda does.
 */
import type { InvoiceLine } from '../shared/domain/invoice.js';
import { VAT_RATES } from '../shared/domain/money.js';
import { kib, mib, num, percentile, since, sortedCopy, type Table } from './stats.js';

const WARM_RENDERS = 30;
const MAX_WARM_MS = 20_000;

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

export const runPdf = async (): Promise<Table[]> => {
  // Fixtures and the renderer module first, so the RSS baseline excludes them (the renderer loads react-pdf lazily).
  const fixtures = await import('../test/fixtures/pdf-fixtures.js');
  const { ReactPdfRenderer } = await import('../shared/adapters/pdf/react-pdf-renderer.js');
  const renderer = new ReactPdfRenderer();
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
