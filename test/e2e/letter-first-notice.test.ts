/**
 * The owner's formal notice to a client never reminded (POST /clients/{id}/reminders with
 * `formal-notice`): the mise en demeure attached never says "Malgré nos précédentes relances".
 */
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { addDays } from '../../shared/domain/dates.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

describe('a mise en demeure as the first reminder', () => {
  it('states the unpaid sums without claiming earlier reminders', { timeout: 60_000 }, async () => {
    const t = await freshTenant('first-notice');
    await t.ok('PUT', '/settings', { company: aCompanyIdentity() });
    const email = uniqueEmail('first-notice');
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    for (const days of [40, 35]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(parisToday(), -days), dueDate: addDays(parisToday(), -days + 10) }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
    }
    const sent = await t.call('POST', `/clients/${client.id}/reminders`, { templateId: 'formal-notice' });
    expect(sent.status).toBe(201);
    const message = (await inbox(email)).find((m) => m.subject.startsWith('Mise en demeure'))!;
    const letter = message.attachments.find((a) => a.filename.startsWith('mise-en-demeure'))!;
    const text = (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(letter.content, 'base64'))), { mergePages: true })).text.replace(/\s+/g, ' ');
    expect(text).toContain('mise en demeure de payer');
    expect(text).not.toContain('Malgré nos précédentes relances');
    expect(text).toContain(`Sauf erreur de notre part, les sommes suivantes dues par ${client.name}`);
  });
});
