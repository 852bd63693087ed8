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

  it('keeps English jargon out of the French texts (a plumber reads « désactivées », not « opt-out »)', async () => {
    const { registeredTexts } = await import('../lib/texts');
    await Promise.all(Object.values(import.meta.glob('../features/*/texts.ts')).map((load) => load()));
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
    const french = [...values(fr), ...registeredTexts().flatMap((set) => values(set.fr))];
    expect(french.filter((v) => /\b(opt-?out|bounce[sd]?|dashboard|workflow|checkout)\b/i.test(v))).toEqual([]);
  });

  it('says a count in the right number, « 1 facture », « 2 factures », never « facture(s) » (i18next plurals: key_one, key_other)', async () => {
    const { registeredTexts } = await import('../lib/texts');
    await Promise.all(Object.values(import.meta.glob('../features/*/texts.ts')).map((load) => load()));
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
    const all = [...values(fr), ...values(en), ...registeredTexts().flatMap((set) => [...values(set.fr), ...values(set.en)])];
    expect(all.filter((v) => /\w\((s|e|es)\)/.test(v))).toEqual([]);
  });
});

describe('texts registered by lazily loaded screens', () => {
  // Read before registering: i18next merges registered texts into the resource objects.
  const firstLoad = Object.keys(fr);
  it('have the same keys and interpolation variables in English as in French, none empty', async () => {
    const { registeredTexts } = await import('../lib/texts');
    await Promise.all(Object.values(import.meta.glob('../features/*/texts.ts')).map((load) => load()));
    const sets = registeredTexts();
    expect(sets.length).toBeGreaterThanOrEqual(5);
    const leaves = (o: object, prefix = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v as object, `${prefix}${k}.`)));
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join(',');
    for (const { key, fr: f, en: e } of sets) {
      const fl = leaves(f);
      const el = leaves(e);
      expect(el.map(([k]) => k).sort(), key).toEqual(fl.map(([k]) => k).sort());
      expect(el.filter(([, v]) => v.trim() === ''), key).toEqual([]);
      const ev = Object.fromEntries(el.map(([k, v]) => [k, vars(v)]));
      expect(ev, key).toEqual(Object.fromEntries(fl.map(([k, v]) => [k, vars(v)])));
      // Keys must not collide with the first-load texts.
      expect(firstLoad, key).not.toContain(key);
    }
  });
});
