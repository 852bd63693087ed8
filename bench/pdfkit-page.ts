/**
 * The floor of the `pdf` benchmark (issue 12): the same one-page invoice as
 * templates/pdf/invoice-document.tsx draws, drawn with raw pdfkit (the PDF library react-pdf
 * itself writes with) at fixed coordinates: same texts (same labels and formatters), same
 * embedded DejaVu Sans subsets, same sizes and colours, rules and header bands. No layout
 * engine, no React: what is left is the cost of shaping the text and writing the PDF.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { InvoicePdfData } from '../shared/app/ports.js';
import { lineTotals } from '../shared/domain/invoice.js';
import { FONT_FILES, FONT_PACKAGE } from '../templates/pdf/fonts.js';
import { countryName, decimal, euros, groupedIban, percent, shortDate } from '../templates/pdf/format.js';
import { clientLines, footerIdentity, sellerLines } from '../templates/pdf/identity.js';
import { invoiceLabels } from '../templates/pdf/invoice-labels.js';
import { band, ink, muted, rule } from '../templates/pdf/styles.js';

const require = createRequire(import.meta.url);
/**
 * Parsed once by fontkit and handed to pdfkit as font objects, as react-pdf does with its
 * registered fonts (given a path or a Buffer, pdfkit would re-read and re-parse them for every
 * document: ~0.2 s of the floor, not a cost react-pdf pays).
 */
const load = (file: string) => fontkit.create(readFileSync(require.resolve(`${FONT_PACKAGE}/${file}`)));
const fonts = { regular: load(FONT_FILES.regular), bold: load(FONT_FILES.bold) };

const A4 = { width: 595.28, height: 841.89 };
const M = 40;
const W = A4.width - 2 * M;

export const renderInvoiceWithPdfkit = (data: InvoicePdfData): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const { seller, client, invoice, language: lang } = data;
    const l = invoiceLabels(lang);
    const doc = new PDFDocument({ size: 'A4', margin: M, font: fonts.regular, info: { Title: `${l.invoice} ${invoice.number}`, Author: seller.name, Creator: 'Relances', Producer: 'Relances' } });
    doc.registerFont('R', fonts.regular);
    doc.registerFont('B', fonts.bold);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);

    const text = (s: string, x: number, y: number, o: { size?: number; bold?: boolean; color?: string; width?: number; align?: 'left' | 'right' | 'center' } = {}) =>
      doc
        .font(o.bold ? 'B' : 'R')
        .fontSize(o.size ?? 9)
        .fillColor(o.color ?? ink)
        .text(s, x, y, { width: o.width ?? W, align: o.align ?? 'left', lineGap: 0 });

    // Seller (left) and title block (right).
    text(seller.name, M, M, { size: 12, bold: true, width: W * 0.48 });
    let y = M + 16;
    for (const line of sellerLines(seller, l, countryName(lang))) {
      text(line, M, y, { width: W * 0.48 });
      y += 12;
    }
    text(l.invoice, M + W * 0.52, M, { size: 20, bold: true, width: W * 0.48, align: 'right' });
    text(invoice.number ?? l.draft, M + W * 0.52, M + 26, { size: 11, bold: true, width: W * 0.48, align: 'right' });
    text(`${l.issueDate} : ${shortDate(invoice.issueDate)}`, M + W * 0.52, M + 41, { width: W * 0.48, align: 'right' });
    text(`${l.dueDate} : ${shortDate(invoice.dueDate)}`, M + W * 0.52, M + 53, { width: W * 0.48, align: 'right' });

    // Client block.
    y += 16;
    const cx = M + W * 0.52;
    text(l.billedTo, cx, y, { size: 8, color: muted, width: W * 0.48 });
    text(client.name, cx, (y += 11), { bold: true, width: W * 0.48 });
    for (const line of clientLines(client, l, countryName(lang))) text(line, cx, (y += 12), { width: W * 0.48 });

    // Lines table: header band, one row per line with a rule under it.
    const cols = [0.46, 0.09, 0.16, 0.09, 0.2].map((f) => f * W);
    const xs = cols.map((_, i) => M + cols.slice(0, i).reduce((a, b) => a + b, 0));
    const row = (cells: readonly string[], top: number, bold: boolean) =>
      cells.forEach((cell, i) => text(cell, xs[i]! + 4, top, { bold, width: cols[i]! - 8, align: i === 0 ? 'left' : 'right' }));
    y += 28;
    doc.moveTo(M, y).lineTo(M + W, y).lineWidth(1).strokeColor(rule).stroke();
    doc.rect(M, y, W, 20).fill(band);
    row([l.description, l.quantity, l.unitPrice, l.vatRate, l.lineNet], y + 5, true);
    y += 20;
    for (const line of invoice.lines) {
      row([line.description, decimal(line.quantity, lang), euros(line.unitPriceCents, lang), percent(line.vatRate, lang), euros(lineTotals(line).netCents, lang)], y + 5, false);
      y += 20;
      doc.moveTo(M, y).lineTo(M + W, y).lineWidth(0.5).strokeColor(rule).stroke();
    }

    // VAT breakdown (left) and totals (right).
    y += 16;
    const vw = W * 0.48;
    text(l.vatBreakdown, M, y, { size: 10, bold: true, width: vw });
    let vy = y + 17;
    doc.rect(M, vy, vw, 20).fill(band);
    [l.vatRate, l.vatBase, l.vatAmount].forEach((h, i) => text(h, M + 4 + i * vw * 0.33, vy + 5, { bold: true, width: vw * 0.33 - 8, align: i === 0 ? 'left' : 'right' }));
    for (const r of invoice.totals.vatBreakdown) {
      vy += 20;
      [percent(r.vatRate, lang), euros(r.netCents, lang), euros(r.vatCents, lang)].forEach((c, i) => text(c, M + 4 + i * vw * 0.33, vy + 5, { width: vw * 0.33 - 8, align: i === 0 ? 'left' : 'right' }));
      doc.moveTo(M, vy + 20).lineTo(M + vw, vy + 20).lineWidth(0.5).strokeColor(rule).stroke();
    }
    const tx = M + W * 0.58;
    const tw = W * 0.42;
    let ty = y;
    const amount = (label: string, value: string, grand = false) => {
      if (grand) doc.moveTo(tx, ty + 2).lineTo(tx + tw, ty + 2).lineWidth(1).strokeColor(ink).stroke();
      text(label, tx, ty + (grand ? 6 : 2), { bold: grand, size: grand ? 11 : 9, width: tw * 0.6 });
      text(value, tx + tw * 0.4, ty + (grand ? 6 : 2), { bold: grand, size: grand ? 11 : 9, width: tw * 0.6, align: 'right' });
      ty += grand ? 22 : 16;
    };
    amount(l.totalNet, euros(invoice.totals.netCents, lang));
    amount(l.totalVat, euros(invoice.totals.vatCents, lang));
    amount(l.totalGross, euros(invoice.totals.grossCents, lang));
    amount(l.balance, euros(data.balanceCents, lang), true);

    // Mentions (wrapped by pdfkit), bank details, footer.
    y = Math.max(vy + 20, ty) + 16;
    const mentions = [l.terms(invoice.dueDate), l.noDiscount, l.penalties(data.penaltyRatePercent), l.indemnity];
    for (const mention of mentions) {
      text(mention, M, y);
      y = doc.y + 2;
    }
    if (seller.iban) {
      text(l.bank, M, (y += 14), { size: 10, bold: true });
      text(`IBAN ${groupedIban(seller.iban)}`, M, (y += 14));
      if (seller.bic) text(`BIC ${seller.bic}`, M, (y += 12));
    }
    const fy = (285 / 297) * A4.height;
    doc.page.margins.bottom = 0; // the footer sits in the bottom margin, as react-pdf's does
    text(footerIdentity(seller, l), M, fy, { size: 7, color: muted, width: W * 0.8 });
    text(l.page(1, 1), M + W * 0.8, fy, { size: 7, color: muted, width: W * 0.2, align: 'right' });
    doc.end();
  });
