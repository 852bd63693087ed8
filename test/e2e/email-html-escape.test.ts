import { describe, expect, it } from 'vitest';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';

/**
 * What the owner types (a client's name, an imported invoice number, the company name) reaches the
 * client's mail reader as text: in the HTML part of a grouped reminder (its paragraphs and its table of
 * invoices) markup is escaped, never rendered, and the subject stays one line. (A single reminder's
 * HTML goes through the same textToHtml: test/unit/template-render.test.ts.)
 */
const MARKUP = '<img src=x onerror=alert(1)>';

describe('HTML emails escape what the owner typed', () => {
  it('a grouped reminder shows markup typed in names and numbers as text, in its paragraphs and its table', { timeout: 60_000 }, async () => {
    const t = await freshTenant('html-escape');
    await t.ok('PUT', '/settings', { company: { ...companySettings.company, name: 'Plomberie <b>Martin</b> & "Fils"' } });
    const email = uniqueEmail('html-escape');
    const rows = ['<script>1</script>', MARKUP].map((number, n) => ({
      number,
      client: { name: `<b>Dupont</b> & "Fils" ${MARKUP}`, email, kind: 'business' },
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
      grossCents: 12_000 + n,
      paidCents: 0,
    }));
    expect((await t.ok('POST', '/imports/invoices', { invoices: rows })).created).toBe(2);
    await t.drain();
    const invoices = (await t.ok('GET', '/invoices?limit=10')).items as { id: string; clientId: string }[];
    const grouped = await t.call('POST', `/clients/${invoices[0]!.clientId}/reminders`, { force: true });
    expect(grouped.status, JSON.stringify(grouped.json)).toBe(201);
    const mails = await inbox(email);
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      const html = mail.body.html ?? '';
      expect(html.length).toBeGreaterThan(0);
      expect(html).not.toMatch(/<(img|script|b)\b/i);
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
  });
});
