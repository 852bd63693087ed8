import { screen, within } from '@testing-library/react';
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
});
