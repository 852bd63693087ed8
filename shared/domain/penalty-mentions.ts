/**
 * What "a template that mentions penalties or the €40" means, in one place. Charging (or
 * threatening to charge) recovery fees to a consumer is an offence (CPCE L111-8) and B2B late
 * penalties (C. com. L441-10) do not apply to consumers: such a template must never reach one.
 * Legal-rate interest after a mise en demeure (C. civ. 1231-6, 1344-1) is allowed for consumers
 * and is NOT a mention.
 *
 * A text mentions penalties when it contains, case- and accent-insensitively:
 * - one of the variables `{{penaltiesAmount}}`, `{{penaltyRate}}`, `{{indemnityAmount}}`;
 * - a penalty word: "pénalité(s)", "penalty", "penalties";
 * - the recovery indemnity in words: "indemnité forfaitaire", "frais de recouvrement",
 *   "recovery fee(s)/indemnity/cost(s)/compensation";
 * - the €40 itself: "40 €", "40,00 €", "40 euros", "€40", "EUR 40" (any spacing).
 * The texts checked are the subject and the body.
 */
export const PENALTY_VARIABLES = ['penaltiesAmount', 'penaltyRate', 'indemnityAmount'] as const;

const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

/** Variables are looked for in the placeholders, words in the text around them. */
const PATTERNS: readonly { readonly name: string; readonly in: 'placeholders' | 'words'; readonly pattern: RegExp }[] = [
  ...PENALTY_VARIABLES.map((variable) => ({ name: `{{${variable}}}`, in: 'placeholders' as const, pattern: new RegExp(`\\{\\{\\s*${variable.toLowerCase()}\\s*\\}\\}`) })),
  { name: 'penalties', in: 'words', pattern: /\b(penalite|penalty|penalties)/ },
  { name: 'indemnity', in: 'words', pattern: /\bindemnite\s+forfaitaire\b|\bfrais\s+de\s+recouvrement\b|\brecovery\s+(fees?|indemnity|costs?|compensation)\b/ },
  // 40 € / 40,00 € / 40 euros / €40 / EUR 40, but not 140 €, 40,50 € or €40.50.
  { name: '€40', in: 'words', pattern: /(^|[^\d.,])40(?:[.,]00)?\s*(€|eur\b|euros?\b)|(€|\beur)\s*40(?:[.,]00)?(?!\d|[.,]\d)/ },
];

/** Lower case, accents removed, every kind of space as a plain space: "Pénalités" → "penalites". */
const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .toLowerCase();

/** The kinds of penalty mention found in `text` (names as in PATTERNS, in that order); empty when none. */
export const penaltyMentions = (text: string): string[] => {
  const folded = fold(text);
  const parts = { placeholders: (folded.match(PLACEHOLDER) ?? []).join(' '), words: folded.replace(PLACEHOLDER, ' ') };
  return PATTERNS.filter(({ in: where, pattern }) => pattern.test(parts[where])).map(({ name }) => name);
};

export interface TemplateText {
  readonly subject: string;
  readonly body: string;
}

/** Each field of the template that mentions penalties, with what it mentions. */
export const templatePenaltyMentions = (template: TemplateText): { field: 'subject' | 'body'; mentions: string[] }[] =>
  (['subject', 'body'] as const)
    .map((field) => ({ field, mentions: penaltyMentions(template[field]) }))
    .filter((found) => found.mentions.length > 0);

export const mentionsPenalties = (template: TemplateText): boolean => templatePenaltyMentions(template).length > 0;

/**
 * Why `template` may not be sent to a client of `kind`, or undefined when it may. For the
 * send paths (manual or scheduled) as a last guard: a consumer never gets a penalty text.
 */
export const templateRefusalFor = (kind: 'business' | 'consumer', template: TemplateText & { readonly id?: string }): string | undefined => {
  if (kind !== 'consumer') return undefined;
  const found = templatePenaltyMentions(template);
  if (found.length === 0) return undefined;
  const what = [...new Set(found.flatMap((f) => f.mentions))].join(', ');
  return `${template.id ? `template "${template.id}"` : 'the template'} mentions penalties or the €40 indemnity (${what}): it cannot be sent to a consumer (CPCE L111-8)`;
};

/**
 * Why `template` may not go out about an invoice whose running payment plan waives the penalties and the
 * €40 (the owner's written waiver, DOMAIN.md §4), or undefined: it fills in `{{penaltiesAmount}}`,
 * `{{penaltyRate}}` or `{{indemnityAmount}}`, so its text would claim what its own attachments say is waived.
 */
export const WAIVED_PENALTIES_REFUSAL =
  "The template claims the late-payment penalties or the €40 indemnity that the running payment plan waives: send the plan's own reminder (leave templateId out), or end the plan first (DELETE /invoices/{id}/payment-plan)";
export const waivedTemplateRefusal = (template: TemplateText): string | undefined =>
  templatePenaltyMentions(template).some((f) => f.mentions.some((m) => m.startsWith('{{'))) ? WAIVED_PENALTIES_REFUSAL : undefined;
