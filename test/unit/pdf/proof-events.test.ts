import { describe, expect, it } from 'vitest';
import { eventLine, paymentLine } from '../../../templates/pdf/proof-document.js';
import { proofReminders } from '../../../shared/app/proof-file.js';

describe('the proof file’s case events', () => {
  it('are written in French with amounts in euros and dates as a French reader writes them, not as API codes and cents', () => {
    const line = eventLine({
      at: '2027-01-20T09:30:00.000Z',
      type: 'invoice.written_off',
      data: { reason: 'Client en liquidation', creditNoteId: '01ABC', creditNote: 'A-2026-0002', balanceCents: 50_000, evidence: 'jugement' },
    } as never);
    expect(line).toBe('20/01/2027 09:30 UTC · Créance déclarée irrécouvrable (motif : Client en liquidation, avoir : A-2026-0002, solde : 500,00\u00a0€, justificatif : jugement)');
    expect(eventLine({ at: '2026-11-25T21:32:00.000Z', type: 'portal.promised', data: { date: '2026-12-10' } } as never)).toBe(
      '25/11/2026 21:32 UTC · Promesse de paiement du client (portail) (date : 10/12/2026)',
    );
    expect(eventLine({ at: '2027-01-08T08:00:00.000Z', type: 'invoice.litigation', data: { auto: true, from: 'partially_paid', stepId: 'escalate' } } as never)).toBe(
      '08/01/2027 08:00 UTC · Passage en contentieux (automatique : oui, statut précédent : partiellement payée, étape : escalate)',
    );
    // Taken back from litigation: the new status in words, not `to : partially_paid`.
    expect(eventLine({ at: '2027-01-09T08:00:00.000Z', type: 'invoice.litigation_left', data: { to: 'partially_paid' } } as never)).toBe(
      '09/01/2027 08:00 UTC · Sortie du contentieux (nouveau statut : partiellement payée)',
    );
    expect(eventLine({ at: '2027-01-09T08:00:00.000Z', type: 'invoice.litigation_left', data: { to: 'sent' } } as never, 'en')).toBe(
      '09/01/2027 08:00 UTC · Taken out of litigation (new status: sent)',
    );
    // An event the file does not know yet keeps its code rather than disappearing.
    expect(eventLine({ at: '2027-01-08T08:00:00.000Z', type: 'something.new', data: {} } as never)).toBe('08/01/2027 08:00 UTC · something.new');
  });
});

describe('the proof file’s payment-plan events', () => {
  it('are written in words: who agreed the plan, its total, the waiver, the instalment missed counted from 1, why it ended, never API codes', () => {
    expect(
      eventLine({ at: '2026-11-26T10:41:00.000Z', type: 'plan.created', data: { note: 'accord tel', source: 'owner', totalCents: 120_000, instalments: [], waivePenalties: false, seq: 2 } } as never),
    ).toBe('26/11/2026 10:41 UTC · Échéancier convenu (note : accord tel, à l’initiative de : créancier, total : 1\u00a0200,00\u00a0€, pénalités abandonnées : non, échéancier n° : 2)');
    expect(eventLine({ at: '2026-11-26T10:41:00.000Z', type: 'plan.created', data: { source: 'client', totalCents: 50_000, waivePenalties: true, seq: 1 } } as never, 'en')).toBe(
      '26/11/2026 10:41 UTC · Payment plan agreed (at the request of: client, total: €500.00, penalties waived: yes, plan no.: 1)',
    );
    // `instalment` is the plan's index from 0: the second instalment is n° 2.
    expect(eventLine({ at: '2027-01-27T08:00:00.000Z', type: 'instalment.missed', data: { dueDate: '2027-01-11', instalment: 1, dueCents: 30_000 } } as never)).toBe(
      '27/01/2027 08:00 UTC · Échéance manquée (échéance : 11/01/2027, échéance n° : 2, reste dû : 300,00\u00a0€)',
    );
    // Why no reminder resumed after the plan (plan-lifecycle.ts `heldOf`), in words, not `held: paused`.
    expect(eventLine({ at: '2027-01-27T08:00:00.000Z', type: 'instalment.missed', data: { dueDate: '2027-01-11', instalment: 0, dueCents: 30_000, held: 'paused', until: '2027-02-15' } } as never)).toBe(
      '27/01/2027 08:00 UTC · Échéance manquée (échéance : 11/01/2027, échéance n° : 1, reste dû : 300,00\u00a0€, relances : suspendues, reprise le : 15/02/2027)',
    );
    expect(eventLine({ at: '2027-01-27T08:00:00.000Z', type: 'instalment.missed', data: { dueDate: '2027-01-11', instalment: 0, dueCents: 30_000, held: 'litigation' } } as never, 'en')).toContain(
      'reminders: stopped (litigation))',
    );
    expect(eventLine({ at: '2027-01-27T08:00:00.000Z', type: 'plan.ended', data: { seq: 2, reason: 'missed' } } as never)).toBe(
      '27/01/2027 08:00 UTC · Fin de l’échéancier (échéancier n° : 2, motif : échéance manquée)',
    );
    expect(eventLine({ at: '2027-01-27T08:00:00.000Z', type: 'plan.ended', data: { seq: 1, reason: 'deleted' } } as never, 'en')).toBe(
      '27/01/2027 08:00 UTC · Payment plan ended (plan no.: 1, reason: ended by the creditor)',
    );
    expect(eventLine({ at: '2026-11-26T10:42:00.000Z', type: 'plan.client_notified', data: { decision: 'accepted', messageId: 'ses-1' } } as never)).toBe(
      '26/11/2026 10:42 UTC · Client informé de la décision sur l’échéancier (décision : accepté, Message-ID : ses-1)',
    );
    // An owner's own words are kept as written, even when they look like a code.
    expect(eventLine({ at: '2026-11-26T10:42:00.000Z', type: 'plan.declined', data: { reason: 'missed' } } as never)).toBe(
      '26/11/2026 10:42 UTC · Échéancier demandé refusé (motif : missed)',
    );
  });

  it('name the portal link revoked or issued again, and an alert by its cause', () => {
    expect(eventLine({ at: '2026-11-26T10:42:00.000Z', type: 'portal.link_revoked' } as never)).toBe('26/11/2026 10:42 UTC · Lien du portail client désactivé');
    expect(eventLine({ at: '2026-11-26T10:42:00.000Z', type: 'portal.link_issued' } as never, 'en')).toBe('26/11/2026 10:42 UTC · New client portal link issued');
    expect(eventLine({ at: '2026-11-26T10:42:00.000Z', type: 'owner.alerted', data: { reason: 'send_failed', stepId: 'j+8' } } as never)).toBe(
      '26/11/2026 10:42 UTC · Alerte au créancier (motif : échec d’envoi, étape : j+8)',
    );
  });

  it('say a credit note\u2019s email in words: refused, then sent with its recipient and Message-ID (it printed « credit_note.email_failed »)', () => {
    const failed = { at: '2026-11-26T10:42:00.000Z', type: 'credit_note.email_failed', data: { number: 'A-2026-0002', creditNote: 'A-2026-0002' } } as never;
    expect(eventLine(failed)).toBe('26/11/2026 10:42 UTC · Échec de l’envoi de l’avoir au client (n° : A-2026-0002, avoir : A-2026-0002)');
    const sent = { at: '2026-11-26T11:00:00.000Z', type: 'credit_note.sent', data: { creditNote: 'A-2026-0002', to: 'compta@dupont.test', messageId: 'm-1' } } as never;
    expect(eventLine(sent)).toBe('26/11/2026 11:00 UTC · Avoir envoyé au client par e-mail (avoir : A-2026-0002, destinataire : compta@dupont.test, Message-ID : m-1)');
    expect(eventLine(sent, 'en')).toBe('26/11/2026 11:00 UTC · Credit note emailed to the client (credit note: A-2026-0002, recipient: compta@dupont.test, Message-ID: m-1)');
  });
});

describe('the proof file’s payments', () => {
  it('name the payment method in the file’s language, not by its API code', () => {
    const payment = { id: 'p1', date: '2026-11-26', amountCents: 10_000, method: 'cheque', reference: 'n° 0042' } as never;
    expect(paymentLine(payment, 'fr')).toBe('26/11/2026 · 100,00\u00a0€ · chèque · n° 0042');
    expect(paymentLine({ ...(payment as object), method: 'transfer' } as never, 'fr')).toBe('26/11/2026 · 100,00\u00a0€ · virement · n° 0042');
    expect(paymentLine({ ...(payment as object), method: 'direct_debit', reference: undefined } as never, 'en')).toBe('26/11/2026 · €100.00 · direct debit');
  });
});

describe('the proof file’s registered letters', () => {
  it('are addressed to the client’s name and postal address as the letter recorded them, with the letter’s SHA-256', () => {
    const record = {
      plan: 1, index: 3, stepId: 'j+15', templateId: 'formal-notice', channel: 'letter', state: 'sent', at: '2026-12-10T20:00:00.000Z', attempts: 1,
      sentAt: '2026-12-11T09:00:00.000Z', postedAt: '2026-12-11T09:00:00.000Z', trackingNumber: '1A 234', letterSha256: 'ab'.repeat(32),
      letter: { client: { name: 'Client Roy', address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'FR' } } },
    };
    const [letter] = proofReminders([record as never], [], 'Europe/Paris');
    expect(letter).toMatchObject({ channel: 'letter', recipients: ['Client Roy, 12 rue des Lilas, 75011 PARIS'], letterSha256: 'ab'.repeat(32), posted: { at: '2026-12-11T09:00:00.000Z', trackingNumber: '1A 234' } });
  });
});

describe('the proof file’s reminders', () => {
  /** A step recorded sent, its `reminder.sent` naming the template the message went out in. */
  const sent = (stepId: string, templateId: string, used: string, dueDate: string, sentAt: string) => ({
    plan: 1, index: 0, stepId, templateId, state: 'sent', at: sentAt, attempts: 1, sentAt, dueDate, messageId: `ses-${stepId}`,
    sentEvent: { type: 'reminder.sent', data: { stepId, templateId: used, messageId: `ses-${stepId}` } },
  });
  const shown = (record: object) => {
    const [r] = proofReminders([record as never], [], 'Europe/Paris');
    return [r!.templateId, r!.formalNotice];
  };

  it('name the template the message went out in, as the invoice’s plan does, and count a mise en demeure only for an invoice already due', () => {
    // An overdue invoice's J+1 sent in the client's grouped mise en demeure (whose letter lists it): it was put on notice.
    expect(shown(sent('j+1', 'reminder', 'formal-notice', '2026-12-11', '2026-12-14T08:00:00.000Z'))).toEqual(['formal-notice', true]);
    // The same message to an invoice not due yet ("à régler à leur échéance"): never a notice for it.
    expect(shown(sent('j-5', 'courtesy', 'formal-notice', '2026-12-17', '2026-12-14T08:00:00.000Z'))).toEqual(['formal-notice', false]);
    // A scenario's mise en demeure before the due date goes out in the courtesy template: none was sent.
    expect(shown(sent('j-3', 'formal-notice', 'courtesy', '2026-12-17', '2026-12-14T08:00:00.000Z'))).toEqual(['courtesy', false]);
    // The day after the due date in the tenant's zone (00:30 in Paris, still the due date in UTC).
    expect(shown(sent('j+1', 'formal-notice', 'formal-notice', '2026-12-11', '2026-12-11T23:30:00.000Z'))).toEqual(['formal-notice', true]);
    expect(shown(sent('j+0', 'formal-notice', 'formal-notice', '2026-12-11', '2026-12-11T22:30:00.000Z'))).toEqual(['formal-notice', false]);
  });
});

describe('the proof file’s penalty total', () => {
  it('says the first day late as French and English write it: « 1er jour », « 1 day »', async () => {
    const { proofLabels } = await import('../../../templates/pdf/proof-labels.js');
    expect(proofLabels('fr').penaltyTotal(1)).toBe('Pénalités au 1er jour de retard');
    expect(proofLabels('fr').penaltyTotal(148)).toBe('Pénalités au 148e jour de retard');
    expect(proofLabels('en').penaltyTotal(1)).toBe('Penalties at 1 day late');
    expect(proofLabels('en').penaltyTotal(30)).toBe('Penalties at 30 days late');
  });
});

describe('the proof file’s penalty rows', () => {
  it('count one day as English writes it: « 1 day », not « 1 days » (a payment lowers the amount from the next day: one-day rows are common)', async () => {
    const { proofLabels } = await import('../../../templates/pdf/proof-labels.js');
    expect(proofLabels('en').penaltyRow('€600.00', '2026-11-27', '2026-11-27', 1, '12.15%')).toBe('€600.00 from 27/11/2026 to 27/11/2026: 1 day at 12.15%');
    expect(proofLabels('en').penaltyRow('€600.00', '2026-11-27', '2026-11-28', 2, '12.15%')).toBe('€600.00 from 27/11/2026 to 28/11/2026: 2 days at 12.15%');
    expect(proofLabels('fr').penaltyRow('600,00 €', '2026-11-27', '2026-11-27', 1, '12,15 %')).toBe('600,00 € du 27/11/2026 au 27/11/2026 : 1 j à 12,15 %');
  });
});
