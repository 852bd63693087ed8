/**
 * A French reminder as the client's mail program gets it, read from the local stack's SES inbox: French typography's
 * narrow no-break space (U+202F) before « : ! ? » and inside « », the no-break space (U+00A0) in « 20 jours » and before
 * €, Intl's U+202F between the thousands, in the subject (MIME-encoded by SES: decoded here from the raw message, as a
 * mail program does), the text part and the HTML part. An owner's own template is saved as typed (plain spaces) and
 * rendered so when it goes out (shared/domain/french-spacing.ts, README "Decisions").
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail, type StoredEmail } from './http.js';
import { parisToday } from './local-clock.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
/** A space a line may break at, before the punctuation French keeps with its word, after «, or between a number and its unit or €. */
const BREAKABLE = /[ \t][:;!?»]|«[ \t]|\d[ \t](?:jours?|€)/;

/** The Subject header of the raw MIME message, decoded as a mail program does (RFC 2047 encoded words, B or Q). */
const rawSubject = async (messageId: string): Promise<{ header: string; decoded: string }> => {
  const raw = (await (await fetch(`${inject('sesUrl')}/get-emlContent?messageId=${encodeURIComponent(messageId)}`)).json()) as { body: { data: number[] } | string };
  const mime = typeof raw.body === 'string' ? raw.body : Buffer.from(raw.body.data).toString('latin1');
  const header = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(mime.split(/\r?\n\r?\n/)[0]!)![1]!.replace(/\r?\n[ \t]/g, ' ').trim();
  const bytes: number[] = [];
  let decoded = '';
  // Whitespace between two encoded words is not text (RFC 2047 §6.2); the bytes of a character may span two words.
  for (const part of header.split(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)/).filter((p, i, all) => !(p.trim() === '' && i > 0 && i < all.length - 1))) {
    const word = /^=\?[^?]+\?([BbQq])\?([^?]*)\?=$/.exec(part);
    if (word) {
      bytes.push(...(word[1]!.toUpperCase() === 'B' ? Buffer.from(word[2]!, 'base64') : Buffer.from(word[2]!.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1')));
    } else {
      decoded += Buffer.from(bytes.splice(0)).toString('utf8') + part;
    }
  }
  return { header, decoded: decoded + Buffer.from(bytes).toString('utf8') };
};

describe('a French reminder email, from the SES inbox', () => {
  it('keeps its narrow and plain no-break spaces in the subject (through MIME), the text and the HTML', { timeout: 60_000 }, async () => {
    const t = await freshTenant('fr-spacing');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('fr-spacing');
    const { id: clientId } = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const today = parisToday();
    // 1 475,00 € (two lines and their VAT), 20 days late.
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -50), dueDate: addDays(today, -20) }));
    const { number } = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const sent = await t.call('POST', `/invoices/${draft.id}/reminders`, { templateId: 'firm', force: true });
    expect(sent.status).toBe(201);
    const mail: StoredEmail = (await inbox(email)).find((m) => m.subject.includes('impayée'))!;

    expect(mail.subject).toBe(`Relance${NNBSP}: facture ${number} impayée depuis 20${NBSP}jours`);
    const text = mail.body.text!;
    const html = mail.body.html!;
    for (const part of [mail.subject, text, html]) expect(part).not.toMatch(BREAKABLE);
    expect(text).toContain(`1${NNBSP}475,00${NBSP}€`);
    expect(text).toMatch(new RegExp(`Règlement par virement${NNBSP}: IBAN FR76 3000`));
    expect(html).toContain(`1${NNBSP}475,00${NBSP}€`);

    // SES sends the subject as encoded words (ASCII on the wire); decoded, it is the same characters.
    const { header, decoded } = await rawSubject(mail.messageId);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(decoded).toBe(mail.subject);
  });

  it("saves an owner's template as typed and sends it spaced as French wants", { timeout: 60_000 }, async () => {
    const t = await freshTenant('fr-spacing-own');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('fr-spacing-own');
    const { id: clientId } = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();
    const typed = { name: 'Mot perso', language: 'fr', tone: 'reminder', subject: 'Un mot : {{invoiceNumber}} ?', body: 'Bonjour ! Reste dû : {{balanceAmount}} depuis {{daysLate}} jours. « Merci »' };
    const own = await t.ok('POST', '/templates', typed);
    expect(await t.ok('GET', `/templates/${own.id}`)).toMatchObject({ subject: typed.subject, body: typed.body });
    expect((await t.call('POST', `/invoices/${draft.id}/reminders`, { templateId: own.id, force: true })).status).toBe(201);
    const mail = (await inbox(email)).find((m) => m.subject.startsWith('Un mot'))!;
    expect(mail.subject).toMatch(new RegExp(`^Un mot${NNBSP}: F-\\d{4}-\\d{4}${NNBSP}\\?$`));
    expect(mail.body.text).toBe(`Bonjour${NNBSP}! Reste dû${NNBSP}: 1${NNBSP}475,00${NBSP}€ depuis 10${NBSP}jours. «${NNBSP}Merci${NNBSP}»`);
    expect((await rawSubject(mail.messageId)).decoded).toBe(mail.subject);
    // Still as typed once sent.
    expect(await t.ok('GET', `/templates/${own.id}`)).toMatchObject({ subject: typed.subject, body: typed.body });
  });
});
