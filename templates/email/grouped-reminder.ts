/**
 * The grouped reminder: one message to a client listing several of its open invoices (a table of
 * number, due date, balance, days late), in the tone of the most advanced step's template.
 * Values arrive formatted (./format.ts); this module only holds wording and layout.
 */
import { escapeHtml, textToHtml } from '../../shared/domain/template-render.js';
import { typeset } from '../../shared/domain/french-spacing.js';
import type { TemplateTone } from '../../shared/domain/default-templates.js';

export interface GroupedRow {
  readonly number: string;
  readonly dueDate: string;
  readonly balance: string;
  /** Days past the due date on the send day; 0 for an invoice due that day or later (not overdue: worded "à échéance le …"). */
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
  /** The balance of the overdue rows alone (what is unpaid past its due date), when some rows are not due yet. */
  readonly overdueTotal?: string;
  /** Invoices whose PDF did not fit in the message (size cap): named, to be fetched another way. */
  readonly notAttached: readonly string[];
  readonly paymentInstructions: string;
  /** Date by which a formal notice asks for payment. */
  readonly deadlineDate: string;
  /** A consumer (DOMAIN.md, B2C tone): always a way to contact the business and to ask for a payment plan. */
  readonly consumer?: boolean;
  /**
   * None of the invoices listed was reminded before (a manual or batch send to a client never reminded):
   * the firm wording never says "Malgré notre précédente relance" (as the mise en demeure's `firstNotice`).
   */
  readonly firstNotice?: boolean;
  /**
   * A business client's late-payment terms (C. com. L441-10, D441-5), said by the first and second
   * reminders as the single-invoice templates do: the rate, the penalties accrued to date on the
   * overdue invoices and their €40 each. Absent for a consumer, or when the fees are waived.
   */
  readonly fees?: {
    readonly rate: string;
    readonly penalties: string;
    readonly indemnity: string;
    readonly indemnities: string;
    /** What the mise en demeure letter demands ("Total dû"): the overdue balances, their penalties and their €40. */
    readonly claimed: string;
  };
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
  mixedIntro(d: GroupedReminderData): string;
  outro(d: GroupedReminderData): string;
  /** What a consumer's reminder adds (as the consumer templates do): a contact, a payment plan, the legal-rate interest of a formal notice. */
  consumerNote(d: GroupedReminderData): string;
  /** What a business reminder adds (as the business templates do): the law's penalties and €40, then their amounts to date. */
  businessNote(d: GroupedReminderData, fees: NonNullable<GroupedReminderData['fees']>): string;
  headers: readonly [string, string, string, string];
  total: string;
  notAttached(numbers: string): string;
  /** Every invoice left out has its portal link in the table: the PDF is there. */
  notAttachedLinked(numbers: string): string;
  greeting(d: GroupedReminderData): string;
  signature: string;
  /** The days-late cell: never late for an invoice not due yet (its due date instead). */
  late(row: GroupedRow): string;
  /** Above the text part's list of links; the HTML table's column of links and their label. */
  online: string;
  onlineHeader: string;
  view: string;
}

const FR: Wording = {
  subject: (d) =>
    ({
      courtesy: overdueCount(d) === 0 ? `${d.rows.length} factures arrivent à échéance – ${d.company}` : `${d.rows.length} factures à régler – ${d.company}`,
      reminder: `Relance : ${d.rows.length} factures ${allOverdue(d) ? 'impayées' : 'à régler'} – ${d.company}`,
      firm: `${d.firstNotice ? 'Relance' : 'Deuxième relance'} : ${d.rows.length} factures ${allOverdue(d) ? 'impayées' : 'à régler'} – ${d.company}`,
      'formal-notice': `Mise en demeure de payer – ${overdueCount(d)} ${overdueCount(d) > 1 ? 'factures' : 'facture'} – ${d.company}`,
    })[d.tone],
  greeting: (d) => (d.tone === 'formal-notice' ? d.clientName : `Bonjour ${d.clientName},`),
  intro: (d) =>
    ({
      courtesy: `Pour mémoire, les factures suivantes arrivent à échéance ; vous en trouverez une copie jointe.`,
      reminder: `Sauf erreur de notre part, les factures suivantes restent impayées, pour un total de ${d.total} :`,
      firm: `${d.firstNotice ? 'Les' : 'Malgré notre précédente relance, les'} factures suivantes restent impayées, pour un total de ${d.total}. Nous vous remercions de procéder à leur règlement sans délai.`,
      'formal-notice': `Par la présente, nous vous mettons en demeure de régler, au plus tard le ${d.deadlineDate}, la somme de ${d.total} au titre des factures suivantes. La lettre de mise en demeure est jointe.`,
    })[d.tone],
  // Some invoices are not due yet (a manual or batch reminder): only those past their due date are called unpaid.
  mixedIntro: (d) =>
    ({
      courtesy: `Pour mémoire, les factures suivantes restent à régler, pour un total de ${d.total} ; vous en trouverez une copie jointe.`,
      reminder: `Sauf erreur de notre part, les factures suivantes restent à régler, pour un total de ${d.total}. Celles dont l'échéance est passée restent impayées (${d.overdueTotal}) ; les autres sont à régler à leur échéance :`,
      firm: `${d.firstNotice ? 'Les' : 'Malgré notre précédente relance, les'} factures échues ci-dessous restent impayées (${d.overdueTotal}). Nous vous remercions de procéder à leur règlement sans délai ; les autres sont à régler à leur échéance. Total à régler : ${d.total}.`,
      'formal-notice': `Par la présente, nous vous mettons en demeure de régler, au plus tard le ${d.deadlineDate}, la somme de ${d.overdueTotal} au titre des factures échues ci-dessous. La lettre de mise en demeure est jointe. Les autres factures sont à régler à leur échéance.`,
    })[d.tone],
  outro: (d) =>
    d.tone === 'courtesy'
      ? 'Si le règlement est déjà parti, merci de ne pas tenir compte de ce message.'
      : d.tone === 'formal-notice'
        ? 'À défaut de règlement dans ce délai, nous engagerons les procédures de recouvrement à notre disposition.'
        : 'Si vous avez réglé entre-temps, merci de ne pas tenir compte de ce message.',
  consumerNote: (d) => {
    const at = d.companyEmail ? ` à ${d.companyEmail}` : '';
    return {
      courtesy: '',
      reminder: `Pour toute question, vous pouvez nous joindre${at}.`,
      firm: `Si un règlement en une seule fois vous pose difficulté, nous pouvons convenir ensemble d'un paiement en plusieurs fois : il suffit de nous contacter${at}.`,
      'formal-notice': `Conformément à l'article 1231-6 du Code civil, cette somme produira des intérêts au taux légal à compter de la réception de la présente. Si vous souhaitez un paiement en plusieurs fois ou si un point d'une facture vous semble à revoir, contactez-nous${at} : nous cherchons avant tout une solution amiable.`,
    }[d.tone];
  },
  businessNote: (d, f) =>
    ({
      courtesy: '',
      reminder: `Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au taux annuel de ${f.rate} et une indemnité forfaitaire pour frais de recouvrement de ${f.indemnity} par facture sont exigibles de plein droit dès le lendemain de leur date d'échéance.`,
      firm: `Pénalités de retard à ce jour (taux ${f.rate}) : ${f.penalties}\nIndemnités forfaitaires pour frais de recouvrement (${f.indemnity} par facture échue) : ${f.indemnities}`,
      // The email is itself the notice: it demands what the letter attached demands (which lists them invoice by invoice).
      'formal-notice': `Sont également dus, comme le détaille la lettre jointe :\n- les pénalités de retard au taux de ${f.rate}, soit ${f.penalties} à ce jour, à parfaire jusqu'au paiement ;\n- les indemnités forfaitaires pour frais de recouvrement (${f.indemnity} par facture échue) : ${f.indemnities} (articles L441-10 et D441-5 du Code de commerce).\nTotal réclamé : ${f.claimed}.`,
    })[d.tone],
  headers: ['Facture', 'Échéance', 'Reste dû', 'Retard'],
  total: 'Total',
  notAttached: (n) => `Non jointes (taille des pièces jointes limitée), disponibles sur simple demande : ${n}.`,
  notAttachedLinked: (n) => `Non jointes (taille des pièces jointes limitée), à ouvrir depuis leur lien ci-dessus : ${n}.`,
  signature: 'Bien cordialement,',
  late: (r) => (r.daysLate > 0 ? `${r.daysLate} j` : `à échéance le ${r.dueDate}`),
  online: 'Chaque facture en ligne (la régler, signaler un paiement, poser une question) :',
  onlineHeader: 'En ligne',
  view: 'Voir la facture',
};

const EN: Wording = {
  subject: (d) =>
    ({
      courtesy: overdueCount(d) === 0 ? `${d.rows.length} invoices falling due – ${d.company}` : `${d.rows.length} invoices to settle – ${d.company}`,
      reminder: allOverdue(d) ? `Reminder: ${d.rows.length} unpaid invoices – ${d.company}` : `Reminder: ${d.rows.length} invoices to settle – ${d.company}`,
      firm: `${d.firstNotice ? 'Reminder' : 'Second reminder'}: ${d.rows.length} ${allOverdue(d) ? 'unpaid invoices' : 'invoices to settle'} – ${d.company}`,
      'formal-notice': `Formal notice to pay – ${overdueCount(d)} ${overdueCount(d) > 1 ? 'invoices' : 'invoice'} – ${d.company}`,
    })[d.tone],
  greeting: (d) => (d.tone === 'formal-notice' ? d.clientName : `Hello ${d.clientName},`),
  intro: (d) =>
    ({
      courtesy: `As a reminder, the following invoices are falling due; copies are attached.`,
      reminder: `Unless we are mistaken, the following invoices remain unpaid, ${d.total} in total:`,
      firm: `${d.firstNotice ? 'The' : 'Despite our previous reminder, the'} following invoices remain unpaid, ${d.total} in total. Please settle them without delay.`,
      'formal-notice': `We hereby give you formal notice to pay ${d.total} for the following invoices by ${d.deadlineDate}. The formal notice letter is attached.`,
    })[d.tone],
  mixedIntro: (d) =>
    ({
      courtesy: `As a reminder, the following invoices remain to be settled, ${d.total} in total; copies are attached.`,
      reminder: `Unless we are mistaken, the following invoices remain to be settled, ${d.total} in total. Those past their due date remain unpaid (${d.overdueTotal}); the others are payable on their due date:`,
      firm: `${d.firstNotice ? 'The' : 'Despite our previous reminder, the'} overdue invoices below remain unpaid (${d.overdueTotal}). Please settle them without delay; the others are payable on their due date. Total to settle: ${d.total}.`,
      'formal-notice': `We hereby give you formal notice to pay ${d.overdueTotal} for the overdue invoices below by ${d.deadlineDate}. The formal notice letter is attached. The other invoices are payable on their due date.`,
    })[d.tone],
  outro: (d) =>
    d.tone === 'courtesy'
      ? 'If payment is already on its way, please disregard this message.'
      : d.tone === 'formal-notice'
        ? 'Failing payment by that date, we will take the recovery steps available to us.'
        : 'If you have paid in the meantime, please disregard this message.',
  consumerNote: (d) => {
    const at = d.companyEmail ? ` at ${d.companyEmail}` : '';
    return {
      courtesy: '',
      reminder: `For any question, you can reach us${at}.`,
      firm: `If paying in one go is difficult, we can agree on payment in instalments: just contact us${at}.`,
      'formal-notice': `Under article 1231-6 of the French Civil Code, this sum will bear interest at the legal rate from receipt of this notice. If you would like to pay in instalments or if anything on an invoice seems wrong to you, contact us${at}: we are looking first for an amicable solution.`,
    }[d.tone];
  },
  businessNote: (d, f) =>
    ({
      courtesy: '',
      reminder: `Under article L441-10 of the French Commercial Code, late-payment penalties at the annual rate of ${f.rate} and a fixed recovery indemnity of ${f.indemnity} per invoice are due by law from the day after each due date.`,
      firm: `Late-payment penalties to date (rate ${f.rate}): ${f.penalties}\nFixed recovery indemnities (${f.indemnity} per overdue invoice): ${f.indemnities}`,
      'formal-notice': `Also due, as the attached letter details:\n- late-payment penalties at ${f.rate}, ${f.penalties} to date, accruing until payment;\n- fixed recovery indemnities (${f.indemnity} per overdue invoice): ${f.indemnities} (articles L441-10 and D441-5 of the French Commercial Code).\nTotal claimed: ${f.claimed}.`,
    })[d.tone],
  headers: ['Invoice', 'Due date', 'Balance', 'Days late'],
  total: 'Total',
  notAttached: (n) => `Not attached (attachment size is limited), available on request: ${n}.`,
  notAttachedLinked: (n) => `Not attached (attachment size is limited), open them from their link above: ${n}.`,
  signature: 'Kind regards,',
  late: (r) => (r.daysLate > 0 ? `${r.daysLate} d` : `due on ${r.dueDate}`),
  online: 'Each invoice online (pay, tell us you paid, ask a question):',
  onlineHeader: 'Online',
  view: 'View invoice',
};

const overdueCount = (d: GroupedReminderData): number => d.rows.filter((r) => r.daysLate > 0).length;
const allOverdue = (d: GroupedReminderData): boolean => overdueCount(d) === d.rows.length;

const pad = (cells: readonly string[], widths: readonly number[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();

export const groupedReminderText = (language: 'fr' | 'en', data: GroupedReminderData): GroupedReminderText => {
  const w = language === 'en' ? EN : FR;
  // French typography's no-break spaces (`12 j`, `Relance : …`) in every part, the table's cells included.
  const t = (text: string) => typeset(text, language);
  // Invoices none of which is overdue are never called unpaid nor put on notice, whatever the template: the courtesy wording.
  const d: GroupedReminderData = overdueCount(data) === 0 ? { ...data, tone: 'courtesy' } : data;
  const intro = allOverdue(d) || overdueCount(d) === 0 ? w.intro(d) : w.mixedIntro(d);
  const cells = d.rows.map((r) => [r.number, r.dueDate, r.balance, w.late(r)].map(t));
  const footer = [w.total, '', d.total, ''].map(t);
  const widths = w.headers.map((h, i) => Math.max(h.length, footer[i]!.length, ...cells.map((c) => c[i]!.length)));
  const grid = [pad(w.headers, widths), ...cells.map((c) => pad(c, widths)), pad(footer, widths)].join('\n');
  // Each invoice's portal link: listed under the text table (a URL is too long for a column of plain
  // text), a column of the HTML table.
  const links = d.rows.filter((r) => r.portalUrl).map((r) => `- ${r.number}${language === 'en' ? ':' : ' :'} ${r.portalUrl}`);
  const linked = links.length > 0;
  const table = t(linked ? `${grid}\n\n${w.online}\n${links.join('\n')}` : grid);
  // Left out of the message, an invoice with its portal link is one click away (its PDF is there): no need to ask for it.
  const reachable = d.notAttached.every((n) => d.rows.some((r) => r.number === n && r.portalUrl));
  const notAttached = d.notAttached.length > 0 ? (reachable ? w.notAttachedLinked : w.notAttached)(d.notAttached.join(', ')) : '';
  const signature = `${w.signature}\n${d.company}${d.companyEmail ? `\n${d.companyEmail}` : ''}`;
  const consumerNote = d.consumer ? w.consumerNote(d) : '';
  const businessNote = d.fees && !d.consumer ? w.businessNote(d, d.fees) : '';
  const paragraphs = [w.greeting(d), intro, table, notAttached, businessNote, d.paymentInstructions, consumerNote, w.outro(d), signature].filter((p) => p.length > 0);
  const th = [...w.headers, ...(linked ? [w.onlineHeader] : [])].map((h, i) => `<th style="text-align:${i >= 2 && i < 4 ? 'right' : 'left'};padding:4px 8px">${escapeHtml(h)}</th>`).join('');
  const td = (c: readonly string[], url?: string, bold = false) =>
    `<tr>${c.map((v, i) => `<td style="text-align:${i >= 2 ? 'right' : 'left'};padding:4px 8px${bold ? ';font-weight:bold' : ''}">${escapeHtml(v)}</td>`).join('')}${linked ? `<td style="padding:4px 8px">${url ? `<a href="${escapeHtml(url)}">${escapeHtml(w.view)}</a>` : ''}</td>` : ''}</tr>`;
  const htmlTable = `<table style="border-collapse:collapse"><thead><tr>${th}</tr></thead><tbody>${cells.map((c, i) => td(c, d.rows[i]!.portalUrl)).join('')}${td(footer, undefined, true)}</tbody></table>`;
  const html = [textToHtml(w.greeting(d)), textToHtml(intro), htmlTable, ...[notAttached, businessNote, d.paymentInstructions, consumerNote, w.outro(d), signature].filter((p) => p.length > 0).map(textToHtml)].join('\n');
  return { subject: t(w.subject(d)), text: t(paragraphs.join('\n\n')), html, table, htmlTable };
};
