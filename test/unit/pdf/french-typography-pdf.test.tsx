/**
 * French typography on the PDFs (templates/pdf/typography.ts): a no-break space (U+00A0, as the amounts print it)
 * before « : ; ! ? » and %, after « and between a number and its unit, in every text of a French invoice, quote,
 * credit note, statement, proof file and letter, the owner's words included. A letter is recorded with its SHA-256:
 * only one produced since `layout: 5` is spaced so; one produced before renders as it was, to the same bytes.
 * A PDF reader extracts U+00A0 as a space (one glyph for both), so the texts are read as react-pdf is given them.
 */
import { createElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { creditNoteDocument } from '../../../templates/pdf/credit-note-document.js';
import { registerFonts } from '../../../templates/pdf/fonts.js';
import { invoiceDocument } from '../../../templates/pdf/invoice-document.js';
import type { PdfDocument, PdfKit } from '../../../templates/pdf/kit.js';
import { letterDocument } from '../../../templates/pdf/letter-document.js';
import { quoteDocument } from '../../../templates/pdf/quote-document.js';
import { pdfFrenchSpacing } from '../../../templates/pdf/typography.js';
import { aCreditNotePdfData, aLetterPdfData, anInvoicePdfData, anInvoiceRecord, aQuotePdfData } from '../../fixtures/pdf-fixtures.js';

/** A space a line may break at, where French keeps the two sides together. */
const BREAKABLE = / [:;!?»%]|« |\d (?:jours?|€)(?![\p{L}\d])/u;

/** Every string react-pdf's `<Text>` is given while the document renders for real, and the PDF's bytes. */
const texts = async (document: (kit: PdfKit) => PdfDocument): Promise<{ text: string; bytes: Buffer }> => {
  const real = (await import('@react-pdf/renderer')) as unknown as PdfKit;
  registerFonts(real);
  const seen: string[] = [];
  const flat = (node: ReactNode): void => {
    if (typeof node === 'string') seen.push(node);
    else if (Array.isArray(node)) node.forEach(flat);
  };
  const SpyText = (props: { children?: ReactNode }) => (flat(props.children), createElement(real.Text, props));
  const bytes = await real.renderToBuffer(document({ ...real, Text: SpyText } as unknown as PdfKit));
  return { text: seen.join('\n'), bytes };
};

describe('French PDFs', () => {
  it('print a no-break space before : ; ! ? and %, and between a number and its unit, never a narrow one', () => {
    expect(pdfFrenchSpacing('Total dû : 1\u202f234,56\u00a0€ ; « réglé » ? 12,15 % en 3 jours')).toBe('Total dû\u00a0: 1\u00a0234,56\u00a0€\u00a0; «\u00a0réglé\u00a0»\u00a0? 12,15\u00a0% en 3\u00a0jours');
  });

  it('space every text of a French invoice, quote and credit note, the owner’s words included', async () => {
    const base = anInvoiceRecord();
    const invoice = anInvoiceRecord({ lines: [{ ...base.lines[0]!, description: 'Pose : 3 jours de travail' }, ...base.lines.slice(1)] });
    const documents = {
      invoice: await texts((kit) => invoiceDocument(kit, anInvoicePdfData({ invoice }))),
      quote: await texts((kit) => quoteDocument(kit, aQuotePdfData())),
      creditNote: await texts((kit) => creditNoteDocument(kit, aCreditNotePdfData())),
    };
    for (const [name, { text }] of Object.entries(documents)) {
      expect(text, name).toMatch(/\u00a0:/);
      expect(text, name).not.toMatch(BREAKABLE);
      expect(text, name).not.toContain('\u202f');
    }
    expect(documents.invoice.text).toContain('Pose\u00a0: 3\u00a0jours de travail');
  });

  it('leave an English document as written', async () => {
    const { text } = await texts((kit) => invoiceDocument(kit, anInvoicePdfData({ language: 'en', invoice: anInvoiceRecord({ lines: [{ ...anInvoiceRecord().lines[0]!, description: 'Fitting : 3 jours' }] }) })));
    expect(text).toContain('Fitting : 3 jours');
  });

  it('space a letter produced since layout 5, and leave one produced before as it was, plain spaces and all', async () => {
    const now = await texts((kit) => letterDocument(kit, aLetterPdfData({ layout: 5 })));
    expect(now.text).toMatch(/\u00a0:/);
    expect(now.text).not.toMatch(BREAKABLE);
    for (const layout of [undefined, 2, 3, 4] as const) {
      const data = aLetterPdfData(layout ? { layout } : {});
      const before = await texts((kit) => letterDocument(kit, data));
      expect(before.text, String(layout)).toMatch(/ :/);
      expect(before.text, String(layout)).not.toMatch(/\u00a0:/);
      expect(before.bytes.equals(now.bytes)).toBe(false);
    }
  });
});
