import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Client } from '../api';
import { TagsEditor } from './tags-editor';
import { plain } from '../../../test/plain';

const client = { id: 'c1', name: 'Restaurant Le Port', kind: 'business', email: 'contact@leport.test', tags: [] } as unknown as Client;

describe('the client’s categories', () => {
  it('takes "Grand compte" as typed, saved as the one word the API keeps (a space inside was refused, without saying which)', async () => {
    const calls = fakeApi(({ method, path, body }) => (method === 'PATCH' && path === '/clients/c1' ? { status: 200, body: { ...client, ...(body as object) } } : undefined));
    renderInApp(<TagsEditor client={client} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Catégories' }), 'Grand  compte, VIP,  grand-compte , particulier fidèle');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ tags: ['grand-compte', 'vip', 'particulier-fidèle'] }]));
    expect(await screen.findByRole('status')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Catégories' }) as HTMLInputElement).value).toBe('grand-compte, vip, particulier-fidèle');
  });

  it('puts the focus on the field when the API refuses a category, its error under it', async () => {
    fakeApi(({ method }) =>
      method === 'PATCH'
        ? { status: 400, body: { type: 'https://relances.dev/problems/validation', status: 400, title: 'Invalid request', errors: [{ path: 'body.tags.0', message: 'must be 1-40 lowercase letters, digits, dashes or underscores' }] } }
        : undefined,
    );
    renderInApp(<TagsEditor client={client} />);
    const field = screen.getByRole('textbox', { name: 'Catégories' });
    await userEvent.type(field, 'a&b');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.activeElement).toBe(field);
    expect(document.getElementById(`${field.id}-error`)?.textContent).toBe('1 à 40 lettres minuscules, chiffres, tirets ou soulignés');
  });

  it('says which category gives a consumer a scenario citing penalties, by its name, not the API’s template ids per step', async () => {
    const consumer = { ...client, kind: 'consumer' } as unknown as Client;
    fakeApi(({ method }) =>
      method === 'PATCH'
        ? {
            status: 422,
            body: {
              type: 'https://relances.dev/problems/penalties-for-consumer',
              status: 422,
              title: 'Unprocessable request',
              detail: 'Scenario "01m8g4d9805zj9fyy2ryw0c62f" sends templates that mention penalties: a consumer client cannot have it',
              errors: [
                {
                  path: 'body.tags.1',
                  message:
                    'steps.0.templateId: template "firm" mentions penalties or the €40 indemnity ({{penaltiesAmount}}, penalties): it cannot be sent to a consumer (CPCE L111-8); the scenario tag "pro-ferme" chooses the scenario of this consumer client',
                },
              ],
            },
          }
        : undefined,
    );
    renderInApp(<TagsEditor client={consumer} scenarios={[{ id: 's-vip', name: 'VIP', tags: ['vip'] }, { id: '01m8g4d9805zj9fyy2ryw0c62f', name: 'Pros en retard', tags: ['pro-ferme'] }]} />);
    const field = screen.getByRole('textbox', { name: 'Catégories' });
    await userEvent.type(field, 'fidele, pro-ferme');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const said = plain(document.getElementById(`${field.id}-error`)?.textContent);
    expect(said).toBe(
      'La catégorie « pro-ferme » donne à ce client particulier le scénario « Pros en retard », dont des modèles citent des pénalités ou l’indemnité de 40 €, interdites envers un particulier : retirez cette catégorie ou changez ce scénario.',
    );
    expect(said).not.toMatch(/firm|01m8g/);
  });
});
