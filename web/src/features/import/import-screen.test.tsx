import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { renderInApp } from '../../test/render';
import { DateOrderNote, Preview, RowErrors } from './import-screen';
import { plain } from '../../test/plain';

const errors = [
  { row: 3, field: 'issueDate', message: 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)' },
  { row: 4, field: 'gross', message: 'is not an amount (1 234,56)' },
  { row: 5, field: 'number', message: 'appears twice in the file (row 2)' },
  { row: 6, field: 'email', message: 'is required to create a new client (no client has this SIREN or email)' },
  { row: 7, field: 'somethingNew', message: 'a message the screen does not know' },
];

const table = () =>
  within(screen.getByTestId('import-errors'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

describe('the import’s row errors', () => {
  it('name the column as the file’s header does and the problem in French', () => {
    renderInApp(<RowErrors errors={errors} />);
    expect(table()).toEqual([
      ['3', 'Date facture', 'date invalide (JJ/MM/AAAA ou AAAA-MM-JJ)'],
      ['4', 'TTC', 'montant invalide (ex. 1 234,56)'],
      ['5', 'N° facture', 'apparaît deux fois dans le fichier (ligne 2)'],
      ['6', 'E-mail', 'obligatoire pour créer le client (aucun client n’a ce SIREN ni cet e-mail)'],
      ['7', 'somethingNew', 'a message the screen does not know'],
    ]);
  });

  it('say in French the refusals that carry a date, a number or figures, and the paid or credited amounts too high', () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    renderInApp(
      <RowErrors
        errors={[
          { row: 2, field: 'issueDate', message: 'is after today (2026-11-26): an invoice to import has been issued already' },
          { row: 3, field: 'number', message: 'is already the number of an invoice (F-2026-0007)' },
          { row: 4, field: 'number', message: 'was imported before with other figures (gross 1200,00, issued 2026-10-01, due 2026-10-31): left as it was' },
          { row: 5, field: 'remaining', message: 'is more than the gross amount less credit notes' },
          { row: 6, field: 'credited', message: 'with what was paid, is more than the gross amount' },
          { row: 7, field: 'number', message: 'was imported before for another client: left as it was' },
          { row: 8, field: 'dueDate', message: 'is not between 2000 and 2099 (a typo in the year?)' },
          { row: 9, field: 'paidOn', message: 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)' },
          { row: 10, field: 'paid', message: 'was imported before with less paid (20,00 here, 1481,47 in the file): record the payment on the invoice' },
          { row: 11, field: 'credited', message: 'was imported before with less credited (0,00 here, 30,00 in the file): issue the credit note on the invoice' },
          { row: 12, field: 'gross', message: 'is negative (a credit note? put its amount in the Avoirs column of the invoice it credits)' },
          { row: 13, field: 'vat', message: 'looks like a VAT rate rather than an amount (give the VAT amount, or the TTC)' },
        ]}
      />,
    );
    expect(table().map((r) => plain(r[2]!))).toEqual([
      'postérieure à aujourd’hui (26 nov. 2026) : une facture à importer est déjà émise',
      'déjà le numéro d’une facture (F-2026-0007)',
      'déjà importée avec d’autres montants (TTC 1 200,00 €, émise le 1 oct. 2026, échéance le 31 oct. 2026) : laissée telle quelle',
      'supérieur au TTC moins les avoirs',
      'avec le déjà réglé, dépasse le TTC',
      'déjà importée pour un autre client : laissée telle quelle',
      'pas entre 2000 et 2099 (une faute de frappe dans l’année ?)',
      'date invalide (JJ/MM/AAAA ou AAAA-MM-JJ)',
      'déjà importée, avec moins de réglé ici (20,00 €) que dans le fichier (1 481,47 €) : enregistrez le paiement sur la facture',
      'déjà importée, avec moins d’avoirs ici (0,00 €) que dans le fichier (30,00 €) : émettez l’avoir sur la facture',
      'négatif (un avoir ? indiquez son montant dans la colonne Avoirs de la facture qu’il annule)',
      'ressemble à un taux de TVA plutôt qu’à un montant (indiquez le montant de TVA, ou le TTC)',
    ]);
    expect(table().map((r) => r[1])).toEqual(expect.arrayContaining(['Date de paiement', 'Avoirs', 'Reste à payer']));
    // Amounts as the rest of the app writes them: a narrow no-break space between thousands, a no-break space before € (it read "TTC 1200,00 €").
    expect(table()[2]![2]).toContain('TTC 1\u202f200,00\u00a0€,');
    expect(table()[8]![2]).toContain('(1\u202f481,47\u00a0€)');
  });

  it('say those amounts in English as English writes money', async () => {
    await setLanguage('en');
    try {
      renderInApp(
        <RowErrors
          errors={[
            { row: 4, field: 'number', message: 'was imported before with other figures (gross 1234,56, issued 2026-10-01, due 2026-10-31): left as it was' },
            { row: 10, field: 'paid', message: 'was imported before with less paid (20,00 here, 1481,47 in the file): record the payment on the invoice' },
          ]}
        />,
      );
      expect(table().map((r) => r[2])).toEqual([
        'imported before with other figures (gross €1,234.56, issued 1 Oct 2026, due 31 Oct 2026): left as it was',
        'imported before, with less paid here (€20.00) than in the file (€1,481.47): record the payment on the invoice',
      ]);
    } finally {
      await setLanguage('fr');
    }
  });

  it('count the rows to fix, not their errors', () => {
    renderInApp(<RowErrors errors={[...errors, { row: 4, field: 'email', message: 'is not a valid email' }, { row: 3, field: 'gross', message: 'is not an amount (1 234,56)' }]} />);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('Lignes à corriger (5)');
    expect(table()).toHaveLength(7);
  });

  it('once the valid rows are imported, tell to fix the others and import the file again (not "or import the valid rows")', () => {
    renderInApp(<RowErrors errors={errors} imported />);
    expect(screen.getByText('Ces lignes n’ont pas été importées : corrigez-les dans le fichier et importez-le à nouveau (les factures déjà importées ne seront pas créées deux fois).')).toBeTruthy();
    expect(screen.queryByText(/ou importez les lignes valides/)).toBeNull();
  });

  it('and in English', async () => {
    await setLanguage('en');
    try {
      renderInApp(<RowErrors errors={errors.slice(0, 2)} />);
      expect(table()).toEqual([
        ['3', 'Invoice date', 'not a date (DD/MM/YYYY or YYYY-MM-DD)'],
        ['4', 'Gross', 'not an amount (e.g. 1 234,56)'],
      ]);
    } finally {
      await setLanguage('fr');
    }
  });
});

const amounts = { issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 123_456, paidCents: 0 };

describe('the import’s preview', () => {
  it('says the type of each new client, and when it was guessed for lack of a Type column', () => {
    const items = [
      { row: 2, number: 'EXT-1', action: 'create' as const, clientId: 'c1', newClient: true, clientKind: 'consumer' as const, clientKindGuessed: true as const, status: 'sent' as const, ...amounts },
      { row: 3, number: 'EXT-2', action: 'create' as const, clientId: 'c2', newClient: true, clientKind: 'business' as const, status: 'sent' as const, ...amounts },
      { row: 4, number: 'EXT-3', action: 'exists' as const, clientId: 'c2', newClient: false, clientKind: 'business' as const, status: 'sent' as const, ...amounts },
    ];
    renderInApp(<Preview report={{ status: 'done', dryRun: true, rows: 3, created: 2, existing: 1, clientsCreated: 2, items, errors: [] }} />);
    const cells = screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => plain(c.textContent)).at(-1));
    expect(cells).toEqual([
      'À créer · nouveau client (particulier, deviné : ajoutez une colonne Type pour le dire)',
      'À créer · nouveau client (professionnel)',
      'Déjà là',
    ]);
  });
});

describe('the import’s preview of each invoice’s status', () => {
  // A row whose Statut says contentieux comes in in litigation, one saying Annulée comes in cancelled: the preview
  // showed them as every other invoice, to be chased, and the owner imported debtors in litigation unaware.
  const status = ['sent', 'partially_paid', 'paid', 'litigation', 'cancelled'] as const;
  const items = status.map((s, i) => ({ row: i + 2, number: `EXT-${i + 1}`, action: 'create' as const, clientId: 'c1', newClient: false, clientKind: 'business' as const, status: s, ...amounts }));
  const report = { status: 'done' as const, dryRun: true, rows: 5, created: 5, existing: 0, clientsCreated: 0, items, errors: [] };
  const statusCells = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[4]!.textContent);

  it('says in French the status each invoice will have, and that one in litigation, paid or cancelled is not chased', () => {
    renderInApp(<Preview report={report} />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Ligne', 'N° facture', 'Échéance', 'Montant TTC', 'Statut à l’import', 'Action']);
    expect(statusCells()).toEqual(['Envoyée', 'Partiellement payée', 'Payée · non relancée', 'Contentieux · non relancée', 'Annulée · non relancée']);
  });

  it('and in English', async () => {
    await setLanguage('en');
    try {
      renderInApp(<Preview report={report} />);
      expect(screen.getByRole('columnheader', { name: 'Status once imported' })).toBeTruthy();
      expect(statusCells()).toEqual(['Sent', 'Partially paid', 'Paid · not chased', 'Litigation · not chased', 'Cancelled · not chased']);
    } finally {
      await setLanguage('fr');
    }
  });
});

describe('the import’s preview of dates and amounts', () => {
  // The preview showed no amount: a file's "1 234,56" or "1.234,56" could not be checked before importing.
  const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
  const items = [
    { row: 2, number: 'EXT-1', action: 'create' as const, clientId: 'c1', newClient: false, clientKind: 'business' as const, status: 'sent' as const, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 123_456, paidCents: 0 },
    { row: 3, number: 'EXT-2', action: 'create' as const, clientId: 'c1', newClient: false, clientKind: 'business' as const, status: 'partially_paid' as const, issueDate: '2026-09-15', dueDate: '2026-10-15', grossCents: 50_000, paidCents: 20_050 },
  ];
  const report = { status: 'done' as const, dryRun: true, rows: 2, created: 2, existing: 0, clientsCreated: 0, items, errors: [] };
  const cells = (column: number) => screen.getAllByRole('row').slice(1).map((r) => plain(within(r).getAllByRole('cell')[column]!.textContent));

  it('shows each row’s due date, issue date, amount and what was paid before, as the file was read', () => {
    renderInApp(<Preview report={report} />);
    expect(cells(2)).toEqual(['1 oct. 2026 · émise le 1 sept. 2026', '15 oct. 2026 · émise le 15 sept. 2026']);
    expect(cells(3)).toEqual(['1 234,56 €', '500,00 € · dont 200,50 € déjà réglé']);
  });

  it('and in English', async () => {
    await setLanguage('en');
    try {
      renderInApp(<Preview report={report} />);
      expect(screen.getByRole('columnheader', { name: 'Amount incl. VAT' })).toBeTruthy();
      expect(cells(3)[1]).toBe('€500.00 · €200.50 already paid');
    } finally {
      await setLanguage('fr');
    }
  });
});

describe('the import’s counts', () => {
  it('are written as French writes numbers (1 200, not 1200), in the preview and the row errors alike', async () => {
    const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
    const items = Array.from({ length: 1_220 }, (_, i) => ({ row: i + 2, number: `BIG-${i}`, action: 'create' as const, clientId: 'c1', newClient: false, clientKind: 'business' as const, status: 'sent' as const, ...amounts }));
    const view = renderInApp(<Preview report={{ status: 'done', dryRun: true, rows: 1_220, created: 1_220, existing: 0, clientsCreated: 0, items, errors: [] }} />);
    expect(plain(screen.getByText(/autres lignes/).textContent)).toBe('… et 1 200 autres lignes');
    view.unmount();
    const errors = Array.from({ length: 1_500 }, (_, i) => ({ row: i + 2, field: 'gross', message: 'is not an amount (1 234,56)' }));
    renderInApp(<RowErrors errors={errors} />);
    expect(plain(screen.getByRole('heading', { name: /Lignes à corriger/ }).textContent)).toBe('Lignes à corriger (1 500)');
  });
});

describe('an import once done', () => {
  it('puts the focus on what it says (the import button went, and the focus fell to the page’s top)', async () => {
    const { fakeApi } = await import('../../test/fake-api');
    const { default: ImportScreen } = await import('./import-screen');
    const userEvent = (await import('@testing-library/user-event')).default;
    const item = { row: 2, number: 'A-001', action: 'create', clientId: 'c1', newClient: false, clientKind: 'business', status: 'sent', ...amounts };
    fakeApi(({ method, path }) =>
      method === 'POST' && path === '/imports/invoices?dryRun=true'
        ? { status: 200, body: { status: 'done', dryRun: true, rows: 1, created: 1, existing: 0, clientsCreated: 0, items: [item], errors: [] } }
        : method === 'POST' && path === '/imports/invoices?dryRun=false'
          ? { status: 201, body: { status: 'done', dryRun: false, rows: 1, created: 1, existing: 0, clientsCreated: 0, items: [item], errors: [] } }
          : undefined,
    );
    renderInApp(<ImportScreen />);
    const csv = 'Numéro;Client;E-mail;Date facture;Échéance;TTC\nA-001;Café du Port;cafe@port.test;01/10/2026;31/10/2026;1 200,00\n';
    await userEvent.upload(screen.getByLabelText('Fichier CSV'), new File([csv], 'factures.csv', { type: 'text/csv' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Importer 1 facture' }));
    const done = await screen.findByTestId('import-done');
    expect(document.activeElement).toBe(done);
  });
});

describe('the import’s file chooser', () => {
  it('is ours, in the user’s language (the browser’s own button said "Choose File" in a French screen), and the file still comes through the labelled input', async () => {
    const { default: ImportScreen } = await import('./import-screen');
    const { fakeApi } = await import('../../test/fake-api');
    const userEvent = (await import('@testing-library/user-event')).default;
    const calls = fakeApi(({ method, path }) =>
      method === 'POST' && path.startsWith('/imports/invoices') ? { status: 200, body: { status: 'done', dryRun: true, rows: 0, created: 0, existing: 0, clientsCreated: 0, items: [], errors: [] } } : undefined,
    );
    renderInApp(<ImportScreen />);
    const button = screen.getByTestId('file-button');
    expect(button.tagName).toBe('LABEL');
    expect(button.textContent).toBe('Choisir un fichier');
    expect(screen.getByText('Aucun fichier choisi')).toBeTruthy();
    const input = screen.getByLabelText('Fichier CSV') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(button.getAttribute('for')).toBe(input.id);
    await userEvent.upload(input, new File(['N° facture;Client\r\n'], 'factures.csv', { type: 'text/csv' }));
    expect(await screen.findByText('factures.csv')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
  });
});

describe('the import’s date order', () => {
  it('says a file read month first, with the date that shows it, and says nothing for a French file', async () => {
    const view = renderInApp(<DateOrderNote report={{ dateOrder: 'MM/DD/YYYY', dateOrderEvidence: { row: 3, field: 'dueDate', value: '04/15/2026' } }} />);
    // How it reads, rather than "check the preview" (which shows no date).
    expect(screen.getByTestId('import-date-order').textContent?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Dates lues mois d’abord (MM/JJ/AAAA, à l’américaine) : le fichier contient 04/15/2026 (ligne 3), impossible en JJ/MM/AAAA, lu le 15 avr. 2026 ; toutes ses dates sont lues ainsi (03/04 : le 4 mars). Si ce n’est pas l’ordre du fichier, corrigez-le avant d’importer.',
    );
    view.unmount();
    renderInApp(<DateOrderNote report={{ dateOrder: 'DD/MM/YYYY', dateOrderEvidence: { row: 2, field: 'dueDate', value: '15/05/2026' } }} />);
    expect(screen.queryByTestId('import-date-order')).toBeNull();
  });

  it('says in French a date of a mixed file', () => {
    renderInApp(<RowErrors errors={[{ row: 3, field: 'dueDate', message: 'reads only as MM/DD/YYYY (month first), while other dates of the file read only as JJ/MM/AAAA: write every date of the file in one order' }]} />);
    expect(table().map((r) => r.map(plain))).toEqual([['3', 'Échéance', 'se lit seulement en MM/JJ/AAAA (mois d’abord), alors que d’autres dates du fichier se lisent seulement en JJ/MM/AAAA : écrivez toutes les dates du fichier dans le même ordre']]);
  });
});
