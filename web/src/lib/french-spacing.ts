/**
 * French typography: a narrow no-break space (U+202F) before « : ; ! ? » and inside « » guillemets, so that on a
 * phone a line never starts with the colon or the closing guillemet. The French texts are written with a plain
 * space (easy to type and to read in the source); this turns it into the narrow no-break one when they are
 * registered with i18next (French resources only: English has no space there) and on the API's messages said in
 * French. Only the spaces already there are changed: « Objet : » gets one, `https://` and `{{a}}:{{b}}` do not.
 */
export const NARROW_NBSP = '\u202F';

export const frenchSpacing = (text: string): string =>
  text.replace(/[ \u00A0](?=[:;!?»])/g, NARROW_NBSP).replace(/«[ \u00A0]/g, `«${NARROW_NBSP}`);

/** The same texts with every string spaced as French wants (a copy: the source object is left alone). */
export const frenchSpacedTexts = <T>(texts: T): T => {
  if (typeof texts === 'string') return frenchSpacing(texts) as T;
  if (texts === null || typeof texts !== 'object') return texts;
  if (Array.isArray(texts)) return texts.map((v: unknown) => frenchSpacedTexts(v)) as T;
  return Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, frenchSpacedTexts(v)])) as T;
};
