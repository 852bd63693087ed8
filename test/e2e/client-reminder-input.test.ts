import { beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';

/**
 * A manual client reminder with the owner's own subject and body: a placeholder that is no
 * variable (`{{montant}}`, a typo) is refused as a template's is, rather than sent to the client as a blank.
 */
let t: FreshTenant;
let clientId: string;
const email = uniqueEmail('own-words');

beforeAll(async () => {
  t = await freshTenant('client-reminder-input');
  await t.ok('PUT', '/settings', companySettings);
  const res = await t.call('POST', '/imports/invoices', {
    invoices: [{ number: 'OW-1', client: { name: 'Client Mots', email, kind: 'business' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 50_000 }],
  });
  clientId = res.json.items[0].clientId;
  await t.drain();
}, 60_000);

describe('POST /clients/{id}/reminders with its own subject and body', () => {
  it('answers 422 naming body.subject and body.body for unknown variables, in a preview as for real, and sends nothing', async () => {
    for (const query of ['?dryRun=true', '']) {
      const res = await t.call('POST', `/clients/${clientId}/reminders${query}`, { templateId: 'firm', subject: 'Relance {{montant}}', body: 'Bonjour {{clientName}}, {{ solde }} dû.' });
      expect([res.status, res.type, res.json.errors], query).toEqual([
        422,
        expect.stringContaining('application/problem+json'),
        [
          { path: 'body.subject', message: 'unknown variables: {{montant}}' },
          { path: 'body.body', message: 'unknown variables: {{solde}}' },
        ],
      ]);
    }
    expect(await inbox(email)).toEqual([]);
  });

  it('renders the known variables', async () => {
    const res = await t.call('POST', `/clients/${clientId}/reminders?dryRun=true`, { templateId: 'firm', subject: 'Relance {{clientName}}', body: 'Bonjour {{clientName}}' });
    expect([res.status, res.json.subject]).toEqual([200, 'Relance Client Mots']);
  });

  it('sends a subject typed on two lines as one header line (no line break reaches the mail headers)', async () => {
    const res = await t.call('POST', `/clients/${clientId}/reminders`, { templateId: 'firm', subject: 'Relance {{invoiceNumber}}\r\nBcc: autre@ailleurs.test', force: true });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const sent = (await inbox(email)).find((e) => e.messageId === res.json.messageId);
    expect([sent?.subject, sent?.destination.bcc]).toEqual(['Relance OW-1 Bcc: autre@ailleurs.test', []]);
  });
});
