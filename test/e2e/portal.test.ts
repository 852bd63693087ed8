import { describe, expect, inject, it } from 'vitest';
import { parseEpcPayload } from '../../shared/domain/epc-qr.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/** The public portal as a client's browser calls it: no token, no tenant. */
const portal = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, json: type.includes('json') ? ((await res.json()) as any) : undefined, bytes: type.includes('json') ? undefined : new Uint8Array(await res.arrayBuffer()) };
};

const LINK = /(https?:\/\/[^\s]+)\/p\/([A-Za-z0-9_-]{43})/;

const setUp = async (label: string) => {
  const t = await freshTenant(label);
  await t.ok('PUT', '/settings', { company: { ...companySettings.company, bic: 'BNPAFRPP' }, paymentUrl: 'https://pay.example/plomberie?ref={{invoiceNumber}}&amount={{balance}}' });
  return t;
};

const sendInvoice = async (t: FreshTenant, email: string, dueDate = dueDateAhead(20)) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate }));
  const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
  return { id: draft.id as string, number: sent.number as string };
};

const linkIn = async (email: string, subject?: RegExp) => {
  const mails = (await inbox(email)).filter((m) => !subject || subject.test(m.subject));
  const text = mails.at(-1)?.body.text ?? '';
  const match = LINK.exec(text);
  if (!match) throw new Error(`no portal link in the email to ${email}: ${text}`);
  return { base: match[1]!, token: match[2]! };
};

describe('client portal on the local stack', () => {
  it('opens the invoice from the link in its email: seller, lines, balance, IBAN/BIC, payment link and an EPC QR code', async () => {
    const t = await setUp('portal-view');
    const email = uniqueEmail('portal-view');
    const invoice = await sendInvoice(t, email);
    const { base, token } = await linkIn(email);
    expect(base).toMatch(/^http:\/\/localhost:\d+$/);

    const view = await portal('GET', `/portal/${token}`);
    expect(view.status).toBe(200);
    expect(view.json.invoice).toMatchObject({ number: invoice.number, balanceCents: 147_500, status: 'sent' });
    expect(view.json.seller).toMatchObject({ name: 'Plomberie Martin', siren: '123456782' });
    expect(view.json.seller).not.toHaveProperty('iban');
    expect(view.json.payment).toMatchObject({ reference: invoice.number, iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP' });
    expect(view.json.payment.paymentUrl).toBe(`https://pay.example/plomberie?ref=${invoice.number}&amount=1475.00`);
    const epc = parseEpcPayload(view.json.payment.epcQr.payload);
    expect(epc).toMatchObject({ serviceTag: 'BCD', version: '002', identification: 'SCT', bic: 'BNPAFRPP', iban: 'FR7630006000011234567890189', amountCents: 147_500, remittance: invoice.number });
    expect(view.json.payment.epcQr.svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    // Nothing else of the tenant: no ids, no settings, no reminder plan.
    expect(Object.keys(view.json).sort()).toEqual(['actions', 'client', 'invoice', 'language', 'payment', 'payments', 'reminders', 'seller']);
    expect(JSON.stringify(view.json)).not.toContain(t.tenantId);
    expect(JSON.stringify(view.json)).not.toContain(invoice.id);

    // The first view goes on the timeline, once.
    await portal('GET', `/portal/${token}`);
    const timeline = await t.ok('GET', `/invoices/${invoice.id}/timeline?limit=100`);
    expect(timeline.items.filter((e: { type: string }) => e.type === 'portal.viewed')).toHaveLength(1);
  });

  it('answers the same 404 problem for a wrong, malformed or made-up token', async () => {
    const answers = await Promise.all(['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x', 'not a token at all'].map((tok) => portal('GET', `/portal/${encodeURIComponent(tok)}`)));
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.type).toContain('application/problem+json');
      expect(a.json.detail).toBe(answers[0]!.json.detail);
    }
  });
});
