import { describe, expect, it } from 'vitest';
import { ReactPdfRenderer } from '../../../shared/adapters/pdf/react-pdf-renderer.js';
import { proofPlanEvents, type ProofFileData } from '../../../shared/app/proof-file.js';
import { penaltiesFor } from '../../../shared/domain/penalties.js';
import { allDocumentTemplates } from '../../../shared/wiring-pdf.js';
import { eventInstalmentLines, eventLine } from '../../../templates/pdf/proof-document.js';
import { aBusinessClient, aConsumerClient, aFinalInvoiceRecord, aPayment, aSeller, anInvoiceRecord, eurosText, pdfText } from '../../fixtures/pdf-fixtures.js';
import { linesDrawnOver, placedText } from '../../fixtures/pdf-layout.js';

const renderer = new ReactPdfRenderer(allDocumentTemplates);

/** An invoice of €1,544.70 due 22/11/2026, €500 paid, two reminders (one the mise en demeure, posted), a portal promise, read on 15/01/2027. */
const aProofFile = (overrides: Partial<ProofFileData> = {}): ProofFileData => {
  const invoice = anInvoiceRecord({ paidCents: 50_000, status: 'litigation', sentAt: '2026-10-23T08:05:00.000Z', emailedTo: 'compta@boulangerie-martin.fr' });
  const balanceCents = invoice.totals.grossCents - 50_000;
  const client = overrides.client ?? aBusinessClient();
  return {
    seller: aSeller(),
    client,
    invoice,
    balanceCents,
    payments: [aPayment()],
    creditNotes: [],
    reminders: [
      {
        at: '2026-11-23T08:00:00.000Z', stepId: 'j+1', templateId: 'reminder-1', channel: 'email', state: 'sent', manual: false,
        recipients: ['compta@boulangerie-martin.fr'], messageId: '0100018c-msg-one',
        delivery: [{ at: '2026-11-23T08:00:02.000Z', type: 'email.delivered' }], formalNotice: false,
      },
      {
        at: '2026-12-07T08:00:00.000Z', stepId: 'j+15', templateId: 'formal-notice', channel: 'letter', state: 'sent', manual: false,
        recipients: [], delivery: [], posted: { at: '2026-12-08T10:00:00.000Z', trackingNumber: '1A00000000001' }, formalNotice: true,
      },
    ],
    events: [{ at: '2026-11-25T21:32:00.000Z', type: 'portal.promised', data: { date: '2026-12-10' } }],
    penalties: penaltiesFor(client.kind, { unpaidCents: balanceCents, dueDate: invoice.dueDate, asOf: '2027-01-15' }),
    asOf: '2027-01-15',
    language: 'fr',
    ...overrides,
  };
};

const FRENCH_HEADINGS = ['Dossier de preuves', 'Débiteur', 'Règlements', 'Relances envoyées', 'Mise en demeure', 'Pénalités de retard', 'Reste dû', 'Destinataires'];
const ENGLISH_HEADINGS = ['Proof file', 'Debtor', 'Payments', 'Reminders sent', 'Formal notice', 'Late-payment penalties', 'Balance due', 'Recipients'];

describe('ReactPdfRenderer.proof', () => {
  it('says in words, in the file\'s language, a reminder not sent (yet): a letter waiting to be posted, a failed email (never the API\'s codes), and never that such a mise en demeure was sent', async () => {
    const pending = (language: 'fr' | 'en') =>
      aProofFile({
        language,
        reminders: [
          { at: '2026-12-07T08:00:00.000Z', stepId: 'j+15', templateId: 'formal-notice', channel: 'letter', state: 'to_post', manual: false, recipients: [], delivery: [], formalNotice: true },
          { at: '2026-12-09T08:00:00.000Z', stepId: 'j+20', templateId: 'formal-notice', channel: 'email', state: 'failed', reason: 'send_failed', manual: false, recipients: ['compta@boulangerie-martin.fr'], delivery: [], formalNotice: true },
        ],
      });
    const fr = (await pdfText(await renderer.proof(pending('fr')))).replace(/\s+/g, ' ');
    expect(fr).toContain('étape j+15 · produite, en attente d’envoi postal');
    expect(fr).toContain('étape j+20 · échec de l’envoi (refusé par le service d’envoi)');
    const en = (await pdfText(await renderer.proof(pending('en')))).replace(/\s+/g, ' ');
    expect(en).toContain('step j+15 · produced, waiting to be posted');
    expect(en).toContain('step j+20 · failed (refused by the sending service)');
    for (const code of ['to_post', 'send_failed', '· failed (']) expect(fr).not.toContain(code);
    // Neither was sent: the file never says the mise en demeure was.
    expect(fr).not.toContain('Mise en demeure envoyée');
    expect(fr).toContain('Mise en demeure du 07/12/2026 : produite, en attente d’envoi postal (courrier)');
    expect(fr).toContain('Mise en demeure du 09/12/2026 : échec de l’envoi (e-mail)');
    expect(en).not.toContain('Formal notice sent');
    expect(en).toContain('Formal notice of 09/12/2026: failed (email)');
  });

  it('adds up for a final invoice: its total TTC, the deposits it deducts, then paid, credited and the balance', async () => {
    // €12,000 TTC (€10,000 HT + €2,000 VAT) deducting a €3,600 deposit, €4,000 paid: it printed HT 10 000 + TVA 2 000 = TTC 8 400.
    const invoice = aFinalInvoiceRecord({ paidCents: 400_000, status: 'partially_paid' });
    const text = await pdfText(await renderer.proof(aProofFile({ invoice, balanceCents: 440_000 })));
    expect(text).toContain(`Total HT ${eurosText(1_000_000)} TVA ${eurosText(200_000)} Total TTC ${eurosText(1_200_000)} Acomptes déduits ${eurosText(360_000)} Réglé ${eurosText(400_000)} Avoirs ${eurosText(0)} Reste dû ${eurosText(440_000)}`);
  });

  it('writes the file in French by default, amounts and dates as a French reader writes them', async () => {
    const text = await pdfText(await renderer.proof(aProofFile()));
    for (const heading of FRENCH_HEADINGS) expect(text).toContain(heading);
    expect(text).toContain('Numéro : F-2026-0001');
    expect(text).toContain("Date d'échéance : 22/11/2026");
    expect(text).toContain('Statut : contentieux');
    expect(text).toContain(`Reste dû ${eurosText(104_470)}`);
    expect(text).toContain('e-mail · modèle reminder-1 · étape j+1');
    expect(text).toContain('Remise : délivré le 23/11/2026 08:00 UTC');
    expect(text).toContain('Lettre recommandée postée le 08/12/2026, n° de suivi 1A00000000001');
    expect(text).toContain('Promesse de paiement du client (portail) (date : 10/12/2026)');
    expect(text).toContain('Indemnité forfaitaire de recouvrement (D441-5)');
    expect(text).toMatch(/du 23\/11\/2026 au 31\/12\/2026 : 39 j à \d+,\d+ %/);
    for (const heading of ENGLISH_HEADINGS) expect(text).not.toContain(heading);
  });

  it('writes the file in English when asked: English headings and words, no French heading, English amounts', async () => {
    const text = await pdfText(await renderer.proof(aProofFile({ language: 'en' })));
    for (const heading of ENGLISH_HEADINGS) expect(text).toContain(heading);
    for (const heading of FRENCH_HEADINGS) expect(text).not.toContain(heading);
    expect(text).toContain('Invoice F-2026-0001');
    expect(text).toContain('Number: F-2026-0001');
    expect(text).toContain('Due date: 22/11/2026');
    expect(text).toContain('Status: litigation');
    expect(text).toContain(`Balance due ${eurosText(104_470, 'en')}`);
    expect(text).toContain('€1,044.70');
    expect(text).toContain('email · template reminder-1 · step j+1');
    expect(text).toContain('Message-ID (SES): 0100018c-msg-one');
    expect(text).toContain('Delivery: delivered on 23/11/2026 08:00 UTC');
    expect(text).toContain('Formal notice sent on 07/12/2026 (letter)');
    expect(text).toContain('Registered letter posted on 08/12/2026, tracking number 1A00000000001');
    expect(text).toContain('Payment promised by the client (portal) (date: 10/12/2026)');
    expect(text).toContain('Fixed recovery indemnity (French Commercial Code D441-5)');
    expect(text).toMatch(/from 23\/11\/2026 to 31\/12\/2026: 39 days at \d+\.\d+%/);
    expect(text).toContain('annual rate × days / 365');
    // The French words of the lines themselves are gone too.
    expect(text).not.toMatch(/modèle|étape|Pénalités|Indemnité|Lettre recommandée|Aucun|taux annuel/);
  });

  it('keeps the legal references in English: a consumer owes neither penalties nor indemnity (C. conso. L111-8)', async () => {
    const text = await pdfText(await renderer.proof(aProofFile({ client: aConsumerClient(), language: 'en' })));
    expect(text).toContain('Consumer client: no penalties and no fixed recovery indemnity (French Consumer Code, C. conso. L111-8).');
    const fr = await pdfText(await renderer.proof(aProofFile({ client: aConsumerClient() })));
    expect(fr).toContain('Client particulier : ni pénalités ni indemnité forfaitaire (C. conso. L111-8).');
  });

  it('names a text message’s id as the SMS provider’s, not as an SES message id', async () => {
    const base = aProofFile();
    const sms = { at: '2026-11-25T08:00:00.000Z', stepId: 'texto', templateId: 'sms-reminder', channel: 'sms' as const, state: 'sent' as const, manual: false, recipients: ['+33612345678'], messageId: 'a1b2c3d4-sms', delivery: [], formalNotice: false };
    for (const [language, label] of [['fr', 'Message-ID (SMS) :'], ['en', 'Message-ID (SMS):']] as const) {
      const text = await pdfText(await renderer.proof({ ...base, language, reminders: [...base.reminders, sms] }));
      expect(text.replace(/\s+/g, ' '), language).toContain(`${label} a1b2c3d4-sms`);
      expect(text.match(/Message-ID \(SES\)/g), language).toHaveLength(1);
    }
  });

  it('claims no penalties nor the €40 when a payment plan waived them and was honoured, and says so', async () => {
    const waived = (await pdfText(await renderer.proof(aProofFile({ penaltiesWaived: true })))).replace(/\s+/g, ' ');
    // The computation stays (the court sees what was given up); the balance claimed is the invoice's alone.
    expect(waived).toContain('Pénalités au 54e jour de retard 18,78 €');
    expect(waived).toContain('Pénalités et indemnité abandonnées par l’échéancier (respecté) -58,78 €');
    expect(waived).toMatch(/Reste dû 1 044,70 € Menuiserie Dupont/);
    const claimed = (await pdfText(await renderer.proof(aProofFile()))).replace(/\s+/g, ' ');
    expect(claimed).toMatch(/Reste dû 1 103,48 € Menuiserie Dupont/);
    expect(claimed).not.toContain('abandonnées');
    const en = (await pdfText(await renderer.proof(aProofFile({ penaltiesWaived: true, language: 'en' })))).replace(/\s+/g, ' ');
    expect(en).toContain('Penalties and indemnity waived by the payment plan (kept) -€58.78');
  });

  it('gives a registered letter its postal recipient and the SHA-256 of the letter, and no e-mail delivery line', async () => {
    const base = aProofFile();
    const hash = 'ab'.repeat(32);
    const letter = { ...base.reminders[1]!, recipients: ['Boulangerie Martin SARL, 3 place du Marché, 35000 RENNES'], letterSha256: hash };
    const text = (await pdfText(await renderer.proof({ ...base, reminders: [base.reminders[0]!, letter] }))).replace(/\s+/g, ' ');
    expect(text).toContain('Destinataires : Boulangerie Martin SARL, 3 place du Marché, 35000 RENNES');
    expect(text).toContain(`Empreinte SHA-256 de la lettre : ${hash}`);
    // One delivery line: the e-mail's. A letter's proof of delivery is its posting, not an SES event.
    expect(text.match(/Remise :/g)).toHaveLength(1);
    const en = (await pdfText(await renderer.proof({ ...base, language: 'en', reminders: [letter] }))).replace(/\s+/g, ' ');
    expect(en).toContain(`SHA-256 of the letter: ${hash}`);
  });

  it('gives the same bytes for the same records and language, other bytes in the other language', async () => {
    const [a, b, en] = await Promise.all([renderer.proof(aProofFile()), renderer.proof(aProofFile()), renderer.proof(aProofFile({ language: 'en' }))]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(en))).toBe(false);
  });
});

describe('the proof file’s case events in English', () => {
  it('are written in English words with English amounts, yes/no and the same dates', () => {
    const line = eventLine(
      { at: '2027-01-20T09:30:00.000Z', type: 'invoice.written_off', data: { reason: 'Client in liquidation', creditNoteId: '01ABC', creditNote: 'A-2026-0002', balanceCents: 50_000, evidence: 'judgment' } } as never,
      'en',
    );
    expect(line).toBe('20/01/2027 09:30 UTC · Debt declared irrecoverable (reason: Client in liquidation, credit note: A-2026-0002, balance: €500.00, evidence: judgment)');
    expect(eventLine({ at: '2027-01-08T08:00:00.000Z', type: 'invoice.litigation', data: { auto: true, from: 'partially_paid', stepId: 'escalate' } } as never, 'en')).toBe(
      '08/01/2027 08:00 UTC · Moved to litigation (automatic: yes, previous status: partially paid, step: escalate)',
    );
  });
});

describe('the proof file’s payment plans: the schedule under each plan event', () => {
  const requested = { at: '2026-11-26T19:00:00.000Z', type: 'plan.requested', data: { instalments: [{ dueDate: '2026-12-15', amountCents: 60_000 }, { dueDate: '2027-01-15', amountCents: 44_470 }], note: 'Trésorerie tendue' } };
  const accepted = { at: '2026-11-27T09:00:00.000Z', type: 'plan.accepted', data: { seq: 1 } };
  const created = {
    at: '2026-11-27T09:00:00.000Z',
    type: 'plan.created',
    data: { seq: 1, instalments: [{ dueDate: '2026-12-15', amountCents: 60_000 }, { dueDate: '2027-01-15', amountCents: 44_470 }], totalCents: 104_470, waivePenalties: true, source: 'client' },
  };
  const owners = {
    at: '2027-01-20T10:00:00.000Z',
    type: 'plan.created',
    data: { seq: 2, instalments: [{ dueDate: '2027-02-05', amountCents: 30_000 }, { dueDate: '2027-03-05', amountCents: 30_000 }, { dueDate: '2027-04-05', amountCents: 14_470 }], totalCents: 74_470, waivePenalties: false, source: 'owner' },
  };
  const events = [requested, accepted, created, { at: '2027-01-16T08:00:00.000Z', type: 'plan.ended', data: { seq: 1, reason: 'missed' } }, owners];

  it('prints each instalment (date, amount) under its plan event and the client’s proposed ones under the request, in French and English, read back from the file', async () => {
    const fr = await pdfText(await renderer.proof(aProofFile({ events })));
    expect(fr).toContain('Échéancier demandé par le client (note : Trésorerie tendue) Échéance proposée 1/2');
    expect(fr).toContain(`Échéance proposée 1/2 : 15/12/2026, ${eurosText(60_000)} Échéance proposée 2/2 : 15/01/2027, ${eurosText(44_470)}`);
    expect(fr).toContain(`Échéance 1/2 : 15/12/2026, ${eurosText(60_000)} Échéance 2/2 : 15/01/2027, ${eurosText(44_470)}`);
    expect(fr).toContain(`Échéance 1/3 : 05/02/2027, ${eurosText(30_000)} Échéance 2/3 : 05/03/2027, ${eurosText(30_000)} Échéance 3/3 : 05/04/2027, ${eurosText(14_470)}`);
    // Each schedule sits under its own event, in the order of the case.
    const at = (text: string, needle: string) => text.indexOf(needle);
    expect(at(fr, 'Échéancier demandé par le client')).toBeLessThan(at(fr, 'Échéance proposée 1/2'));
    expect(at(fr, 'Échéance proposée 2/2')).toBeLessThan(at(fr, 'Échéancier demandé accepté'));
    expect(at(fr, 'Échéance 2/2')).toBeLessThan(at(fr, 'Fin de l’échéancier'));
    expect(at(fr, 'Fin de l’échéancier')).toBeLessThan(at(fr, 'Échéance 1/3'));
    const en = await pdfText(await renderer.proof(aProofFile({ events, language: 'en' })));
    expect(en).toContain(`Proposed instalment 1/2: 15/12/2026, ${eurosText(60_000, 'en')} Proposed instalment 2/2: 15/01/2027, ${eurosText(44_470, 'en')}`);
    expect(en).toContain(`Instalment 3/3: 05/04/2027, ${eurosText(14_470, 'en')}`);
    expect(en).not.toMatch(/Échéance/);
    // The same records give the same bytes.
    const [a, b] = await Promise.all([renderer.proof(aProofFile({ events })), renderer.proof(aProofFile({ events }))]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('prints no schedule under the other plan events', () => {
    expect(eventInstalmentLines(accepted as never)).toEqual([]);
    expect(eventInstalmentLines({ at: '2026-11-27T09:00:00.000Z', type: 'plan.declined', data: {} } as never)).toEqual([]);
    expect(eventInstalmentLines(created as never, 'en')).toEqual([`Instalment 1/2: 15/12/2026, €600.00`, `Instalment 2/2: 15/01/2027, €444.70`]);
  });

  it('takes a plan event’s instalments from the invoice’s plan or request record when the event lacks them, never from another plan', () => {
    const plan = { seq: 2, createdAt: owners.at, instalments: owners.data.instalments, totalCents: 74_470, waivePenalties: false, source: 'owner' as const, status: 'active' as const };
    const request = { instalments: requested.data.instalments, requestedAt: requested.at, status: 'accepted' as const };
    const bare = [
      { at: requested.at, type: 'plan.requested', data: {} },
      { at: created.at, type: 'plan.created', data: { seq: 1 } },
      { at: owners.at, type: 'plan.created', data: { seq: 2 } },
    ];
    const filled = proofPlanEvents(bare, { paymentPlan: plan, planRequest: request });
    expect(filled[0]!.data!.instalments).toEqual(requested.data.instalments);
    // Plan 1 is no longer on the invoice: its event keeps no schedule rather than another plan's.
    expect(filled[1]!.data!.instalments).toBeUndefined();
    expect(filled[2]!.data!.instalments).toEqual(owners.data.instalments);
    // An event that recorded its own keeps it.
    expect(proofPlanEvents([created], { paymentPlan: plan })[0]!.data!.instalments).toEqual(created.data.instalments);
  });
});

describe('the proof file’s penalty rows', () => {
  it('add up to the penalties claimed, to the cent, as a reader checks them (each row rounded alone gave 2,80 + 1,00 under a total of 3,79)', async () => {
    // 1 200 € unpaid 7 days then 1 000 € 3 days at 12,15 %: 2,7962 € and 0,9986 €, exactly 3,7948 € → 3,79 € claimed.
    const penalties = penaltiesFor('business', {
      unpaidCents: 100_000,
      dueDate: '2026-02-10',
      asOf: '2026-02-20',
      reductions: [{ date: '2026-02-17', cents: 20_000 }],
    });
    expect(penalties.cents).toBe(379);
    expect(penalties.breakdown.map((r) => [r.unpaidCents, r.days])).toEqual([[120_000, 7], [100_000, 3]]);
    const text = (await pdfText(await renderer.proof(aProofFile({ penalties, asOf: '2026-02-20' })))).replace(/\s+/g, ' ');
    const rows = [...text.matchAll(/: \d+ j à [\d,]+ % (\d+),(\d\d) €/g)].map((m) => Number(m[1]) * 100 + Number(m[2]));
    expect(rows).toHaveLength(2);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(379);
    expect(text).toContain(`Pénalités au 10e jour de retard ${eurosText(379)}`);
  });
});

describe('the proof file of a client abroad', () => {
  it('names the client’s and the seller’s countries in its language, not by their ISO codes', async () => {
    const client = aBusinessClient({ address: { line1: '10 Downing Street', postalCode: 'SW1A 2AA', city: 'London', country: 'GB' } });
    const seller = aSeller({ address: { line1: 'Rue Neuve 12', postalCode: '1000', city: 'Bruxelles', country: 'BE' } });
    const fr = await pdfText(await renderer.proof(aProofFile({ client, seller })));
    expect(fr).toContain('SW1A 2AA LONDON Royaume-Uni');
    expect(fr).toContain('1000 BRUXELLES Belgique');
    expect(fr).not.toMatch(/ (GB|BE) /);
    const en = await pdfText(await renderer.proof(aProofFile({ client, seller, language: 'en' })));
    expect(en).toContain('SW1A 2AA LONDON United Kingdom');
    expect(en).toContain('1000 BRUXELLES Belgium');
  });
});

describe('the proof file of an invoice paid in many small payments', () => {
  /** 1 200 € due 10/02/2026, `count` payments of 10 € every 3 days from 13/02, read on 28/11/2026: as many penalty rows. */
  const paidLittleByLittle = (count: number, language: 'fr' | 'en' = 'fr') => {
    const payments = Array.from({ length: count }, (_, k) => {
      const date = new Date(Date.UTC(2026, 1, 13 + 3 * k)).toISOString().slice(0, 10);
      return aPayment({ id: `pay-${k}`, amountCents: 1_000, date, createdAt: `${date}T09:00:00.000Z` });
    });
    const penalties = penaltiesFor('business', {
      unpaidCents: 120_000 - 1_000 * count,
      dueDate: '2026-02-10',
      asOf: '2026-11-28',
      reductions: payments.map((p) => ({ date: p.date, cents: p.amountCents })),
    });
    return aProofFile({ payments, penalties, asOf: '2026-11-28', balanceCents: 120_000 - 1_000 * count, language });
  };

  it('prints every payment and every penalty row on their own lines, never squeezed over each other (80 payments)', async () => {
    // The penalty computation (one row per payment) was one unbreakable block taller than a page: react-pdf squeezed
    // the page it landed on, the payments and the rows printed over each other, unreadable for a court.
    const data = paidLittleByLittle(80);
    expect(data.penalties.breakdown.length).toBeGreaterThan(80);
    const bytes = await renderer.proof(data);
    const { items } = await placedText(bytes);
    expect(linesDrawnOver(items)).toEqual([]);
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    expect([...text.matchAll(/: \d+ j à [\d,]+ % [\d ]+,\d\d €/g)]).toHaveLength(data.penalties.breakdown.length);
    expect(text).toContain(`Pénalités au ${data.penalties.days}e jour de retard ${eurosText(data.penalties.cents)}`);
  });

  it('keeps a short computation whole and in English too, never squeezed, around a page’s length (30 to 60 payments)', async () => {
    for (const count of [30, 45, 50, 55, 60]) {
      const { items } = await placedText(await renderer.proof(paidLittleByLittle(count, count % 2 ? 'en' : 'fr')));
      expect(linesDrawnOver(items), `${count} payments`).toEqual([]);
    }
  });
});
