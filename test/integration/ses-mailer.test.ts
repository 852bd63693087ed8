import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, inject, it } from 'vitest';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer.js';

/**
 * What the client's mail program receives, read back from the SES emulator: every message has a
 * text/plain part and an HTML one (the invoice, a quote, a credit note, a payment plan's answer and
 * the owner's alerts are written as text only), and in the HTML the portal and pay links are links.
 */
const ses = new SESv2Client({ endpoint: inject('sesUrl'), region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
const stored = async (messageId: string) => {
  const { emails } = (await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: { messageId: string; body: { text?: string; html?: string }; attachments: { filename: string; contentType: string }[] }[] };
  return emails.find((e) => e.messageId === messageId)!;
};

describe('SesMailer', () => {
  it('gives a text-only email an HTML part, its addresses links and its French spaces unbroken', async () => {
    const text = 'Bonjour Élodie,\n\nVeuillez trouver ci-joint la facture F-2026-0001.\n\nVoir la facture : https://app.test/p/AbC_-9\n\nMerci,\nPlomberie Martin & Fils';
    const { messageId } = await new SesMailer(ses, 'factures@relances.test').send({ to: ['elodie@ses-mailer.test'], subject: 'Facture F-2026-0001', text });
    const mail = await stored(messageId);
    expect(mail.body.text).toBe(text);
    expect(mail.body.html).toContain('<p>Voir la facture\u202f: <a href="https://app.test/p/AbC_-9">https://app.test/p/AbC_-9</a></p>');
    expect(mail.body.html).toContain('<p>Merci,<br>Plomberie Martin &amp; Fils</p>');
  });

  it('keeps an HTML part the message brings', async () => {
    const { messageId } = await new SesMailer(ses, 'factures@relances.test').send({ to: ['x@ses-mailer.test'], subject: 'S', text: 'T', html: '<table><tr><td>1</td></tr></table>' });
    expect((await stored(messageId)).body.html).toBe('<table><tr><td>1</td></tr></table>');
  });

  // An imported invoice keeps the number it had (any text up to 64 characters): its PDF's name in the
  // client's mail program must be a file name, never a path or a line break in the MIME header.
  it('names each attachment as a file, whatever the invoice number it comes from', async () => {
    const names = ['F-2026-0001.pdf', 'mise-en-demeure-FA 2026/001.pdf', 'X\r\nContent-Type: text/html.pdf', '../../etc/passwd.pdf', 'N°12 été.pdf', 'a:b*c?"d"<e>|f\\g.pdf'];
    const content = new TextEncoder().encode('%PDF-1.4');
    const { messageId } = await new SesMailer(ses, 'factures@relances.test').send({
      to: ['y@ses-mailer.test'], subject: 'S', text: 'T',
      attachments: names.map((fileName) => ({ fileName, contentType: 'application/pdf', content })),
    });
    expect((await stored(messageId)).attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['F-2026-0001.pdf', 'application/pdf'],
      ['mise-en-demeure-FA 2026_001.pdf', 'application/pdf'],
      ['X_Content-Type_ text_html.pdf', 'application/pdf'],
      ['.._.._etc_passwd.pdf', 'application/pdf'],
      ['N°12 été.pdf', 'application/pdf'],
      ['a_b_c_d_e_f_g.pdf', 'application/pdf'],
    ]);
  });

  // The raw MIME the client's mail program parses (the emulator renders it with nodemailer): an imported number
  // holding a quote, a slash, a euro sign and a line break stays inside one Content-Disposition header, a file
  // name (no path), with the euro sign encoded, never as a raw byte or a broken quoted string.
  it('keeps a number with ", /, € and a line break inside one safe Content-Disposition in the raw MIME', async () => {
    const content = new TextEncoder().encode('%PDF-1.4');
    const { messageId } = await new SesMailer(ses, 'factures@relances.test').send({
      to: ['z@ses-mailer.test'], subject: 'S', text: 'T',
      attachments: [{ fileName: 'FA "2026"/€12\r\nX-Injected: 1.pdf', contentType: 'application/pdf', content }],
    });
    const raw = ((await (await fetch(`${inject('sesUrl')}/get-emlContent?messageId=${encodeURIComponent(messageId)}`)).json()) as { body: { data: number[] } | string });
    const mime = typeof raw.body === 'string' ? raw.body : Buffer.from(raw.body.data).toString('latin1');
    expect(mime).not.toMatch(/^X-Injected/m);
    const part = mime.split(/\r?\n--/).find((p) => /Content-Type: application\/pdf/i.test(p))!;
    const disposition = /^Content-Disposition:.*(?:\r?\n[ \t].*)*/im.exec(part)![0];
    expect(disposition).toMatch(/^Content-Disposition: attachment;/i);
    // The part's headers are ASCII: the € is encoded (RFC 2231 or 2047), not a raw UTF-8 byte.
    expect(/[^\x00-\x7f]/.test(part.split(/\r?\n\r?\n/)[0]!)).toBe(false);
    expect((await stored(messageId)).attachments.map((a) => a.filename)).toEqual(['FA _2026_€12_X-Injected_ 1.pdf']);
  });
});
