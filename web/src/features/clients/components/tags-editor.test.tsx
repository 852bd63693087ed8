import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import type { Client } from '../api';
import { TagsEditor } from './tags-editor';

const client = { id: 'c1', name: 'Restaurant Le Port', kind: 'business', email: 'contact@leport.test', tags: [] } as unknown as Client;

describe('the client’s categories', () => {
  it('takes "Grand compte" as typed, saved as the one word the API keeps (a space inside was refused, without saying which)', async () => {
    const calls = fakeApi(({ method, path, body }) => (method === 'PATCH' && path === '/clients/c1' ? { status: 200, body: { ...client, ...(body as object) } } : undefined));
    renderInApp(<TagsEditor client={client} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Catégories' }), 'Grand  compte, VIP,  grand-compte , particulier fidèle');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH').map((c) => c.body)).toEqual([{ tags: ['grand-compte', 'vip', 'particulier-fidèle'] }]));
    expect(await screen.findByRole('status')).toBeTruthy();
  });
});
