import { describe, expect, it } from 'vitest';
import { pdfText } from '../fixtures/pdf-fixtures.js';
import { parisToday } from './local-clock.js';
import { inbox } from './http.js';
import { companySettings, freshTenant } from './fresh-tenant.js';

/** What a French artisan sends, checked over HTTP on the local stack and read back from the PDFs. */
describe('a quote’s number', () => {
  it('is in the series of its issue date’s year, as invoices and credit notes are (ADR 0004): dated last December, sent now, D-<last year>', async () => {
    const t = await freshTenant('quote-year');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Maison Décembre', kind: 'business', email: 'decembre@quote.test' });
    const lines = [{ description: 'Chantier', quantity: 1, unitPriceCents: 100_000, vatRate: 10 }];
    const lastYear = Number(parisToday().slice(0, 4)) - 1;
    const december = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: `${lastYear}-12-30`, validityDays: 30, lines });
    // Numbered in the send year, its PDF read "Devis D-<this year>-0001" over "Date : 30/12/<last year>".
    expect((await t.ok('POST', `/quotes/${december.id}/send`)).number).toBe(`D-${lastYear}-0001`);
    const today = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), validityDays: 30, lines });
    expect((await t.ok('POST', `/quotes/${today.id}/send`)).number).toBe(`D-${parisToday().slice(0, 4)}-0001`);
    const pdf = await pdfText((await t.call('GET', `/quotes/${december.id}/pdf`)).bytes!);
    expect(pdf).toContain(`D-${lastYear}-0001`);
    expect(pdf).toContain(`30/12/${lastYear}`);
  });
});

describe('quote → accepted → deposit → final invoice, several VAT rates', () => {
  it('records each deposit’s rows per rate on the final invoice, whose PDF gives the VAT per rate it still bills, net of the deposit', async () => {
    const t = await freshTenant('final-vat');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'SCI Les Tilleuls', kind: 'business', email: 'tilleuls@final.test', siren: '552100554' });
    const quote = await t.ok('POST', '/quotes', {
      clientId: client.id, issueDate: parisToday(), validityDays: 30, lines: [
        { description: 'Rénovation salle de bain (main d’œuvre)', quantity: 12.5, unitPriceCents: 4_850, vatRate: 10 },
        { description: 'Matériel', quantity: 1, unitPriceCents: 123_456, vatRate: 20 },
        { description: 'Isolation combles', quantity: 20.75, unitPriceCents: 1_999, vatRate: 5.5 },
      ],
    });
    await t.ok('POST', `/quotes/${quote.id}/send`);
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 });
    expect(deposit.totals.grossCents).toBe(77_579); // 30 % of 2 585,95 € = 775,785 → 775,79 €
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    await t.ok('POST', `/invoices/${deposit.id}/payments`, { amountCents: 77_579, date: parisToday(), method: 'transfer' });
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    expect(final.deductions[0].vatBreakdown).toEqual(deposit.totals.vatBreakdown);
    expect(final.balanceCents).toBe(258_595 - 77_579);
    await t.ok('POST', `/invoices/${final.id}/send`);
    const text = await pdfText((await t.call('GET', `/invoices/${final.id}/pdf`)).bytes!);
    expect(text).toContain('TVA après déduction des acomptes TVA Base HT Montant TVA 20 % 864,19 € 172,84 € 10 % 424,37 € 42,44 € 5,5 % 290,35 € 15,97 €');
    expect(text).toContain('Net à payer 1 810,16 €');
    // Its email asks for the net to pay, not the job's total (2 585,95 €, of which 775,79 € already invoiced and paid).
    const number = (await t.ok('GET', `/invoices/${final.id}`)).number as string;
    const mail = (await inbox('tilleuls@final.test')).find((m) => m.subject.includes(number));
    expect(mail?.body.text?.replace(/[\u00a0\u202f]/g, ' ')).toContain(`la facture ${number} d’un montant de 1 810,16 €`);
  });
});

describe('an invoice that charges no VAT says why, as the law words it', () => {
  const zero = [{ description: 'Pose de cloisons (sous-traitance)', quantity: 12.5, unitPriceCents: 4_200, vatRate: 0 }];

  it('prints "Autoliquidation" on a construction subcontracting invoice and its credit note, never the franchise mention', async () => {
    const t = await freshTenant('reverse-charge');
    await t.ok('PUT', '/settings', { company: { ...companySettings.company, vatNumber: 'FR11123456782' } });
    const client = await t.ok('POST', '/clients', { name: 'Bâtiment Général SA', kind: 'business', email: 'bg@reverse.test', siren: '552100554' });
    const withVat = await t.call('POST', '/invoices', { clientId: client.id, issueDate: parisToday(), paymentTermsDays: 30, vatExemption: 'construction_subcontracting', lines: [...zero, { description: 'Fournitures', quantity: 1, unitPriceCents: 1_000, vatRate: 20 }] });
    expect([withVat.status, withVat.json.type, withVat.json.errors]).toEqual([422, 'https://relances.dev/problems/vat-exemption-with-vat', [{ path: 'body.lines.1.vatRate', message: 'must be 0 when vatExemption is set: the invoice charges no VAT' }]]);

    const invoice = await t.ok('POST', '/invoices', { clientId: client.id, issueDate: parisToday(), paymentTermsDays: 30, vatExemption: 'construction_subcontracting', lines: zero });
    expect([invoice.vatExemption, invoice.totals]).toEqual(['construction_subcontracting', { netCents: 52_500, vatCents: 0, grossCents: 52_500, vatBreakdown: [{ vatRate: 0, netCents: 52_500, vatCents: 0 }] }]);
    // A line at 20 % patched onto it is refused the same way; the draft unchanged.
    const patched = await t.call('PATCH', `/invoices/${invoice.id}`, { lines: [{ description: 'Fournitures', quantity: 1, unitPriceCents: 1_000, vatRate: 20 }] });
    expect([patched.status, patched.json.errors?.[0]?.path]).toEqual([422, 'body.lines.0.vatRate']);
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    const text = await pdfText((await t.call('GET', `/invoices/${invoice.id}/pdf`)).bytes!);
    // Every invoice at 0 % printed "TVA non applicable, art. 293 B du CGI": false for a VAT-registered subcontractor.
    expect(text).toContain('Autoliquidation : TVA due par le preneur (sous-traitance de travaux de construction, art. 283-2 nonies du CGI)');
    expect(text).not.toContain('293 B');
    expect(text).toContain('Total TTC 525,00 €');
    const { creditNote } = await t.ok('POST', `/invoices/${invoice.id}/credit-notes`, { reason: 'Cloison non posée', amountCents: 4_200 });
    expect(creditNote.vatExemption).toBe('construction_subcontracting');
    const note = await pdfText((await t.call('GET', `/invoices/${invoice.id}/credit-notes/${creditNote.id}/pdf`)).bytes!);
    expect(note).toContain('Autoliquidation : TVA due par le preneur');
    expect(note).not.toContain('293 B');
  });

  it('refuses to send an intra-EU invoice without both VAT numbers, naming them, nothing numbered; with them it prints both and the mention', async () => {
    const t = await freshTenant('intra-eu');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Bouwbedrijf Janssen BV', kind: 'business', email: 'janssen@eu.test', address: { line1: 'Keizersgracht 1', postalCode: '1015', city: 'Amsterdam', country: 'NL' } });
    const invoice = await t.ok('POST', '/invoices', { clientId: client.id, issueDate: parisToday(), paymentTermsDays: 30, vatExemption: 'eu_services', lines: zero });
    const refused = await t.call('POST', `/invoices/${invoice.id}/send`);
    expect([refused.status, refused.json.type, refused.json.errors.map((e: { path: string }) => e.path)]).toEqual([
      422, 'https://relances.dev/problems/vat-exemption-not-applicable', ['client.vatNumber', 'settings.company.vatNumber'],
    ]);
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).number).toBeUndefined();

    await t.ok('PATCH', `/clients/${client.id}`, { vatNumber: 'NL123456789B01' });
    await t.ok('PUT', '/settings', { company: { ...companySettings.company, vatNumber: 'FR11123456782' } });
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    const text = await pdfText((await t.call('GET', `/invoices/${invoice.id}/pdf`)).bytes!);
    expect(text).toContain('Autoliquidation : TVA due par le preneur (art. 283-2 du CGI, art. 196 de la directive 2006/112/CE)');
    expect(text).toContain('NL123456789B01');
    expect(text).toContain('FR11123456782');
  });

  it('is for a business client only: a consumer’s reverse charge is refused at sending, naming client.kind', async () => {
    const t = await freshTenant('reverse-consumer');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Mme Claire Bernard', kind: 'consumer', email: 'claire@reverse.test' });
    const invoice = await t.ok('POST', '/invoices', { clientId: client.id, issueDate: parisToday(), paymentTermsDays: 30, vatExemption: 'construction_subcontracting', lines: zero });
    const refused = await t.call('POST', `/invoices/${invoice.id}/send`);
    expect([refused.status, refused.json.errors.map((e: { path: string }) => e.path)]).toEqual([422, ['client.kind']]);
    // The franchise en base suits anyone; removing the reason (null) leaves the 0 % invoice's default mention.
    await t.ok('PATCH', `/invoices/${invoice.id}`, { vatExemption: null });
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).vatExemption).toBeUndefined();
    await t.ok('POST', `/invoices/${invoice.id}/send`);
    expect(await pdfText((await t.call('GET', `/invoices/${invoice.id}/pdf`)).bytes!)).toContain('TVA non applicable, art. 293 B du CGI');
  });
});

describe('a quote without VAT', () => {
  it('says why on its PDF, and its deposit and final invoices carry the same mention', async () => {
    const t = await freshTenant('quote-reverse');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', { name: 'Bâtiment Général SA', kind: 'business', email: 'bg@quote-reverse.test', siren: '552100554' });
    const lines = [{ description: 'Plâtrerie (sous-traitance)', quantity: 40, unitPriceCents: 3_550, vatRate: 0 }];
    const refused = await t.call('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), vatExemption: 'construction_subcontracting', lines: [...lines, { description: 'Enduit', quantity: 1, unitPriceCents: 500, vatRate: 10 }] });
    expect([refused.status, refused.json.errors?.[0]?.path]).toEqual([422, 'body.lines.1.vatRate']);
    const quote = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), vatExemption: 'construction_subcontracting', lines });
    expect(quote.vatExemption).toBe('construction_subcontracting');
    await t.ok('POST', `/quotes/${quote.id}/send`);
    const mention = 'Autoliquidation : TVA due par le preneur (sous-traitance de travaux de construction, art. 283-2 nonies du CGI)';
    const quotePdf = await pdfText((await t.call('GET', `/quotes/${quote.id}/pdf`)).bytes!);
    expect(quotePdf).toContain(mention);
    expect(quotePdf).not.toContain('293 B');
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    const deposit = await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 });
    expect(deposit.vatExemption).toBe('construction_subcontracting');
    await t.ok('POST', `/invoices/${deposit.id}/send`);
    expect(await pdfText((await t.call('GET', `/invoices/${deposit.id}/pdf`)).bytes!)).toContain(mention);
    const final = await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    expect(final.vatExemption).toBe('construction_subcontracting');
    await t.ok('POST', `/invoices/${final.id}/send`);
    const finalPdf = await pdfText((await t.call('GET', `/invoices/${final.id}/pdf`)).bytes!);
    expect(finalPdf).toContain(mention);
    expect(finalPdf).not.toContain('293 B');
  });
});
