import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, api, ownTenant, inbox, uniqueEmail } from './http.js';
import { dueDateAhead, parisToday, schedulesOf } from './local-clock.js';

const textOf = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s+/g, ' ');

/** Money over HTTP on the local stack: concurrent payments, keyed retries. */
describe('payments that stay right, over HTTP', () => {
  const acme = ownTenant('payments');
  const aSentInvoice = async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('money') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id)); // 1,475.00 € gross
    expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
    return draft.json.id as string;
  };

  it('accepts 10 concurrent payments on one invoice, and the balance is exact', async () => {
    const id = await aSentInvoice();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => acme.post(`/invoices/${id}/payments`, { amountCents: 10_000 + i, date: '2026-11-05', reference: `virement ${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const invoice = await acme.get(`/invoices/${id}`);
    const paid = 10 * 10_000 + 45;
    expect(invoice.json).toMatchObject({ paidCents: paid, balanceCents: 147_500 - paid, status: 'partially_paid' });
    expect((await acme.get(`/invoices/${id}/payments`)).json.items).toHaveLength(10);
    const timeline = await acme.get(`/invoices/${id}/timeline?limit=100`);
    expect(timeline.json.items.filter((e: { type: string }) => e.type === 'payment.recorded')).toHaveLength(10);
  });

  it('sends a keyed payment and its concurrent duplicates: recorded once', async () => {
    const id = await aSentInvoice();
    const body = { amountCents: 25_000, date: '2026-11-05' };
    const responses = await Promise.all(Array.from({ length: 4 }, () => acme.post(`/invoices/${id}/payments`, body, { 'idempotency-key': `dup-${id}` })));
    // One runs; the others are replays (201) or told it is still in flight (409): never a second payment.
    expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const payments = (await acme.get(`/invoices/${id}/payments`)).json.items;
    expect(payments).toHaveLength(1);
    expect((await acme.get(`/invoices/${id}`)).json.paidCents).toBe(25_000);
  });
});

describe('documents that stay right, over HTTP', () => {
  it('refuses to send an invoice until the company identity is complete, naming every missing field', async () => {
    const t = await aFreshTenant('identity');
    const client = await t.post('/clients', aBusinessClientInput({ email: uniqueEmail('identity') }));
    const draft = await t.post('/invoices', anInvoiceInput(client.json.id));

    const refused = await t.post(`/invoices/${draft.json.id}/send`);
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'settings.company.name',
      'settings.company.address',
      'settings.company.siren',
      'settings.company.iban',
    ]);
    expect((await t.get(`/invoices/${draft.json.id}`)).json).toMatchObject({ status: 'draft' });

    const { iban, ...noIban } = aCompanyIdentity();
    void iban;
    expect((await t.put('/settings', { company: noIban })).status).toBe(200);
    expect((await t.post(`/invoices/${draft.json.id}/send`)).json.errors).toEqual([
      { path: 'settings.company.iban', message: 'is required when settings.paymentUrl is not set' },
    ]);
    const badUrl = await t.put('/settings', { paymentUrl: 'http://pay.example/{{invoiceNumber}}' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json.errors[0].path).toBe('body.paymentUrl');
    const withUrl = await t.put('/settings', { paymentUrl: 'https://pay.example/p?ref={{invoiceNumber}}&amount={{balance}}' });
    expect(withUrl.json.paymentUrl).toBe('https://pay.example/p?ref={{invoiceNumber}}&amount={{balance}}');
    expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
  });

  it('renders an issued invoice and its credit note from what they were at issue, after the client and company are renamed', async () => {
    const t = await aFreshTenant('frozen');
    await t.put('/settings', { company: aCompanyIdentity({ name: 'Plomberie Martin' }) });
    const email = uniqueEmail('frozen');
    const client = await t.post('/clients', aBusinessClientInput({ email, name: 'Boulangerie Dupont SARL' }));
    const draft = await t.post('/invoices', anInvoiceInput(client.json.id));
    const sent = await t.post(`/invoices/${draft.json.id}/send`);
    expect(sent.json.issued).toMatchObject({ seller: { name: 'Plomberie Martin' }, client: { name: 'Boulangerie Dupont SARL', email } });

    expect((await t.patch(`/clients/${client.json.id}`, { name: 'Pâtisserie Renommée SAS', address: { line1: '99 avenue Neuve', postalCode: '13001', city: 'Marseille' } })).status).toBe(200);
    expect((await t.put('/settings', { company: { name: 'Martin Rebaptisé SARL', address: { line1: '1 quai Nouveau', postalCode: '33000', city: 'Bordeaux' } } })).status).toBe(200);
    expect((await t.patch(`/invoices/${draft.json.id}`, { lines: [{ description: 'Autre', quantity: 1, unitPriceCents: 100, vatRate: 20 }] })).status).toBe(422);

    const pdf = await t.get(`/invoices/${draft.json.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await textOf(pdf.bytes!);
    expect(text).toContain('Boulangerie Dupont SARL');
    expect(text).toContain('Plomberie Martin');
    expect(text).toContain('4 rue du Port'); // the company's address at issue
    expect(text).toContain('12 rue des Lilas'); // the client's address at issue
    for (const later of ['Pâtisserie Renommée', 'Martin Rebaptisé', '99 avenue Neuve', '1 quai Nouveau']) expect(text).not.toContain(later);

    // A reminder sent now attaches the same frozen PDF.
    const reminder = await t.post(`/invoices/${draft.json.id}/reminders`, {});
    expect(reminder.status, JSON.stringify(reminder.json)).toBe(201);
    const reminded = (await inbox(email)).filter((m) => m.attachments.some((a) => a.filename === `${sent.json.number}.pdf`));
    expect(reminded.length).toBeGreaterThanOrEqual(2); // the invoice email, then the reminder
    const reminderPdf = reminded.at(-1)!.attachments.find((a) => a.filename === `${sent.json.number}.pdf`)!;
    const reminderText = await textOf(new Uint8Array(Buffer.from(reminderPdf.content, 'base64')));
    expect(reminderText).toContain('Boulangerie Dupont SARL');
    expect(reminderText).not.toContain('Rebaptisé');

    const credit = await t.post(`/invoices/${draft.json.id}/credit-notes`, { reason: 'Geste commercial', amountCents: 5_000 });
    expect(credit.status).toBe(201);
    const note = await textOf((await t.get(`/invoices/${draft.json.id}/credit-notes/${credit.json.creditNote.id}/pdf`)).bytes!);
    expect(note).toContain('Boulangerie Dupont SARL');
    expect(note).toContain('Plomberie Martin');
    expect(note).not.toContain('Rebaptisé');
    const mailed = (await inbox(email)).find((m) => m.subject.includes(credit.json.creditNote.number));
    expect(await textOf(new Uint8Array(Buffer.from(mailed!.attachments[0]!.content, 'base64')))).toContain('Boulangerie Dupont SARL');
  });
});

describe('POST /invoices/{id}/cancel, over HTTP', () => {
  const acme = ownTenant('cancel');

  it('cancels an issued, partly paid invoice with a credit note for its balance and stops its reminders', async () => {
    // Dated today: a fixed issue date plus a due date 20 days ahead passes the 60 days a business client may be given.
    const email = uniqueEmail('cancel');
    const client = await acme.post('/clients', aBusinessClientInput({ email }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
    const sent = await acme.post(`/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    expect((await schedulesOf(draft.json.id)).length).toBeGreaterThan(0);
    await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 47_500, date: parisToday() });

    const noReason = await acme.post(`/invoices/${draft.json.id}/cancel`, {});
    expect(noReason.status).toBe(422);
    expect(noReason.json.errors).toEqual([{ path: 'body.reason', message: 'is required to cancel an issued invoice' }]);

    const cancelled = await acme.post(`/invoices/${draft.json.id}/cancel`, { reason: 'Chantier abandonné' }, { 'idempotency-key': `cancel-${draft.json.id}` });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', number: sent.json.number, paidCents: 47_500, creditedCents: 100_000, balanceCents: 0 });

    const notes = (await acme.get(`/invoices/${draft.json.id}/credit-notes`)).json.items;
    expect(notes).toEqual([expect.objectContaining({ grossCents: 100_000, reason: 'Chantier abandonné', invoiceNumber: sent.json.number })]);
    expect((await inbox(email)).map((m) => m.subject)).toContain(`Avoir ${notes[0].number} sur la facture ${sent.json.number}`);
    expect(await schedulesOf(draft.json.id)).toEqual([]);
    const plan = (await acme.get(`/invoices/${draft.json.id}/reminders`)).json.items;
    expect(plan.filter((s: { state: string }) => s.state === 'scheduled')).toEqual([]);
    const types = (await acme.get(`/invoices/${draft.json.id}/timeline?limit=100`)).json.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['credit_note.issued', 'invoice.cancelled']));

    expect((await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 100, date: parisToday() })).status).toBe(422);
    expect((await acme.post(`/invoices/${draft.json.id}/cancel`, { reason: 'encore' })).status).toBe(422);
    const replay = await acme.post(`/invoices/${draft.json.id}/cancel`, { reason: 'Chantier abandonné' }, { 'idempotency-key': `cancel-${draft.json.id}` });
    expect(replay.status).toBe(200);
    expect((await acme.get(`/invoices/${draft.json.id}/credit-notes`)).json.items).toHaveLength(1);
  });

  it('voids a draft without a number or a credit note', async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('void') }));
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
    const voided = await acme.post(`/invoices/${draft.json.id}/cancel`);
    expect(voided.status).toBe(200);
    expect(voided.json).toMatchObject({ status: 'cancelled', creditedCents: 0 });
    expect(voided.json.number).toBeUndefined();
    expect((await acme.get(`/invoices/${draft.json.id}/credit-notes`)).json.items).toEqual([]);
    expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(422);
  });
});
