/**
 * What a text message costs: SMS carry 160 GSM-7 characters (153 per part once split), or only 70
 * UCS-2 ones (67 per part) as soon as one character is outside the GSM 03.38 alphabet. French accents
 * é è à ù É are in it; a typographic apostrophe, guillemets, a dash or a no-break space are not, and
 * one of them doubles the price of the whole text. Texts are sent with these replaced by their GSM
 * equivalents (the letters themselves are never changed: a name keeps its ê or ç, in UCS-2).
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the extension table: two septets each (an escape, then the character). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** The encoding a text goes out in, its length in that encoding's units, and the parts it is billed as. */
export const smsSegments = (text: string): { encoding: SmsEncoding; units: number; segments: number } => {
  let septets = 0;
  for (const c of text) {
    if (GSM_BASIC.includes(c)) septets += 1;
    else if (GSM_EXTENDED.includes(c)) septets += 2;
    else {
      const units = text.length; // UTF-16 code units, as UCS-2 (UTF-16) counts them
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
};

/** Typographic punctuation as GSM-7 writes it: ’ → ', « x » → "x", – → -, … → ..., no-break spaces → spaces. */
export const gsmPunctuation = (text: string): string =>
  text
    .replace(/[\u00a0\u202f\u2007\u2009\u200a]/g, ' ')
    .replace(/[\u2018\u2019\u201a\u201b\u02bc\u2032]/g, "'")
    .replace(/«\s*/g, '"')
    .replace(/\s*»/g, '"')
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u2022\u00b7]/g, '-');
