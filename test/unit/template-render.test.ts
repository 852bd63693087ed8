import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildTemplateVariables,
  escapeHtml,
  formatDate,
  renderTemplate,
  TEMPLATE_VARIABLES,
  textToHtml,
  unknownVariables,
  unclosedPlaceholders,
  paymentLinkFor,
  type TemplateVariablesInput,
} from '../../shared/domain/template-render.js';
import { DEFAULT_TEMPLATES, defaultTemplate, SMS_TEMPLATE_MAX_CHARS } from '../../shared/domain/default-templates.js';
import { DEFAULT_SCENARIOS } from '../../shared/domain/default-scenarios.js';
import { templateFieldErrors } from '../../shared/app/reminders/templates.js';

const NBSP = /[\u00a0\u202f]/g;
const plain = (s: string) => s.replace(NBSP, ' ');

const input = (overrides: Partial<TemplateVariablesInput> = {}): TemplateVariablesInput => ({
  invoice: { number: 'F-2026-0042', issueDate: '2025-12-11', dueDate: '2026-01-10', grossCents: 150_000, paidCents: 30_000, balanceCents: 120_000 },
  client: { name: 'SARL Dupont', kind: 'business' },
  company: { name: 'Plomberie Martin', siren: '123456789', email: 'contact@martin.fr', phone: '06 12 34 56 78', iban: 'FR7630006000011234567890189' },
  asOf: '2026-02-09',
  language: 'fr',
  ...overrides,
});

describe('unknownVariables', () => {
  it('accepts every known name, with or without spaces', () => {
    expect(unknownVariables('{{clientName}} {{ invoiceNumber }} {{  balanceAmount}}')).toEqual([]);
    expect(unknownVariables(TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' '))).toEqual([]);
  });

  it('detects unknown and empty placeholders, once each', () => {
    expect(unknownVariables('{{foo}} {{ clientName }} {{foo}} {{ }} {{client name}}')).toEqual(['foo', '', 'client name']);
  });

  it('is case-sensitive, so {{ClientName}} is refused', () => {
    expect(unknownVariables('{{ClientName}}')).toEqual(['ClientName']);
  });
});

describe('renderTemplate', () => {
  it('reads only the variables it is given, never what every object inherits', () => {
    expect(renderTemplate('[{{constructor}}|{{toString}}|{{__proto__}}|{{hasOwnProperty}}]', { clientName: 'Ana' })).toBe('[|||]');
    expect(unknownVariables('{{constructor}} {{__proto__}}')).toEqual(['constructor', '__proto__']);
  });

  it('replaces placeholders with optional spaces', () => {
    expect(renderTemplate('Bonjour {{ clientName }}, facture {{invoiceNumber}}.', { clientName: 'Ana', invoiceNumber: 'F-1' })).toBe(
      'Bonjour Ana, facture F-1.',
    );
  });

  it('renders a missing value as nothing rather than a raw placeholder', () => {
    expect(renderTemplate('[{{companyPhone}}]', {})).toBe('[]');
  });

  it('drops "ou au" / "or" before an empty phone: a company without a phone never reads "joindre à x ou au ."', () => {
    const fr = 'Vous pouvez nous joindre à {{companyEmail}} ou au {{companyPhone}}. Contactez-nous à {{companyEmail}} ou au {{ companyPhone }} : merci.';
    expect(renderTemplate(fr, { companyEmail: 'a@b.fr', companyPhone: '' })).toBe('Vous pouvez nous joindre à a@b.fr. Contactez-nous à a@b.fr : merci.');
    expect(renderTemplate('Reach us at {{companyEmail}} or {{companyPhone}}: thanks.', { companyEmail: 'a@b.fr' })).toBe('Reach us at a@b.fr: thanks.');
    // With a phone, nothing changes; the signature's "email phone" just loses its phone.
    expect(renderTemplate(fr, { companyEmail: 'a@b.fr', companyPhone: '01 02' })).toBe('Vous pouvez nous joindre à a@b.fr ou au 01 02. Contactez-nous à a@b.fr ou au 01 02 : merci.');
  });

  it('drops the portal-link line when the invoice has no link (revoked): never "Facture en ligne (…) :" followed by nothing', () => {
    const body = 'Merci de régler.\n{{paymentInstructions}}\nFacture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}\n\nBien cordialement,';
    expect(renderTemplate(body, { paymentInstructions: 'Virement.', portalUrl: '' })).toBe('Merci de régler.\nVirement.\n\nBien cordialement,');
    expect(renderTemplate('Your invoice online (pay, tell us you paid, ask a question): {{ portalUrl }}\nBye', {})).toBe('Bye');
    // With a link, or a link inside a sentence of the owner's own, nothing is dropped.
    expect(renderTemplate(body, { paymentInstructions: 'Virement.', portalUrl: 'https://w/p/x' })).toContain('poser une question) : https://w/p/x\n');
    expect(renderTemplate('Voir {{portalUrl}} pour payer.', { portalUrl: '' })).toBe('Voir  pour payer.');
  });

  it('does not re-expand placeholders found inside values', () => {
    expect(renderTemplate('{{clientName}}', { clientName: '{{iban}}', iban: 'secret' })).toBe('{{iban}}');
  });
});

describe('escapeHtml / textToHtml', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('makes paragraphs from blank lines and <br> from single line breaks', () => {
    expect(textToHtml('Bonjour <b>,\r\n\r\nLigne 1\nLigne 2\n\n\n')).toBe('<p>Bonjour &lt;b&gt;,</p>\n<p>Ligne 1<br>Ligne 2</p>');
  });

  it('never lets a tag through', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('https://a.test/<b>x', 'voir https://a.test/"><script>', 'http://x.test/p/a?b=1&c=<i>')), (text) => {
        expect(textToHtml(text).replace(/<\/?p>|<br>|<a href="https?:\/\/[^"<>]*">|<\/a>/g, '')).not.toMatch(/[<>]/);
      }),
    );
  });

  // Read as the client reads it: the portal and pay links of a reminder are links, not text to copy.
  it('makes every http(s) address a link, without the punctuation that ends its sentence', () => {
    expect(textToHtml('Facture en ligne : https://app.test/p/AbC_-9.\nPayer : https://pay.test/r/F-1?amount=12.50&x=1, merci')).toBe(
      '<p>Facture en ligne\u202f: <a href="https://app.test/p/AbC_-9">https://app.test/p/AbC_-9</a>.<br>' +
        'Payer\u202f: <a href="https://pay.test/r/F-1?amount=12.50&amp;x=1">https://pay.test/r/F-1?amount=12.50&amp;x=1</a>, merci</p>',
    );
  });

  // French typography: the space before : ; ! ? and % and inside « » never breaks (a colon alone at the start of a line).
  it('keeps the space before : ; ! ? % and inside « » on the line', () => {
    expect(textToHtml("Objet : relance ; merci ! Déjà réglé ? Taux 12,15 % « J'ai payé »")).toBe(
      '<p>Objet\u202f: relance\u202f; merci\u202f! Déjà réglé\u202f? Taux 12,15\u202f% «\u202fJ&#39;ai payé\u202f»</p>',
    );
    // English has no space there: nothing is added.
    expect(textToHtml('Note: paid? Yes!')).toBe('<p>Note: paid? Yes!</p>');
  });
});

describe('buildTemplateVariables', () => {
  it('fills every variable for a business client, with penalties to date and the €40', () => {
    const vars = buildTemplateVariables(input());
    expect(Object.keys(vars).sort()).toEqual([...TEMPLATE_VARIABLES].sort());
    expect(vars).toMatchObject({
      clientName: 'SARL Dupont',
      invoiceNumber: 'F-2026-0042',
      issueDate: '11/12/2025',
      dueDate: '10/01/2026',
      daysLate: '30',
      penaltyRate: '12,15 %',
      companySiren: '123456789',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      deadlineDate: '17/02/2026',
    });
    expect(plain(vars.balanceAmount)).toBe('1 200,00 €');
    expect(plain(vars.grossAmount)).toBe('1 500,00 €');
    expect(plain(vars.paidAmount)).toBe('300,00 €');
    expect(plain(vars.penaltiesAmount)).toBe('11,98 €');
    expect(plain(vars.indemnityAmount)).toBe('40,00 €');
    expect(vars.paymentInstructions).toContain('IBAN FR76 3000');
  });

  it('formats in English', () => {
    const vars = buildTemplateVariables(input({ language: 'en' }));
    expect(vars).toMatchObject({ dueDate: '10 January 2026', penaltyRate: '12.15%', balanceAmount: '€1,200.00', penaltiesAmount: '€11.98' });
  });

  it('uses a contractual rate, never below the legal floor', () => {
    expect(buildTemplateVariables(input({ penaltyRatePercent: 15 })).penaltyRate).toBe('15,00 %');
    expect(buildTemplateVariables(input({ penaltyRatePercent: 3 })).penaltyRate).toBe('7,86 %');
  });

  it('shows zero days late and zero penalties before the due date', () => {
    const vars = buildTemplateVariables(input({ asOf: '2026-01-05' }));
    expect(vars.daysLate).toBe('0');
    expect(plain(vars.penaltiesAmount)).toBe('0,00 €');
  });

  it('gives consumers no penalty, rate or indemnity: empty strings, never an amount', () => {
    const vars = buildTemplateVariables(input({ client: { name: 'M. Durand', kind: 'consumer' } }));
    expect(vars.penaltiesAmount).toBe('');
    expect(vars.indemnityAmount).toBe('');
    expect(vars.penaltyRate).toBe('');
    expect(plain(vars.balanceAmount)).toBe('1 200,00 €');
  });

  it('prefers the company payment instructions when given', () => {
    expect(buildTemplateVariables(input({ company: { name: 'X', paymentInstructions: 'Chèque à l’ordre de X' } })).paymentInstructions).toBe(
      'Chèque à l’ordre de X',
    );
  });

  it('formats dates without a Date object', () => {
    expect(formatDate('2026-07-14', 'fr')).toBe('14/07/2026');
    expect(formatDate('2026-07-04', 'en')).toBe('4 July 2026');
  });
});

describe('DEFAULT_TEMPLATES', () => {
  it('uses only known variables in every subject and body', () => {
    for (const tpl of DEFAULT_TEMPLATES) {
      expect({ id: tpl.id, unknown: unknownVariables(tpl.subject + tpl.body) }).toEqual({ id: tpl.id, unknown: [] });
    }
  });

  it('has four French and four English templates per client kind, escalating in tone, with unique ids', () => {
    expect(new Set(DEFAULT_TEMPLATES.map((t) => t.id)).size).toBe(DEFAULT_TEMPLATES.length);
    for (const language of ['fr', 'en'] as const) {
      for (const kind of ['business', 'consumer'] as const) {
        const tones = DEFAULT_TEMPLATES.filter((t) => t.language === language && t.kind === kind).map((t) => t.tone);
        expect(tones).toEqual(['courtesy', 'reminder', 'firm', 'formal-notice']);
      }
    }
    expect(DEFAULT_TEMPLATES.filter((t) => t.language === 'en').every((t) => t.id.endsWith('-en'))).toBe(true);
  });

  it('covers every template id of the default scenarios, in French and English', () => {
    for (const step of DEFAULT_SCENARIOS.flatMap((s) => s.steps)) {
      expect(defaultTemplate(step.templateId)?.language).toBe('fr');
      expect(defaultTemplate(`${step.templateId}-en`)?.language).toBe('en');
    }
  });

  it('has short texts for sms steps (FR, EN) that name the sender first and carry the invoice and the pay link', () => {
    const texts = DEFAULT_TEMPLATES.filter((t) => t.id.startsWith('sms-'));
    expect(texts.map((t) => [t.id, t.language])).toEqual([['sms-reminder', 'fr'], ['sms-reminder-en', 'en']]);
    for (const tpl of texts) {
      expect(tpl.body.startsWith('{{companyName}}')).toBe(true);
      expect(tpl.body).toContain('{{invoiceNumber}}');
      expect(tpl.body).toContain('{{paymentLink}}');
      expect(tpl.body).not.toMatch(/penalt|pénalit|indemnit|\{\{(penaltiesAmount|indemnityAmount|penaltyRate)\}\}/i);
      expect([tpl.attachInvoicePdf, tpl.letter, tpl.body.length <= SMS_TEMPLATE_MAX_CHARS]).toEqual([false, false, true]);
    }
  });

  it('says how to pay with the payment URL when the seller has no IBAN, never an empty line', () => {
    const noIban = input({ company: { name: 'Plomberie Martin' }, paymentUrl: 'https://pay.example/p?ref={{invoiceNumber}}&amount={{balance}}' });
    expect(buildTemplateVariables(noIban).paymentInstructions).toBe('Règlement en ligne : https://pay.example/p?ref=F-2026-0042&amount=1200.00');
    expect(buildTemplateVariables({ ...noIban, language: 'en' }).paymentInstructions).toBe('Payment online: https://pay.example/p?ref=F-2026-0042&amount=1200.00');
    // With an IBAN, the transfer details as before; with neither, nothing to say.
    expect(buildTemplateVariables(input({ paymentUrl: 'https://pay.example/p' })).paymentInstructions).toMatch(/^Règlement par virement : IBAN FR76/);
    expect(buildTemplateVariables(input({ company: { name: 'Plomberie Martin' } })).paymentInstructions).toBe('');
  });

  it('renders the payment URL of the settings as paymentLink, values URL-encoded', () => {
    expect(paymentLinkFor('https://pay.example/p?ref={{invoiceNumber}}&amount={{ balance }}', { number: 'F-2026-0001 bis', balanceCents: 78_050 })).toBe(
      'https://pay.example/p?ref=F-2026-0001%20bis&amount=780.50',
    );
  });

  it('carries the invoice number in every email subject and attaches the PDF (not to a thank-you); only the mise en demeure is a letter', () => {
    for (const tpl of DEFAULT_TEMPLATES.filter((t) => !t.id.startsWith('sms-'))) {
      expect(tpl.subject).toContain('{{invoiceNumber}}');
      expect(tpl.attachInvoicePdf).toBe(!tpl.id.startsWith('thank-you'));
      expect(tpl.letter).toBe(tpl.tone === 'formal-notice');
    }
  });

  it('links the client portal in every built-in email the engine or the owner sends about an open invoice, payment-plan reminders included', () => {
    const emails = DEFAULT_TEMPLATES.filter((t) => !t.id.startsWith('sms-') && !t.id.startsWith('thank-you'));
    expect(emails.map((t) => t.id)).toEqual(expect.arrayContaining(['instalment-courtesy', 'instalment-late', 'instalment-courtesy-en', 'instalment-late-en']));
    for (const tpl of emails) expect({ id: tpl.id, linked: tpl.body.includes('{{portalUrl}}') }).toEqual({ id: tpl.id, linked: true });
  });

  it('states in the B2B J+1 that the rate and the €40 apply by law from the day after the due date', () => {
    const body = defaultTemplate('reminder')?.body ?? '';
    expect(body).toMatch(/L441-10/);
    expect(body).toContain('{{penaltyRate}}');
    expect(body).toContain('{{indemnityAmount}}');
    expect(body).toContain('lendemain de la date d\'échéance');
  });

  it('lists penalties to date and the €40 in the B2B J+8', () => {
    const body = defaultTemplate('firm')?.body ?? '';
    expect(body).toContain('{{penaltiesAmount}}');
    expect(body).toContain('{{indemnityAmount}}');
  });

  it('makes the B2B J+15 a mise en demeure de payer with an 8-day deadline and the injonction de payer next', () => {
    const tpl = defaultTemplate('formal-notice');
    expect(tpl?.subject).toContain('Mise en demeure de payer');
    expect(tpl?.body).toContain('{{deadlineDate}}');
    expect(tpl?.body).toContain('8 jours');
    expect(tpl?.body).toContain('injonction de payer');
    expect(tpl?.body).toContain('{{clientName}}');
    expect(tpl?.body).toContain('{{companyName}}');
  });

  it('never mentions fees, penalties or the €40 to consumers, and always offers a contact', () => {
    const forbidden = /penalt|pénalit|indemnit|frais|recouvrement|\b40\b|injonction|huissier|commissaire de justice|bailiff|court|tribunal/i;
    for (const tpl of DEFAULT_TEMPLATES.filter((t) => t.kind === 'consumer')) {
      expect({ id: tpl.id, text: tpl.subject + tpl.body }).not.toEqual({ id: tpl.id, text: expect.stringMatching(forbidden) });
      expect(tpl.body).not.toMatch(/\{\{\s*(penaltiesAmount|indemnityAmount|penaltyRate)\s*\}\}/);
      if (tpl.tone !== 'courtesy') expect(tpl.body).toContain('{{companyEmail}}');
    }
  });

  it('offers a payment plan in the B2C J+8 and legal-rate interest from receipt in the B2C J+15', () => {
    expect(defaultTemplate('firm-consumer')?.body).toContain('plusieurs fois');
    expect(defaultTemplate('firm-consumer-en')?.body).toContain('payment plan');
    expect(defaultTemplate('formal-notice-consumer')?.body).toMatch(/taux légal à compter de la réception/);
    expect(defaultTemplate('formal-notice-consumer-en')?.body).toMatch(/legal rate from receipt/);
  });

  it('renders every default template for its client kind without a leftover placeholder or a consumer amount of fees', () => {
    for (const tpl of DEFAULT_TEMPLATES) {
      const vars = buildTemplateVariables(input({ language: tpl.language, client: { name: 'Client', kind: tpl.kind ?? 'business' } }));
      const text = renderTemplate(`${tpl.subject}\n${tpl.body}`, vars);
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(text).toContain('F-2026-0042');
      if (tpl.kind === 'consumer') expect(plain(text)).not.toMatch(/40,00|€40|11,98|€11.98/);
    }
  });
});

describe('the placeholder company name of a new tenant', () => {
  it('reads "My company" in an English message and stays as given in French; a real name is never touched', () => {
    const placeholder = { name: 'Mon entreprise' };
    expect(buildTemplateVariables(input({ company: placeholder, language: 'en' })).companyName).toBe('My company');
    expect(buildTemplateVariables(input({ company: placeholder, language: 'fr' })).companyName).toBe('Mon entreprise');
    expect(buildTemplateVariables(input({ language: 'en' })).companyName).toBe('Plomberie Martin');
  });
});

describe('days late in words', () => {
  it('reads « 1 jour » and "1 day" at one day late, « 0 jour » in French, and leaves other counts and words alone', () => {
    const fr = 'impayée depuis {{daysLate}} jours ({{ daysLate }} jours de retard)';
    const en = 'unpaid for {{daysLate}} days';
    expect(renderTemplate(fr, { daysLate: '1' })).toBe('impayée depuis 1 jour (1 jour de retard)');
    expect(renderTemplate(fr, { daysLate: '0' })).toBe('impayée depuis 0 jour (0 jour de retard)');
    expect(renderTemplate(fr, { daysLate: '12' })).toBe('impayée depuis 12 jours (12 jours de retard)');
    expect(renderTemplate(en, { daysLate: '1' })).toBe('unpaid for 1 day');
    expect(renderTemplate(en, { daysLate: '0' })).toBe('unpaid for 0 days');
    expect(renderTemplate('{{daysLate}} journées', { daysLate: '1' })).toBe('1 journées');
  });
});

describe('a template’s variable typed without its braces', () => {
  it('is refused on saving, naming the field and the fragment (it went out as typed: "Facture {{invoiceNumber" in the client’s inbox)', () => {
    expect(unclosedPlaceholders('Facture {{invoiceNumber')).toEqual(['{{invoiceNumber']);
    expect(unclosedPlaceholders('Facture {invoiceNumber}} du {{issueDate}}')).toEqual(['invoiceNumber}}']);
    expect(unclosedPlaceholders('Facture {{invoiceNumber}} du {{ issueDate }}, {{balance}} €')).toEqual([]);
    expect(templateFieldErrors({ subject: 'Facture {{invoiceNumber', body: 'Bonjour {{clientName}},' })).toEqual([
      { path: 'body.subject', message: 'has a variable without its braces: {{invoiceNumber' },
    ]);
    for (const t of DEFAULT_TEMPLATES) expect([t.id, unclosedPlaceholders(`${t.subject}\n${t.body}`)]).toEqual([t.id, []]);
    // The renderer leaves such a fragment as typed: what the refusal prevents.
    expect(renderTemplate('Facture {{invoiceNumber', { invoiceNumber: 'F-2026-0001' })).toBe('Facture {{invoiceNumber');
  });
});
