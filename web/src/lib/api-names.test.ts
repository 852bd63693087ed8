import { describe, expect, it } from 'vitest';
import { api, unwrap } from './api-client';
import { fakeApi } from '../test/fake-api';
import { apiMessage } from './api-messages';
import { plain } from '../test/plain';

/**
 * A refusal naming a template or a scenario by its id ("Le modèle « firm »", "Le scénario « 01m8g4ewwmgt6r3vx06vk7s356 »"
 * for one made on screen) says the name the owner reads on screen, once the app has read their lists.
 */
describe('refusals naming a template or a scenario', () => {
  it('say their names as the lists read gave them', async () => {
    const lists: Record<string, unknown> = {
      '/templates': { items: [{ id: 'firm', name: 'Relance ferme (J+8)' }, { id: 'mon-rappel', name: 'Mon rappel' }] },
      '/scenarios': { items: [{ id: '01m8g4ewwmgt6r3vx06vk7s356', name: 'Perso' }] },
    };
    fakeApi(({ method, path }) => (method === 'GET' && lists[path] ? { status: 200, body: lists[path] } : undefined));
    await unwrap(api().GET('/templates'));
    await unwrap(api().GET('/scenarios'));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the lists are read from a copy of the answer
    const firm = (id: string) => `template "${id}" mentions penalties or the €40 indemnity ({{penaltiesAmount}}, penalties): it cannot be sent to a consumer (CPCE L111-8)`;
    expect(plain(apiMessage(`steps.0.templateId: ${firm('firm')}; ${firm('firm-en')}; the scenario would be the scenario of this consumer client`, 'fr'))).toBe(
      'Étape 1 : Le modèle « Relance ferme (J+8) » (et sa version anglaise) cite des pénalités ou l’indemnité de 40 € (variables de pénalités, pénalités) : il ne peut pas partir vers un particulier (art. L111-8 du code de la consommation). Ce scénario serait celui de ce client particulier.',
    );
    const saved = 'mentions penalties or the €40 indemnity ({{penaltiesAmount}}, penalties), which a consumer must never receive (CPCE L111-8): scenario "01m8g4ewwmgt6r3vx06vk7s356" is the scenario of consumer client(s) "Jeanne Morel"';
    expect(plain(apiMessage(saved, 'fr'))).toContain('Le scénario « Perso » est celui de clients particuliers');
    expect(apiMessage(saved, 'en')).toContain('Scenario "Perso" is the one of consumer clients');
    expect(apiMessage('Scenario "01m8g4ewwmgt6r3vx06vk7s356" sends templates that mention penalties: a consumer client cannot have it', 'en')).toBe(
      'Scenario "Perso" sends templates that mention penalties: a consumer client cannot have it',
    );
  });
});
