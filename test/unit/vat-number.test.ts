import { describe, expect, it } from 'vitest';
import { FRENCH_VAT_CHECK_MESSAGE, normalizeVatNumber, VAT_NUMBER_SHAPE_MESSAGE, vatNumberProblem } from '../../shared/domain/siren.js';
import { isValidVatNumber } from '../../web/src/lib/validators.js';

/** (12 + 3 × (SIREN mod 97)) mod 97, written out for the SIRENs below. */
const CASES: readonly [string, string | undefined][] = [
  ['FR96552100554', undefined],
  ['fr 96 552 100 554', undefined],
  ['FR11.123.456.782', undefined],
  ['FR39356000000', undefined], // La Poste, the SIREN check's known exception
  ['FRA1552100554', undefined], // a key with a letter: not computable, the SIREN still checked
  ['DE123456789', undefined],
  ['BE0123456789', undefined],
  ['FR95552100554', FRENCH_VAT_CHECK_MESSAGE],
  ['FR00552100554', FRENCH_VAT_CHECK_MESSAGE],
  ['FR96552100555', FRENCH_VAT_CHECK_MESSAGE], // SIREN check digit wrong
  ['FRA1552100555', FRENCH_VAT_CHECK_MESSAGE],
  ['FR965521005', FRENCH_VAT_CHECK_MESSAGE],
  ['552100554', VAT_NUMBER_SHAPE_MESSAGE],
  ['F1', VAT_NUMBER_SHAPE_MESSAGE],
  ['FR', VAT_NUMBER_SHAPE_MESSAGE],
  ['DE12345678901234', VAT_NUMBER_SHAPE_MESSAGE],
];

describe('an intra-EU VAT number', () => {
  it.each(CASES)('%s → %s', (value, problem) => {
    expect(vatNumberProblem(value)).toBe(problem);
  });

  it('is written as the tax office does', () => {
    expect(normalizeVatNumber('fr 96\u00a0552.100-554')).toBe('FR96552100554');
  });

  it('is judged the same by the web form, before the API sees it', () => {
    for (const [value, problem] of CASES) expect(isValidVatNumber(value), value).toBe(problem === undefined);
  });
});
