import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { B2B_DEFAULT_SCENARIO, B2C_DEFAULT_SCENARIO, fallbackScenarioIdFor, templateIdForLanguage } from '../../shared/domain/default-scenarios.js';
import { DEFAULT_TEMPLATES, defaultTemplate } from '../../shared/domain/default-templates.js';
import { mentionsPenalties, penaltyMentions, templatePenaltyMentions, templateRefusalFor } from '../../shared/domain/penalty-mentions.js';

describe('penaltyMentions', () => {
  it.each([
    ['Pénalités à ce jour : {{penaltiesAmount}}', ['{{penaltiesAmount}}', 'penalties']],
    ['Taux : {{ penaltyRate }}', ['{{penaltyRate}}']],
    ['Indemnité : {{indemnityAmount}}', ['{{indemnityAmount}}']],
    ['des PENALITES de retard', ['penalties']],
    ['une pénalité', ['penalties']],
    ['late-payment penalties apply', ['penalties']],
    ['a penalty of 10%', ['penalties']],
    ["l'indemnité  forfaitaire de quarante euros", ['indemnity']],
    ['les frais de recouvrement', ['indemnity']],
    ['a fixed recovery fee', ['indemnity']],
    ['recovery costs', ['indemnity']],
    ['soit 40 € de plus', ['€40']],
    ['soit 40,00\u00a0€', ['€40']],
    ['soit 40 euros', ['€40']],
    ['a €40 fee', ['€40']],
    ['EUR 40', ['€40']],
  ])('finds the mention in %j', (text, expected) => {
    expect(penaltyMentions(text)).toEqual(expected);
  });

  it.each([
    'Cette somme produira des intérêts au taux légal à compter de la réception.',
    'this sum will bear interest at the legal rate',
    'Montant restant dû : 1 540,00 €',
    'Réglé 140 € le 12/03, reste 400 €',
    'La facture F-2026-0040 du 04/01/2026',
    'Nous pouvons convenir d’un échéancier, sans frais.',
    '{{balanceAmount}} à régler avant le {{deadlineDate}}',
    '€400 and €40.50',
  ])('finds nothing in %j', (text) => {
    expect(penaltyMentions(text)).toEqual([]);
  });

  it('finds a penalty variable wherever it is placed in any text', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('penaltiesAmount', 'penaltyRate', 'indemnityAmount'), fc.string(), (before, variable, after) => {
        expect(penaltyMentions(`${before}{{${variable}}}${after}`)).toContain(`{{${variable}}}`);
      }),
    );
  });

  it('never flags a text made only of the other variables and plain words', () => {
    const safe = fc.constantFrom('{{clientName}}', '{{balanceAmount}}', '{{dueDate}}', 'Bonjour', 'facture', 'merci', 'intérêts au taux légal', '\n', ' ', '1 540,00 €');
    fc.assert(
      fc.property(fc.array(safe, { maxLength: 30 }), (parts) => {
        expect(penaltyMentions(parts.join(' '))).toEqual([]);
      }),
    );
  });
});

describe('the built-in templates', () => {
  const consumerIds = B2C_DEFAULT_SCENARIO.steps.flatMap((s) => [s.templateId, templateIdForLanguage(s.templateId, 'en')]);

  it('gives consumers (B2C scenario, both languages) only templates that mention no penalty', () => {
    for (const id of consumerIds) {
      const template = defaultTemplate(id);
      expect(template, id).toBeDefined();
      expect(template!.kind).toBe('consumer');
      expect(templatePenaltyMentions(template!), id).toEqual([]);
    }
  });

  it('flags the business J+1, J+8 and J+15 templates, and every business template that mentions penalties is kind business', () => {
    for (const id of ['reminder', 'firm', 'formal-notice', 'reminder-en', 'firm-en', 'formal-notice-en']) {
      expect(mentionsPenalties(defaultTemplate(id)!), id).toBe(true);
    }
    for (const template of DEFAULT_TEMPLATES.filter(mentionsPenalties)) expect(template.kind, template.id).toBe('business');
    expect(B2B_DEFAULT_SCENARIO.steps.some((s) => mentionsPenalties(defaultTemplate(s.templateId)!))).toBe(true);
  });
});

describe('templateRefusalFor', () => {
  const firm = defaultTemplate('firm')!;

  it('refuses a penalty template for a consumer, naming the template and what it mentions', () => {
    const reason = templateRefusalFor('consumer', firm);
    expect(reason).toMatch(/template "firm" mentions penalties/);
    expect(reason).toContain('{{penaltiesAmount}}');
  });

  it('allows it for a business client, and allows a consumer template for a consumer', () => {
    expect(templateRefusalFor('business', firm)).toBeUndefined();
    expect(templateRefusalFor('consumer', defaultTemplate('firm-consumer')!)).toBeUndefined();
  });
});

describe('fallbackScenarioIdFor', () => {
  it('gives a consumer without a scenario the consumer scenario, whatever the settings default', () => {
    expect(fallbackScenarioIdFor('consumer', 'b2b-default')).toBe(B2C_DEFAULT_SCENARIO.id);
    expect(fallbackScenarioIdFor('consumer', undefined)).toBe(B2C_DEFAULT_SCENARIO.id);
    expect(B2C_DEFAULT_SCENARIO.steps.every((s) => !mentionsPenalties(defaultTemplate(s.templateId)!))).toBe(true);
  });

  it('gives a business client the settings default, else the B2B scenario', () => {
    expect(fallbackScenarioIdFor('business', 'maison')).toBe('maison');
    expect(fallbackScenarioIdFor('business', undefined)).toBe(B2B_DEFAULT_SCENARIO.id);
  });
});
