import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, type Recorded, nothingToRemind } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { setLanguage } from '../../../lib/i18n';
import { SendReminderDialog } from './reminders';
import { plain } from '../../../test/plain';

const GAP = 'This client received a message on 2026-11-24; the next one is allowed on 2026-11-27. Send with "force": true to send anyway.';
const TEMPLATES = {
  items: [
    { id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder' },
    { id: 'firm', name: 'Relance ferme', language: 'fr', purpose: 'reminder' },
    // The engine's own: never offered for a reminder sent by hand.
    { id: 'thank-you', name: 'Remerciement', language: 'fr', purpose: 'thank-you' },
    { id: 'sms-reminder', name: 'SMS de relance', language: 'fr', purpose: 'sms' },
  ],
};

/** What POST /clients/c1/reminders answers: the defaults unless the request names recipients. */
const view = (body: { to?: string[]; cc?: string[]; bcc?: string[]; templateId?: string }, dryRun: boolean) => ({
  clientId: 'c1',
  dryRun,
  subject: body.templateId === 'firm' ? 'Dernier rappel F-2026-0001' : 'Relance F-2026-0001',
  text: 'Bonjour, la facture F-2026-0001 reste due.',
  to: body.to ?? ['compta@dupont.test'],
  cc: body.cc ?? (body.to ? [] : ['patron@dupont.test']),
  bcc: [...(body.bcc ?? []), 'moi@plombier.test'],
  attachments: [{ fileName: 'F-2026-0001.pdf', size: 12_000 }],
  notAttached: [],
  items: [{ invoiceId: 'inv1', number: 'F-2026-0001', status: dryRun ? 'would_send' : 'sent' }],
  ...(dryRun ? {} : { messageId: 'm1' }),
});

const posts = (calls: Recorded[], query: string) => calls.filter((c) => c.method === 'POST' && c.path === `/clients/c1/reminders?dryRun=${query}`).map((c) => c.body);

const openDialog = async () => {
  renderInApp(<SendReminderDialog invoiceId="inv1" clientId="c1" />);
  await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
  const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
  await within(dialog).findByTestId('preview-subject');
  return dialog;
};

describe('sending a reminder now', () => {
  it('previews recipients, subject, body and attachments by a dry run, says in French that the client was written to recently, and sends anyway when the owner decides so', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: view(body as object, true) };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=false')
        return (body as { force?: boolean }).force
          ? { status: 201, body: view(body as object, false) }
          : { status: 409, body: { type: 'https://relances.dev/problems/conflict', status: 409, title: 'Conflict', detail: GAP } };
      return undefined;
    });
    const dialog = await openDialog();
    expect(plain(within(dialog).getByTestId('preview-to').textContent)).toBe('compta@dupont.test');
    expect(plain(within(dialog).getByTestId('preview-cc').textContent)).toBe('patron@dupont.test');
    expect(plain(within(dialog).getByTestId('preview-bcc').textContent)).toBe('moi@plombier.test');
    expect(plain(within(dialog).getByTestId('preview-body').textContent)).toBe('Bonjour, la facture F-2026-0001 reste due.');
    expect(plain(within(dialog).getByTestId('preview-attachments').textContent)).toBe('F-2026-0001.pdf');
    // The recipients are shown in editable fields, filled with the client's defaults.
    expect((within(dialog).getByLabelText('À') as HTMLInputElement).value).toBe('compta@dupont.test');
    expect((within(dialog).getByLabelText('Cc') as HTMLInputElement).value).toBe('patron@dupont.test');
    expect((within(dialog).getByLabelText('Cci') as HTMLInputElement).value).toBe('');
    expect(within(dialog).queryByRole('button', { name: 'Envoyer quand même' })).toBeNull();
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Relance à échéance (J+1) (FR)', 'Relance ferme (FR)']);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Ce client a déjà reçu un message le 24 nov. 2026 : l’écart minimum entre deux messages mène au 27 nov. 2026. Vous pouvez tout de même envoyer.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer quand même' }));
    expect(plain((await within(dialog).findByRole('status')).textContent)).toBe('Relance envoyée. Destinataires : compta@dupont.test, patron@dupont.test.');
    // Unchanged recipients are left to the API (its defaults: billing contacts, a client who complained).
    expect(posts(calls, 'true')[0]).toEqual({ invoiceIds: ['inv1'], templateId: 'reminder' });
    await waitFor(() =>
      expect(posts(calls, 'false')).toEqual([
        { invoiceIds: ['inv1'], templateId: 'reminder' },
        { invoiceIds: ['inv1'], templateId: 'reminder', force: true },
      ]),
    );
  });

  it('checks the edited addresses before sending, previews and sends them with the chosen template', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (method === 'POST' && path.startsWith('/clients/c1/reminders?dryRun=')) return { status: 201, body: view(body as object, path.endsWith('true')) };
      return undefined;
    });
    const dialog = await openDialog();
    await userEvent.selectOptions(within(dialog).getByLabelText('Modèle'), 'firm');
    await waitFor(() => expect(plain(within(dialog).getByTestId('preview-subject').textContent)).toBe('Dernier rappel F-2026-0001'));

    const to = within(dialog).getByLabelText('À');
    await userEvent.clear(to);
    await userEvent.type(to, 'pas-un-email');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    expect(within(dialog).getByText('Adresse e-mail invalide : pas-un-email')).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    // The cursor goes to the address to correct, not left on the send button.
    await waitFor(() => expect(document.activeElement).toBe(to));
    await userEvent.clear(to);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    expect(within(dialog).getByText('Indiquez au moins un destinataire')).toBeTruthy();
    expect(posts(calls, 'false')).toEqual([]);

    await userEvent.type(to, 'marie@dupont.test; jean@dupont.test');
    await userEvent.clear(within(dialog).getByLabelText('Cc'));
    await userEvent.type(within(dialog).getByLabelText('Cci'), 'archives@plombier.test');
    await userEvent.tab();
    // On leaving a field the preview is rendered again with what will be sent.
    await waitFor(() => expect(plain(within(dialog).getByTestId('preview-to').textContent)).toBe('marie@dupont.test, jean@dupont.test'));
    expect(within(dialog).queryByTestId('preview-cc')).toBeNull();
    expect(plain(within(dialog).getByTestId('preview-bcc').textContent)).toBe('archives@plombier.test, moi@plombier.test');
    expect(to.getAttribute('aria-invalid')).toBe('false');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    expect(plain((await within(dialog).findByRole('status')).textContent)).toBe('Relance envoyée. Destinataires : marie@dupont.test, jean@dupont.test.');
    const sent = { invoiceIds: ['inv1'], templateId: 'firm', to: ['marie@dupont.test', 'jean@dupont.test'], cc: [], bcc: ['archives@plombier.test'] };
    expect(posts(calls, 'false')).toEqual([sent]);
    expect(posts(calls, 'true').at(-1)).toEqual(sent);
  });

  it('shows the API refusal of an address next to the field it names', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: view(body as object, true) };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=false')
        return {
          status: 400,
          body: { type: 'https://relances.dev/problems/validation', status: 400, title: 'Bad Request', detail: 'Invalid request', errors: [{ path: 'body.cc.1', message: 'must be an email address' }] },
        };
      return undefined;
    });
    const dialog = await openDialog();
    const cc = within(dialog).getByLabelText('Cc');
    await userEvent.type(cc, ', associe@dupont.test');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    expect(await within(dialog).findByText('associe@dupont.test : Adresse e-mail invalide')).toBeTruthy();
    expect(cc.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(cc));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(posts(calls, 'false')).toEqual([{ invoiceIds: ['inv1'], templateId: 'reminder', to: ['compta@dupont.test'], cc: ['patron@dupont.test', 'associe@dupont.test'] }]);
  });

  it('chooses by default what the plan sends next, not the first template of the list', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (path === '/invoices/inv1/reminders')
        return {
          status: 200,
          body: {
            items: [
              { stepId: 'j+1', plan: 1, index: 0, beforeDue: false, templateId: 'reminder', channel: 'email', state: 'sent' },
              { stepId: 'j+8', plan: 1, index: 1, beforeDue: false, templateId: 'firm', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-03T08:00:00.000Z' },
              { stepId: 'escalate', plan: 1, index: 2, beforeDue: false, templateId: 'escalate', channel: 'email', state: 'scheduled', scheduledAt: '2026-12-28T08:00:00.000Z' },
            ],
          },
        };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: view(body as object, true) };
      return undefined;
    });
    const dialog = await openDialog();
    expect((within(dialog).getByLabelText('Modèle') as HTMLSelectElement).value).toBe('firm');
    expect(plain(within(dialog).getByTestId('preview-subject').textContent)).toContain('Dernier rappel F-2026-0001');
    expect(posts(calls, 'true').map((b) => (b as { templateId: string }).templateId)).toEqual(['firm']);
  });

  it('writes the preview’s labels as each language does: "Objet :" in French (a narrow no-break space before the colon, never at a line’s start), "Subject:" in English', async () => {
    fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: view(body as object, true) };
      return undefined;
    });
    const label = (dialog: HTMLElement, testId: string) => within(dialog).getByTestId(testId).parentElement!.querySelector('strong')!.textContent;
    const french = await openDialog();
    expect([label(french, 'preview-to'), label(french, 'preview-subject')]).toEqual(['À\u202f:', 'Objet\u202f:']);
    await setLanguage('en');
    try {
      await waitFor(() => expect([label(french, 'preview-to'), label(french, 'preview-subject')]).toEqual(['To:', 'Subject:']));
    } finally {
      await setLanguage('fr');
    }
  });

  it('keeps showing what went out once sent, and offers no send the preview already says cannot go (reminded today)', async () => {
    let sent = false;
    const step = (stepId: string, index: number, templateId: string, state: string) => ({ stepId, plan: 1, index, beforeDue: false, templateId, channel: 'email', state });
    // Reminded today: the preview is refused as the send would be (422 nothing-to-remind, each invoice and why).
    const refused = nothingToRemind([{ invoiceId: 'inv1', number: 'F-2026-0001', reason: 'same_day' }]);
    fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TEMPLATES };
      // After the send, the plan's next step is the firm one.
      if (path === '/invoices/inv1/reminders')
        return { status: 200, body: { items: sent ? [step('j+1', 0, 'reminder', 'sent'), step('j+8', 1, 'firm', 'scheduled')] : [step('j+1', 0, 'reminder', 'scheduled'), step('j+8', 1, 'firm', 'scheduled')] } };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return sent ? { status: 422, body: refused } : { status: 201, body: view(body as object, true) };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=false') {
        sent = true;
        return { status: 201, body: view(body as object, false) };
      }
      return undefined;
    });
    const dialog = await openDialog();
    await waitFor(() => expect((within(dialog).getByLabelText('Modèle') as HTMLSelectElement).value).toBe('reminder'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la relance' }));
    expect(plain((await within(dialog).findByRole('status')).textContent)).toBe('Relance envoyée. Destinataires : compta@dupont.test, patron@dupont.test.');
    // The plan and the lists are read again; the dialog still shows the message sent, with its template.
    await new Promise((r) => setTimeout(r, 100));
    expect(within(dialog).queryByTestId('preview-skipped')).toBeNull();
    expect(plain(within(dialog).getByTestId('preview-subject').textContent)).toBe('Relance F-2026-0001');
    expect((within(dialog).getByLabelText('Modèle') as HTMLSelectElement).value).toBe('reminder');

    // Opened again the same day: the preview says why not, and the send button says nothing else.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Fermer' }));
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const again = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    expect(plain((await within(again).findByTestId('preview-skipped')).textContent)).toBe('Cette facture ne peut pas être relancée maintenant : déjà relancé ce jour.');
    expect(within(again).queryByRole('alert')).toBeNull();
    expect((within(again).getByRole('button', { name: 'Envoyer la relance' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('sending a reminder now before the due date', () => {
  const TONED = {
    items: [
      { id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr', purpose: 'reminder', tone: 'courtesy' },
      { id: 'reminder', name: 'Relance à échéance (J+1)', language: 'fr', purpose: 'reminder', tone: 'reminder' },
      { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm' },
    ],
  };
  const plan = { items: [{ stepId: 'j+1', index: 1, plan: 1, templateId: 'reminder', state: 'scheduled', channel: 'email', beforeDue: false }] };
  const api = () =>
    fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: TONED };
      if (path === '/invoices/inv1/reminders') return { status: 200, body: plan };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: view(body as object, true) };
      return undefined;
    });

  it('proposes the courtesy template the API sends then (not the next step’s firmer one), and says so when a firmer one is chosen', async () => {
    const calls = api();
    renderInApp(<SendReminderDialog invoiceId="inv1" clientId="c1" notYetDue />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    const select = within(dialog).getByLabelText('Modèle') as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('courtesy'));
    await within(dialog).findByTestId('preview-subject');
    expect(posts(calls, 'true').at(-1)).toEqual({ invoiceIds: ['inv1'], templateId: 'courtesy' });
    const warning = 'Pas encore échue : c’est « Pré-relance courtoise (J-5) (FR) » qui part, jamais une relance d’impayé avant l’échéance.';
    expect(within(dialog).queryByText(warning)).toBeNull();
    await userEvent.selectOptions(select, 'firm');
    const said = await within(dialog).findByText(warning);
    expect(select.getAttribute('aria-describedby')?.split(' ')).toContain(said.id);
  });

  it('keeps the next step’s template, without a word, once the invoice is overdue', async () => {
    api();
    renderInApp(<SendReminderDialog invoiceId="inv1" clientId="c1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    await within(dialog).findByTestId('preview-subject');
    await waitFor(() => expect((within(dialog).getByLabelText('Modèle') as HTMLSelectElement).value).toBe('reminder'));
    expect(within(dialog).queryByText(/Pas encore échue/)).toBeNull();
  });
});

describe('sending a reminder now to a consumer', () => {
  const PENALTIES = 'Pénalités de retard (taux {{penaltyRate}}) : {{penaltiesAmount}}';
  const KINDS = {
    items: [
      { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm', kind: 'business', subject: 'Deuxième relance', body: PENALTIES },
      { id: 'reminder-consumer', name: 'Rappel amical (J+1)', language: 'fr', purpose: 'reminder', tone: 'reminder', kind: 'consumer', subject: 'Rappel', body: 'Bonjour' },
      { id: 'firm-consumer', name: 'Second rappel (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm', kind: 'consumer', subject: 'Second rappel', body: 'Bonjour' },
    ],
  };
  const WAIVED =
    "The template claims the late-payment penalties or the €40 indemnity that the running payment plan waives: send the plan's own reminder (leave templateId out), or end the plan first (DELETE /invoices/{id}/payment-plan)";

  it('offers no template citing penalties or the €40 (the API refuses them for a consumer: it offered the firm one for professionals, then showed the API’s refusal)', async () => {
    const calls = fakeApi(({ method, path, body }) => {
      if (path === '/templates') return { status: 200, body: KINDS };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 201, body: view(body as object, true) };
      return undefined;
    });
    renderInApp(<SendReminderDialog invoiceId="inv1" clientId="c1" consumer />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    await within(dialog).findByTestId('preview-subject');
    expect(within(dialog).getAllByRole('option').map((o) => o.textContent)).toEqual(['Rappel amical (J+1) (FR)', 'Second rappel (J+8) (FR)']);
    expect(posts(calls, 'true').map((b) => (b as { templateId: string }).templateId)).not.toContain('firm');
  });

  it('says a preview refused for the template under the template’s choice, with no retry (it showed the refusal twice in the preview’s place, with « Réessayer »)', async () => {
    fakeApi(({ method, path }) => {
      if (path === '/templates') return { status: 200, body: KINDS };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true')
        return {
          status: 422,
          body: { type: 'https://relances.dev/problems/business-rule/penalties-waived', status: 422, title: 'Unprocessable request', detail: WAIVED, errors: [{ path: 'body.templateId', message: WAIVED }] },
        };
      return undefined;
    });
    renderInApp(<SendReminderDialog invoiceId="inv1" clientId="c1" consumer />);
    await userEvent.click(screen.getByRole('button', { name: 'Relancer maintenant' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relancer maintenant' });
    await within(dialog).findByTestId('preview-template-refused');
    const select = within(dialog).getByLabelText('Modèle');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    const said = within(dialog).getByText(/auxquelles l’échéancier en cours renonce/);
    expect(select.getAttribute('aria-describedby')?.split(' ')).toContain(said.id);
    expect(within(dialog).getAllByText(/auxquelles l’échéancier en cours renonce/)).toHaveLength(1);
    expect(within(dialog).queryByRole('button', { name: 'Réessayer' })).toBeNull();
  });
});
