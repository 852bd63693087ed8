import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { API, fakeApi, type Handler } from '../../test/fake-api';
import { initApi } from '../../lib/api-client';
import TemplateScreen, { unknownVariables } from './routes/template-screen';
import { KNOWN_VARIABLES } from './texts';
import { PHONE_ALTERNATIVE, renderDraft } from './api';
// The API's list, read as text (the web app does not import the server's code).
import renderSource from '../../../../shared/domain/template-render.ts?raw';
import { renderTemplate } from '../../../../shared/domain/template-render.js';
import { plain, saying } from '../../test/plain';

const template = { id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr', tone: 'courtesy', subject: 'Facture {{invoiceNumber}}', body: 'Bonjour {{clientName}},', attachInvoicePdf: true, letter: false };
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;

const renderEditor = (onPut: () => { status: number; body?: unknown }, invoices: unknown[] = [{ id: 'inv1', number: 'F-2026-0001' }]) => {
  const calls = fakeApi(({ method, path }) => {
    if (method === 'GET' && path === '/templates/courtesy') return { status: 200, body: template };
    if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: invoices } };
    if (method === 'POST' && path === '/templates/courtesy/preview')
      return { status: 200, body: { subject: '', body: '', variables: { clientName: 'Boulangerie Dupont', invoiceNumber: 'F-2026-0001', balanceAmount: '820,00 €' } } };
    if (method === 'PUT' && path === '/templates/courtesy') return onPut();
    return undefined;
  });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/templates/courtesy']}>
        <Routes>
          <Route path="/templates/:id" element={<TemplateScreen />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
};

describe('the template editor', () => {
  it('finds the placeholders that are not variables', () => {
    expect(unknownVariables('{{ clientName }} {{balance}} {{nope}} {{balance}}', ['clientName'])).toEqual(['balance', 'nope']);
  });

  it('says a misspelt variable as it is typed, and the API’s refusal in French under the field', async () => {
    renderEditor(() => ({ status: 422, body: { status: 422, title: 'Invalid', errors: [{ path: 'body.body', message: 'unknown variables: {{balance}}' }, { path: 'body.subject', message: 'unknown variables: {{invoiceNumbr}}' }] } }));
    // Each variable says what it is in the user's words, next to how it is written (both in its name).
    const chip = await screen.findByRole('button', { name: 'Insérer {{balanceAmount}} Reste dû' });
    expect(plain(chip.textContent)).toBe('Insérer {{balanceAmount}} Reste dû');
    const body = screen.getByLabelText('Message');
    expect(errorOf(body)).toBeFalsy();
    fireEvent.change(body, { target: { value: 'Reste {{balance}} sur {{invoiceNumber}}' } });
    await waitFor(() => expect(plain(errorOf(body))).toBe('Inconnu dans un modèle : {{balance}}. Choisissez une variable dans la liste ci-dessus.'));
    expect(screen.getByText(/^Reste\s+sur F-2026-0001$/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    // The subject's error comes from the API only (the screen knows its variables): said in French too.
    await waitFor(() => expect(plain(errorOf(screen.getByLabelText('Objet')))).toBe('Inconnu dans un modèle : {{invoiceNumbr}}. Choisissez une variable dans la liste ci-dessus.'));
    expect(plain(errorOf(body))).toBe('Inconnu dans un modèle : {{balance}}. Choisissez une variable dans la liste ci-dessus.');
    // The first refused field on screen takes the focus, the subject above the message whatever the API's order
    // (it stayed on "Enregistrer", below the preview on a phone).
    expect(document.activeElement).toBe(screen.getByLabelText('Objet'));
    fireEvent.change(body, { target: { value: 'Reste {{balanceAmount}}' } });
    await waitFor(() => expect(screen.getByText('Reste 820,00 €')).toBeTruthy());
  });

  it('lets a new tenant (no invoice sent yet) insert any variable, and flags a misspelt one, before example values exist', async () => {
    const calls = renderEditor(() => ({ status: 200, body: template }), []);
    const picker = await screen.findByTestId('variable-picker');
    expect(picker.querySelectorAll('button')).toHaveLength(KNOWN_VARIABLES.length);
    expect(screen.getByText(/Des exemples de valeurs et l’aperçu viendront dès qu’une facture aura été envoyée\./)).toBeTruthy();
    const body = screen.getByLabelText('Message');
    await userEvent.click(screen.getByRole('button', { name: 'Insérer {{balanceAmount}} Reste dû' }));
    await waitFor(() => expect((body as HTMLTextAreaElement).value).toContain('{{balanceAmount}}'));
    fireEvent.change(body, { target: { value: 'Reste {{balance}}' } });
    await waitFor(() => expect(plain(errorOf(body))).toBe('Inconnu dans un modèle : {{balance}}. Choisissez une variable dans la liste ci-dessus.'));
    expect(calls.some((c) => c.path.endsWith('/preview'))).toBe(false);
  });

  it('inserts a variable where the cursor was, in the subject when the subject was the field last in use', async () => {
    renderEditor(() => ({ status: 200, body: template }));
    const subject = (await screen.findByLabelText('Objet')) as HTMLInputElement;
    const body = screen.getByLabelText('Message') as HTMLTextAreaElement;
    await userEvent.click(subject);
    subject.setSelectionRange(subject.value.length, subject.value.length);
    await userEvent.click(await screen.findByRole('button', { name: 'Insérer {{clientName}} Nom du client' }));
    await waitFor(() => expect(subject.value).toBe('Facture {{invoiceNumber}}{{clientName}}'));
    expect(body.value).toBe('Bonjour {{clientName}},');
    await userEvent.click(body);
    body.setSelectionRange(0, 0);
    await userEvent.click(screen.getByRole('button', { name: 'Insérer {{balanceAmount}} Reste dû' }));
    await waitFor(() => expect(body.value).toBe('{{balanceAmount}}Bonjour {{clientName}},'));
    expect(subject.value).toBe('Facture {{invoiceNumber}}{{clientName}}');
  });

  it('no longer says "Enregistré" once the built-in text is back', async () => {
    let current: Record<string, unknown> = { ...template, builtIn: true, customized: false };
    fakeApi(({ method, path, body }) => {
      if (method === 'GET' && path === '/templates/courtesy') return { status: 200, body: current };
      if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: [] } };
      if (method === 'PUT' && path === '/templates/courtesy') return { status: 200, body: (current = { ...current, ...(body as object), customized: true }) };
      if (method === 'DELETE' && path === '/templates/courtesy') return { status: 200, body: (current = { ...template, builtIn: true, customized: false }) };
      return undefined;
    });
    vi.stubGlobal('confirm', vi.fn(() => true));
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/templates/courtesy']}>
          <Routes>
            <Route path="/templates/:id" element={<TemplateScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Message'), { target: { value: 'Bonjour {{clientName}}, merci.' } });
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Enregistré')).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: 'Revenir au modèle fourni' }));
    await waitFor(() => expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Bonjour {{clientName}},'));
    await waitFor(() => expect(screen.queryByText('Enregistré')).toBeNull());
    vi.unstubAllGlobals();
  });

  it('knows the same variables as the API, in its order', () => {
    const list = /TEMPLATE_VARIABLES = \[([^\]]*)\]/.exec(renderSource)![1]!;
    expect([...list.matchAll(/'([a-zA-Z]+)'/g)].map((m) => m[1])).toEqual([...KNOWN_VARIABLES]);
  });

  it('previews a company without a phone as the API sends it: no "ou au ." left hanging', () => {
    const draft = { subject: 'Facture {{invoiceNumber}}', body: 'Joignez-nous à {{companyEmail}} ou au {{companyPhone}}.' };
    const without = renderDraft(draft, { invoiceNumber: 'F-2026-0001', companyEmail: 'contact@durand.test', companyPhone: '' });
    expect(without.body).toBe('Joignez-nous à contact@durand.test.');
    expect(renderDraft(draft, { companyEmail: 'contact@durand.test', companyPhone: '02 40 00 00 00' }).body).toBe('Joignez-nous à contact@durand.test ou au 02 40 00 00 00.');
    expect(renderDraft({ subject: '', body: 'Write to {{companyEmail}} or on {{companyPhone}}.' }, { companyEmail: 'a@b.test' }).body).toBe('Write to a@b.test.');
    // The same rule as the API's render.
    expect(/const PHONE_ALTERNATIVE = (\/.*\/g);/.exec(renderSource)![1]).toBe(String(PHONE_ALTERNATIVE));
  });

  it('previews as the API renders: an invoice without a portal link loses the link line, « 1 jour » at one day late', () => {
    const body = 'Bonjour,\nFacture en ligne (régler, signaler un paiement, poser une question) : {{portalUrl}}\nRetard : {{daysLate}} jours.\nLate: {{ daysLate }} days. {{clientName}}';
    const cases: Record<string, string>[] = [
      { daysLate: '1', portalUrl: '', clientName: 'Dupont' },
      { daysLate: '0', clientName: 'Dupont' },
      { daysLate: '12', portalUrl: 'https://app.test/p/abc', clientName: 'Dupont' },
      { daysLate: '1', portalUrl: 'https://app.test/p/abc', companyPhone: '02 40 00 00 00' },
    ];
    for (const variables of cases) {
      expect(renderDraft({ subject: 'Facture {{invoiceNumber}}', body }, variables), JSON.stringify(variables)).toEqual({
        subject: renderTemplate('Facture {{invoiceNumber}}', variables),
        body: renderTemplate(body, variables),
      });
    }
    expect(renderDraft({ subject: '', body }, cases[0]!).body).toBe('Bonjour,\nRetard : 1 jour.\nLate: 1 day. Dupont');
  });

  it('previews a firm B2B reminder on an overdue invoice of a professional, not on the latest (a consumer’s, not yet due: penalties empty, "0 jours"), and on another invoice when chosen', async () => {
    const firm = { ...template, id: 'firm', name: 'Relance ferme (J+8)', tone: 'firm', kind: 'business', body: 'Pénalités de retard : {{penaltiesAmount}}' };
    const invoices = [
      { id: 'consumer-not-due', number: 'F-2026-0003', clientId: 'marie', clientName: 'Marie Martin', status: 'sent', overdue: false },
      { id: 'pro-paid', number: 'F-2026-0002', clientId: 'dupont', clientName: 'Boulangerie Dupont', status: 'paid', overdue: false },
      { id: 'pro-late', number: 'F-2026-0001', clientId: 'dupont', clientName: 'Boulangerie Dupont', status: 'sent', overdue: true },
    ];
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/templates/firm') return { status: 200, body: firm };
      if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: invoices } };
      if (method === 'GET' && path.startsWith('/clients'))
        return { status: 200, body: { items: [{ id: 'marie', name: 'Marie Martin', kind: 'consumer' }, { id: 'dupont', name: 'Boulangerie Dupont', kind: 'business' }] } };
      if (method === 'POST' && path === '/templates/firm/preview') return { status: 200, body: { subject: '', body: '', variables: { clientName: 'x' } } };
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/templates/firm']}>
          <Routes>
            <Route path="/templates/:id" element={<TemplateScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await screen.findByRole('heading', { name: 'Aperçu — facture F-2026-0001' });
    const previews = () => calls.filter((c) => c.path === '/templates/firm/preview').map((c) => (c.body as { invoiceId: string }).invoiceId);
    await waitFor(() => expect(previews()).toEqual(['pro-late']));
    const picker = screen.getByLabelText('Facture de l’aperçu') as HTMLSelectElement;
    expect(picker.value).toBe('pro-late');
    expect(screen.queryByTestId('consumer-preview')).toBeNull();
    await userEvent.selectOptions(picker, 'consumer-not-due');
    await screen.findByRole('heading', { name: 'Aperçu — facture F-2026-0003' });
    await waitFor(() => expect(previews()).toEqual(['pro-late', 'consumer-not-due']));
    // On a consumer's invoice, a text citing penalties is said never to go to them (its amounts preview empty).
    expect(plain(screen.getByTestId('consumer-preview').textContent)).toBe(
      'Marie Martin est un particulier : ce modèle cite des pénalités ou l’indemnité de 40 €, il ne lui partira jamais (ces montants restent vides ci-dessous).',
    );
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Reste dû : {{balanceAmount}}' } });
    await waitFor(() => expect(screen.queryByTestId('consumer-preview')).toBeNull());
  });

  it('asks before reverting a customised template to the built-in one (one tap lost the owner’s edits)', async () => {
    const customised = { ...template, customized: true, builtIn: true, body: 'Bonjour {{clientName}}, mon texte à moi' };
    const calls = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/templates/courtesy') return { status: 200, body: customised };
      if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: [] } };
      if (method === 'DELETE' && path === '/templates/courtesy') return { status: 200, body: template };
      return undefined;
    });
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={['/templates/courtesy']}>
            <Routes>
              <Route path="/templates/:id" element={<TemplateScreen />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>,
      );
      await userEvent.click(await screen.findByRole('button', { name: 'Revenir au modèle fourni' }));
      expect(confirm).toHaveBeenCalledWith(saying('Revenir au modèle fourni ? Vos modifications de ce modèle seront perdues.'));
      expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);
      confirm.mockReturnValue(true);
      await userEvent.click(screen.getByRole('button', { name: 'Revenir au modèle fourni' }));
      await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/templates/courtesy']));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('deleting a template of one’s own', () => {
  it('goes back to the list of templates once deleted, never to « Ce modèle est introuvable » on its own page', async () => {
    const id = '01m8f7wwdz4hcz5g3r3re4sym1';
    let deleted = false;
    const handler: Handler = ({ method, path }) => {
      if (method === 'GET' && path === `/templates/${id}`)
        return deleted ? { status: 404, body: { type: 'about:blank', status: 404, title: 'Not Found', detail: 'Template not found' } } : { status: 200, body: { ...template, id, name: 'Relance douce chantier', builtIn: false, customized: false } };
      if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: [{ id: 'inv1', number: 'F-2026-0001' }] } };
      if (method === 'POST' && path === `/templates/${id}/preview`)
        return deleted ? { status: 404, body: { status: 404, title: 'Not Found' } } : { status: 200, body: { subject: '', body: '', variables: { clientName: 'Boulangerie Dupont' } } };
      if (method === 'DELETE' && path === `/templates/${id}`) return (deleted = true), { status: 204 };
      return undefined;
    };
    fakeApi(handler);
    // Its preview answers well after the template's own 404, as it did in the browser: the template's screen went
    // ("introuvable") before the delete was over, and with it the way back to the list.
    initApi(API, async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const path = new URL(request.url).pathname;
      if (path.endsWith('/preview') && deleted) await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = handler({ method: request.method, path }) ?? { status: 404, body: { title: 'Not Found', status: 404 } };
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    });
    vi.stubGlobal('confirm', vi.fn(() => true));
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={[`/templates/${id}`]}>
            <Routes>
              <Route path="/templates" element={<p>Liste des modèles</p>} />
              <Route path="/templates/:id" element={<TemplateScreen />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>,
      );
      await userEvent.click(await screen.findByRole('button', { name: 'Supprimer ce modèle' }));
      await screen.findByText('Liste des modèles', {}, { timeout: 2000 });
      expect(deleted).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('deleting a template scenarios still use', () => {
  it('asks without promising the scenarios will pick another, and says the refusal once, with the scenarios’ names, never their ids', async () => {
    const id = '01m8ee3fbtw7yhnrrtc310tke8'; // as the API names a template or scenario made on screen
    const own = { ...template, id, name: 'Relance maison', builtIn: false, customized: false };
    fakeApi(({ method, path }) => {
      if (method === 'GET' && path === `/templates/${id}`) return { status: 200, body: own };
      if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: [] } };
      if (method === 'DELETE' && path === `/templates/${id}`)
        return {
          status: 422,
          body: {
            type: 'https://relances.dev/problems/template-in-use',
            status: 422,
            title: 'Unprocessable request',
            detail: 'The template is used by "Maison", "Chantiers": change those scenarios first',
            errors: [
              { path: 'path.id', message: 'used by scenario 01m8ee3fhbrmzya2y6ysbsxzrz' },
              { path: 'path.id', message: 'used by scenario 01m8ee3fhbrmzya2y6ysbsxzr2' },
            ],
          },
        };
      return undefined;
    });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    try {
      render(
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <MemoryRouter initialEntries={[`/templates/${id}`]}>
            <Routes>
              <Route path="/templates/:id" element={<TemplateScreen />} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>,
      );
      await userEvent.click(await screen.findByRole('button', { name: 'Supprimer ce modèle' }));
      expect(confirm).toHaveBeenCalledWith(saying('Supprimer ce modèle ? Un modèle encore envoyé par un scénario ne peut pas l’être : changez d’abord ses étapes.'));
      const alert = await screen.findByRole('alert');
      expect(plain(alert.textContent)).toContain('Le modèle est utilisé par « Maison », « Chantiers » : modifiez d’abord ces scénarios.');
      expect(alert.textContent).not.toContain('01m8');
      expect(alert.querySelectorAll('li')).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the template editor’s live preview', () => {
  it('follows the language chosen before it is saved: English dates and amounts for an English text, not the saved French ones', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (method === 'GET' && path === '/templates/courtesy') return { status: 200, body: { ...template, body: 'Balance {{balanceAmount}}' } };
      if (method === 'GET' && path.startsWith('/invoices')) return { status: 200, body: { items: [{ id: 'inv1', number: 'F-2026-0001' }] } };
      if (method === 'POST' && path === '/templates/courtesy/preview') {
        const english = (body as { language?: string }).language === 'en';
        return { status: 200, body: { subject: '', body: '', variables: { invoiceNumber: 'F-2026-0001', balanceAmount: english ? '€820.00' : '820,00 €' } } };
      }
      return undefined;
    });
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/templates/courtesy']}>
          <Routes>
            <Route path="/templates/:id" element={<TemplateScreen />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText(/^Balance 820,00\s€$/)).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'en');
    expect(await screen.findByText('Balance €820.00')).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/preview')).map((c) => (c.body as { language?: string }).language)).toEqual(['fr', 'en']);
  });
});
