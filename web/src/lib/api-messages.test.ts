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

  it('keeps a message it does not know, and English ones already meant for people', () => {
    expect(apiMessage('exceeds the balance (820,00 €)', 'fr')).toBe('exceeds the balance (820,00 €)');
    expect(apiMessage('must be an email address', 'en')).toBe('must be an email address');
  });
});
