import { describe, expect, it } from 'vitest';
import { fitAttachments, groupRows, manualTemplateId, MAX_ATTACHMENT_BYTES, mostAdvanced } from '../../shared/domain/grouped-reminder.js';
import { defaultTemplate } from '../../shared/domain/default-templates.js';
import { mentionsPenalties } from '../../shared/domain/penalty-mentions.js';
import { penaltiesFor } from '../../shared/domain/penalties.js';
import { formatEuros } from '../../shared/domain/money.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { composeGroupedReminder } from '../../shared/app/reminders/compose-grouped.js';
import { groupMemberTags } from '../../shared/app/reminders/grouped-send.js';
import { groupedReminderText } from '../../templates/email/grouped-reminder.js';
import { aClient, anInvoiceRecord, FakePdfRenderer } from '../fixtures/fakes.js';

const settings = { ...defaultSettings(), company: { name: 'Plomberie Martin', email: 'moi@plomberie.test', iban: 'FR7630006000011234567890189' } };
const asOf = new Date('2026-04-01T07:00:00Z');
const three = [
  anInvoiceRecord({ id: 'a', number: 'F-2026-0003', dueDate: '2026-03-20' }),
  anInvoiceRecord({ id: 'b', number: 'F-2026-0001', dueDate: '2026-03-02', paidCents: 20_000 }),
  anInvoiceRecord({ id: 'c', number: 'F-2026-0002', dueDate: '2026-03-12' }),
].map((invoice) => ({ invoice, payments: [] }));

/** PDFs of a chosen size, to hit the attachment cap without rendering megabytes. */
class SizedPdf extends FakePdfRenderer {
  constructor(private readonly bytes: number[]) {
    super();
  }
  override async invoice() {
    this.rendered.push('invoice');
    return new Uint8Array(this.bytes[this.rendered.filter((r) => r === 'invoice').length - 1] ?? 10);
  }
}

describe('grouped reminder rules', () => {
  it('counts days late to the send day, none before the due date', () => {
    expect(groupRows([{ number: 'A', dueDate: '2026-03-02', balanceCents: 1 }, { number: 'B', dueDate: '2026-04-10', balanceCents: 2 }], '2026-04-01').map((r) => r.daysLate)).toEqual([30, 0]);
  });

  it('takes the firmest tone, then the furthest step', () => {
    expect(mostAdvanced([{ tone: 'reminder', position: 3, id: 1 }, { tone: 'firm', position: 2, id: 2 }, { tone: 'courtesy', position: 0, id: 3 }]).id).toBe(2);
    expect(mostAdvanced([{ tone: 'reminder', position: 1, id: 1 }, { tone: 'reminder', position: 2, id: 2 }]).id).toBe(2);
  });

  it('attaches what fits in order and skips what does not', () => {
    expect(fitAttachments([3, 5, 2, 1], 6)).toEqual([true, false, true, true]);
    expect(fitAttachments([], 6)).toEqual([]);
  });

  it('lays the table out with aligned amounts and a total', () => {
    const text = groupedReminderText('fr', {
      tone: 'reminder', clientName: 'Dupont', company: 'Plomberie Martin', total: '300,00 €', notAttached: [], paymentInstructions: 'IBAN X', deadlineDate: '09/04/2026',
      rows: [{ number: 'F-1', dueDate: '02/03/2026', balance: '100,00 €', daysLate: 30 }, { number: 'F-22', dueDate: '12/03/2026', balance: '200,00 €', daysLate: 20 }],
    });
    expect(text.subject).toBe('Relance\u202f: 2 factures impayées – Plomberie Martin');
    expect(text.table.split('\n')).toEqual([
      'Facture  Échéance    Reste dû  Retard',
      'F-1      02/03/2026  100,00\u00a0€    30\u00a0j',
      'F-22     12/03/2026  200,00\u00a0€    20\u00a0j',
      'Total                300,00\u00a0€',
    ]);
    expect(text.html).toContain('<td style="text-align:right;padding:4px 8px;font-weight:bold">300,00\u00a0€</td>');
  });
});

describe('composeGroupedReminder', () => {
  it('lists the invoices oldest first with their balances and attaches every PDF', async () => {
    const pdf = new FakePdfRenderer();
    const { email, attached, notAttached } = await composeGroupedReminder({ members: three, client: aClient(), settings, template: defaultTemplate('firm')!, asOf }, pdf, ['compta@dupont.test']);
    expect(attached).toEqual(['F-2026-0001', 'F-2026-0002', 'F-2026-0003']);
    expect(notAttached).toEqual([]);
    expect(email.attachments?.map((a) => a.fileName)).toEqual(['F-2026-0001.pdf', 'F-2026-0002.pdf', 'F-2026-0003.pdf']);
    expect(email.subject).toBe('Relance\u202f: 3 factures impayées – Plomberie Martin'); // never reminded: not a "second" reminder
    // 1,200 € each, 200 € paid on one: 3,400 € in all; days late to 1 April.
    expect(email.text).toMatch(/Total\s+3\s400,00\s€/);
    expect(email.text).toMatch(/F-2026-0001\s+02\/03\/2026\s+1\s000,00\s€\s+30\u00a0j/);
    expect(email.text).toContain('référence F-2026-0001, F-2026-0002, F-2026-0003');
    expect(email.invoiceIds).toEqual(['b', 'c', 'a']);
  });

  it('keeps the attachments under the cap and names the invoices left out', async () => {
    const big = Math.floor(MAX_ATTACHMENT_BYTES / 2) + 1;
    const pdf = new SizedPdf([big, big, 1000]);
    const { email, notAttached } = await composeGroupedReminder({ members: three, client: aClient(), settings, template: defaultTemplate('reminder')!, asOf }, pdf, ['x@y.test']);
    expect(email.attachments?.map((a) => a.fileName)).toEqual(['F-2026-0001.pdf', 'F-2026-0003.pdf']);
    expect(email.attachments!.reduce((s, a) => s + a.content.byteLength, 0)).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES);
    expect(notAttached).toEqual(['F-2026-0002']);
    expect(email.text).toContain('Non jointes (taille des pièces jointes limitée), disponibles sur simple demande\u202f: F-2026-0002.');
  });

  it('points the invoices left out to their own links when they have one, not to a request by email (issue 10: link the rest)', async () => {
    const big = Math.floor(MAX_ATTACHMENT_BYTES / 2) + 1;
    const linked = three.map((m) => ({ ...m, portalUrl: `https://app.test/p/${m.invoice.id}` }));
    const { email, notAttached } = await composeGroupedReminder({ members: linked, client: aClient(), settings, template: defaultTemplate('reminder')!, asOf }, new SizedPdf([big, big, 1000]), ['x@y.test']);
    expect(notAttached).toEqual(['F-2026-0002']);
    expect(email.text).toContain('Non jointes (taille des pièces jointes limitée), à ouvrir depuis leur lien ci-dessus\u202f: F-2026-0002.');
    expect(email.text).not.toContain('sur simple demande');
    expect(email.text).toContain('- F-2026-0002\u202f: https://app.test/p/c');
    const en = groupedReminderText('en', { tone: 'reminder', clientName: 'D', company: 'P', total: '1', notAttached: ['F-2'], paymentInstructions: 'X', deadlineDate: '1', rows: [{ number: 'F-2', dueDate: '1', balance: '1', daysLate: 3, portalUrl: 'https://app.test/p/x' }] });
    expect(en.text).toContain('Not attached (attachment size is limited), open them from their link above: F-2.');
  });

  it('adds one formal notice letter for all the invoices', async () => {
    const pdf = new FakePdfRenderer();
    const { email } = await composeGroupedReminder({ members: three, client: aClient(), settings, template: defaultTemplate('formal-notice')!, asOf }, pdf, ['x@y.test']);
    expect(pdf.rendered.filter((r) => r === 'letter')).toHaveLength(1);
    expect(email.attachments?.[0]?.fileName).toBe('mise-en-demeure-2026-04-01.pdf');
    expect(email.subject).toContain('Mise en demeure');
  });

  it("uses the owner's own subject and body with the group's variables, and still lists the invoices", async () => {
    const { email } = await composeGroupedReminder(
      { members: three, client: aClient(), settings, template: defaultTemplate('reminder')!, asOf, subject: 'Vos factures {{invoiceNumber}}', body: 'Bonjour {{clientName}}, reste {{balanceAmount}}.' },
      new FakePdfRenderer(),
      ['x@y.test'],
    );
    expect(email.subject).toBe('Vos factures F-2026-0001, F-2026-0002, F-2026-0003');
    expect(email.text).toMatch(/^Bonjour Boulangerie Dupont SARL, reste 3\s400,00\s€\./);
    expect(email.text).toContain('F-2026-0003  20/03/2026');
  });

  it('sends one invoice the ordinary reminder with its template text', async () => {
    const { email } = await composeGroupedReminder({ members: three.slice(0, 1), client: aClient(), settings, template: defaultTemplate('reminder')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.subject).toBe('Relance\u202f: facture F-2026-0003 échue le 20/03/2026');
  });
});

describe('a grouped reminder to a consumer (DOMAIN.md, B2C tone)', () => {
  const consumer = aClient({ kind: 'consumer' });
  const compose = async (templateId: string, client = consumer) =>
    (await composeGroupedReminder({ members: three, client, settings, template: defaultTemplate(templateId)!, asOf }, new FakePdfRenderer(), ['x@y.test'])).email;

  it('offers a payment plan and a contact in the second reminder, as the consumer template does', async () => {
    const email = await compose('firm-consumer');
    expect(email.text).toContain("nous pouvons convenir ensemble d'un paiement en plusieurs fois\u202f: il suffit de nous contacter à moi@plomberie.test.");
    expect(email.html).toContain('paiement en plusieurs fois');
  });

  it('says the legal-rate interest and the amicable way out in the mise en demeure, never a fee', async () => {
    const email = await compose('formal-notice-consumer');
    expect(email.text).toContain("intérêts au taux légal à compter de la réception de la présente");
    expect(email.text).toContain('nous cherchons avant tout une solution amiable');
    expect(mentionsPenalties({ subject: email.subject, body: email.text })).toBe(false);
  });

  it('gives a contact in the first reminder, in English too', async () => {
    expect((await compose('reminder-consumer')).text).toContain('Pour toute question, vous pouvez nous joindre à moi@plomberie.test.');
    expect((await compose('firm-consumer', aClient({ kind: 'consumer', language: 'en' }))).text).toContain('we can agree on payment in instalments: just contact us at moi@plomberie.test.');
  });

  it('adds none of it for a business', async () => {
    for (const id of ['reminder', 'firm', 'formal-notice']) expect((await compose(id, aClient())).text, id).not.toMatch(/plusieurs fois|taux légal|pour toute question/i);
  });
});

describe('a grouped reminder to a business (DOMAIN.md §2: the J+1 and J+8 say what the law adds)', () => {
  const compose = async (templateId: string, client = aClient(), members = three) =>
    (await composeGroupedReminder({ members, client, settings, template: defaultTemplate(templateId)!, asOf }, new FakePdfRenderer(), ['x@y.test'])).email;
  /** Amounts carry no-break spaces: compared as plain spaces. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  // Each invoice's penalties to 1 April on its balance, as its own J+8 counts them.
  const penaltiesOf = (members: typeof three) =>
    members.reduce((sum, { invoice }) => sum + penaltiesFor('business', { unpaidCents: invoice.totals.grossCents - invoice.paidCents, dueDate: invoice.dueDate, asOf: '2026-04-01' }).cents, 0);

  it('states in the first reminder that the penalty rate and the €40 per invoice apply by law, as the J+1 template does', async () => {
    const email = await compose('reminder');
    expect(plain(email.text)).toContain("Conformément à l'article L441-10 du Code de commerce, des pénalités de retard au taux annuel de 12,15 % et une indemnité forfaitaire pour frais de recouvrement de 40,00 € par facture sont exigibles de plein droit dès le lendemain de leur date d'échéance.");
    expect(email.html).toContain('L441-10');
  });

  it('gives the penalties accrued to date and the €40 of each overdue invoice in the second reminder, as the J+8 template does', async () => {
    const text = plain((await compose('firm')).text);
    expect(penaltiesOf(three)).toBeGreaterThan(0);
    expect(text).toContain(`Pénalités de retard à ce jour (taux 12,15 %) : ${plain(formatEuros(penaltiesOf(three), 'fr'))}`);
    expect(text).toContain('Indemnités forfaitaires pour frais de recouvrement (40,00 € par facture échue) : 120,00 €');
    const en = plain((await compose('firm-en', aClient({ language: 'en' }))).text);
    expect(en).toContain(`Late-payment penalties to date (rate 12.15%): ${plain(formatEuros(penaltiesOf(three), 'en'))}`);
    expect(en).toContain('Fixed recovery indemnities (€40.00 per overdue invoice): €120.00');
  });

  it('counts only the overdue invoices: one not due yet owes neither penalties nor the €40', async () => {
    const members = [three[1]!, { invoice: anInvoiceRecord({ id: 'z', number: 'F-2026-0009', dueDate: '2026-04-20' }), payments: [] }];
    const text = plain((await compose('firm', aClient(), members)).text);
    expect(text).toContain(`Pénalités de retard à ce jour (taux 12,15 %) : ${plain(formatEuros(penaltiesOf([three[1]!]), 'fr'))}`);
    expect(text).toContain('(40,00 € par facture échue) : 40,00 €');
  });

  it("gives an owner's own {{penaltiesAmount}} the sum of each overdue invoice's penalties, not the group's total balance since the earliest due date", async () => {
    const members = [three[1]!, { invoice: anInvoiceRecord({ id: 'z', number: 'F-2026-0009', dueDate: '2026-04-20' }), payments: [] }, three[0]!];
    const { email } = await composeGroupedReminder(
      { members, client: aClient(), settings, template: defaultTemplate('firm')!, asOf, subject: 'Vos factures', body: 'Pénalités à ce jour : {{penaltiesAmount}}.' },
      new FakePdfRenderer(),
      ['x@y.test'],
    );
    expect(plain(email.text)).toContain(`Pénalités à ce jour : ${plain(formatEuros(penaltiesOf([three[1]!, three[0]!]), 'fr'))}.`);
  });

  it('demands in the mise en demeure what its letter demands: the balances, the penalties to date and the €40 of each overdue invoice', async () => {
    const balances = three.reduce((sum, { invoice }) => sum + invoice.totals.grossCents - invoice.paidCents, 0);
    const claimed = plain(formatEuros(balances + penaltiesOf(three) + 3 * 4000, 'fr'));
    const text = plain((await compose('formal-notice')).text);
    expect(text).toContain(`- les pénalités de retard au taux de 12,15 %, soit ${plain(formatEuros(penaltiesOf(three), 'fr'))} à ce jour, à parfaire jusqu'au paiement ;`);
    expect(text).toContain('- les indemnités forfaitaires pour frais de recouvrement (40,00 € par facture échue) : 120,00 € (articles L441-10 et D441-5 du Code de commerce).');
    expect(text).toContain(`Total réclamé : ${claimed}.`);
    const en = plain((await compose('formal-notice-en', aClient({ language: 'en' }))).text);
    expect(en).toContain('fixed recovery indemnities (€40.00 per overdue invoice): €120.00');
    expect(en).toMatch(/Total claimed: €[\d,]+\.\d\d\./);
  });

  it('says none of it to a consumer, nor in a courtesy reminder', async () => {
    const consumer = aClient({ kind: 'consumer' });
    for (const id of ['reminder-consumer', 'firm-consumer']) {
      const email = await compose(id, consumer);
      expect(mentionsPenalties({ subject: email.subject, body: email.text }), id).toBe(false);
    }
    expect((await compose('courtesy')).text).not.toMatch(/L441-10|Pénalités/);
    expect((await compose('formal-notice-consumer', aClient({ kind: 'consumer' }))).text).not.toMatch(/L441-10|pénalités|indemnité/i);
  });
});

describe('portal and payment links in a grouped reminder', () => {
  const portal = (id: string) => `https://app.example/p/tok-${id}`;
  const linked = three.map((m) => ({ ...m, portalUrl: portal(m.invoice.id) }));

  it('lists each invoice with its own portal link under the text table, and a column of links in the HTML table', async () => {
    const { email } = await composeGroupedReminder({ members: linked, client: aClient(), settings, template: defaultTemplate('reminder')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    // Oldest first, as in the table: b (due 2 March), c, a.
    expect(email.text).toContain(
      [
        'Chaque facture en ligne (la régler, signaler un paiement, poser une question)\u202f:',
        `- F-2026-0001\u202f: ${portal('b')}`,
        `- F-2026-0002\u202f: ${portal('c')}`,
        `- F-2026-0003\u202f: ${portal('a')}`,
      ].join('\n'),
    );
    const rows = email.html!.match(/<tr>.*?<\/tr>/g)!;
    expect(rows[0]).toContain('>En ligne</th>');
    expect(rows.slice(1, 4).map((r) => [r.match(/<td[^>]*>(F-[\d-]+)</)?.[1], r.match(/href="([^"]+)"/)?.[1]])).toEqual([
      ['F-2026-0001', portal('b')],
      ['F-2026-0002', portal('c')],
      ['F-2026-0003', portal('a')],
    ]);
    expect(rows[4]).not.toContain('href');
    expect(email.html).toContain(`<a href="${portal('b')}">Voir la facture</a>`);
  });

  it('words the links in the client’s language and escapes them in the HTML', async () => {
    const odd = three.map((m) => ({ ...m, portalUrl: `${portal(m.invoice.id)}?a=1&b="2"` }));
    const { email } = await composeGroupedReminder({ members: odd, client: aClient({ language: 'en' }), settings, template: defaultTemplate('reminder')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.text).toContain(`Each invoice online (pay, tell us you paid, ask a question):\n- F-2026-0001: ${portal('b')}?a=1&b="2"\n`);
    expect(email.html).toContain(`<a href="${portal('b')}?a=1&amp;b=&quot;2&quot;">View invoice</a>`);
    expect(email.html).toContain('>Online</th>');
  });

  it('shows no links part when no invoice has a link and no payment URL is set', async () => {
    const { email } = await composeGroupedReminder({ members: three, client: aClient(), settings, template: defaultTemplate('reminder')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.text).not.toContain('en ligne');
    expect(email.html).not.toContain('href');
    expect(email.html).not.toContain('En ligne');
  });

  it("resolves {{portalUrl}} in an owner's own body to the most overdue invoice's link, and still lists every link", async () => {
    const { email } = await composeGroupedReminder(
      { members: linked, client: aClient(), settings, template: defaultTemplate('reminder')!, asOf, subject: 'Vos factures', body: 'Bonjour, tout est ici : {{portalUrl}}' },
      new FakePdfRenderer(),
      ['x@y.test'],
    );
    expect(email.text.split('\n')[0]).toBe(`Bonjour, tout est ici\u202f: ${portal('b')}`);
    for (const id of ['a', 'b', 'c']) expect(email.text).toContain(portal(id));
    expect(email.html).toContain(`<p>Bonjour, tout est ici\u202f: <a href="${portal('b')}">${portal('b')}</a></p>`);
    expect(email.html).toContain(`href="${portal('a')}"`);
  });

  it('gives a single invoice its template text with its own portal link', async () => {
    const { email } = await composeGroupedReminder({ members: linked.slice(0, 1), client: aClient(), settings, template: defaultTemplate('reminder')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.text).toContain(`Facture en ligne (régler, signaler un paiement, poser une question)\u202f: ${portal('a')}`);
  });
});

describe('the default template of a manual reminder', () => {
  const scenario = {
    steps: [
      { id: 'j-5', offsetDays: -5, anchor: 'due' as const, templateId: 'courtesy' },
      { id: 'texto', offsetDays: 1, anchor: 'due' as const, templateId: 'sms-reminder', channel: 'sms' as const },
      { id: 'j+1', offsetDays: 1, anchor: 'due' as const, templateId: 'reminder' },
      { id: 'j+8', offsetDays: 7, anchor: 'previous' as const, templateId: 'firm' },
      { id: 'j+15', offsetDays: 15, anchor: 'due' as const, templateId: 'formal-notice' },
      { id: 'escalate', offsetDays: 30, anchor: 'due' as const, templateId: 'escalate' },
    ],
  };
  const due = '2026-03-01';
  const step = (index: number, state: string, extra: object = {}) => ({ plan: 1, index, stepId: scenario.steps[index]!.id, templateId: scenario.steps[index]!.templateId, state, ...extra });

  it('is the step as late as the invoice when none is recorded, one step at most past what the client received: courtesy before the due date, then the first overdue reminder', () => {
    expect(manualTemplateId(scenario, [], due, '2026-02-10')).toBe('courtesy');
    expect(manualTemplateId(scenario, [], due, '2026-02-26')).toBe('courtesy');
    expect(manualTemplateId(scenario, [], due, '2026-03-03')).toBe('reminder');
    expect(manualTemplateId(scenario, [], due, '2026-03-08')).toBe('reminder');
    // Never reminded: the first overdue reminder, not "Malgré nos relances" (mise en demeure) however late.
    expect(manualTemplateId(scenario, [], due, '2026-03-09')).toBe('reminder');
    expect(manualTemplateId(scenario, [], due, '2026-06-01')).toBe('reminder');
    // J+1 went out: the firm one next, the mise en demeure after it.
    expect(manualTemplateId(scenario, [step(2, 'sent')], due, '2026-03-16')).toBe('firm');
    expect(manualTemplateId(scenario, [step(2, 'sent'), step(3, 'sent')], due, '2026-03-16')).toBe('formal-notice');
    // The mise en demeure only from its day.
    expect(manualTemplateId(scenario, [step(2, 'sent'), step(3, 'sent')], due, '2026-03-10')).toBe('firm');
  });

  it('takes the next scheduled email step, never an SMS text, the escalation or a cancelled step', () => {
    expect(manualTemplateId(scenario, [step(0, 'sent'), step(1, 'scheduled', { channel: 'sms' }), step(2, 'scheduled')], due, '2026-02-27')).toBe('reminder');
    expect(manualTemplateId(scenario, [step(4, 'sent'), step(5, 'scheduled')], due, '2026-03-20')).toBe('formal-notice');
    expect(manualTemplateId(scenario, [step(2, 'cancelled', { reason: 'opt_out' }), step(3, 'cancelled')], due, '2026-03-03')).toBe('reminder');
  });

  it('never goes below the furthest step already sent, a manual reminder counting where its template stands', () => {
    expect(manualTemplateId(scenario, [step(3, 'sent'), step(4, 'cancelled')], due, '2026-03-03')).toBe('firm');
    expect(manualTemplateId(scenario, [{ ...step(4, 'sent'), manual: true, plan: 0, index: 1_795_000_000 }], due, '2026-03-03')).toBe('formal-notice');
    // Reminded by hand once (reminders off for the client): the next manual one is firmer.
    expect(manualTemplateId(scenario, [{ ...step(2, 'sent'), manual: true, plan: 0, index: 1_795_000_000 }], due, '2026-03-20')).toBe('firm');
  });

  it('is undefined for a scenario of texts only', () => {
    expect(manualTemplateId({ steps: [scenario.steps[1]!] }, [], due, '2026-03-03')).toBeUndefined();
  });
});

describe('the tags of a grouped email', () => {
  it('carry the other invoices in tags of at most 9 ids, each value within SES limits', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `01M8AR17EPHSPF6FV8R52M3S${String(i).padStart(2, '0')}`);
    const tags = groupMemberTags(ids);
    expect(Object.keys(tags)).toEqual(['g0', 'g1', 'g2']);
    for (const value of Object.values(tags)) expect(value).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(Object.values(tags).flatMap((v) => v.split('_'))).toEqual(ids);
    expect(groupMemberTags([])).toEqual({});
  });
});

describe('a grouped reminder listing invoices not due yet (manual or batch send)', () => {
  /** Keeps what each letter says. */
  class LetterPdf extends FakePdfRenderer {
    letters: { invoices: { number: string }[]; indemnityCents?: number }[] = [];
    override async letter(data?: unknown) {
      this.letters.push(data as never);
      return super.letter();
    }
  }
  // On 1 April: F-2026-0001 is 30 days late, F-2026-0004 due that very day, F-2026-0005 due on 15 April.
  const mixed = [
    anInvoiceRecord({ id: 'b', number: 'F-2026-0001', dueDate: '2026-03-02' }),
    anInvoiceRecord({ id: 'd', number: 'F-2026-0004', dueDate: '2026-04-01' }),
    anInvoiceRecord({ id: 'e', number: 'F-2026-0005', dueDate: '2026-04-15' }),
  ].map((invoice) => ({ invoice, payments: [] }));

  /** Amounts carry no-break spaces: compared as plain spaces. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('calls only the overdue ones unpaid and words the others "à échéance le …", never late', async () => {
    const { email } = await composeGroupedReminder({ members: mixed, client: aClient(), settings, template: defaultTemplate('firm')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.subject).toBe('Relance\u202f: 3 factures à régler – Plomberie Martin');
    expect(plain(email.text)).not.toContain('les factures suivantes restent impayées');
    expect(plain(email.text)).toContain('Les factures échues ci-dessous restent impayées (1 200,00 €)'); // never reminded: no "Malgré notre précédente relance"
    expect(plain(email.text)).toContain('Total à régler : 3 600,00 €');
    expect(email.text).toMatch(/F-2026-0001\s+02\/03\/2026\s+1\s200,00\s€\s+30\u00a0j/);
    expect(email.text).toMatch(/F-2026-0004\s+01\/04\/2026\s+1\s200,00\s€\s+à échéance le 01\/04\/2026/);
    expect(email.text).toMatch(/F-2026-0005\s+15\/04\/2026\s+1\s200,00\s€\s+à échéance le 15\/04\/2026/);
    expect(email.text).not.toMatch(/-\d+[ \u00a0]j|\b0[ \u00a0]j/);
    expect(email.html).toContain('à échéance le 15/04/2026');
  });

  it('words them "due on …" in English', async () => {
    const { email } = await composeGroupedReminder({ members: mixed, client: aClient({ language: 'en' }), settings, template: defaultTemplate('reminder')!, asOf }, new FakePdfRenderer(), ['x@y.test']);
    expect(email.subject).toBe('Reminder: 3 invoices to settle – Plomberie Martin');
    expect(plain(email.text)).toContain('Those past their due date remain unpaid (€1,200.00)');
    expect(email.text).toMatch(/F-2026-0005\s+15 April 2026\s+€1,200\.00\s+due on 15 April 2026/);
    expect(email.text).not.toMatch(/the following invoices remain unpaid/);
  });

  it('puts on notice only the overdue invoices: the letter lists them alone, with their €40', async () => {
    const pdf = new LetterPdf();
    const { email } = await composeGroupedReminder({ members: mixed, client: aClient(), settings, template: defaultTemplate('formal-notice')!, asOf }, pdf, ['x@y.test']);
    expect(pdf.letters).toHaveLength(1);
    expect(pdf.letters[0]!.invoices.map((i) => i.number)).toEqual(['F-2026-0001']);
    expect(pdf.letters[0]!.indemnityCents).toBe(4000);
    expect(email.subject).toBe('Mise en demeure de payer – 1 facture – Plomberie Martin');
    expect(plain(email.text)).toContain('la somme de 1 200,00 € au titre des factures échues ci-dessous');
    expect(plain(email.text)).toContain('Les autres factures sont à régler à leur échéance.');
  });

  it('calls none unpaid when none is overdue, whatever the template: the courtesy wording, no letter', async () => {
    const pdf = new LetterPdf();
    const { email } = await composeGroupedReminder({ members: mixed.slice(1), client: aClient(), settings, template: defaultTemplate('formal-notice')!, asOf }, pdf, ['x@y.test']);
    expect(pdf.letters).toHaveLength(0);
    expect(email.subject).toBe('2 factures arrivent à échéance – Plomberie Martin');
    expect(email.text).not.toMatch(/impayée|mise en demeure|mettons en demeure/i);
    expect(plain(email.text)).toContain('à échéance le 01/04/2026');
  });
});

describe('a firm grouped reminder to a client never reminded (manual or batch send)', () => {
  /** Amounts carry no-break spaces: compared as plain spaces. */
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
  const counted = (counts: number[]) => three.map((m, i) => ({ ...m, invoice: { ...m.invoice, reminderCount: counts[i]! } }));
  const firmEmail = async (counts: number[], language: 'fr' | 'en' = 'fr', members = counted(counts)) =>
    (await composeGroupedReminder({ members, client: aClient({ language }), settings, template: defaultTemplate(language === 'en' ? 'firm-en' : 'firm')!, asOf }, new FakePdfRenderer(), ['x@y.test'])).email;
  const firm = async (counts: number[], language: 'fr' | 'en' = 'fr', members = counted(counts)) => plain((await firmEmail(counts, language, members)).text);

  it('is not called a second reminder in its subject unless one of them was reminded', async () => {
    expect((await firmEmail([0, 0, 0])).subject).toBe('Relance\u202f: 3 factures impayées – Plomberie Martin');
    expect((await firmEmail([0, 0, 0], 'en')).subject).toBe('Reminder: 3 unpaid invoices – Plomberie Martin');
    expect((await firmEmail([0, 1, 0])).subject).toBe('Deuxième relance\u202f: 3 factures impayées – Plomberie Martin');
    expect((await firmEmail([2, 0, 0], 'en')).subject).toBe('Second reminder: 3 unpaid invoices – Plomberie Martin');
  });

  it('claims no previous reminder when none of its invoices had one', async () => {
    const fr = await firm([0, 0, 0]);
    expect(fr).not.toContain('Malgré notre précédente relance');
    expect(fr).toContain('Les factures suivantes restent impayées, pour un total de 3 400,00 €. Nous vous remercions de procéder à leur règlement sans délai.');
    const en = await firm([0, 0, 0], 'en');
    expect(en).not.toContain('Despite our previous reminder');
    expect(en).toContain('The following invoices remain unpaid, €3,400.00 in total. Please settle them without delay.');
  });

  it('says it once one of them was reminded', async () => {
    expect(await firm([0, 1, 0])).toContain('Malgré notre précédente relance, les factures suivantes restent impayées');
    expect(await firm([0, 0, 2], 'en')).toContain('Despite our previous reminder, the following invoices remain unpaid');
  });

  it('drops it too when some invoices are not due yet', async () => {
    const members = [three[1]!, { invoice: anInvoiceRecord({ id: 'z', number: 'F-2026-0009', dueDate: '2026-04-20' }), payments: [] }];
    const fr = await firm([], 'fr', members);
    expect(fr).not.toContain('Malgré');
    expect(fr).toContain('Les factures échues ci-dessous restent impayées (1 000,00 €). Nous vous remercions de procéder à leur règlement sans délai ; les autres sont à régler à leur échéance.');
    const en = await firm([], 'en', members);
    expect(en).not.toContain('Despite');
    expect(en).toContain('The overdue invoices below remain unpaid (€1,000.00). Please settle them without delay; the others are payable on their due date.');
  });
});
