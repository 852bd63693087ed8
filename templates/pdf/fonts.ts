// Aliased: the Lambda bundles' banner already declares a top-level `createRequire` (infra/constructs/relances-function.ts).
import { createRequire as requireFrom } from 'node:module';
import type { PdfKit } from './kit.js';

/**
 * Every PDF prints in DejaVu Sans, embedded (subset) in the file. The built-in Helvetica is
 * WinAnsi-only: a Polish, Greek or Cyrillic client name (Łukasz, Παπαδόπουλος, Дмитрий) came
 * out as wrong glyphs. DejaVu covers Latin-extended, Greek and Cyrillic, and an embedded font
 * keeps the path to PDF/A (Factur-X, DOMAIN.md §4) open.
 */
export const FONT_FAMILY = 'DejaVu Sans';

/** The npm package shipping the TrueType files, and the files used (kept with the PDF Lambdas by infra/pdf-bundling.ts). */
export const FONT_PACKAGE = 'dejavu-fonts-ttf';
export const FONT_FILES = { regular: 'ttf/DejaVuSans.ttf', bold: 'ttf/DejaVuSans-Bold.ttf' } as const;

/**
 * Resolved like a module, from this file: in the repository that is the project's
 * node_modules, in a Lambda asset the node_modules copied beside the bundle.
 */
const fontPath = (file: string): string => requireFrom(import.meta.url).resolve(`${FONT_PACKAGE}/${file}`);

/**
 * Words longer than this may be broken anywhere (with a hyphen). Shorter ones never are:
 * amounts (`999 999 999,99 €` is 16 characters, joined by no-break spaces), dates, numbers
 * and French words stay whole. Without it an 80-character reference in a line description
 * runs on over the amount columns.
 */
export const MAX_UNBROKEN_WORD = 20;

/** Break points of one word for react-pdf's line breaker: one part, or one part per character when it is too long. */
export const breakLongWord = (word: string): string[] => (word.length > MAX_UNBROKEN_WORD ? Array.from(word) : [word]);

/** Called once, when the renderer first loads react-pdf: registration is global to the module. */
export const registerFonts = (kit: PdfKit): void => {
  kit.Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: fontPath(FONT_FILES.regular), fontWeight: 400 },
      { src: fontPath(FONT_FILES.bold), fontWeight: 700 },
    ],
  });
  // react-pdf's own hyphenation is English-only and would split French words (and amounts).
  kit.Font.registerHyphenationCallback(breakLongWord);
};

/**
 * The characters documents print: Latin (Basic to Extended-B), Greek, Cyrillic, punctuation and currency signs.
 * Never the presentation forms (U+FB00…, the « ﬁ » ligature): a ligature glyph is made by the layout with the two
 * characters it stands for, and made first from its own single code point it shifted react-pdf's
 * character count (« procédure simplifiée de r ecouvrement »).
 */
const PRIMED_RANGES: readonly (readonly [number, number])[] = [[0x20, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x2000, 0x206f], [0x20a0, 0x20cf]];

/** What this module needs of a font react-pdf loaded: fontkit's font (its character set, and a glyph per character). */
interface LoadedFont {
  readonly characterSet: readonly number[];
  glyphForCodePoint(codePoint: number): unknown;
}

/**
 * Makes every glyph of both weights once, from its own character, before any document is laid out.
 * fontkit keeps one glyph object per glyph id with the characters it was first made for, and pdfkit
 * writes a glyph's text (ToUnicode) from them: a bold « Échéance » laid out first in a process (a mise en
 * demeure's table header) made the bold « E » a glyph of no character, and every later PDF of the process
 * lost its bold E from the text layer (a debtor « Eta » read « ta » in the proof file). Made from the font's
 * own character map first, each glyph carries its character whatever is laid out next (test/unit/pdf/glyph-cache.test.tsx).
 */
export const primeGlyphs = async (kit: PdfKit): Promise<void> => {
  for (const fontWeight of [400, 700]) {
    const source = kit.Font.getFont({ fontFamily: FONT_FAMILY, fontWeight }) as unknown as { load(): Promise<void>; data: LoadedFont | null } | undefined;
    if (!source) continue;
    await source.load();
    const font = source.data;
    if (!font) continue;
    for (const codePoint of font.characterSet) if (PRIMED_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to)) font.glyphForCodePoint(codePoint);
  }
};
