/**
 * A text as the tests write it: the no-break spaces a screen prints (French punctuation « : ; ! ? » and guillemets
 * take a narrow one, lib/french-spacing.ts; numbers and money take theirs from Intl) read as plain spaces.
 */
export const plain = (s: string | null | undefined): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** An argument (window.confirm's question) equal to `text` once its no-break spaces read as plain ones: `toHaveBeenCalledWith(saying('…'))`. */
export const saying = (text: string) => ({
  asymmetricMatch: (actual: unknown): boolean => typeof actual === 'string' && plain(actual) === text,
  toString: (): string => 'saying',
  toAsymmetricMatcher: (): string => `saying(${JSON.stringify(text)})`,
});
