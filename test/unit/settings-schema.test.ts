import { describe, expect, it } from 'vitest';
import { SettingsInput } from '../../shared/http/schemas/settings.js';

const issues = (iban: string) =>
  (SettingsInput.safeParse({ company: { iban } }).error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('settings: the company IBAN', () => {
  it('names a malformed IBAN once, not also for its check digits', () => {
    expect(issues('FR76 3000')).toEqual([['company.iban', 'must be an IBAN']]);
  });

  it('says the check digits are wrong when the shape is right', () => {
    expect(issues('FR7630006000011234567890188')).toEqual([['company.iban', 'is not a valid IBAN (check digits)']]);
  });

  it('accepts a valid IBAN typed in groups of four', () => {
    expect(issues('FR76 3000 6000 0112 3456 7890 189')).toEqual([]);
  });
});
