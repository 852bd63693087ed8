/**
 * The transfer reference a grouped reminder prints (email, mise en demeure PDF) is what the client types as the
 * SEPA remittance text: at most 140 characters, in the same shortened form as the EPC QR (`F-1, F-2 +10`).
 */
import { describe, expect, it } from 'vitest';
import type { LetterPdfData } from '../../templates/pdf/letter-types.js';
import { epcPayload, MAX_REMITTANCE_CHARS, parseEpcPayload, transferReference } from '../../shared/domain/epc-qr.js';
import { defaultTemplate } from '../../shared/domain/default-templates.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { composeGroupedReminder } from '../../shared/app/reminders/compose-grouped.js';
import { aClient, anInvoiceRecord, FakePdfRenderer } from '../fixtures/fakes.js';

const settings = { ...defaultSettings(), company: { name: 'Plomberie Martin', email: 'moi@plomberie.test', iban: 'FR7630006000011234567890189' } };
const asOf = new Date('2026-04-01T07:00:00Z');
// 12 invoices: "F-2026-0001, …, F-2026-0012" is 154 characters.
const numbers = Array.from({ length: 12 }, (_, k) => `F-2026-${String(k + 1).padStart(4, '0')}`);
const twelve = numbers.map((number, k) => ({ invoice: anInvoiceRecord({ id: `i${k}`, number, dueDate: '2026-03-02' }), payments: [] }));

class LetterPdf extends FakePdfRenderer {
  readonly letters: LetterPdfData[] = [];
  override async letter(data?: LetterPdfData) {
    if (data) this.letters.push(data);
    return super.letter();
  }
}

describe('the transfer reference of several invoices', () => {
  it('keeps to the 140 characters of a SEPA remittance: whole numbers, then "+N" for the others', () => {
    expect(numbers.join(', ').length).toBe(154);
    const reference = transferReference(numbers);
    expect([...reference].length).toBeLessThanOrEqual(MAX_REMITTANCE_CHARS);
    expect(reference).toBe('F-2026-0001, F-2026-0002, F-2026-0003, F-2026-0004, F-2026-0005, F-2026-0006, F-2026-0007, F-2026-0008, F-2026-0009, F-2026-0010 +2');
    // Every number when they fit, as before.
    expect(transferReference(numbers.slice(0, 3))).toBe('F-2026-0001, F-2026-0002, F-2026-0003');
  });

  it('is the remittance the EPC QR carries for the same invoices', () => {
    const payload = epcPayload({ beneficiaryName: 'Plomberie Martin', iban: settings.company.iban, amountCents: 100, remittance: numbers })!;
    expect(parseEpcPayload(payload).remittance).toBe(transferReference(numbers));
  });

  it('is what a grouped reminder of 12 invoices prints in its email and its mise en demeure, not 154 characters of numbers', async () => {
    const pdf = new LetterPdf();
    const { email } = await composeGroupedReminder({ members: twelve, client: aClient(), settings, template: defaultTemplate('formal-notice')!, asOf }, pdf, ['x@y.test']);
    const reference = transferReference(numbers);
    expect(email.text).toContain(`référence ${reference}.`);
    expect(email.text).not.toContain(`référence ${numbers.join(', ')}`);
    expect(pdf.letters).toHaveLength(1);
    expect(pdf.letters[0]!.paymentInstructions).toContain(`référence ${reference}.`);
    // The table still lists every invoice.
    for (const n of numbers) expect(email.text).toContain(n);
  });
});
