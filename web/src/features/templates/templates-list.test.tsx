import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import TemplatesScreen from './routes/templates-screen';

const tpl = (over: Record<string, unknown>) => ({ language: 'fr', tone: 'reminder', subject: 'Facture {{invoiceNumber}}', body: 'Bonjour', attachInvoicePdf: true, letter: false, ...over });

describe('the templates list', () => {
  it('badges the built-in and customised templates, and shows the owner’s own without an empty badge', async () => {
    fakeApi(({ method, path }) =>
      method === 'GET' && path === '/templates'
        ? {
            status: 200,
            body: {
              items: [
                tpl({ id: 'a', name: 'Relance ferme (J+8)', builtIn: true }),
                tpl({ id: 'b', name: 'Pré-relance courtoise (J-5)', builtIn: true, customized: true }),
                tpl({ id: 'c', name: 'Mon rappel', builtIn: false }),
              ],
            },
          }
        : undefined,
    );
    renderInApp(<TemplatesScreen />);
    const cell = async (name: string) => (await screen.findByRole('link', { name })).closest('td')!;
    expect(within(await cell('Relance ferme (J+8)')).getByText('Fourni').className).toContain('badge');
    expect(within(await cell('Pré-relance courtoise (J-5)')).getByText('Personnalisé').className).toContain('badge');
    expect((await cell('Mon rappel')).querySelectorAll('.badge')).toHaveLength(0);
  });

  it('tells apart the two built-in formal notices (professionals, consumers) in the list and in the "based on" picker', async () => {
    fakeApi(({ method, path }) =>
      method === 'GET' && path === '/templates'
        ? {
            status: 200,
            body: {
              items: [
                tpl({ id: 'formal-notice', name: 'Mise en demeure (J+15)', kind: 'business', tone: 'formal-notice', builtIn: true }),
                tpl({ id: 'formal-notice-consumer', name: 'Mise en demeure (J+15)', kind: 'consumer', tone: 'formal-notice', builtIn: true }),
                tpl({ id: 'formal-notice-en', name: 'Formal notice (D+15)', language: 'en', kind: 'business', tone: 'formal-notice', builtIn: true }),
                tpl({ id: 'c', name: 'Mon rappel', builtIn: false }),
              ],
            },
          }
        : undefined,
    );
    renderInApp(<TemplatesScreen />);
    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map((r) => within(r).getAllByRole('cell')[3]!.textContent)).toEqual(['Professionnels', 'Particuliers', 'Professionnels', 'Tous']);
    await userEvent.click(screen.getByRole('button', { name: 'Nouveau modèle' }));
    const picker = await screen.findByLabelText('Partir de');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      expect.any(String),
      'Mise en demeure (J+15) — pros (FR)',
      'Mise en demeure (J+15) — particuliers (FR)',
      'Formal notice (D+15) (EN)',
      'Mon rappel (FR)',
    ]);
  });

  it('takes the focus to the name of a new template left empty', async () => {
    fakeApi(({ method, path }) => (method === 'GET' && path === '/templates' ? { status: 200, body: { items: [tpl({ id: 'c', name: 'Mon rappel' })] } } : undefined));
    renderInApp(<TemplatesScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Nouveau modèle' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Créer et modifier' }));
    const name = screen.getByLabelText('Nom');
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.getAttribute('aria-invalid')).toBe('true');
  });

  it('names the starting point for what it is: a short message to complete (a template needs a subject and a message), not an empty one', async () => {
    const calls = fakeApi(({ method, path, body }) =>
      method === 'GET' && path === '/templates'
        ? { status: 200, body: { items: [tpl({ id: 'c', name: 'Mon rappel' })] } }
        : method === 'POST' && path === '/templates'
          ? { status: 201, body: tpl({ ...(body as object), id: 'n', builtIn: false }) }
          : undefined,
    );
    renderInApp(<TemplatesScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Nouveau modèle' }));
    const picker = await screen.findByLabelText('Partir de');
    expect(within(picker).getAllByRole('option')[0]!.textContent).toBe('Un court message à compléter');
    await userEvent.type(screen.getByLabelText('Nom'), 'Mon modèle');
    await userEvent.click(screen.getByRole('button', { name: 'Créer et modifier' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeDefined());
    const sent = calls.find((c) => c.method === 'POST')!.body as { subject: string; body: string };
    // What the choice said it would be: a subject and a few lines, each to complete.
    expect(sent.subject).toBe('Facture {{invoiceNumber}}');
    expect(sent.body).toBe('Bonjour,\n\nLa facture {{invoiceNumber}} reste due.\n\nCordialement');
  });
});
