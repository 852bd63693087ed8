import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fake-api';
import { renderInApp } from '../../test/render';
import ImportScreen from './import-screen';
import { plain } from '../../test/plain';

/** A large import runs as a job: once done, the screen says what became of each row (GET /imports/{id} items). */
describe('an import run as a job, once done', () => {
  it('lists each row with its outcome: created, or skipped with why', async () => {
    const item = (row: number, number: string, action: 'create' | 'exists') => ({ row, number, action, clientId: 'c1', newClient: false, clientKind: 'business', status: 'sent', issueDate: '2026-10-01', dueDate: '2026-10-31', grossCents: 120_000, paidCents: 0 });
    const items = [item(2, 'A-001', 'create'), item(3, 'A-002', 'exists'), item(4, 'A-003', 'create')];
    const done = {
      id: 'job1', status: 'done', rows: 3, total: 2, processed: 2, existing: 1, clientsCreated: 0, errors: [], errorsTruncated: false, createdAt: '2026-11-27T00:00:00.000Z', finishedAt: '2026-11-27T00:00:05.000Z',
    };
    // Polled without its rows: running once, then done; the rows read once, when done.
    let polls = 0;
    const calls = fakeApi(({ method, path }) =>
      method === 'GET' && path === '/imports/job1?items=false'
        ? { status: 200, body: { ...done, ...(++polls === 1 ? { status: 'running', processed: 1, finishedAt: undefined } : {}), items: [], itemsOmitted: true } }
        : method === 'POST' && path === '/imports/invoices?dryRun=true'
        ? { status: 200, body: { status: 'done', dryRun: true, rows: 3, created: 2, existing: 1, clientsCreated: 0, items, errors: [] } }
        : method === 'POST' && path === '/imports/invoices?dryRun=false'
          ? { status: 202, body: { id: 'job1', status: 'running', dryRun: false, rows: 3, created: 0, existing: 1, clientsCreated: 0, items, errors: [] } }
          : method === 'GET' && path === '/imports/job1'
            ? {
                status: 200,
                body: {
                  id: 'job1', status: 'done', rows: 3, total: 2, processed: 2, existing: 1, clientsCreated: 0, errors: [], errorsTruncated: false, createdAt: '2026-11-27T00:00:00.000Z', finishedAt: '2026-11-27T00:00:05.000Z',
                  items: [
                    { ...items[0], outcome: 'created' },
                    { ...items[1], outcome: 'skipped', reason: 'was imported before: left as it was' },
                    { ...items[2], outcome: 'skipped', reason: 'was imported meanwhile (another upload of it): left as it was' },
                  ],
                },
              }
            : undefined,
    );
    renderInApp(<ImportScreen />);
    const csv = 'Numéro;Client;E-mail;Date facture;Échéance;TTC\nA-001;Café du Port;cafe@port.test;01/10/2026;31/10/2026;1 200,00\n';
    await userEvent.upload(screen.getByLabelText('Fichier CSV'), new File([csv], 'factures.csv', { type: 'text/csv' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Importer 2 factures' }));
    await screen.findByTestId('import-done', {}, { timeout: 4000 });
    const table = screen.getByTestId('import-job-rows');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => plain(c.textContent)));
    expect(rows).toEqual([
      ['2', 'A-001', 'Importée'],
      ['3', 'A-002', 'Ignorée : déjà importée avant, laissée telle quelle'],
      ['4', 'A-003', 'Ignorée : importée entre-temps par un autre envoi du fichier, laissée telle quelle'],
    ]);
    const gets = calls.filter((c) => c.method === 'GET' && c.path.startsWith('/imports/')).map((c) => c.path);
    expect(gets).toEqual(['/imports/job1?items=false', '/imports/job1?items=false', '/imports/job1']);
  });
});
