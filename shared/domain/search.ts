/** Lower case, accents and punctuation folded: `Électricité Gérard` → `electricite gerard`. */
export const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}@.+-]+/gu, ' ').trim();
