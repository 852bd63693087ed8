/** Lower case, accents and punctuation folded: `Électricité Gérard` → `electricite gerard`. */
export const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}@.+-]+/gu, ' ').trim();

const LIGATURES: Readonly<Record<string, string>> = { 'œ': 'oe', 'æ': 'ae', 'ß': 'ss' };
const spelt = (word: string) => word.replace(/[œæß]/g, (l) => LIGATURES[l]!);

/**
 * A name as the follow-up list sorts it (its client sort key): folded, ligatures spelt out, so
 * `Œuvres` sorts among the O and `Æsthetic` among the A, not after the Z (keys sort by bytes).
 */
export const sortName = (name: string) => spelt(fold(name));

/** Apostrophes, straight or typographic: inside a word (`O'Brien`, `D’Artagnan`), not between two. */
const APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/g;

/**
 * The words a name is found by (folded): each word as written, and also a hyphenated one by its
 * parts (`Jean-Pierre`: `jean-pierre`, `jean`, `pierre`) and a ligature spelt out (`Œuvres`: `oeuvres`),
 * as French names are typed; then each word with its apostrophes, hyphens and dots left out, as
 * accents are (`O'Brien`: `obrien`, `Saint-Étienne`: `saintetienne`, `S.A.R.L.`: `sarl`), after the
 * others (the words written first stay within the 12 indexed).
 */
const searchWords = (text: string): string[] => {
  const out = new Set<string>();
  for (const word of fold(text).split(' ')) for (const w of [word, spelt(word), ...word.split('-'), ...spelt(word).split('-')]) if (w !== '') out.add(w);
  for (const word of fold(text.replace(APOSTROPHES, '')).split(' ')) for (const w of [word, spelt(word)].map((v) => v.replace(/[.-]+/g, ''))) if (w !== '') out.add(w);
  return [...out];
};

/** The words of a client's name a search matches by prefix (folded, at most 12, each once). */
export const nameWords = (name: string): string[] => searchWords(name).slice(0, 12);

/** Whether every word of `q` starts a word of `name` (both folded): `dup`, `jerome dup`, `pierre` find `Jérôme Dupré`, `Jean-Pierre`. */
export const nameMatches = (name: string, q: string): boolean => {
  const words = searchWords(name);
  return fold(q).split(' ').filter((w) => w !== '').every((w) => words.some((n) => n.startsWith(w) || n.startsWith(spelt(w))));
};
