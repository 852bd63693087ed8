import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { epcAmount, epcPayload, EPC_MAX_BYTES, isValidBic, isValidIban, parseEpcPayload } from '../../shared/domain/epc-qr.js';
import { qrMatrix, qrSvg } from '../../shared/adapters/qr/qr-code.js';
import { invoiceEpcPayload } from '../../shared/app/send-invoice.js';
import type { InvoiceRecord } from '../../shared/app/ports.js';
import { invoiceBalanceCents } from '../../shared/domain/invoice.js';
import { aClient, anInvoiceRecord } from '../fixtures/fakes.js';
import { clientLetterData } from '../../shared/app/reminders/letter-data.js';
import { defaultSettings } from '../../shared/domain/settings.js';

const transfer = { beneficiaryName: 'Plomberie Martin', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'agrifrpp', amountCents: 147_512, remittance: 'F-2026-0042' };

describe('EPC QR payload (EPC069-12, version 002)', () => {
  it('decodes line by line to the service tag, IBAN, BIC, amount and the invoice number', () => {
    const payload = epcPayload(transfer)!;
    expect(payload.split('\n')).toHaveLength(11);
    expect(parseEpcPayload(payload)).toEqual({
      serviceTag: 'BCD',
      version: '002',
      charset: '1',
      identification: 'SCT',
      bic: 'AGRIFRPP',
      beneficiaryName: 'Plomberie Martin',
      iban: 'FR7630006000011234567890189',
      amount: 'EUR1475.12',
      amountCents: 147_512,
      purpose: '',
      structuredReference: '',
      remittance: 'F-2026-0042',
    });
  });

  it('writes amounts with a dot and two decimals, without separators', () => {
    expect(epcAmount(1)).toBe('EUR0.01');
    expect(epcAmount(1200)).toBe('EUR12.00');
    expect(epcAmount(99_999_999_999)).toBe('EUR999999999.99');
  });

  it('round-trips any amount in range and leaves the amount empty outside it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (cents) => {
        expect(parseEpcPayload(epcPayload({ ...transfer, amountCents: cents })!).amountCents).toBe(cents);
      }),
    );
    expect(parseEpcPayload(epcPayload({ ...transfer, amountCents: 0 })!).amount).toBe('');
    expect(parseEpcPayload(epcPayload({ ...transfer, amountCents: 100_000_000_000 })!).amount).toBe('');
  });

  it('leaves the BIC empty when there is none (allowed in the EEA with version 002)', () => {
    const { bic, ...noBic } = transfer;
    void bic;
    expect(parseEpcPayload(epcPayload(noBic)!).bic).toBe('');
  });

  it('cuts the name to 70 characters, the remittance to 140 and the payload to 331 bytes', () => {
    const payload = epcPayload({ ...transfer, beneficiaryName: 'É'.repeat(100), remittance: 'R'.repeat(300) })!;
    const fields = parseEpcPayload(payload);
    expect([...fields.beneficiaryName]).toHaveLength(70);
    expect(fields.remittance.length).toBeLessThanOrEqual(140);
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(EPC_MAX_BYTES);
    expect(parseEpcPayload(epcPayload({ ...transfer, beneficiaryName: 'A\nB' })!).beneficiaryName).toBe('A B');
  });

  it('needs the BIC outside the EEA (a Swiss, British or Monegasque account): no QR code rather than one banks refuse', () => {
    const { bic, ...noBic } = transfer;
    void bic;
    for (const iban of ['CH93 0076 2011 6238 5295 7', 'GB82 WEST 1234 5698 7654 32', 'MC58 1122 2000 0101 2345 6789 030']) {
      expect(isValidIban(iban)).toBe(true);
      expect(epcPayload({ ...noBic, iban })).toBeUndefined();
      expect(parseEpcPayload(epcPayload({ ...noBic, iban, bic: 'UBSWCHZH80A' })!).bic).toBe('UBSWCHZH80A');
    }
    expect(parseEpcPayload(epcPayload({ ...noBic, iban: 'DE89 3704 0044 0532 0130 00' })!).bic).toBe('');
  });

  it('refuses an IBAN whose check digits are wrong, or a malformed BIC', () => {
    expect(epcPayload({ ...transfer, iban: 'FR76 3000 6000 0112 3456 7890 188' })).toBeUndefined();
    expect(epcPayload({ ...transfer, bic: 'AGRI' })).toBeUndefined();
  });
});

describe('IBAN and BIC checks', () => {
  it('accepts valid IBANs of several countries and rejects a changed digit', () => {
    for (const iban of ['FR7630006000011234567890189', 'DE89370400440532013000', 'GB82WEST12345698765432', 'BE68539007547034']) expect(isValidIban(iban)).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('FR76')).toBe(false);
  });

  it('accepts 8- and 11-character BICs only', () => {
    expect(isValidBic('AGRIFRPP')).toBe(true);
    expect(isValidBic('AGRIFRPP882')).toBe(true);
    expect(isValidBic('AGRIFRP')).toBe(false);
    expect(isValidBic('1GRIFRPP')).toBe(false);
  });
});

describe('QR code', () => {
  it('encodes the payload in a square matrix (version 5+ at level M for a full payload) and draws it as SVG', () => {
    const payload = epcPayload(transfer)!;
    const matrix = qrMatrix(payload);
    expect(matrix.length).toBeGreaterThanOrEqual(21);
    expect(matrix.every((row) => row.length === matrix.length)).toBe(true);
    // Finder pattern: the top-left 7×7 square has a dark border.
    expect(matrix[0]!.slice(0, 7).every(Boolean)).toBe(true);
    expect(qrSvg(payload)).toContain(`viewBox="0 0 ${matrix.length + 8} ${matrix.length + 8}"`);
    expect(qrSvg(payload)).not.toBe(qrSvg(epcPayload({ ...transfer, amountCents: 1 })!));
  });
});

describe('the EPC QR of an invoice (its PDF, the copy attached to reminders)', () => {
  const seller = { name: 'Plomberie Martin', iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP' };
  const invoice = (over: Partial<InvoiceRecord>) => anInvoiceRecord({ number: 'F-2026-0007', paidCents: 20_000, ...over });

  it('asks for the balance while one is due, in litigation too (the client can still pay)', () => {
    for (const status of ['sent', 'partially_paid', 'litigation'] as const) {
      const record = invoice({ status });
      expect(parseEpcPayload(invoiceEpcPayload(seller, record)!).amountCents, status).toBe(invoiceBalanceCents(record));
    }
  });

  it('is absent once nothing is to be paid (paid, cancelled, written off) or before the invoice is issued', () => {
    for (const status of ['draft', 'paid', 'cancelled', 'written_off'] as const) expect(invoiceEpcPayload(seller, invoice({ status })), status).toBeUndefined();
  });
});

describe('the EPC QR of a mise en demeure letter (issue 10 §3: reminder PDFs carry it)', () => {
  const company = { ...defaultSettings().company, name: 'Plomberie Martin', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' };
  const invoices = [
    anInvoiceRecord({ id: 'a', number: 'F-2026-0003', dueDate: '2026-03-20', paidCents: 20_000 }),
    anInvoiceRecord({ id: 'b', number: 'F-2026-0001', dueDate: '2026-03-12' }),
  ];
  const letter = (iban?: string) =>
    clientLetterData({ invoices, client: aClient(), settings: { ...defaultSettings(), company: { ...company, ...(iban === undefined ? {} : { iban }) } }, date: '2026-04-10', paymentInstructions: 'virement' });

  it('asks for the unpaid balance of the invoices it lists (not the penalties), their numbers as remittance', () => {
    const fields = parseEpcPayload(letter().epcPayload!);
    expect(fields).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', beneficiaryName: 'Plomberie Martin', remittance: 'F-2026-0001, F-2026-0003' });
    expect(fields.amountCents).toBe(100_000 + 120_000);
  });

  it('is absent without an IBAN', () => {
    expect(letter('').epcPayload).toBeUndefined();
  });

  it('lists as many whole invoice numbers as fit in the 140 characters and ends with "+N" for the others, never a number cut', () => {
    const many = Array.from({ length: 20 }, (_, k) => anInvoiceRecord({ id: `i${k}`, number: `F-2026-${String(k + 1).padStart(4, '0')}`, dueDate: '2026-03-12' }));
    const numbers = many.map((i) => i.number!);
    const data = clientLetterData({ invoices: many, client: aClient(), settings: { ...defaultSettings(), company }, date: '2026-04-10', paymentInstructions: 'virement' });
    const { remittance, amountCents } = parseEpcPayload(data.epcPayload!);
    expect(remittance.length).toBeLessThanOrEqual(140);
    const m = /^(.*) \+(\d+)$/.exec(remittance);
    expect(m, remittance).not.toBeNull();
    const listed = m![1]!.split(', ');
    // Each listed item is a whole number of the letter, in order, and the marker counts the rest.
    expect(listed).toEqual(numbers.slice(0, listed.length));
    expect(Number(m![2])).toBe(numbers.length - listed.length);
    // As many as fit: one more would not.
    expect(`${[...listed, numbers[listed.length]].join(', ')} +${numbers.length - listed.length - 1}`.length).toBeGreaterThan(140);
    expect(amountCents).toBe(20 * 120_000);
  });
});

describe('the EPC remittance of several invoices', () => {
  const numbers = (n: number, width = 11) => Array.from({ length: n }, (_, k) => `F-${String(k + 1).padStart(width - 2, '0')}`);

  it('lists every number when they all fit, with no marker', () => {
    expect(parseEpcPayload(epcPayload({ ...transfer, remittance: numbers(3) })!).remittance).toBe(numbers(3).join(', '));
  });

  it('keeps to the 331-byte payload with a long name too: fewer numbers, whole, and a marker', () => {
    const payload = epcPayload({ ...transfer, beneficiaryName: 'É'.repeat(70), remittance: numbers(30) })!;
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(EPC_MAX_BYTES);
    const { remittance } = parseEpcPayload(payload);
    const m = /^(.*) \+(\d+)$/.exec(remittance)!;
    const listed = m[1]!.split(', ');
    expect(listed).toEqual(numbers(30).slice(0, listed.length));
    expect(Number(m[2])).toBe(30 - listed.length);
  });

  it('for any list of numbers: whole numbers in order, then "+N" for exactly those left out', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z0-9-]{1,30}$/), { minLength: 1, maxLength: 60 }), (list) => {
        const { remittance } = parseEpcPayload(epcPayload({ ...transfer, remittance: list })!);
        expect([...remittance].length).toBeLessThanOrEqual(140);
        const m = /^(.*) \+(\d+)$/.exec(remittance);
        const listed = m ? m[1]!.split(', ') : remittance.split(', ');
        const left = m ? Number(m[2]) : 0;
        if (listed.length + left === list.length) expect(listed).toEqual(list.slice(0, listed.length));
        else expect(listed).toEqual([list[0]!.slice(0, listed[0]!.length)]); // a first number too long to fit alone
      }),
    );
  });
});
