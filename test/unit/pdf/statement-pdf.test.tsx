import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import { buildStatement } from '../../../shared/domain/statement.js';
import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { aBusinessClient, aSeller, pdfText } from '../../fixtures/pdf-fixtures.js';
import { placedText } from '../../fixtures/pdf-layout.js';

const renderer = new ReactPdfRenderer(allDocumentTemplates);

/** A client with `count` open invoices, each with a long imported number (two lines in the table) and a part paid. */
const statementOf = (count: number) => {
  const client = aBusinessClient();
  const invoices = Array.from({ length: count }, (_, k) => {
    const month = String(1 + (k % 10)).padStart(2, '0');
    const day = String(1 + (k % 27)).padStart(2, '0');
    return {
      id: `inv-${k}`,
      number: `LONG-NUMERO-FACTURE-2026-${String(k).padStart(4, '0')}`,
      issueDate: `2026-${month}-${day}`,
      dueDate: `2026-${String(2 + (k % 10)).padStart(2, '0')}-${day}`,
      billedCents: 100_000 + k * 1_234,
      credits: [],
      payments: k % 4 === 0 ? [{ id: `p-${k}`, date: `2026-${month}-${day}`, amountCents: 5_000, method: 'transfer' as const }] : [],
    };
  });
  const statement = { ...buildStatement(invoices, '2026-11-27'), client: { id: client.id, name: client.name }, currency: 'EUR' as const };
  return { seller: aSeller(), client, statement, language: 'fr' as const };
};

/** Text runs of one page drawn over each other: two lines of the same column closer than a line of 9 pt text. */
const overlaps = (items: readonly { page: number; text: string; x: number; y: number }[]) => {
  const found: string[] = [];
  const byPage = new Map<number, typeof items[number][]>();
  for (const i of items) byPage.set(i.page, [...(byPage.get(i.page) ?? []), i]);
  for (const [page, runs] of byPage) {
    const left = runs.filter((r) => r.x < 60).sort((a, b) => b.y - a.y);
    for (let k = 1; k < left.length; k++) {
      if (left[k - 1]!.y - left[k]!.y < 8) found.push(`page ${page}: "${left[k - 1]!.text}" / "${left[k]!.text}" ${(left[k - 1]!.y - left[k]!.y).toFixed(1)} pt apart`);
    }
  }
  return found;
};

describe('the relevé de compte PDF of a client with many open invoices', () => {
  it('runs over as many pages as it takes, no line drawn over another, every open invoice listed', async () => {
    const data = statementOf(45);
    const bytes = await renderer.statement(data);
    const { pages, items } = await placedText(bytes);
    // The open invoices' summary (45 lines) was one unbreakable block taller than a page: react-pdf squeezed the
    // last page, its table rows and the summary's lines printed over each other.
    expect(overlaps(items)).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = await pdfText(bytes);
    for (const i of data.statement.openInvoices) expect(text).toContain(`${i.number} · Échéance`);
    expect(text).toContain('Solde dû');
  });

  it('keeps a short statement on one page', async () => {
    const { pages, items } = await placedText(await renderer.statement(statementOf(3)));
    expect(pages).toBe(1);
    expect(overlaps(items)).toEqual([]);
  });
});
