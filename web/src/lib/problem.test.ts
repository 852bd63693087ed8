import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from './i18n';
import { ApiError } from './problem';
import { plain } from '../test/plain';

const error = new ApiError(400, {
  status: 400,
  errors: [
    { path: 'body.contacts.0.phone', message: 'must be an E.164 phone number, e.g. +33612345678' },
    { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
    { path: 'body.tags.0', message: 'a message nobody translated' },
  ],
});

afterEach(() => setLanguage('fr'));

describe('an API error’s fields', () => {
  it('are keyed by form path and said in the user’s language, for every screen that reads them', async () => {
    expect(error.fieldErrors()).toEqual({
      'contacts.0.phone': 'Numéro invalide, ex. 06 12 34 56 78 ou +33 6 12 34 56 78',
      name: 'Obligatoire',
      'tags.0': 'a message nobody translated',
    });
    await setLanguage('en');
    expect(error.fieldErrors().name).toBe('Required');
  });

  it('says a whole-request refusal in the user’s language (a form’s message above its button), and a 5xx as a plain sentence', async () => {
    expect(plain(new ApiError(422, { status: 422, detail: 'The scenario cannot be used as is' }).userMessage())).toBe('Le scénario ne peut pas être enregistré tel quel : corrigez les étapes signalées.');
    expect(new ApiError(500, { status: 500, detail: 'An unexpected error occurred; it has been logged.' }).userMessage()).toBe('Une erreur inattendue s’est produite de notre côté. Réessayez dans un instant.');
    expect(new ApiError(422, { status: 422, detail: 'a detail nobody translated' }).userMessage()).toBe('a detail nobody translated');
    await setLanguage('en');
    expect(new ApiError(422, { status: 422, detail: 'A paid invoice cannot receive payments' }).userMessage()).toBe('A paid invoice cannot receive payments.');
  });
});
