/** Lower case, accents and punctuation folded: `Électricité Gérard` → `electricite gerard`. */
export const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}@.+-]+/gu, ' ').trim();

/** The words of a client's name a search matches by prefix (folded, at most 8, each once). */
export const nameWords = (name: string): string[] => [...new Set(fold(name).split(' ').filter((w) => w !== ''))].slice(0, 8);

/** Whether every word of `q` starts a word of `name` (both folded): `dup`, `jerome dup` find `Jérôme Dupré`. */
export const nameMatches = (name: string, q: string): boolean => {
  const words = fold(name).split(' ');
  return fold(q).split(' ').filter((w) => w !== '').every((w) => words.some((n) => n.startsWith(w)));
};
