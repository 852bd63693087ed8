import { addDays, daysBetween } from './dates.js';
import type { ClientKind } from './invoice.js';
import { formatEuros } from './money.js';
import { penaltiesFor, penaltyRateFor, RECOVERY_INDEMNITY_CENTS, type PenaltyReduction } from './penalties.js';
import type { PenaltyRateTable } from './data/penalty-rates.js';
import type { InstalmentView } from './payment-plan.js';
import { companyNameIn } from './settings.js';
import { frenchSpacing } from './french-spacing.js';

/** The only names a template may use, as `{{name}}` or `{{ name }}`. */
export const TEMPLATE_VARIABLES = [
  'clientName',
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'grossAmount',
  'paidAmount',
  'balanceAmount',
  'daysLate',
  'penaltiesAmount',
  'indemnityAmount',
  'penaltyRate',
  'companyName',
  'companySiren',
  'companyEmail',
  'companyPhone',
  'paymentInstructions',
  'iban',
  'deadlineDate',
  'paymentLink',
  'portalUrl',
  // Payment plans (empty when the invoice has none): the instalment a plan reminder is about, and the whole schedule.
  'instalmentNumber',
  'instalmentCount',
  'instalmentAmount',
  'instalmentDueDate',
  'planSchedule',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Placeholder names not in TEMPLATE_VARIABLES (unique, in order of appearance): saving is refused. */
export const unknownVariables = (text: string): string[] => {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!KNOWN.has(name)) unknown.add(name);
  }
  return [...unknown];
};

/**
 * A `{{` or `}}` left without its other half (`Facture {{invoiceNumber`, `{invoiceNumber}}`): the renderer replaces
 * only whole placeholders, so the client would read the braces and the name as typed. Each fragment, as written.
 */
export const unclosedPlaceholders = (text: string): string[] => [
  ...new Set([...text.replace(PLACEHOLDER, ' ').matchAll(/\{?\{\{[^{}\s]*|[^{}\s]*\}\}\}?/g)].map((m) => m[0])),
];

/**
 * Plain-text rendering: each `{{ name }}` becomes `vars[name]`, or nothing when absent, so a
 * client never reads a raw placeholder. Bodies are text; use `textToHtml` for the HTML part.
 */
export const renderTemplate = (text: string, vars: Readonly<Record<string, string>>): string =>
  agreeDays(withoutEmptyLinkLine(vars.companyPhone ? text : text.replace(PHONE_ALTERNATIVE, ''), vars), vars).replace(PLACEHOLDER, (_, raw: string) => {
    // Own keys only: `{{constructor}}` must not print what every object inherits (templates are checked on save; this holds anyway).
    const name = raw.trim();
    return Object.hasOwn(vars, name) ? (vars[name] ?? '') : '';
  });

/** `{{daysLate}} jours` / `days` written for the usual case reads « 1 jour » / "1 day" at one day late (French singular at 0 too). */
const DAYS_AFTER = /(\{\{\s*daysLate\s*\}\}[ \u00a0])(jours|days)\b/g;
const agreeDays = (text: string, vars: Readonly<Record<string, string>>): string => {
  const n = Number(vars.daysLate);
  if (!Number.isFinite(n) || n > 1) return text;
  return text.replace(DAYS_AFTER, (_, head: string, word: string) => `${head}${word === 'jours' ? 'jour' : n === 1 ? 'day' : word}`);
};

/**
 * "Facture en ligne (…) : {{portalUrl}}" alone on its line, for an invoice without a link (revoked,
 * or none issued): the line goes, rather than a label pointing at nothing.
 */
const LINK_LINE = /^[^\n{}]*:[ \t]*\{\{\s*portalUrl\s*\}\}[ \t]*(?:\n|$)/gm;
const withoutEmptyLinkLine = (text: string, vars: Readonly<Record<string, string>>): string => (vars.portalUrl ? text : text.replace(LINK_LINE, ''));

/** "à {{companyEmail}} ou au {{companyPhone}}" for a company without a phone: the "ou au" goes with it. */
const PHONE_ALTERNATIVE = /[ \t]+(?:ou au|ou|or on|or)[ \t]+\{\{\s*companyPhone\s*\}\}/g;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** An http(s) address in text, without the punctuation that ends its sentence. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"]*[^\s<>".,;:!?)»']/g;

/**
 * One line of text as HTML: escaped, with every address a link (a portal or pay link is clicked, not copied), and the
 * no-break spaces of French typography (./french-spacing.ts: only spaces already there change, so English is untouched).
 */
const lineToHtml = (line: string): string => {
  const typeset = frenchSpacing(line);
  let html = '';
  let last = 0;
  for (const match of typeset.matchAll(URL_IN_TEXT)) {
    const url = escapeHtml(match[0]);
    html += `${escapeHtml(typeset.slice(last, match.index))}<a href="${url}">${url}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(typeset.slice(last));
};

/** Blank lines separate paragraphs, single line breaks become `<br>`; everything is escaped, addresses are links. */
export const textToHtml = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.split('\n').map(lineToHtml).join('<br>')}</p>`)
    .join('\n');

export type TemplateLanguage = 'fr' | 'en';

/**
 * settings.paymentUrl for one invoice: `{{invoiceNumber}}` and `{{balance}}` (euros with a dot,
 * `780.00`) become the invoice's values, URL-encoded; any other text is kept as written.
 */
export const paymentLinkFor = (template: string, invoice: { number: string; balanceCents: number }): string => {
  const values: Record<string, string> = { invoiceNumber: invoice.number, balance: (invoice.balanceCents / 100).toFixed(2) };
  return template.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
};

/**
 * How to pay when the seller gave a payment URL and no IBAN (issue 8 §3: the URL stands for the IBAN),
 * so a reminder or a mise en demeure never leaves its payment methods empty.
 */
export const onlinePaymentText = (link: string, language: TemplateLanguage): string =>
  language === 'fr' ? `Règlement en ligne : ${link}` : `Payment online: ${link}`;

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-12` → `12/03/2026` (fr) or `12 March 2026` (en); no Date object, so no zone can shift it. */
export const formatDate = (date: string, language: TemplateLanguage): string => {
  const [y, m, d] = date.split('-');
  if (language === 'fr') return `${d}/${m}/${y}`;
  return `${Number(d)} ${MONTHS_EN[Number(m) - 1] ?? m} ${y}`;
};

/** `12.15` → `12,15 %` (fr) or `12.15%` (en). */
export const formatPercent = (percent: number, language: TemplateLanguage): string =>
  language === 'fr' ? `${percent.toFixed(2).replace('.', ',')} %` : `${percent.toFixed(2)}%`;

const formatIban = (iban: string): string => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

export interface TemplateVariablesInput {
  invoice: { number: string; issueDate: string; dueDate: string; grossCents: number; paidCents: number; balanceCents: number };
  client: { name: string; kind: ClientKind };
  company: { name: string; siren?: string; email?: string; phone?: string; iban?: string; bic?: string; paymentInstructions?: string };
  /** The local date the message goes out; days late and penalties are counted to it. */
  asOf: string;
  /** Contractual B2B rate; absent = ECB + 10 points from the rate table. */
  penaltyRatePercent?: number;
  /**
   * The invoice's payments and credit notes by date (`penaltyReductions`): penalties are counted on
   * what was unpaid each day, as the proof file does. Absent = the balance as unpaid since the due date.
   */
  reductions?: readonly PenaltyReduction[];
  language: TemplateLanguage;
  /** Days given by a mise en demeure; default 8. */
  deadlineDays?: number;
  /** The tenant's payment URL template (settings.paymentUrl), rendered for this invoice as `paymentLink`. */
  paymentUrl?: string;
  table?: PenaltyRateTable;
  /** This email's client-portal link (`<web>/p/<token>`); empty when the invoice has none. */
  portalUrl?: string;
  /** The invoice's payment plan: each instalment with what is still due, and the one a plan reminder is about. */
  plan?: { rows: readonly InstalmentView[]; instalment?: number };
  /** The transfer reference in the payment instructions; default the invoice number (a group's: transferReference, ≤ 140). */
  reference?: string;
}

const STATUS_WORDS: Record<TemplateLanguage, Record<InstalmentView['status'], string>> = {
  fr: { pending: 'à venir', paid: 'réglée', late: 'en retard' },
  en: { pending: 'upcoming', paid: 'paid', late: 'late' },
};

/** The plan as text lines: `1. 15/12/2026 : 400,00 € (réglée)`, with what is still due on a part-paid one. */
export const planScheduleText = (rows: readonly InstalmentView[], language: TemplateLanguage): string =>
  rows
    .map((r, i) => {
      const left = r.dueCents > 0 && r.paidCents > 0 ? (language === 'fr' ? `, reste ${formatEuros(r.dueCents, language)}` : `, ${formatEuros(r.dueCents, language)} left`) : '';
      return `${i + 1}. ${formatDate(r.dueDate, language)}${language === 'fr' ? ' : ' : ': '}${formatEuros(r.amountCents, language)} (${STATUS_WORDS[language][r.status]}${left})`;
    })
    .join('\n');

/**
 * Every variable of TEMPLATE_VARIABLES, formatted for `language`. Penalties, the rate and the €40
 * indemnity exist for business clients only: for consumers they are empty strings, never an amount.
 */
export const buildTemplateVariables = (input: TemplateVariablesInput): Record<TemplateVariable, string> => {
  const { invoice, client, company, asOf, language } = input;
  const money = (cents: number) => formatEuros(cents, language);
  const business = client.kind === 'business';
  const penalties = penaltiesFor(client.kind, {
    unpaidCents: invoice.balanceCents,
    dueDate: invoice.dueDate,
    asOf,
    ...(input.penaltyRatePercent !== undefined && { contractualRatePercent: input.penaltyRatePercent }),
    ...(input.table && { table: input.table }),
    ...(input.reductions && { reductions: input.reductions }),
  });
  const rate = penaltyRateFor(asOf > invoice.dueDate ? asOf : addDays(invoice.dueDate, 1), input.table);
  const appliedRate =
    input.penaltyRatePercent === undefined ? rate.defaultRatePercent : Math.max(input.penaltyRatePercent, rate.floorRatePercent);
  const iban = company.iban ? formatIban(company.iban) : '';
  const instructions =
    company.paymentInstructions ??
    (iban
      ? language === 'fr'
        ? `Règlement par virement : IBAN ${iban}${company.bic ? `, BIC ${company.bic}` : ''}, référence ${input.reference ?? invoice.number}.`
        : `Payment by bank transfer: IBAN ${iban}${company.bic ? `, BIC ${company.bic}` : ''}, reference ${input.reference ?? invoice.number}.`
      : input.paymentUrl
        ? onlinePaymentText(paymentLinkFor(input.paymentUrl, invoice), language)
        : '');
  return {
    clientName: client.name,
    invoiceNumber: invoice.number,
    issueDate: formatDate(invoice.issueDate, language),
    dueDate: formatDate(invoice.dueDate, language),
    grossAmount: money(invoice.grossCents),
    paidAmount: money(invoice.paidCents),
    balanceAmount: money(invoice.balanceCents),
    daysLate: String(Math.max(0, daysBetween(invoice.dueDate, asOf))),
    // The €40 is the legal amount per late invoice: shown to business clients even before it is due,
    // since the J+1 text announces it.
    penaltiesAmount: business ? money(penalties.cents) : '',
    indemnityAmount: business ? money(RECOVERY_INDEMNITY_CENTS) : '',
    penaltyRate: business ? formatPercent(appliedRate, language) : '',
    companyName: companyNameIn(company.name, language),
    companySiren: company.siren ?? '',
    companyEmail: company.email ?? '',
    companyPhone: company.phone ?? '',
    paymentInstructions: instructions,
    iban,
    deadlineDate: formatDate(addDays(asOf, input.deadlineDays ?? 8), language),
    portalUrl: input.portalUrl ?? '',
    ...planVariables(input.plan, language),
    paymentLink: input.paymentUrl ? paymentLinkFor(input.paymentUrl, invoice) : '',
  };
};

const planVariables = (plan: TemplateVariablesInput['plan'], language: TemplateLanguage) => {
  const current = plan?.instalment !== undefined ? plan.rows[plan.instalment] : undefined;
  return {
    instalmentNumber: current ? String((plan?.instalment ?? 0) + 1) : '',
    instalmentCount: plan ? String(plan.rows.length) : '',
    // What is still due on it (the whole instalment unless part of it was paid).
    instalmentAmount: current ? formatEuros(current.dueCents, language) : '',
    instalmentDueDate: current ? formatDate(current.dueDate, language) : '',
    planSchedule: plan ? planScheduleText(plan.rows, language) : '',
  };
};
