import { describe, expect, it } from 'vitest';
import { composeReminder } from '../../shared/app/reminders/compose-reminder.js';
import { composeGroupedSms, composeSms, renderSmsText } from '../../shared/app/reminders/compose-sms.js';
import { defaultTemplate } from '../../shared/domain/default-templates.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { smsSegments } from '../../shared/domain/sms-text.js';
import { aClient, anInvoiceRecord, FakePdfRenderer } from '../fixtures/fakes.js';

/**
 * What a text costs the artisan: 160 GSM-7 characters a part (153 once split), 70 UCS-2 ones (67) as
 * soon as one character is outside GSM 03.38. French accents é è à ù are in it; the apostrophe ’ and
 * the guillemets « » a phone or a word processor types are not, and doubled the price of every text.
 */
describe('text message encoding', () => {
  it('counts GSM-7 septets (€ is two) and UCS-2 units, and the parts they make', () => {
    expect(smsSegments('Déjà réglé ? Merci.')).toEqual({ encoding: 'GSM-7', units: 19, segments: 1 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments('Crêperie')).toEqual({ encoding: 'UCS-2', units: 8, segments: 1 });
    expect(smsSegments('ê'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  const settings = { ...defaultSettings(), company: { name: 'Plomberie Martin & Fils', iban: 'FR7630006000011234567890189' }, paymentUrl: 'https://pay.example.com/r/{{invoiceNumber}}?amount={{balance}}' };
  const asOf = new Date('2026-03-20T09:00:00Z');

  it('sends the built-in texts in GSM-7, in two parts at most, amounts of thousands included', () => {
    const invoice = anInvoiceRecord({ totals: { netCents: 102_880, vatCents: 20_576, grossCents: 123_456, vatBreakdown: [{ vatRate: 20, netCents: 102_880, vatCents: 20_576 }] } });
    for (const [id, language] of [['sms-reminder', 'fr'], ['sms-reminder-en', 'en']] as const) {
      const { text } = composeSms({ invoice, client: aClient({ language }), settings, template: defaultTemplate(id)!, asOf }, '+33612345678');
      expect(text).toContain(language === 'fr' ? '1 234,56 €' : '€1,234.56');
      expect(smsSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    }
    const grouped = composeGroupedSms({ invoices: [anInvoiceRecord({ id: 'a', number: 'F-2026-0001' }), anInvoiceRecord({ id: 'b', number: 'F-2026-0002' })], client: aClient(), settings, asOf }, '+33612345678');
    expect(smsSegments(grouped.text).encoding).toBe('GSM-7');
  });

  // The emails in French get narrow and plain no-break spaces (shared/domain/french-spacing.ts); a text never does:
  // U+202F and U+00A0 are outside GSM-7, and one sends the whole text in UCS-2 (70 characters a part, not 160).
  it('keeps plain spaces in a French text where the same words as an email get no-break ones', async () => {
    const invoice = anInvoiceRecord({ totals: { netCents: 102_880, vatCents: 20_576, grossCents: 123_456, vatBreakdown: [{ vatRate: 20, netCents: 102_880, vatCents: 20_576 }] } });
    const own = { ...defaultTemplate('sms-reminder')!, id: 'own-sms', body: '{{companyName}} : reste {{balanceAmount}} depuis {{daysLate}} jours ! « Merci » ; 100 % réglé ?' };
    const noBreak = /[\u00a0\u202f]/;
    for (const template of [defaultTemplate('sms-reminder')!, own]) {
      const { text } = composeSms({ invoice, client: aClient(), settings, template, asOf }, '+33612345678');
      expect(text, text).not.toMatch(noBreak);
      expect(smsSegments(text).encoding, text).toBe('GSM-7');
      expect(renderSmsText(template.body, { balanceAmount: '1\u202f234,56\u00a0€', daysLate: '8', companyName: 'Plomberie Martin' }, 'fr')).not.toMatch(noBreak);
    }
    expect(composeSms({ invoice, client: aClient(), settings, template: own, asOf }, '+33612345678').text).toBe('Plomberie Martin & Fils : reste 1 234,56 € depuis 8 jours ! "Merci" ; 100 % réglé ?');
    // The same words sent as an email: spaced as French wants.
    const email = await composeReminder({ invoice, client: aClient(), settings, payments: [], template: { ...own, id: 'own-email' }, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.text).toBe('Plomberie Martin & Fils\u202f: reste 1\u202f234,56\u00a0€ depuis 8\u00a0jours\u202f! «\u202fMerci\u202f»\u202f; 100\u202f% réglé\u202f?');
    const grouped = composeGroupedSms({ invoices: [anInvoiceRecord({ id: 'a', number: 'F-2026-0001', totals: invoice.totals }), anInvoiceRecord({ id: 'b', number: 'F-2026-0002', totals: invoice.totals })], client: aClient(), settings, asOf }, '+33612345678');
    expect(grouped.text).not.toMatch(noBreak);
    expect(grouped.text).toContain('2 469,12 € au total. Pour régler : https://');
  });

  it("writes an owner's typographic punctuation as GSM-7 does, and leaves letters alone", () => {
    const text = renderSmsText('{{companyName}}\u00a0: facture {{invoiceNumber}} – merci d’ignorer ce message si « c’est réglé »…', { companyName: 'Crêperie Anne‑Marie', invoiceNumber: 'F-2026-0001' }, 'fr');
    expect(text).toBe('Crêperie Anne-Marie : facture F-2026-0001 - merci d\'ignorer ce message si "c\'est réglé"...');
    expect(smsSegments(renderSmsText('Merci d’ignorer « ce » message – A…', {}, 'fr')).encoding).toBe('GSM-7');
  });
});
