import { describe, expect, it } from 'vitest';
import { apiMessage } from './api-messages';

describe('the API’s field messages for the user', () => {
  it('says the known ones in French', () => {
    expect(apiMessage('must be a postal code', 'fr')).toBe('Code postal invalide');
    expect(apiMessage('must be an E.164 phone number, e.g. +33612345678', 'fr')).toBe('Numéro au format international, ex. +33612345678');
    expect(apiMessage('is not a valid IBAN (check digits)', 'fr')).toBe('IBAN invalide (clé de contrôle)');
  });

  it('reads zod’s own messages: an empty required text, a length, a bound', () => {
    expect(apiMessage('Too small: expected string to have >=1 characters', 'fr')).toBe('Obligatoire');
    expect(apiMessage('Too small: expected string to have >=1 characters', 'en')).toBe('Required');
    expect(apiMessage('Invalid input: expected string, received undefined', 'fr')).toBe('Obligatoire');
    expect(apiMessage('Too big: expected string to have <=200 characters', 'fr')).toBe('200 caractères au plus');
    expect(apiMessage('Too big: expected number to be <=23', 'fr')).toBe('Au plus 23');
    expect(apiMessage('Too small: expected number to be >=0', 'en')).toBe('At least 0');
  });

  it('says cents as euros and ISO dates as dates', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(apiMessage('must not exceed the balance of 120000 cents', 'fr'))).toBe('Ne peut pas dépasser le reste dû (1 200,00 €)');
    expect(plain(apiMessage('The payment exceeds the balance due (120000 cents)', 'fr'))).toBe('Le paiement dépasse le reste dû (1 200,00 €).');
    expect(plain(apiMessage('must be within 60 days (2027-01-24 at the latest)', 'fr'))).toBe('Au plus tard le 24 janv. 2027');
    expect(
      apiMessage('This client received a message on 2026-11-25; with a minimum gap of 3 days the next one is due on 2026-11-28. Send with "force": true to send anyway.', 'fr'),
    ).toBe('Ce client a déjà reçu un message le 25 nov. 2026 : l’écart minimum entre deux messages mène au 28 nov. 2026. Vous pouvez tout de même envoyer.');
    expect(apiMessage('This client received a message on 2026-11-25; the next one is allowed on 2026-11-28. Send with "force": true to send anyway.', 'en')).toBe(
      'This client already received a message on 25 Nov 2026: the minimum gap between messages leads to 28 Nov 2026. You may still send.',
    );
  });

  it('keeps a message it does not know, and English ones already meant for people', () => {
    expect(apiMessage('exceeds the balance (820,00 €)', 'fr')).toBe('exceeds the balance (820,00 €)');
    expect(apiMessage('must be an email address', 'en')).toBe('must be an email address');
  });
});
