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
  const { emails } = (await (await fetch(`${inject('sesUrl')}/store`)).json()) as { emails: { messageId: string; body: { text?: string; html?: string } }[] };
  return emails.find((e) => e.messageId === messageId)!;
};

describe('SesMailer', () => {
  it('gives a text-only email an HTML part, its addresses links and its French spaces unbroken', async () => {
    const text = 'Bonjour Élodie,\n\nVeuillez trouver ci-joint la facture F-2026-0001.\n\nVoir la facture : https://app.test/p/AbC_-9\n\nMerci,\nPlomberie Martin & Fils';
    const { messageId } = await new SesMailer(ses, 'factures@relances.test').send({ to: ['elodie@ses-mailer.test'], subject: 'Facture F-2026-0001', text });
    const mail = await stored(messageId);
    expect(mail.body.text).toBe(text);
    expect(mail.body.html).toContain('<p>Voir la facture\u00a0: <a href="https://app.test/p/AbC_-9">https://app.test/p/AbC_-9</a></p>');
    expect(mail.body.html).toContain('<p>Merci,<br>Plomberie Martin &amp; Fils</p>');
  });

  it('keeps an HTML part the message brings', async () => {
    const { messageId } = await new SesMailer(ses, 'factures@relances.test').send({ to: ['x@ses-mailer.test'], subject: 'S', text: 'T', html: '<table><tr><td>1</td></tr></table>' });
    expect((await stored(messageId)).body.html).toBe('<table><tr><td>1</td></tr></table>');
  });
});
