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
