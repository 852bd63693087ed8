import { describe, expect, it } from 'vitest';
import { makeIssueCreditNote, makeRenderCreditNotePdf } from '../../shared/app/credit-notes.js';
import { makeRenderInvoicePdf } from '../../shared/app/invoice-pdf.js';
import { makeUpdateInvoice } from '../../shared/app/invoices.js';
import type { CreditNotePdfData, InvoicePdfData } from '../../shared/app/ports.js';
import { legalIdentityGaps, makeSendInvoice } from '../../shared/app/send-invoice.js';
import { reminderVariables } from '../../shared/app/reminders/compose-reminder.js';
import { letterRow } from '../../shared/app/reminders/letter-data.js';
import { contractRateOf, latePenaltyCents } from '../../shared/domain/penalties.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import { makeUpdateSettings } from '../../shared/app/settings.js';
import { defaultSettings, SettingsInput } from '../../shared/http/schemas/settings.js';
import { aClient, anInvoiceRecord, FakePdfRenderer, FakeTenantDocuments } from '../fixtures/fakes.js';
import { quoteWorld } from '../fixtures/more-fakes.js';
import type { Scenario } from '../../shared/domain/scenario.js';

const COMPANY = {
  name: 'Plomberie Martin',
  siren: '732829320',
  iban: 'FR7630006000011234567890189',
  address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' },
};

/** Keeps what each document was rendered from. */
class CapturingPdfRenderer extends FakePdfRenderer {
  readonly invoices: InvoicePdfData[] = [];
  readonly creditNotes: CreditNotePdfData[] = [];
  override invoice = async (data?: InvoicePdfData) => {
    this.invoices.push(structuredClone(data!));
    return new TextEncoder().encode('%PDF-invoice');
  };
  override creditNote = async (data?: CreditNotePdfData) => {
    this.creditNotes.push(structuredClone(data!));
    return new TextEncoder().encode('%PDF-creditNote');
  };
}

const world = async (company: Record<string, unknown> | null = COMPANY) => {
  const w = quoteWorld('2026-03-05T10:00:00.000Z');
  const pdf = new CapturingPdfRenderer();
  const deps = { ...w, pdf };
  // null: a new tenant's settings (quoteWorld's seller has a name, an address and a SIREN).
  await w.settings.put('acme', company ? { ...defaultSettings(), company: company as never } : defaultSettings());
  w.invoices.add(anInvoiceRecord({ status: 'draft', number: undefined, sentAt: undefined, version: 1 }));
  const updateSettings = makeUpdateSettings({ settings: w.settings, scenarios: new FakeTenantDocuments<Scenario>() });
  return { ...deps, send: makeSendInvoice(deps), renderPdf: makeRenderInvoicePdf(deps), credit: makeIssueCreditNote(deps), creditPdf: makeRenderCreditNotePdf(deps), updateSettings };
};

describe('sending an invoice needs a complete legal identity', () => {
  it('lists every missing field of fresh settings, and numbers nothing', async () => {
    const w = await world(null);
    const error = await w.send('acme', 'inv1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, type: 'https://relances.dev/problems/incomplete-legal-identity' });
    expect((error as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual([
      'settings.company.name',
      'settings.company.address',
      'settings.company.siren',
      'settings.company.iban',
    ]);
    expect((await w.invoices.get('acme', 'inv1'))!).toMatchObject({ status: 'draft', number: undefined });
    expect(w.mailer.sent).toHaveLength(0);
  });

  it('names only what is missing', async () => {
    const { siren, ...withoutSiren } = COMPANY;
    void siren;
    const w = await world(withoutSiren);
    await expect(w.send('acme', 'inv1')).rejects.toMatchObject({ status: 422, errors: [{ path: 'settings.company.siren' }] });
  });

  it('needs no IBAN when a payment URL is set', () => {
    const { iban, ...noIban } = COMPANY;
    void iban;
    const s = { ...defaultSettings(), company: noIban };
    expect(legalIdentityGaps(s)).toEqual([{ path: 'settings.company.iban', message: 'is required when settings.paymentUrl is not set' }]);
    expect(legalIdentityGaps({ ...s, paymentUrl: 'https://pay.example/x?ref={{invoiceNumber}}' })).toEqual([]);
  });

  it('sends once the identity is complete', async () => {
    const w = await world();
    expect(await w.send('acme', 'inv1')).toMatchObject({ status: 'sent', number: 'F-2026-0001' });
    expect(w.mailer.sent).toHaveLength(1);
  });

  // The client's answer ("j'ai payé", a question) must reach the owner, never the platform's sender address.
  it('has the client reply to the reply-to address, else the company email, else the owner’s notification address', async () => {
    const w = await world({ ...COMPANY, email: 'contact@martin.test' });
    await w.send('acme', 'inv1');
    expect(w.mailer.sent[0]!.replyTo).toBe('contact@martin.test');
    const owner = await world();
    await owner.settings.put('acme', { ...(await owner.settings.get('acme')), notifyEmail: 'patron@martin.test' });
    await owner.send('acme', 'inv1');
    expect(owner.mailer.sent[0]!.replyTo).toBe('patron@martin.test');
  });
});

describe('the payment URL setting', () => {
  const parse = (paymentUrl: unknown) => SettingsInput.safeParse({ paymentUrl });
  it('accepts an https URL template with the known variables', () => {
    expect(parse('https://pay.example/acme?ref={{invoiceNumber}}&amount={{ balance }}').success).toBe(true);
  });
  it.each([
    ['http://pay.example/x', 'must be an https:// URL'],
    ['pay.example/x', 'must be an https:// URL'],
    ['https://pay.example/{{clientName}}', 'unknown variable {{clientName}}; use {{invoiceNumber}}, {{balance}}'],
    ['https://pay.example/{{invoiceNumber}', 'must be a URL: no spaces, variables written {{name}}'],
  ])('refuses %s', (url, message) => {
    const result = parse(url);
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['paymentUrl'], message })]);
  });
  it('is stored by PUT /settings and removed with null', async () => {
    const w = await world();
    const url = 'https://pay.example/acme?ref={{invoiceNumber}}';
    expect((await w.updateSettings('acme', { paymentUrl: url })).paymentUrl).toBe(url);
    expect((await w.updateSettings('acme', { sendHour: 10 })).paymentUrl).toBe(url);
    const cleared = await w.updateSettings('acme', { paymentUrl: null });
    expect(cleared).not.toHaveProperty('paymentUrl');
    expect((await w.settings.get('acme')).company.name).toBe('Plomberie Martin');
  });
});

describe('the late-payment rate an invoice states', () => {
  it('is never below the legal floor (3 × the legal rate): an agreed 1 % prints and freezes the floor, as reminders claim it', async () => {
    const w = await world();
    await w.updateSettings('acme', { penaltyRatePercent: 1 });
    const sent = await w.send('acme', 'inv1');
    // The invoice is due in H1 2026: floor 3 × 2.62 % = 7.86 % (what {{penaltyRate}} and the letters use).
    expect(sent.issued?.penaltyRatePercent).toBe(7.86);
    expect(w.pdf.invoices.at(-1)!.penaltyRatePercent).toBe(7.86);
  });

  it('is the agreed rate when at or above the floor', async () => {
    const w = await world();
    await w.updateSettings('acme', { penaltyRatePercent: 15 });
    expect((await w.send('acme', 'inv1')).issued?.penaltyRatePercent).toBe(15);
  });
});

describe('the late-payment rate reminders claim on an issued invoice', () => {
  it('is the one agreed when it was issued: a contract rate set in the settings later applies to later invoices only', async () => {
    const w = await world();
    const sent = await w.send('acme', 'inv1');
    expect(sent.issued).toMatchObject({ penaltyRatePercent: 12.15, contractRatePercent: null });
    // The owner sets a 20 % contract rate afterwards: the invoice said 12,15 % (ECB + 10), its reminders still do.
    await w.updateSettings('acme', { penaltyRatePercent: 20 });
    const settings = await w.settings.get('acme');
    const client = (await w.clients.get('acme', sent.clientId))!;
    const invoice = (await w.invoices.get('acme', 'inv1'))!;
    expect(contractRateOf(settings, invoice)).toBeUndefined();
    expect(reminderVariables({ invoice, client, settings, asOf: new Date('2026-04-20T10:00:00Z') }).penaltyRate).toMatch(/^12,15\s%$/);
    expect(letterRow(invoice, client, settings, '2026-04-20', true).penaltiesCents).toBe(latePenaltyCents({ unpaidCents: invoice.totals.grossCents, dueDate: invoice.dueDate, asOf: '2026-04-20' }).cents);
    // Issued with a contract rate, an invoice keeps it when the settings drop it.
    expect(contractRateOf({}, { issued: { contractRatePercent: 15 } })).toBe(15);
    // Issued before the rate was kept with it: the settings', as before.
    expect(contractRateOf({ penaltyRatePercent: 20 }, { issued: {} })).toBe(20);
  });
});

describe('an issued invoice is frozen', () => {
  it('renders its PDF, and its credit notes, with the client and company as they were at issue', async () => {
    const w = await world();
    await w.send('acme', 'inv1');
    expect((await w.invoices.get('acme', 'inv1'))!.issued).toMatchObject({
      seller: { name: 'Plomberie Martin', siren: '732829320' },
      client: { name: 'Boulangerie Dupont SARL', kind: 'business', email: 'compta@dupont.test' },
    });

    await w.clients.replace('acme', aClient({ name: 'Nouveau Nom SAS', siren: '552100554', address: { line1: '1 rue Neuve', postalCode: '75001', city: 'Paris', country: 'FR' } }), '');
    await w.updateSettings('acme', { company: { name: 'Martin & Fils', siren: '552100554' }, penaltyRatePercent: 20 });

    await w.renderPdf('acme', 'inv1');
    const pdf = w.pdf.invoices.at(-1)!;
    expect(pdf.seller).toMatchObject({ name: 'Plomberie Martin', siren: '732829320' });
    expect(pdf.client).toMatchObject({ name: 'Boulangerie Dupont SARL' });
    expect(pdf.client.siren).toBeUndefined(); // the client had no SIREN at issue
    expect(pdf.client.address).toBeUndefined();
    expect(pdf.penaltyRatePercent).not.toBe(20);
    expect(w.pdf.invoices[0]!.seller.name).toBe('Plomberie Martin'); // the emailed PDF too

    const { creditNote } = await w.credit('acme', 'inv1', { reason: 'Geste commercial', amountCents: 10_000 });
    expect(w.pdf.creditNotes.at(-1)).toMatchObject({ seller: { name: 'Plomberie Martin' }, client: { name: 'Boulangerie Dupont SARL' } });
    await w.creditPdf('acme', 'inv1', creditNote.id);
    expect(w.pdf.creditNotes.at(-1)).toMatchObject({ seller: { name: 'Plomberie Martin' }, client: { name: 'Boulangerie Dupont SARL' } });
  });

  it('renders a draft with the live client and company', async () => {
    const w = await world();
    await w.clients.replace('acme', aClient({ name: 'Nouveau Nom SAS' }), '');
    await w.renderPdf('acme', 'inv1');
    expect(w.pdf.invoices.at(-1)).toMatchObject({ seller: { name: 'Plomberie Martin' }, client: { name: 'Nouveau Nom SAS' } });
  });

  it('refuses to change the lines or issue date of a sent invoice', async () => {
    const w = await world();
    await w.send('acme', 'inv1');
    const update = makeUpdateInvoice(w);
    const error = await update('acme', 'inv1', { lines: [{ description: 'Autre', quantity: 1, unitPriceCents: 1, vatRate: 20 }], issueDate: '2026-03-01' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, errors: [{ path: 'body.issueDate' }, { path: 'body.lines' }] });
    expect((await w.invoices.get('acme', 'inv1'))!.totals.grossCents).toBe(120_000);
  });

  it('answers a draft due before its issue date as bad input (400, as POST /invoices does), not as a locked field', async () => {
    const w = await world();
    const draft = await w.invoices.get('acme', 'inv1');
    const error = await makeUpdateInvoice(w)('acme', 'inv1', { dueDate: '2000-01-01' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, type: 'https://relances.dev/problems/validation', errors: [{ path: 'body.dueDate', message: 'must not be before issueDate' }] });
    expect((await w.invoices.get('acme', 'inv1'))!.dueDate).toBe(draft!.dueDate);
  });
});

describe('a final invoice’s amounts in its reminders', () => {
  it('say what the letter attached says: total TTC, already settled (payments, credit notes and the deposits it deducts), balance — they add up', () => {
    // €2,148.35 TTC deducting a €644.51 deposit, €500.01 paid: the email said "montant TTC 2 148,35 €, déjà réglé 500,01 €" and a balance of 1 003,83 €.
    const lines = [
      { description: 'Main d’œuvre', quantity: 12.5, unitPriceCents: 4_850, vatRate: 10 as const },
      { description: 'Matériel', quantity: 1, unitPriceCents: 123_456, vatRate: 20 as const },
    ];
    const invoice = anInvoiceRecord({ kind: 'final', status: 'partially_paid', paidCents: 50_001, deductedCents: 64_451, lines, totals: invoiceTotals(lines) });
    const settings = defaultSettings();
    const vars = reminderVariables({ invoice, client: aClient(), settings, asOf: new Date('2026-11-27T10:00:00Z') });
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect([plain(vars.grossAmount), plain(vars.paidAmount), plain(vars.balanceAmount)]).toEqual(['2 148,35 €', '1 144,52 €', '1 003,83 €']);
    expect(plain(letterRow(invoice, aClient(), settings, '2026-11-27', true).paidCents.toString())).toBe('114452');
  });
});
