import type { ClientKind } from './invoice.js';
import type { Scenario } from './scenario.js';

/**
 * Built-in scenarios (DOMAIN.md §2): J-5, J+1, J+8, J+15 relative to the due date.
 * Templates are NOT kind-aware: B2C steps point at their own `*-consumer` templates, so a
 * consumer can never receive a text that mentions fees, whatever a user edits in the B2B ones.
 * Language variants are resolved by the caller by appending `-en` to the template id.
 */
export const B2B_DEFAULT_SCENARIO: Scenario = {
  id: 'b2b-default',
  name: 'Clients professionnels (J-5, J+1, J+8, J+15)',
  steps: [
    { id: 'j-5', offsetDays: -5, anchor: 'due', templateId: 'courtesy' },
    { id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' },
    { id: 'j+8', offsetDays: 8, anchor: 'due', templateId: 'firm' },
    { id: 'j+15', offsetDays: 15, anchor: 'due', templateId: 'formal-notice' },
  ],
};

export const B2C_DEFAULT_SCENARIO: Scenario = {
  id: 'b2c-default',
  name: 'Clients particuliers (J-5, J+1, J+8, J+15)',
  steps: [
    { id: 'j-5', offsetDays: -5, anchor: 'due', templateId: 'courtesy-consumer' },
    { id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder-consumer' },
    { id: 'j+8', offsetDays: 8, anchor: 'due', templateId: 'firm-consumer' },
    { id: 'j+15', offsetDays: 15, anchor: 'due', templateId: 'formal-notice-consumer' },
  ],
};

export const DEFAULT_SCENARIOS: readonly Scenario[] = [B2B_DEFAULT_SCENARIO, B2C_DEFAULT_SCENARIO];

export const defaultScenarioFor = (kind: ClientKind): Scenario =>
  kind === 'consumer' ? B2C_DEFAULT_SCENARIO : B2B_DEFAULT_SCENARIO;

/**
 * The scenario id of a client without a scenario of its own. The settings' default applies to
 * business clients; a consumer always falls back to the consumer scenario (or the tenant's copy
 * of it), whose templates never mention penalties or the €40 (CPCE L111-8): a default chosen
 * for professionals must not reach a private person.
 */
export const fallbackScenarioIdFor = (kind: ClientKind, settingsDefaultScenarioId: string | undefined): string =>
  kind === 'consumer' ? B2C_DEFAULT_SCENARIO.id : (settingsDefaultScenarioId ?? B2B_DEFAULT_SCENARIO.id);

/** The template id for a language: French ids are the base, English ones carry `-en`. */
export const templateIdForLanguage = (templateId: string, language: 'fr' | 'en'): string =>
  language === 'en' && !templateId.endsWith('-en') ? `${templateId}-en` : templateId;
