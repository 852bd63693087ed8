/**
 * Reading invoices issued elsewhere: a CSV as spreadsheets and accounting tools export it
 * (UTF-8, `;` or `,`, quoted fields, French decimals `1 234,56`, dates `JJ/MM/AAAA` or ISO,
 * blank lines) or JSON rows. Pure: every row becomes either a clean record or field errors.
 */
import { badTextProblem } from './bad-text.js';
import { isValidDate } from './dates.js';
import { VAT_RATES } from './money.js';
import { isValidSiren, SIREN_CHECK_MESSAGE } from './siren.js';

export { isPaymentBeforeImport, shownPaymentDate } from './import-payment.js';

export interface ImportedRow {
  readonly row: number;
  readonly number: string;
  readonly client: { readonly name: string; readonly email?: string; readonly siren?: string; readonly kind: 'business' | 'consumer'; readonly kindGuessed?: true };
  readonly issueDate: string;
  readonly dueDate: string;
  readonly netCents: number;
  readonly vatCents: number;
  readonly grossCents: number;
  readonly paidCents: number;
  /** Credit notes issued before the import: they reduce the balance as credit notes, not as a payment. */
  readonly creditedCents: number;
  /** Its status says it is in litigation (`contentieux`, as our export writes it): it comes in there, unchased. */
  readonly litigation?: true;
}

export interface RowError {
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

/** A civility before the name (`M.`, `Mme`, `Monsieur`, `M. et Mme`, `Mr`, `Mrs`): a person, not a firm. */
const CIVILITY = /^(m\.|mr\.?|mrs\.?|ms\.?|mme\.?|mlle\.?|monsieur|madame|mademoiselle|m\s+(et|&)\s+mme)(\s|$)/i;

/**
 * A client whose row says no type: a firm has a SIREN; a name written with a civility (`Mme Martin`,
 * `M. et Mme Durand`) is a private person, who is owed no €40 indemnity claim nor B2B penalty
 * mentions (L441-10 is between professionals); anything else is taken for a business, as before.
 * The import's answer says the type was guessed, so the screen can show it.
 */
export const guessClientKind = (name: string, siren?: string): 'business' | 'consumer' =>
  siren ? 'business' : CIVILITY.test(name.trim()) ? 'consumer' : 'business';

/** Raw fields of one row, by canonical name. */
export type RawRow = Partial<Record<'number' | 'clientName' | 'email' | 'siren' | 'kind' | 'issueDate' | 'dueDate' | 'net' | 'vat' | 'gross' | 'paid' | 'credited' | 'remaining' | 'state' | 'paidOn', string>> & { readonly row: number };

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

const ALIASES: Record<string, keyof Omit<RawRow, 'row'>> = {
  number: 'number', invoiceno: 'number', invoice: 'number', invoicenum: 'number', invoiceid: 'number', ref: 'number', reference: 'number', numero: 'number', numerofacture: 'number', numerodefacture: 'number', ndefacture: 'number', numerodelafacture: 'number', referencefacture: 'number', nfacture: 'number', nofacture: 'number', numfacture: 'number', nodefacture: 'number', facturen: 'number', facturenumero: 'number', facture: 'number', no: 'number', invoicenumber: 'number', n: 'number',
  client: 'clientName', clientname: 'clientName', nom: 'clientName', nomduclient: 'clientName', customer: 'clientName', nomclient: 'clientName', raisonsociale: 'clientName', name: 'clientName',
  societe: 'clientName', nomsociete: 'clientName', nomdelasociete: 'clientName', entreprise: 'clientName', company: 'clientName',
  email: 'email', customeremail: 'email', clientemail: 'email', emailaddress: 'email', customername: 'clientName', billto: 'clientName', mail: 'email', courriel: 'email', emailclient: 'email', adresseemail: 'email', adressemail: 'email', adressecourriel: 'email',
  siren: 'siren', sirenclient: 'siren', siret: 'siren', nsiren: 'siren', nsiret: 'siren', numerosiren: 'siren', numerosiret: 'siren',
  kind: 'kind', type: 'kind', typeclient: 'kind',
  issuedate: 'issueDate', invoicedate: 'issueDate', emisele: 'issueDate', datedefacturation: 'issueDate', facturele: 'issueDate', date: 'issueDate', datefacture: 'issueDate', dateemission: 'issueDate', datedefacture: 'issueDate', datedemission: 'issueDate', datedelafacture: 'issueDate',
  duedate: 'dueDate', echeancele: 'dueDate', apayeravantle: 'dueDate', aregleravantle: 'dueDate', datelimite: 'dueDate', paymentdue: 'dueDate', due: 'dueDate', echeance: 'dueDate', dateecheance: 'dueDate', datedecheance: 'dueDate', datelimitedepaiement: 'dueDate',
  net: 'net', subtotal: 'net', amountexcltax: 'net', netamount: 'net', ht: 'net', montantht: 'net', totalht: 'net',
  vat: 'vat', tax: 'vat', taxamount: 'vat', vatamount: 'vat', tva: 'vat', montanttva: 'vat', totaltva: 'vat', montantdetva: 'vat',
  gross: 'gross', total: 'gross', amount: 'gross', totalamount: 'gross', amountincltax: 'gross', grossamount: 'gross', ttc: 'gross', montantttc: 'gross', totalttc: 'gross', montanttotalttc: 'gross',
  paid: 'paid', dejapaye: 'paid', paye: 'paid', regle: 'paid', dejaregle: 'paid', alreadypaid: 'paid', acompte: 'paid', montantpaye: 'paid', montantregle: 'paid', encaisse: 'paid', dejaencaisse: 'paid',
  // A yes/no column kept by hand (`Payée : oui`), or amounts under an adjective header.
  payee: 'paid', reglee: 'paid', acquittee: 'paid', encaissee: 'paid',
  montantencaisse: 'paid', totalregle: 'paid', totalpaye: 'paid', reglements: 'paid', paiements: 'paid', paiementsrecus: 'paid', amountpaid: 'paid', totalencaisse: 'paid', montantdejaregle: 'paid', montantdejapaye: 'paid',
  credited: 'credited', avoirs: 'credited', avoir: 'credited', montantavoirs: 'credited', creditnotes: 'credited', creditnote: 'credited',
  montantavoir: 'credited', montantdesavoirs: 'credited', totalavoir: 'credited', totalavoirs: 'credited', avoirttc: 'credited', avoirsttc: 'credited', creditedamount: 'credited',
  // What is still owed, as invoicing tools export it instead of what was paid (used only without a paid column).
  solde: 'remaining', soldedu: 'remaining', soldettc: 'remaining', resteapayer: 'remaining', resteapayerttc: 'remaining', restantdu: 'remaining', restedu: 'remaining', montantrestant: 'remaining', restantapayer: 'remaining', montantrestantapayer: 'remaining', solderestant: 'remaining',
  montantrestantdu: 'remaining', montantdu: 'remaining', resteaencaisser: 'remaining', restearegler: 'remaining', amountdue: 'remaining', balance: 'remaining', balancedue: 'remaining', outstanding: 'remaining',
  // Its status (`Payée`): read for settling only when the file says neither what was paid nor what is owed; `contentieux` always.
  // The date it was paid on: read only when the file says neither what was paid nor what is owed.
  datedepaiement: 'paidOn', datepaiement: 'paidOn', datedereglement: 'paidOn', datereglement: 'paidOn', payele: 'paidOn', reglele: 'paidOn',
  datedencaissement: 'paidOn', dateencaissement: 'paidOn', paymentdate: 'paidOn', paidon: 'paidOn', datepaid: 'paidOn', paiddate: 'paidOn',
  statut: 'state', status: 'state', etat: 'state', statutdepaiement: 'state', etatdepaiement: 'state', etatdupaiement: 'state', paymentstatus: 'state', statutpaiement: 'state', statutfacture: 'state', statutdelafacture: 'state', etatfacture: 'state', etatdelafacture: 'state',
};

/**
 * Headers that name their field only loosely: beside a column naming it exactly (`Nom` of the contact
 * beside `Client`, `Date` beside `Date facture`, `Acompte` beside `Déjà réglé`), the exact one is read.
 */
const LOOSE = new Set(['nom', 'name', 'date', 'no', 'n', 'numero', 'facture', 'invoice', 'ref', 'reference', 'type', 'acompte', 'payee', 'reglee', 'acquittee', 'encaissee', 'total', 'amount', 'due']);

/**
 * A folded header as the aliases know it: as written, else without the unit after it (`Total TTC (EUR)`,
 * `Montant TTC en euros`; `€` is gone with the folding), else without a `TTC` after it (`Restant dû TTC`,
 * `Montant réglé TTC`). Never `HT`: a net amount is not the gross.
 */
const aliasKey = (h: string): string => {
  if (ALIASES[h]) return h;
  const bare = h.replace(/(en)?(eur|euros?)$/, '');
  if (bare && ALIASES[bare]) return bare;
  const noTtc = bare.replace(/ttc$/, '');
  return noTtc && noTtc !== bare && ALIASES[noTtc] ? noTtc : h;
};

/** Each header's field, one column per field: an exact header before a loose one, else the leftmost. */
const headerColumns = (headers: readonly string[]): (keyof Omit<RawRow, 'row'> | undefined)[] => {
  const folded = headers.map((h) => aliasKey(fold(h)));
  const fields = folded.map((h) => ALIASES[h]);
  const rank = (i: number) => (LOOSE.has(folded[i]!) ? 1 : 0);
  return fields.map((f, i) => (f && fields.every((g, j) => g !== f || j === i || rank(i) < rank(j) || (rank(i) === rank(j) && i < j)) ? f : undefined));
};

/** Statuses that say an invoice is settled, as invoicing tools write them (folded: no accent, no space). */
const SETTLED = new Set(['payee', 'paye', 'payees', 'reglee', 'regle', 'soldee', 'solde', 'acquittee', 'acquitte', 'encaissee', 'paid', 'settled']);
/** Statuses that say an invoice is in litigation (contentieux), as our export and invoicing tools write them (folded). */
const LITIGATION = new Set(['contentieux', 'encontentieux', 'passeeencontentieux', 'passeaucontentieux', 'litigation', 'inlitigation']);
/** Statuses of an invoice cancelled (by a credit note) in the tool it comes from, and of a draft never issued (folded). */
const CANCELLED = new Set(['annulee', 'annule', 'annulees', 'cancelled', 'canceled', 'void', 'voided']);
const DRAFT = new Set(['brouillon', 'draft', 'enbrouillon']);
/** Statuses saying an invoice is partly paid (folded): how much is for the paid or still-owed column to say. */
const PARTIAL = new Set([
  'partiellementpayee', 'partiellementpaye', 'payeepartiellement', 'payepartiellement', 'partiellementreglee', 'partiellementregle', 'regleepartiellement',
  'reglepartiellement', 'partiellementencaissee', 'encaisseepartiellement', 'paiementpartiel', 'reglementpartiel', 'partiel', 'partielle', 'partiellementpayees',
  'partiallypaid', 'partlypaid', 'partial', 'partiallysettled',
]);
/** A paid column kept as yes / no (`Payée : oui`): settled, or nothing paid. */
const YES = new Set(['oui', 'o', 'yes', 'y', 'x', 'vrai', 'true']);
const NO = new Set(['non', 'n', 'no', 'faux', 'false']);

/** The header is looked for in the file's first lines (blank ones not counted): an export's title lines may stand above it. */
const HEADER_WITHIN = 10;
const DELIMITERS = [';', ',', '\t'] as const;

/** The required fields a header's columns lack: number, client, dates, and the gross (or net and VAT). */
const missingColumns = (columns: readonly (keyof Omit<RawRow, 'row'> | undefined)[]): string[] => {
  const missing: string[] = (['number', 'clientName', 'issueDate', 'dueDate'] as const).filter((c) => !columns.includes(c));
  if (!columns.includes('gross') && !(columns.includes('net') && columns.includes('vat'))) missing.push('gross');
  return missing;
};

/** Splits CSV text into records of fields (RFC 4180 quotes), with the line each record starts on. */
export const parseCsv = (text: string): { line: number; fields: string[] }[] => {
  const text0 = text.replace(/^\ufeff/, '');
  // Excel's delimiter line (`sep=;`), which some tools write first so Excel opens the file in columns: it says
  // the delimiter and is no header.
  const sep = /^sep=([;,\t])[ ]*(\r\n|\r|\n|$)/i.exec(text0);
  const body = sep ? text0.slice(sep[0].length) : text0;
  // Lines end in CR LF, LF, or CR alone (Excel's « CSV (Macintosh) »): the delimiter is counted on the header only,
  // the first line naming the required columns (title lines may stand above it), else the first line.
  const lines = body.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').slice(0, HEADER_WITHIN);
  const named = lines.flatMap((l) => DELIMITERS.filter((d) => missingColumns(headerColumns(l.split(d).map((h) => h.trim().replace(/^"(.*)"$/, '$1')))).length === 0).map((d) => ({ l, d })))[0];
  const firstLine = lines[0] ?? '';
  // `;` (French Excel), `,`, or a tab (Excel's « Texte (séparateur : tabulation) », a copy of cells): the header's most frequent.
  const count = (d: string) => firstLine.split(d).length - 1;
  const delimiter = sep ? sep[1]! : named ? named.d : count('\t') > Math.max(count(';'), count(',')) ? '\t' : count(';') >= count(',') ? ';' : ',';
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = sep ? 2 : 1;
  let start = line;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
  return records;
};

/** The CSV's rows by canonical column, the header naming them (French or English, any case or accent). */
export const csvRows = (text: string): { rows: RawRow[]; errors: RowError[] } => {
  const all = parseCsv(text);
  if (!all[0]) return { rows: [], errors: [{ row: 1, field: 'header', message: 'the file is empty' }] };
  // Title lines above the header (`Export factures – Plomberie Martin – 27/11/2026`) are skipped: the header is the
  // first of the first lines naming the required columns; without one, the first line's missing columns are said.
  const at = Math.max(0, all.slice(0, HEADER_WITHIN).findIndex((r) => missingColumns(headerColumns(r.fields)).length === 0));
  const header = all[at]!;
  const records = all.slice(at + 1);
  const columns = headerColumns(header.fields);
  const missing = missingColumns(columns);
  if (missing.length) return { rows: [], errors: missing.map((field) => ({ row: header.line, field, message: 'column missing from the header' })) };
  // A header and nothing under it (an export of an empty list): said, as an empty file is, never an import that did nothing silently.
  if (records.length === 0) return { rows: [], errors: [{ row: header.line, field: 'header', message: 'has no invoice row under it' }] };
  const rows = records.map((r) => {
    const row: Record<string, string | number> = { row: r.line };
    columns.forEach((c, i) => {
      if (c && r.fields[i] !== undefined) row[c] = r.fields[i]!.trim();
    });
    return row as RawRow;
  });
  return { rows, errors: [] };
};

/** `1 234,56`, `1234.56`, `1.234,56 €`, `-12` → cents; undefined when not an amount. */
export const parseAmount = (text: string): number | undefined => {
  let s = text.replace(/[\s\u00a0\u202f€]/g, '').replace(/^EUR|EUR$/i, '');
  if (s === '') return undefined;
  if (/,\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  // English thousands (`1,234.56`, `1,234,567`), but never `1,500` alone: in a French file it is 1,50 €
  // with three decimals as often as 1 500 €, and reading it wrong bills a thousand times the amount.
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s) && !/^\d{1,3},\d{3}$/.test(s)) s = s.replace(/,/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [units, decimals = ''] = s.replace('-', '').split('.');
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  return s.startsWith('-') ? -cents : cents;
};

/**
 * The order of day and month in a file's `a/b/yyyy` dates. French is the default (`JJ/MM/AAAA`); a file
 * exported by an American tool writes `MM/DD/YYYY`, and `03/04/2026` read the French way is 3 April
 * where it meant 4 March.
 */
export type DateOrder = 'DD/MM/YYYY' | 'MM/DD/YYYY';

/** A local time after the date, as spreadsheets export a date cell (`01/10/2026 00:00`, `2026-10-01T00:00:00`), is no part of it. */
const dayPart = (text: string) => text.trim().replace(/(?<=\d)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/, '');
/** `a/b/yyyy` (or `.`, `-`; a two-digit year is 20AA): its two first parts and year, undefined for any other form. */
const slashParts = (text: string): { a: number; b: number; year: string } | undefined => {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(dayPart(text));
  return m ? { a: Number(m[1]), b: Number(m[2]), year: m[3]!.length === 2 ? `20${m[3]}` : m[3]! } : undefined;
};

/** `2026/09/01` (year first with slashes, as some tools export it): ISO with `/`, one order only, whatever the file's. */
const yearFirst = (text: string): string | undefined => {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(dayPart(text));
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
};

/** `31/12/2026` (or `12/31/2026` in a MM/DD file), `2026-12-31` or `2026/12/31` → `2026-12-31`; undefined when not a calendar date. */
export const parseDate = (text: string, order: DateOrder = 'DD/MM/YYYY'): string | undefined => {
  const parts = slashParts(text);
  const [day, month] = parts ? (order === 'MM/DD/YYYY' ? [parts.b, parts.a] : [parts.a, parts.b]) : [0, 0];
  const iso = parts ? `${parts.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : yearFirst(text) ?? dayPart(text);
  return isValidDate(iso) ? iso : undefined;
};

export interface DateOrderFound {
  readonly order: DateOrder;
  /** The first date that decided it (a value only one order reads), absent when every date reads both ways. */
  readonly evidence?: { readonly row: number; readonly field: string; readonly value: string };
  /** The file has dates only JJ/MM reads and dates only MM/DD reads: it is read as JJ/MM and the others are row errors. */
  readonly mixed?: true;
}

const DATE_FIELDS = ['issueDate', 'dueDate', 'paidOn'] as const;

/**
 * The order of a file's dates, decided on the whole file (one tool writes all its dates one way): a
 * date only `MM/DD` reads (`04/15/2026`: no month 15) and none only `JJ/MM` reads (`15/04/2026`)
 * makes it a `MM/DD/YYYY` file; otherwise it is French (`JJ/MM/AAAA`), the default when every date
 * reads both ways (`03/04/2026`). Only dates valid in the order they prove count as evidence.
 */
export const dateOrderOf = (rows: readonly RawRow[]): DateOrderFound => {
  let dayFirst: DateOrderFound['evidence'];
  let monthFirst: DateOrderFound['evidence'];
  for (const raw of rows) {
    for (const field of DATE_FIELDS) {
      const value = raw[field];
      const parts = value ? slashParts(value) : undefined;
      if (!parts || !value) continue;
      if (!dayFirst && parts.a > 12 && parseDate(value, 'DD/MM/YYYY')) dayFirst = { row: raw.row, field, value: value.trim() };
      if (!monthFirst && parts.b > 12 && parseDate(value, 'MM/DD/YYYY')) monthFirst = { row: raw.row, field, value: value.trim() };
    }
    if (dayFirst && monthFirst) break;
  }
  if (monthFirst && !dayFirst) return { order: 'MM/DD/YYYY', evidence: monthFirst };
  return { order: 'DD/MM/YYYY', ...(dayFirst ? { evidence: dayFirst } : {}), ...(dayFirst && monthFirst ? { mixed: true as const } : {}) };
};

/** A date only MM/DD reads, in a file whose other dates only JJ/MM reads: said as such, never guessed. */
export const MIXED_DATE_ORDER = 'reads only as MM/DD/YYYY (month first), while other dates of the file read only as JJ/MM/AAAA: write every date of the file in one order';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const NEGATIVE_BILLED = 'is negative (a credit note? put its amount in the Avoirs column of the invoice it credits)';

/** `'=Garage` → `=Garage`: the `'` our export (and spreadsheets) put before a text that would run as a formula. */
const unguard = (s: string | undefined) => (s !== undefined && /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

/** One raw row → a record, or the errors of each bad field. */
export const validateRow = (raw: RawRow, order: DateOrder = 'DD/MM/YYYY'): { ok: ImportedRow } | { errors: RowError[] } => {
  // Text no one types (a NUL, an escape, a surrogate half alone) is that field's one error, as a JSON body's field is a
  // 400 naming it: it was imported as given and carried into the PDFs, the emails and the export.
  const errors: RowError[] = [];
  const badText = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    const problem = typeof value === 'string' ? badTextProblem(value) : undefined;
    const field = key === 'clientName' ? 'client' : key;
    if (problem && !badText.has(field)) errors.push({ row: raw.row, field, message: problem });
    if (problem) badText.add(field);
  }
  const fail = (field: string, message: string) => {
    if (!badText.has(field)) errors.push({ row: raw.row, field, message });
  };
  const number = unguard(raw.number?.trim()) ?? '';
  if (!number) fail('number', 'is required');
  else if (number.length > 64) fail('number', 'is longer than 64 characters');
  // A name typed on two lines of a cell (a quoted field holding a line break), or with runs of spaces: one line, single spaces.
  const name = unguard(raw.clientName?.trim())?.replace(/\s+/g, ' ').trim() ?? '';
  if (!name) fail('client', 'is required');
  const email = unguard(raw.email?.trim()) || undefined;
  if (email && !EMAIL.test(email)) fail('email', 'is not an email address');
  const siren = raw.siren?.replace(/\s/g, '') || undefined;
  if (siren && !/^\d{9}(\d{5})?$/.test(siren)) fail('siren', 'must be 9 digits (or a 14-digit SIRET)');
  else if (siren && !isValidSiren(siren.slice(0, 9))) fail('siren', SIREN_CHECK_MESSAGE);
  const kindText = fold(raw.kind ?? '');
  // As invoicing tools and accountants write it: `Société`, `Personne morale`, `Personne physique`, `Professionnelle`.
  const kind = kindText === '' ? guessClientKind(name, siren)
    : ['business', 'b2b', 'professionnel', 'professionnelle', 'pro', 'entreprise', 'societe', 'personnemorale', 'company'].includes(kindText) ? 'business'
    : ['consumer', 'b2c', 'particulier', 'particuliere', 'personnephysique', 'individual'].includes(kindText) ? 'consumer' : undefined;
  if (!kind) fail('kind', 'must be business (professionnel) or consumer (particulier)');
  // A year typed wrong (0026, 1926, 2206) would come in chased at once, or never: the cockpit's years are 2000–2099.
  const inRange = (field: 'issueDate' | 'dueDate', date: string | undefined) => {
    // An empty cell is missing, not mistyped: "date invalide" for nothing sent the user looking for a typo.
    if (!(raw[field] ?? '').trim()) fail(field, 'is required');
    else if (!date && order === 'DD/MM/YYYY' && parseDate(raw[field] ?? '', 'MM/DD/YYYY')) fail(field, MIXED_DATE_ORDER);
    else if (!date) fail(field, order === 'MM/DD/YYYY' ? 'is not a date (MM/DD/YYYY, as the other dates of the file, or YYYY-MM-DD)' : 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)');
    else if (date < '2000-01-01' || date > '2099-12-31') fail(field, 'is not between 2000 and 2099 (a typo in the year?)');
    else return date;
    return undefined;
  };
  const issueDate = inRange('issueDate', parseDate(raw.issueDate ?? '', order));
  const dueDate = inRange('dueDate', parseDate(raw.dueDate ?? '', order));
  if (issueDate && dueDate && dueDate < issueDate) fail('dueDate', 'is before the issue date');
  let negativeBilled = false;
  const amount = (field: 'net' | 'vat' | 'gross' | 'paid' | 'credited' | 'remaining') => {
    const text = raw[field];
    if (text === undefined || text.trim() === '') return undefined;
    const cents = parseAmount(text);
    // A bad amount is told once: it takes no part in the checks between amounts (paid ≤ gross…).
    if (cents === undefined) fail(field, 'is not an amount (1 234,56)');
    else if (cents < 0 && ['net', 'vat', 'gross'].includes(field)) {
      // Other tools export their credit notes as rows with negative amounts: said once a row, with where it goes.
      if (!negativeBilled) fail(field, NEGATIVE_BILLED);
      negativeBilled = true;
    } else if (cents < 0) fail(field, 'must not be negative');
    else if (cents > 99_999_999_999) fail(field, 'is above 999 999 999,99');
    else return cents;
    return undefined;
  };
  const net = amount('net');
  const vat = amount('vat');
  let gross = amount('gross');
  const paidWord = fold(raw.paid ?? '');
  const paidSaysSettled = YES.has(paidWord) || SETTLED.has(paidWord);
  let paid = paidSaysSettled || NO.has(paidWord) ? 0 : amount('paid') ?? 0;
  // Credit notes issued before the import (our export's `Avoirs`) reduce the balance as credit notes:
  // an invoice cancelled by one comes back cancelled, not paid.
  let credited = amount('credited') ?? 0;
  // A file that gives what is still owed (`Reste à payer`, `Solde`) rather than what was paid: a paid invoice
  // must not come in owed (and chased). With a paid column too (our own export), that column is the one read.
  // Cell by cell: a paid cell left empty says nothing, and what is owed, the status or the payment date is read.
  const paidGiven = (raw.paid ?? '').trim() !== '';
  const remaining = paidGiven ? undefined : amount('remaining');
  if (gross === undefined && net !== undefined && vat !== undefined) {
    // A TVA column holding the rate (`20`, `5,5`) rather than the amount, with no TTC to check it against: 1 000 + 20
    // would bill 1 020 €. A rate's figure that is no rate's VAT of the net (to the cent) is refused.
    const rateFigure = VAT_RATES.some((r) => r > 0 && Math.round(r * 100) === vat);
    const someRate = VAT_RATES.some((r) => Math.abs(Math.round((net * r) / 100) - vat) <= 2);
    if (rateFigure && !someRate) fail('vat', 'looks like a VAT rate rather than an amount (give the VAT amount, or the TTC)');
    else gross = net + vat;
  } else if (net === undefined && gross !== undefined && vat !== undefined) {
    // The same beside a TTC and no HT: the net came in as TTC − 20 € and the VAT as 20 € (the export's HT and TVA
    // then, and a write-off's VAT credit note). A rate's figure that is no rate's VAT of the TTC (to 2 cents) is refused.
    const billed = gross;
    const rateFigure = VAT_RATES.some((r) => r > 0 && Math.round(r * 100) === vat);
    const someRate = VAT_RATES.some((r) => Math.abs(Math.round((billed * r) / (100 + r)) - vat) <= 2);
    if (rateFigure && !someRate) fail('vat', 'looks like a VAT rate rather than an amount (give the VAT amount, or leave the TVA column out: the TTC is enough)');
  }
  // Partly paid, says its status, but how much the row does not say: it came in fully owed (and chased for it all), or
  // fully paid when a payment date (of a part) was given. Refused, never guessed.
  const partlyPaid = PARTIAL.has(fold(raw.state ?? ''));
  const amountPaidGiven = paidGiven && !paidSaysSettled && !NO.has(paidWord);
  if (partlyPaid && !amountPaidGiven && remaining === undefined && (raw.remaining ?? '').trim() === '') {
    fail('state', 'says partly paid, but the row gives neither what was paid (Déjà réglé) nor what is left (Reste à payer): add one of them');
  }
  const paidOnText = raw.paidOn?.trim() ?? '';
  const paidOn = paidOnText === '' ? undefined : parseDate(paidOnText, order);
  if (paidOnText !== '' && !paidOn) {
    fail('paidOn', order === 'DD/MM/YYYY' && parseDate(paidOnText, 'MM/DD/YYYY') ? MIXED_DATE_ORDER : order === 'MM/DD/YYYY' ? 'is not a date (MM/DD/YYYY, as the other dates of the file, or YYYY-MM-DD)' : 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)');
  }
  if (paidSaysSettled && gross !== undefined) paid = Math.max(0, gross - credited);
  else if (remaining !== undefined && gross !== undefined) {
    if (remaining > gross - credited) fail('remaining', 'is more than the gross amount less credit notes');
    else paid = gross - credited - remaining;
  } else if (!paidGiven && (raw.remaining ?? '').trim() === '' && gross !== undefined && (SETTLED.has(fold(raw.state ?? '')) || paidOn)) {
    paid = Math.max(0, gross - credited);
  }
  // Another tool's export of every invoice: a draft was never issued (nothing to chase), and a cancelled one without
  // its credit notes in an Avoirs column had the rest credited; both came in `sent`, owed and chased.
  const state = fold(raw.state ?? '');
  if (DRAFT.has(state)) fail('state', 'is a draft: never issued, so nothing to import (import issued invoices only)');
  if (CANCELLED.has(state) && (raw.credited ?? '').trim() === '' && gross !== undefined && paid <= gross) credited = gross - paid;
  if (gross === undefined && !errors.some((e) => ['net', 'vat', 'gross'].includes(e.field))) fail('gross', 'is required (or net and VAT)');
  if (gross !== undefined && net !== undefined && vat !== undefined && net + vat !== gross) fail('gross', 'is not net + VAT');
  if (gross !== undefined && paid > gross) fail('paid', 'is more than the gross amount');
  else if (gross !== undefined && paid + credited > gross) fail('credited', 'with what was paid, is more than the gross amount');
  if (errors.length || !issueDate || !dueDate || gross === undefined || !kind) return { errors };
  const netCents = net ?? (vat !== undefined ? gross - vat : gross);
  return {
    ok: {
      row: raw.row,
      number,
      client: { name, ...(email ? { email } : {}), ...(siren ? { siren: siren.slice(0, 9) } : {}), kind, ...(kindText === '' ? { kindGuessed: true as const } : {}) },
      issueDate,
      dueDate,
      netCents,
      vatCents: gross - netCents,
      grossCents: gross,
      paidCents: paid,
      creditedCents: credited,
      ...(LITIGATION.has(fold(raw.state ?? '')) ? { litigation: true as const } : {}),
    },
  };
};
