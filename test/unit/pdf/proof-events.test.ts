import { describe, expect, it } from 'vitest';
import { eventLine, paymentLine } from '../../../templates/pdf/proof-document.js';

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

describe('the proof file’s payments', () => {
  it('name the payment method in the file’s language, not by its API code', () => {
    const payment = { id: 'p1', date: '2026-11-26', amountCents: 10_000, method: 'cheque', reference: 'n° 0042' } as never;
    expect(paymentLine(payment, 'fr')).toBe('26/11/2026 · 100,00\u00a0€ · chèque · n° 0042');
    expect(paymentLine({ ...(payment as object), method: 'transfer' } as never, 'fr')).toBe('26/11/2026 · 100,00\u00a0€ · virement · n° 0042');
    expect(paymentLine({ ...(payment as object), method: 'direct_debit', reference: undefined } as never, 'en')).toBe('26/11/2026 · €100.00 · direct debit');
  });
});
