import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setLanguage } from './i18n';
import './zod-messages';

const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

afterEach(() => setLanguage('fr'));

describe('a form limit zod checks', () => {
  it('is said in French by default, never in zod’s English', () => {
    expect(messageOf(z.coerce.number().int().min(0).max(23), '25')).toBe('Au plus 23');
    expect(messageOf(z.coerce.number().min(1), '0')).toBe('Au moins 1');
    expect(messageOf(z.string().max(3), 'abcd')).toBe('3 caractères au plus');
    expect(messageOf(z.string().min(1), '')).toBe('Obligatoire');
    expect(messageOf(z.number(), 'x')).toBe('Un nombre');
  });

  it('is said in English when the user chose English', async () => {
    await setLanguage('en');
    expect(messageOf(z.coerce.number().max(23), '25')).toBe('At most 23');
    expect(messageOf(z.string().max(3), 'abcd')).toBe('At most 3 characters');
    expect(messageOf(z.string().min(1), '')).toBe('Required');
  });

  it('leaves a schema’s own message alone', () => {
    expect(messageOf(z.string().max(3, { message: 'Trop long pour un SMS' }), 'abcd')).toBe('Trop long pour un SMS');
  });
});
