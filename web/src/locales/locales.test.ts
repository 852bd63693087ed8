import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

describe('translations', () => {
  it('English has every French key and no other, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
    expect(values(en).filter((v) => v.trim() === '')).toEqual([]);
    expect(values(fr).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('keeps the same interpolation variables in both languages', () => {
    const vars = (o: object, prefix = ''): Record<string, string> =>
      Object.fromEntries(
        Object.entries(o).flatMap(([k, v]) =>
          typeof v === 'string' ? [[`${prefix}${k}`, [...v.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',')]] : Object.entries(vars(v as object, `${prefix}${k}.`)),
        ),
      );
    expect(vars(en)).toEqual(vars(fr));
  });
});
