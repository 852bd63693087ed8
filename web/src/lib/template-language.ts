import { useCallback } from 'react';
import { mentionsPenalties } from '../../../shared/domain/penalty-mentions.js';
import { useI18n } from './i18n';

/**
 * The template that goes to a client of this language: the API sends the English variant (`-en`)
 * of a French template when there is one (shared/app/reminders/compose-reminder.ts, resolveTemplate;
 * shared/domain/default-scenarios.ts, templateIdForLanguage), so screens name and offer that one,
 * not the French original a plan records. A template of the tenant's own without a variant stays.
 */
export const templateForLanguage = (id: string, language: 'fr' | 'en' | undefined, templates: readonly { id: string }[]): string =>
  language === 'en' && !id.endsWith('-en') && templates.some((tpl) => tpl.id === `${id}-en`) ? `${id}-en` : id;

/** Whether a template can be chosen for a client of this language (not a French one the API would swap for English). */
export const offeredFor = (id: string, language: 'fr' | 'en' | undefined, templates: readonly { id: string }[]): boolean =>
  templateForLanguage(id, language, templates) === id;

/**
 * Whether the API lets this template go to a client of this kind: never one citing late penalties or the €40
 * indemnity to a consumer (CPCE L111-8; the API's templateRefusalFor, same words checked). Pickers leave such
 * templates out for a consumer (the built-in firm and formal-notice ones for professionals): chosen, they were
 * refused with the API's long English-worded problem, or previewed with their penalty lines left empty.
 */
export const fitsClientKind = (tpl: { readonly subject?: string; readonly body?: string } | undefined, kind: 'business' | 'consumer' | undefined): boolean =>
  kind !== 'consumer' || tpl === undefined || !mentionsPenalties({ subject: tpl.subject ?? '', body: tpl.body ?? '' });

interface Labelled {
  readonly id: string;
  readonly name: string;
  readonly language: string;
  readonly kind?: string;
}

/**
 * A template as a picker offers it: its name and language, and the clients it is written for when another
 * template of the list has the same name and language (the built-in "Mise en demeure (J+15)" for
 * professionals and the one for consumers read alike, and the owner could not tell which one they chose).
 */
export const useTemplateLabel = (): ((tpl: Labelled, among: readonly Labelled[]) => string) => {
  const { t } = useI18n();
  return useCallback(
    (tpl: Labelled, among: readonly Labelled[]) => {
      const twin = tpl.kind !== undefined && among.some((o) => o.id !== tpl.id && o.name === tpl.name && o.language === tpl.language);
      return `${tpl.name}${twin ? ` — ${t(`templates.forKind.${tpl.kind}`)}` : ''} (${tpl.language.toUpperCase()})`;
    },
    [t],
  );
};
