import { describe, expect, it } from 'vitest';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';

/**
 * An imported invoice keeps the number it was given, `FA 2026/001`: its PDF goes out named `FA 2026_001.pdf`
 * (a file name, not a path: shared/adapters/ses/ses-mailer.ts). The manual reminder's preview and answer, and the
 * `reminder.sent` event, name the attachments as the client receives them (they said `FA 2026/001.pdf`).
 */
describe('attachment names of a reminder about an imported number with a slash', () => {
  it('are the same in the preview, the answer, the email and the timeline', async () => {
    const owner = await aFreshTenant('attname');
    const email = uniqueEmail('attname');
    const csv = ['N° facture;Client;E-mail;SIREN;Date facture;Échéance;TTC', `FA 2026/001;Dupont SARL;${email};552100554;01/09/2026;01/10/2026;120`, `FA 2026/002;Dupont SARL;${email};552100554;02/09/2026;02/10/2026;240`].join('\r\n');
    const imported = await owner.raw('POST', '/imports/invoices', csv, { 'content-type': 'text/csv' });
    expect(imported.json.created).toBe(2);
    const { clientId } = imported.json.items[0];
    const names = ['FA 2026_001.pdf', 'FA 2026_002.pdf'];

    const preview = await owner.post(`/clients/${clientId}/reminders?dryRun=true`, {});
    expect(preview.status).toBe(200);
    expect(preview.json.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(names);

    const sent = await owner.post(`/clients/${clientId}/reminders`, {});
    expect(sent.status).toBe(201);
    expect(sent.json.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(names);
    const [received] = await inbox(email);
    expect(received!.attachments.map((a) => a.filename)).toEqual(names);
    const first = (await owner.get('/invoices')).json.items.find((i: { number: string }) => i.number === 'FA 2026/001');
    const timeline = await owner.get(`/invoices/${first.id}/timeline`);
    const event = timeline.json.items.find((e: { type: string }) => e.type === 'reminder.sent');
    expect(event.data.attachments).toEqual(names);
  });
});
