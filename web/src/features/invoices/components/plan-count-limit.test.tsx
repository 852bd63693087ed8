import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MAX_INSTALMENTS } from '../../../../../shared/domain/payment-plan.js';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Invoice } from '../api';
import { MAX_PLAN_INSTALMENTS, PaymentPlanCard } from './payment-plan';

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby')?.split(' ')[0] ?? '')?.textContent;
const invoice = { id: 'inv1', status: 'sent', balanceCents: 300_000 } as unknown as Invoice;

const openDialog = async () => {
  renderInApp(<PaymentPlanCard invoice={invoice} />);
  await userEvent.click(screen.getByRole('button', { name: 'Créer un échéancier' }));
  return screen.findByRole('dialog', { name: 'Nouvel échéancier' });
};

describe('the number of instalments of a new payment plan', () => {
  it('has the API’s limit', () => expect(MAX_PLAN_INSTALMENTS).toBe(MAX_INSTALMENTS));

  it('refuses 30 under the field, naming the maximum, and keeps what was typed (it spread 24 instalments silently)', async () => {
    fakeApi(() => undefined);
    const dialog = await openDialog();
    const count = within(dialog).getByLabelText('Nombre d’échéances');
    await userEvent.clear(count);
    await userEvent.type(count, '30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Répartir le reste dû' }));
    expect(errorOf(count)).toBe('24 échéances au plus.');
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect((count as HTMLInputElement).value).toBe('30');
    // The rows stay as they were (3), not 24 nor 30.
    expect(within(dialog).getAllByRole('group', { name: /^Échéance \d+$/ })).toHaveLength(3);
  });

  it('does not save the rows of another count while 30 is typed', async () => {
    const calls = fakeApi(() => undefined);
    const dialog = await openDialog();
    const count = within(dialog).getByLabelText('Nombre d’échéances');
    await userEvent.clear(count);
    await userEvent.type(count, '30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer l’échéancier' }));
    expect(errorOf(count)).toBe('24 échéances au plus.');
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('refuses 0 and an interval out of range the same way, and spreads 24', async () => {
    fakeApi(() => undefined);
    const dialog = await openDialog();
    const count = within(dialog).getByLabelText('Nombre d’échéances');
    const every = within(dialog).getByLabelText('Tous les (jours)');
    await userEvent.clear(count);
    await userEvent.type(count, '0');
    await userEvent.clear(every);
    await userEvent.type(every, '400');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Répartir le reste dû' }));
    expect(errorOf(count)).toBe('Entre 1 et 24 échéances.');
    expect(errorOf(every)).toBe('Entre 1 et 365 jours.');
    expect((every as HTMLInputElement).value).toBe('400');
    await userEvent.clear(count);
    await userEvent.type(count, '24');
    await userEvent.clear(every);
    await userEvent.type(every, '30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Répartir le reste dû' }));
    expect(count.getAttribute('aria-invalid')).toBe('false');
    expect(within(dialog).getAllByRole('group', { name: /^Échéance \d+$/ })).toHaveLength(24);
  });

  it('says the API’s refusal of too many instalments in French, naming the maximum', async () => {
    fakeApi(({ method }) => (method === 'POST' ? { status: 400, body: { type: 'about:blank', title: 'Bad Request', status: 400, errors: [{ path: 'body.instalments', message: 'at most 24 instalments' }] } } : undefined));
    const dialog = await openDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer l’échéancier' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('24 échéances au plus'));
  });

  it('follows the count and interval as typed: saving after changing them sends those instalments (it saved the 3 first spread)', async () => {
    const calls = fakeApi(({ method }) => (method === 'POST' ? { status: 201, body: {} } : undefined));
    const dialog = await openDialog();
    const count = within(dialog).getByLabelText('Nombre d’échéances');
    await userEvent.clear(count);
    await userEvent.type(count, '4');
    const every = within(dialog).getByLabelText('Tous les (jours)');
    await userEvent.clear(every);
    await userEvent.type(every, '15');
    expect(within(dialog).getAllByRole('group', { name: /^Échéance \d+$/ })).toHaveLength(4);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer l’échéancier' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')).toBeTruthy());
    const sent = (calls.find((c) => c.method === 'POST')!.body as { instalments: { dueDate: string; amountCents: number }[] }).instalments;
    expect(sent.map((i) => i.amountCents)).toEqual([75_000, 75_000, 75_000, 75_000]);
    const days = sent.slice(1).map((i, n) => (Date.parse(i.dueDate) - Date.parse(sent[n]!.dueDate)) / 864e5);
    expect(days).toEqual([15, 15, 15]);
  });
});
