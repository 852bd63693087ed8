import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import { statementFileName } from '../../../shared/app/aggregates/client-statement.js';
import { buildStatement } from '../../../shared/domain/statement.js';
import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { aBusinessClient, aSeller, pdfText } from '../../fixtures/pdf-fixtures.js';
import { linesDrawnOver, placedText } from '../../fixtures/pdf-layout.js';

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

describe('the relevé de compte PDF of a client with many open invoices', () => {
  it('runs over as many pages as it takes, no line drawn over another, every open invoice listed', async () => {
    const data = statementOf(45);
    const bytes = await renderer.statement(data);
    const { pages, items } = await placedText(bytes);
    // The open invoices' summary (45 lines) was one unbreakable block taller than a page: react-pdf squeezed the
    // last page, its table rows and the summary's lines printed over each other.
    expect(linesDrawnOver(items)).toEqual([]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = await pdfText(bytes);
    for (const i of data.statement.openInvoices) expect(text).toContain(`${i.number} · Échéance`);
    expect(text).toContain('Solde dû');
  });

  it('prints the summary whole up to 25 open invoices and breaks it from 26, never squeezed', async () => {
    for (const count of [25, 26]) {
      const { items } = await placedText(await renderer.statement(statementOf(count)));
      expect(linesDrawnOver(items), `${count} open invoices`).toEqual([]);
    }
  });

  it('keeps its totals whole and the open invoices’ heading with the first of them, wherever the page ends', async () => {
    // Short numbers, one in two invoices part paid: with 39, 62 or 63 open invoices the totals reached the foot of a
    // page, squeezed (the « Solde dû » rule drawn through « Dont échu »), and the heading stayed behind, its invoices
    // on the next page.
    const withShortNumbers = (count: number) => {
      const data = statementOf(count);
      const invoices = Array.from({ length: count }, (_, k) => ({
        id: `inv-${k}`, number: `ST-${String(k).padStart(3, '0')}`, issueDate: `2026-10-${String(1 + (k % 27)).padStart(2, '0')}`,
        dueDate: `2026-11-${String(1 + (k % 25)).padStart(2, '0')}`, billedCents: 120_000, credits: [],
        payments: k < Math.floor(count / 2) ? [{ id: `p-${k}`, date: `2026-10-${String(1 + (k % 27)).padStart(2, '0')}`, amountCents: 5_000, method: 'transfer' as const }] : [],
      }));
      return { ...data, statement: { ...data.statement, ...buildStatement(invoices, '2026-11-27') } };
    };
    for (const count of [39, 62, 63]) {
      const { items } = await placedText(await renderer.statement(withShortNumbers(count)));
      const at = (start: string) => items.find((i) => i.text.startsWith(start))!;
      const [overdue, total, heading, first] = [at('Dont échu'), at('Solde dû'), at('Factures ouvertes'), at('ST-000 ·')];
      expect({ count, totalOnPage: total.page, headingWithFirst: heading.page }).toEqual({ count, totalOnPage: overdue.page, headingWithFirst: first.page });
      expect(overdue.y - total.y, `${count} open invoices`).toBeGreaterThan(20);
    }
  });

  it('prints each open invoice on one line, its days late with it', async () => {
    // Beside the totals, in half the page, « · Retard » ended a line and « (j) 91 » began the next.
    const data = statementOf(3);
    const { items } = await placedText(await renderer.statement(data));
    for (const i of data.statement.openInvoices) {
      expect(items.some((run) => run.text.startsWith(`${i.number} ·`) && run.text.endsWith(`Retard (j) ${i.daysLate}`)), i.number).toBe(true);
    }
  });

  it('keeps a short statement on one page', async () => {
    const { pages, items } = await placedText(await renderer.statement(statementOf(3)));
    expect(pages).toBe(1);
    expect(linesDrawnOver(items)).toEqual([]);
  });
});

describe('the relevé de compte PDF of a client abroad', () => {
  it('names the client’s country in the statement’s language, not by its ISO code', async () => {
    const abroad = aBusinessClient({ language: 'en', address: { line1: '10 Downing Street', postalCode: 'SW1A 2AA', city: 'London', country: 'GB' } });
    const en = { ...statementOf(2), client: abroad, language: 'en' as const };
    const text = await pdfText(await renderer.statement(en));
    expect(text).toContain('United Kingdom');
    expect(text).not.toMatch(/(^|\n)GB(\n|$)/);
    const fr = await pdfText(await renderer.statement({ ...en, language: 'fr' as const }));
    expect(fr).toContain('Royaume-Uni');
  });

  it('is named in its language: statement-… in English, releve-… in French', () => {
    expect(statementFileName('en', '2026-11-27')).toBe('statement-2026-11-27.pdf');
    expect(statementFileName('fr', '2026-11-27')).toBe('releve-2026-11-27.pdf');
  });
});
