/**
 * The EPC QR code ("QR code SEPA", EPC069-12 v2.1, version 002): what French banking apps scan
 * to prefill a SEPA credit transfer. Lines separated by LF, in this order: service tag `BCD`,
 * version `002`, character set `1` (UTF-8), identification `SCT`, BIC (may be empty in the EEA
 * with version 002), beneficiary name (≤ 70), IBAN, amount `EUR12.34` (0.01–999999999.99),
 * purpose (empty), structured reference (empty), unstructured remittance (≤ 140). The whole
 * payload must stay ≤ 331 bytes; the image uses error correction level M.
 */

export interface EpcTransfer {
  readonly beneficiaryName: string;
  readonly iban: string;
  readonly bic?: string;
  /** The amount to pay; outside 1–99 999 999 999 cents the amount line is left for the payer to type. */
  readonly amountCents?: number;
  /**
   * Unstructured remittance: the invoice number, or the numbers of several invoices (a grouped letter): as
   * many whole numbers as fit, then `+N` for the N left out (never a number cut half-way).
   */
  readonly remittance: string | readonly string[];
}

export const EPC_MAX_BYTES = 331;

/**
 * IBAN country codes of the EEA (EU, Iceland, Liechtenstein, Norway, and the French, Portuguese, Spanish and Finnish
 * territories part of it with codes of their own), where a version 002 payload may leave the BIC out (EPC069-12 AT-23).
 * The other SEPA countries (CH, GB, MC, SM, AD, VA, GI…) need it.
 */
const EEA_IBAN_COUNTRIES: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'IS', 'LI', 'NO',
  'GF', 'GP', 'MQ', 'RE', 'YT', 'BL', 'MF', 'PM', 'AX',
]);
const MAX_EPC_CENTS = 99_999_999_999;

/** `1234` → `EUR12.34`: a dot, two decimals, no thousands separator. */
export const epcAmount = (cents: number): string => `EUR${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

const oneLine = (text: string, max: number): string =>
  [...text.replace(/[\r\n]+/g, ' ').trim()].slice(0, max).join('');

/** The payload, or undefined when the IBAN is not a valid one (a QR code must never send money astray). */
export const epcPayload = (t: EpcTransfer): string | undefined => {
  const iban = normaliseIban(t.iban);
  if (!isValidIban(iban)) return undefined;
  const bic = t.bic ? t.bic.replace(/\s+/g, '').toUpperCase() : '';
  if (bic && !isValidBic(bic)) return undefined;
  // Version 002 leaves the BIC out only inside the EEA: a Swiss, British or Monegasque account needs it.
  if (!bic && !EEA_IBAN_COUNTRIES.has(iban.slice(0, 2))) return undefined;
  const amount = t.amountCents !== undefined && Number.isInteger(t.amountCents) && t.amountCents >= 1 && t.amountCents <= MAX_EPC_CENTS ? epcAmount(t.amountCents) : '';
  const head = ['BCD', '002', '1', 'SCT', bic, oneLine(t.beneficiaryName, 70), iban, amount, '', ''].join('\n');
  const fits = (remittance: string) => [...remittance].length <= 140 && bytes(`${head}\n${remittance}`) <= EPC_MAX_BYTES;
  const remittance = typeof t.remittance === 'string' ? oneLine(t.remittance, 140) : remittanceList(t.remittance.map((n) => oneLine(n, 140)), fits);
  let payload = `${head}\n${remittance}`;
  // Only a long name and remittance together can pass the limit: shorten the remittance.
  while (bytes(payload) > EPC_MAX_BYTES) payload = payload.slice(0, -1);
  return payload;
};

const bytes = (text: string): number => new TextEncoder().encode(text).length;

/**
 * `F-2026-0001, F-2026-0002 +3`: the first numbers, whole, as many as `fits` allows with the marker counting
 * the others; every one when they all fit. A first number too long to fit even alone is cut (as a single one is).
 */
export const remittanceList = (numbers: readonly string[], fits: (remittance: string) => boolean): string => {
  for (let n = numbers.length; n >= 1; n--) {
    const left = numbers.length - n;
    const text = `${numbers.slice(0, n).join(', ')}${left > 0 ? ` +${left}` : ''}`;
    if (fits(text)) return text;
  }
  return numbers[0] ?? '';
};

/** The SEPA unstructured remittance: what the client can type as the reference of a transfer. */
export const MAX_REMITTANCE_CHARS = 140;

/**
 * The transfer reference of several invoices printed in a grouped reminder (email, mise en demeure), in the
 * form the EPC QR carries: every number when they fit in 140 characters, else `F-1, F-2 +N` (remittanceList).
 */
export const transferReference = (numbers: readonly string[]): string =>
  remittanceList(numbers.map((n) => oneLine(n, MAX_REMITTANCE_CHARS)), (r) => [...r].length <= MAX_REMITTANCE_CHARS);

export interface EpcFields {
  readonly serviceTag: string;
  readonly version: string;
  readonly charset: string;
  readonly identification: string;
  readonly bic: string;
  readonly beneficiaryName: string;
  readonly iban: string;
  readonly amount: string;
  /** The amount in cents, when the amount line is present. */
  readonly amountCents?: number;
  readonly purpose: string;
  readonly structuredReference: string;
  readonly remittance: string;
}

/** Reads a payload back, line by line, as a banking app does. */
export const parseEpcPayload = (payload: string): EpcFields => {
  const [serviceTag = '', version = '', charset = '', identification = '', bic = '', beneficiaryName = '', iban = '', amount = '', purpose = '', structuredReference = '', remittance = ''] = payload.split('\n');
  const m = /^EUR(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount);
  const amountCents = m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : undefined;
  return { serviceTag, version, charset, identification, bic, beneficiaryName, iban, amount, ...(amountCents !== undefined ? { amountCents } : {}), purpose, structuredReference, remittance };
};

export const normaliseIban = (iban: string): string => iban.replace(/\s+/g, '').toUpperCase();

/** ISO 13616: country, two check digits, up to 30 alphanumerics; the number read as base 36 is 1 modulo 97. */
export const isValidIban = (raw: string): boolean => {
  const iban = normaliseIban(raw);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
};

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
export const isValidBic = (bic: string): boolean => /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic);
