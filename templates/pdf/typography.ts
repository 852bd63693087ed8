/**
 * French typography on a PDF: every string a `<Text>` prints gets the no-break spaces of the emails
 * (shared/domain/french-spacing.ts: before « : ; ! ? » and %, after «, between a number and € or its unit),
 * all as U+00A0, as the amounts already are (./format.ts: every PDF reader extracts and searches it as a
 * space; react-pdf breaks lines only at U+0020, so the colon stays on its word's line).
 *
 * Applied by handing the document a kit whose `Text` spaces its strings: the labels, the amounts and what the
 * owner typed (a line's description, his payment instructions) alike, in the French documents only. A letter
 * is recorded with its SHA-256, so it is spaced only from `layout: 5` (shared/domain/letter.ts): one produced
 * before renders as it was, to the same bytes.
 */
import { createElement, type ReactNode } from 'react';
import { frenchSpacing } from '../../shared/domain/french-spacing.js';
import type { PdfKit } from './kit.js';

/** A text as a French PDF prints it. */
export const pdfFrenchSpacing = (text: string): string => frenchSpacing(text).replace(/\u202f/g, '\u00a0');

/**
 * A `<Text>`'s children spaced: neighbouring strings joined first (`{label} : {value}` is three children), and a
 * string after another child (`<Text>Total</Text> : …`) spaced from its start.
 */
const spaced = (children: readonly ReactNode[]): ReactNode[] => {
  const joined: ReactNode[] = [];
  for (const child of children) {
    const text = typeof child === 'number' ? String(child) : child;
    const last = joined.at(-1);
    if (typeof text === 'string' && typeof last === 'string') joined[joined.length - 1] = last + text;
    else joined.push(text);
  }
  return joined.map((child, i) => (typeof child === 'string' ? pdfFrenchSpacing(i > 0 ? child.replace(/^ +(?=[:;!?»%])/, '\u00a0') : child) : child));
};

const kits = new WeakMap<PdfKit, PdfKit>();

/** The kit a document draws with: `kit` itself unless `french`, else one whose `Text` spaces its strings. */
export const typesetKit = (kit: PdfKit, french: boolean): PdfKit => {
  if (!french) return kit;
  const known = kits.get(kit);
  if (known) return known;
  const { Text } = kit;
  const FrenchText = ({ children, ...props }: { children?: ReactNode }) => createElement(Text, props, ...spaced(Array.isArray(children) ? children : [children]));
  const typeset = { ...kit, Text: FrenchText } as unknown as PdfKit;
  kits.set(kit, typeset);
  return typeset;
};
