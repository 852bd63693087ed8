import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, nothingToRemind } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { GroupedReminderDialog } from './grouped-reminder';
import { plain } from '../../../test/plain';

const invoice = (id: string, number: string) => ({ id, number, clientId: 'c1', status: 'sent', dueDate: '2026-11-20', grossCents: 94_000, balanceCents: 94_000 });
const INVOICES = { items: [invoice('i1', 'F-2026-0003'), invoice('i2', 'F-2026-0004')] };
const preview = (items: unknown[], extra: Record<string, unknown> = {}) => ({ clientId: 'c1', dryRun: true, to: ['marie@martin.test'], cc: [], bcc: [], attachments: [], notAttached: [], items, ...extra });

const openAndPreview = async () => {
  renderInApp(<GroupedReminderDialog clientId="c1" />);
  await userEvent.click(screen.getByRole('button', { name: 'Relance groupée' }));
  const dialog = await screen.findByRole('dialog', { name: 'Relance groupée' });
  await within(dialog).findByRole('checkbox', { name: /F-2026-0004/ });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Prévisualiser' }));
  await within(dialog).findByTestId('grouped-preview');
  return dialog;
};
const sendButton = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: 'Envoyer la relance groupée' }) as HTMLButtonElement;

describe('the grouped reminder’s preview', () => {
  it('says which invoices will not go and why, in French, and offers no send when none can (the preview refused 422 as the send)', async () => {
    const items = [{ invoiceId: 'i1', number: 'F-2026-0003', status: 'skipped', reason: 'same_day' }, { invoiceId: 'i2', number: 'F-2026-0004', status: 'skipped', reason: 'paused' }];
    const calls = fakeApi(({ method, path }) => {
      if (path.startsWith('/invoices?')) return { status: 200, body: INVOICES };
      if (path === '/templates') return { status: 200, body: { items: [] } };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') return { status: 422, body: nothingToRemind(items) };
      return undefined;
    });
    const dialog = await openAndPreview();
    // Said as the reasons, not as an error.
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect([...within(dialog).getByTestId('grouped-skipped').querySelectorAll('li')].map((li) => plain(li.textContent))).toEqual([
      'F-2026-0003 ne partira pas : déjà relancée aujourd’hui.',
      'F-2026-0004 ne partira pas : relances suspendues.',
    ]);
    expect(within(dialog).getByText('Aucune des factures choisies ne peut partir maintenant.')).toBeTruthy();
    expect(sendButton(dialog).disabled).toBe(true);
    expect(calls.some((c) => c.path.endsWith('dryRun=false'))).toBe(false);
  });

  it('says the client’s gap in words with its date (not 2026-11-27), and lets the send go once "send anyway" is ticked', async () => {
    fakeApi(({ method, path, body }) => {
      if (path.startsWith('/invoices?')) return { status: 200, body: INVOICES };
      if (path === '/templates') return { status: 200, body: { items: [] } };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true') {
        const items = [{ invoiceId: 'i1', number: 'F-2026-0003', status: 'would_send' }, { invoiceId: 'i2', number: 'F-2026-0004', status: 'would_send' }];
        return { status: 201, body: preview(items, (body as { force?: boolean }).force ? { subject: 'Relance' } : { gapUntil: '2026-11-27' }) };
      }
      return undefined;
    });
    const dialog = await openAndPreview();
    expect(within(dialog).getByTestId('grouped-preview').textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      'Ce client a reçu un message il y a peu : le prochain est permis le 27 nov. 2026. Cochez « Envoyer même si un message est parti il y a peu » pour l’envoyer tout de même.',
    );
    expect(within(dialog).queryByText(/2026-11-27/)).toBeNull();
    expect(sendButton(dialog).disabled).toBe(true);
    await userEvent.click(within(dialog).getByLabelText('Envoyer même si un message est parti il y a peu'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Prévisualiser' }));
    await within(dialog).findByText('Relance');
    expect(sendButton(dialog).disabled).toBe(false);
  });

  it('offers every open invoice of a regular client, the oldest (the latest due first, past the first page) too', async () => {
    const paid = (i: number) => ({ ...invoice(`p${i}`, `F-2026-${String(100 + i).padStart(4, '0')}`), status: 'paid', balanceCents: 0 });
    const calls = fakeApi(({ path }) => {
      if (path.startsWith('/invoices?') && !path.includes('cursor=')) return { status: 200, body: { items: Array.from({ length: 100 }, (_, i) => paid(i)), nextCursor: 'older' } };
      if (path.startsWith('/invoices?') && path.includes('cursor=older')) return { status: 200, body: { items: [invoice('old', 'F-2025-0042')] } };
      if (path === '/templates') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<GroupedReminderDialog clientId="c1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relance groupée' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relance groupée' });
    expect(await within(dialog).findByRole('checkbox', { name: /F-2025-0042/ })).toBeTruthy();
    expect(calls.filter((c) => c.path.startsWith('/invoices?')).map((c) => new URLSearchParams(c.path.split('?')[1]).get('cursor'))).toEqual([null, 'older']);
  });

  it('says every reason the API gives in words, the client’s gap ("gap") and the others, never its code', async () => {
    // What POST /clients/{id}/reminders may say of an invoice it leaves out (shared/app/reminders/client-reminders.ts).
    const codes = ['gap', 'changed', 'send_failed', 'not_found', 'group_full', 'complained', 'template_mentions_penalties', 'payment_plan', 'other_client'];
    fakeApi(({ method, path }) => {
      if (path.startsWith('/invoices?')) return { status: 200, body: INVOICES };
      if (path === '/templates') return { status: 200, body: { items: [] } };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true')
        return { status: 201, body: preview(codes.map((reason, i) => ({ invoiceId: `i${i}`, number: `F-2026-01${i}`, status: 'skipped', reason })), { gapUntil: '2026-11-29' }) };
      return undefined;
    });
    const dialog = await openAndPreview();
    const lines = [...within(dialog).getByTestId('grouped-skipped').querySelectorAll('li')].map((li) => plain(li.textContent));
    expect(lines).toHaveLength(codes.length);
    expect(lines[0]).toBe('F-2026-010 ne partira pas : client relancé il y a peu.');
    for (const [i, code] of codes.entries()) expect(lines[i], code).not.toMatch(new RegExp(`: ${code}\\.$`));
  });
});

describe('the grouped reminder with a firmer template before the due dates', () => {
  const TONED = { items: [{ id: 'courtesy', name: 'Pré-relance courtoise (J-5)', language: 'fr', purpose: 'reminder', tone: 'courtesy' }, { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm' }] };
  const WARNING = 'Aucune de ces factures n’est échue : c’est la pré-relance courtoise qui part, jamais une relance d’impayé avant l’échéance.';
  const open = async (overdue: boolean[]) => {
    fakeApi(({ path }) => {
      if (path.startsWith('/invoices?')) return { status: 200, body: { items: [{ ...invoice('i1', 'F-2026-0003'), overdue: overdue[0] }, { ...invoice('i2', 'F-2026-0004'), overdue: overdue[1] }] } };
      if (path === '/templates') return { status: 200, body: TONED };
      return undefined;
    });
    renderInApp(<GroupedReminderDialog clientId="c1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relance groupée' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relance groupée' });
    await within(dialog).findByRole('option', { name: 'Relance ferme (J+8) (FR)' });
    await userEvent.selectOptions(within(dialog).getByLabelText('Modèle'), 'firm');
    return dialog;
  };

  it('says the courtesy reminder goes instead when none of the chosen invoices is overdue (the API swaps it)', async () => {
    const dialog = await open([false, false]);
    expect(within(dialog).getByText(WARNING)).toBeTruthy();
  });

  it('says nothing while one of them is overdue, and says it once that one is left out', async () => {
    const dialog = await open([true, false]);
    expect(within(dialog).queryByText(WARNING)).toBeNull();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /F-2026-0003/ }));
    expect(within(dialog).getByText(WARNING)).toBeTruthy();
  });
});

describe('the grouped reminder’s invoices', () => {
  it('are listed the oldest due first, as the message lists them (the newest came first)', async () => {
    const dated = (id: string, number: string, dueDate: string) => ({ ...invoice(id, number), dueDate });
    fakeApi(({ path }) => {
      if (path.startsWith('/invoices?')) return { status: 200, body: { items: [dated('i7', 'F-2026-0007', '2026-12-02'), dated('i2', 'F-2026-0002', '2026-10-28'), dated('i5', 'F-2026-0005', '2026-11-22')] } };
      if (path === '/templates') return { status: 200, body: { items: [] } };
      return undefined;
    });
    renderInApp(<GroupedReminderDialog clientId="c1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relance groupée' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relance groupée' });
    await within(dialog).findByRole('checkbox', { name: /F-2026-0007/ });
    expect(within(dialog).getAllByRole('checkbox', { name: /^F-/ }).map((c) => c.closest('label')?.textContent?.trim().split(' · ')[0])).toEqual(['F-2026-0002', 'F-2026-0005', 'F-2026-0007']);
  });
});

describe('the grouped reminder to a consumer', () => {
  const KINDS = {
    items: [
      { id: 'firm', name: 'Relance ferme (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm', kind: 'business', subject: 'Deuxième relance', body: 'Indemnité forfaitaire : {{indemnityAmount}}' },
      { id: 'firm-consumer', name: 'Second rappel (J+8)', language: 'fr', purpose: 'reminder', tone: 'firm', kind: 'consumer', subject: 'Second rappel', body: 'Bonjour' },
    ],
  };
  const WAIVED =
    "The template claims the late-payment penalties or the €40 indemnity that the running payment plan waives: send the plan's own reminder (leave templateId out), or end the plan first (DELETE /invoices/{id}/payment-plan)";

  it('offers no template citing penalties or the €40 to a consumer (the API refuses it), and says a refusal naming the template under its choice', async () => {
    fakeApi(({ method, path }) => {
      if (path.startsWith('/invoices?')) return { status: 200, body: INVOICES };
      if (path === '/templates') return { status: 200, body: KINDS };
      if (method === 'POST' && path === '/clients/c1/reminders?dryRun=true')
        return {
          status: 422,
          body: { type: 'https://relances.dev/problems/business-rule/penalties-waived', status: 422, title: 'Unprocessable request', detail: WAIVED, errors: [{ path: 'body.templateId', message: WAIVED }] },
        };
      return undefined;
    });
    renderInApp(<GroupedReminderDialog clientId="c1" kind="consumer" />);
    await userEvent.click(screen.getByRole('button', { name: 'Relance groupée' }));
    const dialog = await screen.findByRole('dialog', { name: 'Relance groupée' });
    const select = within(dialog).getByLabelText('Modèle') as HTMLSelectElement;
    await within(select).findByRole('option', { name: 'Second rappel (J+8) (FR)' });
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Modèle de l’étape prévue', 'Second rappel (J+8) (FR)']);
    await userEvent.selectOptions(select, 'firm-consumer');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Prévisualiser' }));
    const said = await within(dialog).findByText(/auxquelles l’échéancier en cours renonce/);
    expect(select.getAttribute('aria-describedby')?.split(' ')).toContain(said.id);
    expect(within(dialog).getAllByText(/auxquelles l’échéancier en cours renonce/)).toHaveLength(1);
  });
});
