import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../test/fake-api';
import { renderInApp } from '../../../test/render';
import { setLanguage } from '../../../lib/i18n';
import InvoicesScreen from './invoices-screen';

/** The accountant's file comes in the language the user reads the app in (`?lang=`), not always in French. */
describe('the follow-up list export', () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    await setLanguage('fr');
  });

  const exportUrl = async () => {
    fakeApi(({ path }) => (path.startsWith('/invoices') || path.startsWith('/clients') ? { status: 200, body: { items: [] } } : undefined));
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return new Response('\ufeff', { status: 200, headers: { 'content-type': 'text/csv' } });
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined }));
    renderInApp(<InvoicesScreen />);
    return asked;
  };

  it('asks for the English file when the app is in English', async () => {
    await setLanguage('en');
    const asked = await exportUrl();
    await userEvent.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    await waitFor(() => expect(asked.some((u) => u.includes('/invoices/export.csv'))).toBe(true));
    expect(new URL(asked.find((u) => u.includes('/invoices/export.csv'))!).searchParams.get('lang')).toBe('en');
  });

  it('asks for the French file when the app is in French', async () => {
    const asked = await exportUrl();
    await userEvent.click(await screen.findByRole('button', { name: 'Exporter en CSV' }));
    await waitFor(() => expect(asked.some((u) => u.includes('/invoices/export.csv'))).toBe(true));
    expect(new URL(asked.find((u) => u.includes('/invoices/export.csv'))!).searchParams.get('lang')).toBe('fr');
  });
});
