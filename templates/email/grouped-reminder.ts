/**
 * The grouped reminder: one message to a client listing several of its open invoices (a table of
 * number, due date, balance, days late), in the tone of the most advanced step's template.
 * Values arrive formatted (./format.ts); this module only holds wording and layout.
 */
import { escapeHtml, textToHtml } from '../../shared/domain/template-render.js';
import type { TemplateTone } from '../../shared/domain/default-templates.js';

export interface GroupedRow {
  readonly number: string;
  readonly dueDate: string;
  readonly balance: string;
  readonly daysLate: number;
  /** This invoice's client-portal page (`<web>/p/<token>`: view, pay, "j'ai payé"), when it has links. */
  readonly portalUrl?: string;
}

export interface GroupedReminderData {
  readonly tone: TemplateTone;
  readonly clientName: string;
  readonly company: string;
  readonly companyEmail?: string;
  readonly rows: readonly GroupedRow[];
  readonly total: string;
  /** Invoices whose PDF did not fit in the message (size cap): named, to be fetched another way. */
  readonly notAttached: readonly string[];
  readonly paymentInstructions: string;
  /** Date by which a formal notice asks for payment. */
  readonly deadlineDate: string;
}

export interface GroupedReminderText {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The table alone (text and HTML), with each invoice's links, appended to an owner's own body. */
  readonly table: string;
  readonly htmlTable: string;
}

interface Wording {
  subject(d: GroupedReminderData): string;
  intro(d: GroupedReminderData): string;
  outro(d: GroupedReminderData): string;
  headers: readonly [string, string, string, string];
  total: string;
  notAttached(numbers: string): string;
  greeting(d: GroupedReminderData): string;
  signature: string;
  late(days: number): string;
  /** Above the text part's list of links; the HTML table's column of links and their label. */
  online: string;
  onlineHeader: string;
  view: string;
}

const FR: Wording = {
  subject: (d) =>
    ({
      courtesy: `${d.rows.length} factures arrivent à échéance – ${d.company}`,
      reminder: `Relance : ${d.rows.length} factures impayées – ${d.company}`,
      firm: `Deuxième relance : ${d.rows.length} factures impayées – ${d.company}`,
      'formal-notice': `Mise en demeure de payer – ${d.rows.length} factures – ${d.company}`,
    })[d.tone],
  greeting: (d) => (d.tone === 'formal-notice' ? d.clientName : `Bonjour ${d.clientName},`),
  intro: (d) =>
    ({
      courtesy: `Pour mémoire, les factures suivantes arrivent à échéance ; vous en trouverez une copie jointe.`,
      reminder: `Sauf erreur de notre part, les factures suivantes restent impayées, pour un total de ${d.total} :`,
      firm: `Malgré notre précédente relance, les factures suivantes restent impayées, pour un total de ${d.total}. Nous vous remercions de procéder à leur règlement sans délai.`,
      'formal-notice': `Par la présente, nous vous mettons en demeure de régler, au plus tard le ${d.deadlineDate}, la somme de ${d.total} au titre des factures suivantes. La lettre de mise en demeure est jointe.`,
    })[d.tone],
  outro: (d) =>
    d.tone === 'courtesy'
      ? 'Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.'
      : d.tone === 'formal-notice'
        ? 'À défaut de règlement dans ce délai, nous engagerons les procédures de recouvrement à notre disposition.'
        : 'Si vous avez réglé entre-temps, merci de ne pas tenir compte de ce message.',
  headers: ['Facture', 'Échéance', 'Reste dû', 'Retard'],
  total: 'Total',
  notAttached: (n) => `Non jointes (taille des pièces jointes limitée), disponibles sur simple demande : ${n}.`,
  signature: 'Bien cordialement,',
  late: (days) => (days > 0 ? `${days} j` : '–'),
  online: 'Chaque facture en ligne (la régler, signaler un paiement, poser une question) :',
  onlineHeader: 'En ligne',
  view: 'Voir la facture',
};

const EN: Wording = {
  subject: (d) =>
    ({
      courtesy: `${d.rows.length} invoices falling due – ${d.company}`,
      reminder: `Reminder: ${d.rows.length} unpaid invoices – ${d.company}`,
      firm: `Second reminder: ${d.rows.length} unpaid invoices – ${d.company}`,
      'formal-notice': `Formal notice to pay – ${d.rows.length} invoices – ${d.company}`,
    })[d.tone],
  greeting: (d) => (d.tone === 'formal-notice' ? d.clientName : `Hello ${d.clientName},`),
  intro: (d) =>
    ({
      courtesy: `As a reminder, the following invoices are falling due; copies are attached.`,
      reminder: `Unless we are mistaken, the following invoices remain unpaid, ${d.total} in total:`,
      firm: `Despite our previous reminder, the following invoices remain unpaid, ${d.total} in total. Please settle them without delay.`,
      'formal-notice': `We hereby give you formal notice to pay ${d.total} for the following invoices by ${d.deadlineDate}. The formal notice letter is attached.`,
    })[d.tone],
  outro: (d) =>
    d.tone === 'courtesy'
      ? 'If payment is already on its way, please disregard this message.'
      : d.tone === 'formal-notice'
        ? 'Failing payment by that date, we will take the recovery steps available to us.'
        : 'If you have paid in the meantime, please disregard this message.',
  headers: ['Invoice', 'Due date', 'Balance', 'Days late'],
  total: 'Total',
  notAttached: (n) => `Not attached (attachment size is limited), available on request: ${n}.`,
  signature: 'Kind regards,',
  late: (days) => (days > 0 ? `${days} d` : '–'),
  online: 'Each invoice online (pay, tell us you paid, ask a question):',
  onlineHeader: 'Online',
  view: 'View invoice',
};

const pad = (cells: readonly string[], widths: readonly number[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();

export const groupedReminderText = (language: 'fr' | 'en', d: GroupedReminderData): GroupedReminderText => {
  const w = language === 'en' ? EN : FR;
  const cells = d.rows.map((r) => [r.number, r.dueDate, r.balance, w.late(r.daysLate)]);
  const footer = [w.total, '', d.total, ''];
  const widths = w.headers.map((h, i) => Math.max(h.length, footer[i]!.length, ...cells.map((c) => c[i]!.length)));
  const grid = [pad(w.headers, widths), ...cells.map((c) => pad(c, widths)), pad(footer, widths)].join('\n');
  // Each invoice's portal link: listed under the text table (a URL is too long for a column of plain
  // text), a column of the HTML table.
  const links = d.rows.filter((r) => r.portalUrl).map((r) => `- ${r.number}${language === 'en' ? ':' : ' :'} ${r.portalUrl}`);
  const linked = links.length > 0;
  const table = linked ? `${grid}\n\n${w.online}\n${links.join('\n')}` : grid;
  const notAttached = d.notAttached.length > 0 ? w.notAttached(d.notAttached.join(', ')) : '';
  const signature = `${w.signature}\n${d.company}${d.companyEmail ? `\n${d.companyEmail}` : ''}`;
  const paragraphs = [w.greeting(d), w.intro(d), table, notAttached, d.paymentInstructions, w.outro(d), signature].filter((p) => p.length > 0);
  const th = [...w.headers, ...(linked ? [w.onlineHeader] : [])].map((h, i) => `<th style="text-align:${i >= 2 && i < 4 ? 'right' : 'left'};padding:4px 8px">${escapeHtml(h)}</th>`).join('');
  const td = (c: readonly string[], url?: string, bold = false) =>
    `<tr>${c.map((v, i) => `<td style="text-align:${i >= 2 ? 'right' : 'left'};padding:4px 8px${bold ? ';font-weight:bold' : ''}">${escapeHtml(v)}</td>`).join('')}${linked ? `<td style="padding:4px 8px">${url ? `<a href="${escapeHtml(url)}">${escapeHtml(w.view)}</a>` : ''}</td>` : ''}</tr>`;
  const htmlTable = `<table style="border-collapse:collapse"><thead><tr>${th}</tr></thead><tbody>${cells.map((c, i) => td(c, d.rows[i]!.portalUrl)).join('')}${td(footer, undefined, true)}</tbody></table>`;
  const html = [textToHtml(w.greeting(d)), textToHtml(w.intro(d)), htmlTable, ...[notAttached, d.paymentInstructions, w.outro(d), signature].filter((p) => p.length > 0).map(textToHtml)].join('\n');
  return { subject: w.subject(d), text: paragraphs.join('\n\n'), html, table, htmlTable };
};
