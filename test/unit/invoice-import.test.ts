import { describe, expect, it } from 'vitest';
import { csvRows, dateOrderOf, MIXED_DATE_ORDER, parseAmount, parseCsv, parseDate, validateRow } from '../../shared/domain/invoice-import.js';

describe('reading invoices exported elsewhere', () => {
  it('reads French and English amounts to the cent', () => {
    expect(['1 234,56', '1\u00a0234,56 €', '1.234,56', '1234.56', '1,234.56', '12', '0,5', 'EUR 3,10'].map(parseAmount)).toEqual([123_456, 123_456, 123_456, 123_456, 123_456, 1_200, 50, 310]);
    expect(['abc', '1,2,3', '12,345,6', '1.2.3'].map(parseAmount)).toEqual([undefined, undefined, undefined, undefined]);
    // `1,500` or `10,123` alone: 1 500 € in English, 1,50 € or 10,123 € with three decimals in French; never guessed.
    expect(['1,500', '10,123', '1,234,567', '12,345.6'].map(parseAmount)).toEqual([undefined, undefined, 123_456_700, 1_234_560]);
  });

  it('reads JJ/MM/AAAA and ISO dates, refusing impossible ones', () => {
    expect(['31/12/2026', '1/2/2026', '2026-02-28', '31.01.2026'].map((d) => parseDate(d))).toEqual(['2026-12-31', '2026-02-01', '2026-02-28', '2026-01-31']);
    expect(['32/10/2025', '29/02/2026', '2026-13-01', ''].map((d) => parseDate(d))).toEqual([undefined, undefined, undefined, undefined]);
    // Two-digit years, as spreadsheets often show dates: 20AA.
    expect(['31/12/26', '1/2/27', '31.01.26', '31/12/026'].map((d) => parseDate(d))).toEqual(['2026-12-31', '2027-02-01', '2026-01-31', undefined]);
    // A date cell exported with its time (00:00): the day; a time zone or a time alone is not a date.
    expect(['01/10/2026 00:00', '2026-10-01T00:00:00', '2026-10-01 13:45:30.5', '1/2/27 0:00', '2026-10-01T00:00:00Z', '00:00', '32/10/2026 00:00'].map((d) => parseDate(d))).toEqual(['2026-10-01', '2026-10-01', '2026-10-01', '2027-02-01', undefined, undefined, undefined]);
  });

  it('reads MM/DD/YYYY when told, and finds a file\'s order from the dates only one order reads (French by default)', () => {
    expect(['03/04/2026', '04/15/2026', '15/04/2026', '2026-04-15', '4/15/26 0:00'].map((d) => parseDate(d, 'MM/DD/YYYY'))).toEqual(['2026-03-04', '2026-04-15', undefined, '2026-04-15', '2026-04-15']);
    const rows = (...dates: [string, string][]) => dates.map(([issueDate, dueDate], i) => ({ row: i + 2, issueDate, dueDate }));
    expect(dateOrderOf(rows(['03/04/2026', '04/05/2026']))).toEqual({ order: 'DD/MM/YYYY' });
    expect(dateOrderOf(rows(['03/04/2026', '04/05/2026'], ['04/01/2026', '04/30/2026']))).toEqual({ order: 'MM/DD/YYYY', evidence: { row: 3, field: 'dueDate', value: '04/30/2026' } });
    expect(dateOrderOf(rows(['13/04/2026', '04/05/2026']))).toEqual({ order: 'DD/MM/YYYY', evidence: { row: 2, field: 'issueDate', value: '13/04/2026' } });
    expect(dateOrderOf(rows(['13/04/2026', '04/05/2026'], ['04/01/2026', '04/30/2026']))).toMatchObject({ order: 'DD/MM/YYYY', mixed: true });
    // A date no order reads (02/30, 31/31) proves nothing.
    expect(dateOrderOf(rows(['02/30/2026', '31/31/2026']))).toEqual({ order: 'DD/MM/YYYY' });
    const mixed = validateRow({ row: 3, number: 'A', clientName: 'C', email: 'c@c.test', issueDate: '04/01/2026', dueDate: '04/30/2026', gross: '10' }, 'DD/MM/YYYY');
    expect('errors' in mixed && mixed.errors).toEqual([{ row: 3, field: 'dueDate', message: MIXED_DATE_ORDER }]);
  });

  it('says an empty date cell is required, not "not a date" (the user looked for a typo in an empty cell)', () => {
    const base = { row: 7, number: 'EXT-013', clientName: 'Plâtrerie Ôde', email: 'o@de.test', issueDate: '01/10/2026', dueDate: '31/10/2026', gross: '250,50' };
    for (const field of ['dueDate', 'issueDate'] as const) {
      const r = validateRow({ ...base, [field]: ' ' }, 'DD/MM/YYYY');
      expect('errors' in r && r.errors).toEqual([{ row: 7, field, message: 'is required' }]);
    }
    const typo = validateRow({ ...base, dueDate: '31/13/2026' }, 'DD/MM/YYYY');
    expect('errors' in typo && typo.errors).toEqual([{ row: 7, field: 'dueDate', message: 'is not a date (JJ/MM/AAAA or AAAA-MM-JJ)' }]);
  });

  it('splits quoted fields, keeps the line each record starts on, skips blank lines, detects the delimiter', () => {
    expect(parseCsv('a;b\r\n"x;y";"he said ""hi"""\r\n\r\n1;2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;y', 'he said "hi"'] },
      { line: 4, fields: ['1', '2'] },
    ]);
    expect(parseCsv('a,b\n"1,5",2').map((r) => r.fields)).toEqual([['a', 'b'], ['1,5', '2']]);
  });

  it('reads what is still owed (Reste à payer, Solde) as what was paid when the file has no paid column', () => {
    const read = (csv: string) => csvRows(csv).rows.map((r) => validateRow(r)).map((r) => ('ok' in r ? r.ok.paidCents : r.errors.map((e) => e.field)));
    // Another tool's export: a paid invoice (nothing left) must not come in owed, and be chased.
    expect(read("Numéro;Date;Date d'échéance;Client;Montant TTC;Reste à payer\nFA-1;01/10/2026;31/10/2026;Dupont;120,00;0,00\nFA-2;01/10/2026;31/10/2026;Dupont;120,00;20,00\nFA-3;01/10/2026;31/10/2026;Dupont;120,00;\n")).toEqual([12_000, 10_000, 0]);
    expect(read('N°;Date;Échéance;Client;TTC;Avoirs;Restant dû\nFA-4;01/10/2026;31/10/2026;Dupont;120,00;20,00;100,00\nFA-5;01/10/2026;31/10/2026;Dupont;120,00;0;130,00\n')).toEqual([0, ['remaining']]);
    // Neither: a status saying it is settled (`Payée`, `Réglée`, `paid`) is read; any other leaves it owed.
    expect(read('Numéro;Date;Échéance;Client;TTC;Statut\nFA-6;01/10/2026;31/10/2026;Dupont;120,00;Payée\nFA-7;01/10/2026;31/10/2026;Dupont;120,00;En retard\nFA-8;01/10/2026;31/10/2026;Dupont;120,00;réglée\n')).toEqual([12_000, 0, 12_000]);
    // Our own export gives both: what was paid is the column read.
    expect(read('Numéro;Client;Date facture;Échéance;TTC;Réglé;Avoirs;Solde\nF-1;Dupont;01/10/2026;31/10/2026;120,00;20,00;0,00;100,00\n')).toEqual([2_000]);
  });

  it('reads the client type as tools write it', () => {
    const kindOf = (kind: string) => {
      const r = validateRow({ row: 2, number: 'F-1', clientName: 'X', email: 'x@x.test', kind, issueDate: '2026-01-01', dueDate: '2026-02-01', gross: '10' });
      return 'ok' in r ? r.ok.client.kind : r.errors.map((e) => e.field);
    };
    expect(['Société', 'Personne morale', 'PROFESSIONNELLE', 'Personne physique', 'Particulière', 'alien'].map(kindOf)).toEqual(['business', 'business', 'business', 'consumer', 'consumer', ['kind']]);
    // No type: a SIREN says a firm, a civility a private person (owed no €40 indemnity), else a business; each said to be guessed.
    const guessed = (clientName: string, siren?: string) => {
      const r = validateRow({ row: 2, number: 'F-1', clientName, email: 'x@x.test', ...(siren ? { siren } : {}), issueDate: '2026-01-01', dueDate: '2026-02-01', gross: '10' });
      return 'ok' in r ? `${r.ok.client.kind}${r.ok.client.kindGuessed ? '?' : ''}` : r.errors.map((e) => e.field).join();
    };
    expect(['Mme Martin', 'M. Durand', 'M et Mme Petit', 'Monsieur Roux', 'MR. SMITH', 'Madame Blanc', 'Garage Martin', 'Mmes Sarl', 'Martin SARL'].map((n) => guessed(n)))
      .toEqual(['consumer?', 'consumer?', 'consumer?', 'consumer?', 'consumer?', 'consumer?', 'business?', 'business?', 'business?']);
    expect(guessed('Mme Martin', '732829320')).toBe('business?');
    expect(kindOf('particulier') === 'consumer' && validateRow({ row: 2, number: 'F-1', clientName: 'Mme X', email: 'x@x.test', kind: 'pro', issueDate: '2026-01-01', dueDate: '2026-02-01', gross: '10' })).toMatchObject({ ok: { client: { kind: 'business' } } });
  });

  it('says a file holding its header and no invoice (blank lines at most) has nothing to import, as the empty file and the empty JSON list are told', () => {
    // It answered `created: 0` and no error: the screen showed an import that did nothing, without saying why.
    const header = 'N° facture;Client;E-mail;Date facture;Échéance;TTC';
    for (const csv of [header, `${header}\r\n`, `${header}\r\n\r\n;;;;;\r\n\r\n`, `sep=;\n${header}\n`]) {
      expect(csvRows(csv), JSON.stringify(csv)).toEqual({ rows: [], errors: [{ row: csv.startsWith('sep=') ? 2 : 1, field: 'header', message: 'has no invoice row under it' }] });
    }
    expect(csvRows(`${header}\r\nF-1;X;x@x.test;01/10/2026;31/10/2026;10\r\n`).errors).toEqual([]);
  });

  it('reads a cancelled status as a credit note for what was left, and refuses a draft: neither comes in owed and chased', () => {
    // Another tool's export of every invoice (Statut « Annulée », « Brouillon ») without an Avoirs column: both came in
    // `sent`, owed, and got the catch-up reminder the next morning; a draft was never issued.
    const row = { row: 2, number: 'X-1', clientName: 'Garage', email: 'g@x.test', issueDate: '01/10/2026', dueDate: '31/10/2026', gross: '100,00' };
    for (const state of ['Annulée', 'annulee', 'Cancelled', 'canceled']) {
      expect(validateRow({ ...row, state }), state).toMatchObject({ ok: { grossCents: 10_000, paidCents: 0, creditedCents: 10_000 } });
    }
    // Partly paid then cancelled: the rest is credited. With an Avoirs column, that column is the one read.
    expect(validateRow({ ...row, state: 'Annulée', paid: '30,00' })).toMatchObject({ ok: { paidCents: 3_000, creditedCents: 7_000 } });
    expect(validateRow({ ...row, state: 'Annulée', credited: '40,00' })).toMatchObject({ ok: { paidCents: 0, creditedCents: 4_000 } });
    for (const state of ['Brouillon', 'draft']) {
      expect(validateRow({ ...row, state }), state).toEqual({ errors: [{ row: 2, field: 'state', message: 'is a draft: never issued, so nothing to import (import issued invoices only)' }] });
    }
    expect(validateRow({ ...row, state: 'Envoyée' })).toMatchObject({ ok: { paidCents: 0, creditedCents: 0 } });
  });

  it('names the missing columns, and each bad field of a row', () => {
    expect(csvRows('foo;bar\n1;2').errors.map((e) => e.field)).toEqual(['number', 'clientName', 'issueDate', 'dueDate', 'gross']);
    const bad = validateRow({ row: 3, number: 'F-1', clientName: 'X', email: 'nope', siren: '12', kind: 'alien', issueDate: '2026-02-01', dueDate: '2026-01-01', net: '10', vat: '2', gross: '13', paid: '-1' });
    expect('errors' in bad && bad.errors.map((e) => e.field)).toEqual(['email', 'siren', 'kind', 'dueDate', 'paid', 'gross']);
  });

  it('derives the gross from net and VAT, and net from gross and VAT', () => {
    const a = validateRow({ row: 2, number: 'F-1', clientName: 'X', issueDate: '2026-01-01', dueDate: '2026-02-01', net: '100', vat: '20' });
    expect('ok' in a && [a.ok.netCents, a.ok.vatCents, a.ok.grossCents, a.ok.client.kind]).toEqual([10_000, 2_000, 12_000, 'business']);
    const b = validateRow({ row: 2, number: 'F-1', clientName: 'X', kind: 'Particulier', issueDate: '2026-01-01', dueDate: '2026-02-01', vat: '20', gross: '120' });
    expect('ok' in b && [b.ok.netCents, b.ok.client.kind]).toEqual([10_000, 'consumer']);
  });

  it("reads our own export back: the formula guard ' dropped, credit notes (Avoirs) kept apart from what was paid", () => {
    const { rows } = csvRows(
      "Numéro;Client;E-mail;SIREN;Type;Date facture;Échéance;HT;TVA;TTC;Réglé;Avoirs;Solde;Statut\r\n'-12;'=Garage;'-x@y.test;;professionnel;31/01/2026;02/03/2026;10,00;2,00;12,00;1,00;2,50;8,50;partiellement payée\r\n",
    );
    const row = validateRow(rows[0]!);
    expect('ok' in row && [row.ok.number, row.ok.client.name, row.ok.client.email, row.ok.issueDate, row.ok.grossCents, row.ok.paidCents, row.ok.creditedCents]).toEqual(['-12', '=Garage', '-x@y.test', '2026-01-31', 1_200, 100, 250]);
    const over = validateRow({ row: 2, number: 'F-1', clientName: 'X', issueDate: '2026-01-01', dueDate: '2026-02-01', gross: '12', paid: '10', credited: '3' });
    expect('errors' in over && over.errors).toEqual([{ row: 2, field: 'credited', message: 'with what was paid, is more than the gross amount' }]);
  });

  it('knows the usual French headers for what was paid and credited (Montant avoir, Total réglé, Paiements reçus…)', () => {
    for (const [paid, credited] of [['Total réglé', 'Montant avoir'], ['Paiements reçus', 'Total avoirs'], ['Montant encaissé', 'Avoirs TTC']]) {
      const { rows } = csvRows(`Numéro;Client;Date facture;Échéance;TTC;${paid};${credited}\r\nF-9;Garage;31/01/2026;02/03/2026;12,00;1,00;2,50\r\n`);
      expect([rows[0]!.paid, rows[0]!.credited]).toEqual(['1,00', '2,50']);
    }
  });

  it('tells a negative or unreadable amount once, not again as more paid than billed', () => {
    const negative = validateRow({ row: 3, number: 'T-2', clientName: 'X', issueDate: '2026-09-01', dueDate: '2026-10-01', gross: '-5,00' });
    expect('errors' in negative && negative.errors).toEqual([{ row: 3, field: 'gross', message: 'is negative (a credit note? put its amount in the Avoirs column of the invoice it credits)' }]);
    // A credit note exported as a row (HT, TVA and TTC negative): said once, with where its amount goes.
    const credit = validateRow({ row: 4, number: 'AV-1', clientName: 'X', issueDate: '2026-09-01', dueDate: '2026-10-01', net: '-100,00', vat: '-20,00', gross: '-120,00' });
    expect('errors' in credit && credit.errors.map((e) => e.field)).toEqual(['net']);
    const paid = validateRow({ row: 5, number: 'T-4', clientName: 'X', issueDate: '2026-09-01', dueDate: '2026-10-01', gross: '12', paid: '-1' });
    expect('errors' in paid && paid.errors).toEqual([{ row: 5, field: 'paid', message: 'must not be negative' }]);
    const unreadable = validateRow({ row: 4, number: 'T-3', clientName: 'X', issueDate: '2026-09-01', dueDate: '2026-10-01', net: '10', vat: 'abc', gross: '12', paid: '2' });
    expect('errors' in unreadable && unreadable.errors).toEqual([{ row: 4, field: 'vat', message: 'is not an amount (1 234,56)' }]);
  });

  it('reads the headers French tools write in full (Numéro de facture, Date d’échéance, Adresse e-mail, Montant payé…)', () => {
    const header = 'Numéro de facture;Raison sociale;Adresse e-mail;N° SIREN;Date de facture;Date d’échéance;Total HT;Montant TVA;Total TTC;Montant payé';
    const { rows, errors } = csvRows(`${header}\nF-9;Garage;g@g.test;552 100 554;01/09/2026;01/10/2026;100,00;20,00;120,00;20,00\n`);
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({ row: 2, number: 'F-9', clientName: 'Garage', email: 'g@g.test', siren: '552 100 554', issueDate: '01/09/2026', dueDate: '01/10/2026', net: '100,00', vat: '20,00', gross: '120,00', paid: '20,00' });
    const alt = csvRows("N° de facture;Client;Courriel;SIRET;Date d'émission;Date d'échéance;Montant TTC;Montant réglé\nF-9;G;g@g.test;;01/09/2026;01/10/2026;12;0\n");
    expect(alt.errors).toEqual([]);
    expect(Object.keys(alt.rows[0]!).sort()).toEqual(['clientName', 'dueDate', 'email', 'gross', 'issueDate', 'number', 'paid', 'row', 'siren']);
  });

  it('reads a header with its unit or TTC after it (Total TTC (EUR), Restant dû TTC, Montant réglé TTC) and the usual variants (Facture n°, Restant à payer, Statut paiement)', () => {
    const fields = (header: string) => Object.keys(csvRows(`${header}\nF-1;G;01/09/2026;01/10/2026;120,00;20,00\n`).rows[0] ?? {}).sort();
    const base = ['clientName', 'dueDate', 'gross', 'issueDate', 'number', 'row'];
    // A paid amount under a header not read left a paid invoice owed, and chased, after the import.
    for (const [header, field] of [
      ['N° facture;Client;Date;Échéance;Total TTC (EUR);Restant à payer', 'remaining'],
      ['Facture n°;Client;Date;Échéance;Total TTC;Restant dû TTC', 'remaining'],
      ['Numéro;Client;Date;Échéance;Montant TTC en euros;Montant réglé TTC', 'paid'],
      ['Numéro;Client;Date;Échéance;Total (EUR);Montant restant à payer', 'remaining'],
      ['Numéro;Client;Date;Échéance;TTC;Total encaissé', 'paid'],
      ['Numéro;Client;Date;Échéance;TTC;Statut paiement', 'state'],
      ['Numéro;Client;Date;Due;TTC;Solde restant', 'remaining'],
    ] as const) expect(fields(header), header).toEqual([...base, field].sort());
    const read = (header: string) => csvRows(`${header}\nF-1;G;g@g.test;01/09/2026;01/10/2026;120,00;0,00\n`).rows.map((r) => validateRow(r)).map((r) => ('ok' in r ? r.ok.paidCents : r.errors));
    expect(read('Facture n°;Client;E-mail;Date;Échéance;Total TTC (EUR);Restant à payer')).toEqual([12_000]);
    // HT stays HT: a net amount is never read as the gross.
    expect(fields('Numéro;Client;Date;Échéance;Montant HT (EUR);TVA (EUR)')).toEqual(['clientName', 'dueDate', 'issueDate', 'net', 'number', 'row', 'vat']);
  });

  it('reads a file that opens with Excel\'s delimiter line (sep=;), rows still numbered by their line', () => {
    expect(parseCsv('sep=;\r\nNuméro;Client\r\n"F,1";Garage; Martin\r\n')).toEqual([
      { line: 2, fields: ['Numéro', 'Client'] },
      { line: 3, fields: ['F,1', 'Garage', ' Martin'] },
    ]);
    expect(parseCsv('\ufeffSEP=,\na;b,c\n').map((r) => r.fields)).toEqual([['a;b', 'c']]);
    // Excel's « CSV (Macintosh) » ends lines with CR alone: the delimiter is the header's, not the whole file's (French decimals are commas).
    expect(parseCsv('sep=;\rN;C\r1;2\r').map((r) => [r.line, r.fields])).toEqual([[2, ['N', 'C']], [3, ['1', '2']]]);
    expect(parseCsv('N;C\r"a, b, c";1,00\r"d, e, f";2,00\r"g, h";3,00\r').map((r) => r.fields)).toEqual([['N', 'C'], ['a, b, c', '1,00'], ['d, e, f', '2,00'], ['g, h', '3,00']]);
    // Tab-separated (Excel's « Texte (séparateur : tabulation) », cells copied from a sheet).
    expect(parseCsv('N° facture\tClient\tTTC\r\nF-1\tDupont, Martin; fils\t1 234,56\r\n').map((r) => r.fields)).toEqual([['N° facture', 'Client', 'TTC'], ['F-1', 'Dupont, Martin; fils', '1 234,56']]);
    expect(parseCsv('sep=\t\na;b\tc\n').map((r) => r.fields)).toEqual([['a;b', 'c']]);
    const { rows, errors } = csvRows('sep=;\nNuméro;Client;Date;Échéance;TTC\nF-1;Garage;01/10/2026;31/10/2026;120,00\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ row: 3, number: 'F-1', clientName: 'Garage', issueDate: '01/10/2026', dueDate: '31/10/2026', gross: '120,00' }]);
  });

  it('reads the client from Client, not from a contact Nom column beside it (two headers naming one field)', () => {
    // A contact's name (Nom), a generic Date or N° next to the specific column: the specific one is the field, wherever it stands.
    const { rows } = csvRows('Nom;N°;Numéro de facture;Client;Date;Date facture;Échéance;TTC\nM. Durand;12;F-1;Garage Central SARL;02/10/2026;01/10/2026;31/10/2026;120,00\n');
    expect([rows[0]!.clientName, rows[0]!.number, rows[0]!.issueDate]).toEqual(['Garage Central SARL', 'F-1', '01/10/2026']);
    // Two specific ones: the first (leftmost) is read, never the last overwriting it.
    const both = csvRows('Numéro;Client;Raison sociale;Date;Échéance;TTC\nF-2;Garage du Port;Garage du Port SAS;01/10/2026;31/10/2026;12\n');
    expect(both.rows[0]!.clientName).toBe('Garage du Port');
    // What was paid beats a deposit column (Acompte) beside it.
    const paid = csvRows('Numéro;Client;Date;Échéance;TTC;Acompte;Déjà réglé\nF-3;G;01/10/2026;31/10/2026;120;30;120\n');
    expect(paid.rows[0]!.paid).toBe('120');
  });

  it('refuses a row whose status says partly paid without saying how much: it came in fully owed (chased for it all), or fully paid with a payment date', () => {
    const read = (csv: string) => csvRows(csv).rows.map((r) => validateRow(r)).map((r) => ('ok' in r ? r.ok.paidCents : r.errors.map((e) => `${e.field}: ${e.message}`)));
    const header = "Numéro;Date;Client;Montant TTC;Statut;Date d'échéance;Date de paiement";
    const refused = ['state: says partly paid, but the row gives neither what was paid (Déjà réglé) nor what is left (Reste à payer): add one of them'];
    expect(read(`${header}\nH-1;01/09/2026;Dupont;1 200,00;Partiellement payée;01/10/2026;\nH-2;01/09/2026;Dupont;1 200,00;Partiellement payée;01/10/2026;15/10/2026\nH-3;01/09/2026;Dupont;1 200,00;partially paid;01/10/2026;\nH-4;01/09/2026;Dupont;1 200,00;Payée;01/10/2026;15/10/2026\n`))
      .toEqual([refused, refused, refused, 120_000]);
    // With the amount paid, or what is left, it is read as before (our own export writes both).
    expect(read('Numéro;Date;Client;TTC;Statut;Échéance;Déjà réglé\nH-5;01/09/2026;Dupont;1 200,00;Paiement partiel;01/10/2026;200,00\n')).toEqual([20_000]);
    expect(read('Numéro;Date;Client;TTC;Statut;Échéance;Reste à payer\nH-6;01/09/2026;Dupont;1 200,00;Réglée partiellement;01/10/2026;1 000,00\n')).toEqual([20_000]);
  });

  it('reads the client from a Société column, as CRMs name it', () => {
    const { rows, errors } = csvRows('Numéro;Société;Date;Échéance;TTC\nF-1;Garage Central;01/10/2026;31/10/2026;120,00\n');
    expect(errors).toEqual([]);
    expect(rows[0]!.clientName).toBe('Garage Central');
  });

  it('reads a Payée column saying oui / non, and a payment date, as settled: a paid invoice never comes in owed (and chased)', () => {
    const read = (csv: string) => csvRows(csv).rows.map((r) => validateRow(r)).map((r) => ('ok' in r ? r.ok.paidCents : r.errors.map((e) => `${e.field}: ${e.message}`)));
    // A spreadsheet kept by hand: a yes/no column, whatever its header (Payée, Réglée, Payé).
    expect(read('Numéro;Client;Date;Échéance;TTC;Payée\nA-1;Dupont;01/10/2026;31/10/2026;120,00;Oui\nA-2;Dupont;01/10/2026;31/10/2026;120,00;non\nA-3;Dupont;01/10/2026;31/10/2026;120,00;X\nA-4;Dupont;01/10/2026;31/10/2026;120,00;\nA-5;Dupont;01/10/2026;31/10/2026;120,00;peut-être\n'))
      .toEqual([12_000, 0, 12_000, 0, ['paid: is not an amount (1 234,56)']]);
    expect(read('Numéro;Client;Date;Échéance;TTC;Avoirs;Réglée\nA-6;Dupont;01/10/2026;31/10/2026;120,00;20,00;oui\n')).toEqual([10_000]);
    // Beside an amount paid, the yes/no column is not the one read.
    expect(read('Numéro;Client;Date;Échéance;TTC;Payée;Montant payé\nA-9;Dupont;01/10/2026;31/10/2026;120,00;non;50,00\n')).toEqual([5_000]);
    expect(read('Numéro;Client;Date;Échéance;TTC;Payé\nA-7;Dupont;01/10/2026;31/10/2026;120,00;Payé\nA-8;Dupont;01/10/2026;31/10/2026;120,00;20,00\n')).toEqual([12_000, 2_000]);
    // Another tool's export: the date it was paid on says it is settled, when the file gives no amount paid.
    expect(read('Numéro;Client;Date;Échéance;TTC;Date de paiement\nB-1;Dupont;01/10/2026;31/10/2026;120,00;05/11/2026\nB-2;Dupont;01/10/2026;31/10/2026;120,00;\nB-3;Dupont;01/10/2026;31/10/2026;120,00;bientôt\n'))
      .toEqual([12_000, 0, ['paidOn: is not a date (JJ/MM/AAAA or AAAA-MM-JJ)']]);
    expect(read('Numéro;Client;Date;Échéance;TTC;Réglé;Date de règlement\nB-4;Dupont;01/10/2026;31/10/2026;120,00;20,00;05/11/2026\n')).toEqual([2_000]);
    // A paid cell left empty says nothing: the payment date, the status or what is owed beside it is read.
    expect(read('Numéro;Client;Date;Échéance;TTC;Payée;Date de paiement;Statut\nB-5;Dupont;01/10/2026;31/10/2026;120,00;;05/11/2026;\nB-6;Dupont;01/10/2026;31/10/2026;120,00;;;Réglée\nB-7;Dupont;01/10/2026;31/10/2026;120,00;;;\n')).toEqual([12_000, 12_000, 0]);
    expect(read('Numéro;Client;Date;Échéance;TTC;Réglé;Reste à payer\nB-8;Dupont;01/10/2026;31/10/2026;120,00;;20,00\n')).toEqual([10_000]);
  });

  it('refuses a date whose year is a typo (0026, 1926, 2206): imported, it was chased at once or never', () => {
    const row = (issueDate: string, dueDate: string) => validateRow({ row: 2, number: 'F-1', clientName: 'X', email: 'x@x.test', issueDate, dueDate, gross: '120' });
    const fields = (r: ReturnType<typeof row>) => ('errors' in r ? r.errors.map((e) => `${e.field}: ${e.message}`) : []);
    expect(fields(row('01/10/0026', '31/10/2026'))).toEqual(['issueDate: is not between 2000 and 2099 (a typo in the year?)']);
    expect(fields(row('01/10/1926', '31/10/1926'))).toEqual(['issueDate: is not between 2000 and 2099 (a typo in the year?)', 'dueDate: is not between 2000 and 2099 (a typo in the year?)']);
    expect(fields(row('01/10/2026', '31/10/2206'))).toEqual(['dueDate: is not between 2000 and 2099 (a typo in the year?)']);
    expect(fields(row('01/01/2000', '31/12/2099'))).toEqual([]);
  });

  it('reads the headers English tools write (Invoice No., Invoice Date, Total, Tax, Balance Due) and the short French ones (Montant, Émise le)', () => {
    const en = csvRows('Invoice No.,Customer,Customer Email,Invoice Date,Due Date,Subtotal,Tax,Total,Balance Due\nINV-1,Acme,a@acme.test,2026-10-01,2026-10-31,100.00,20.00,120.00,20.00\n');
    expect(en.errors).toEqual([]);
    expect(en.rows[0]).toEqual({ row: 2, number: 'INV-1', clientName: 'Acme', email: 'a@acme.test', issueDate: '2026-10-01', dueDate: '2026-10-31', net: '100.00', vat: '20.00', gross: '120.00', remaining: '20.00' });
    const fr = csvRows('Facture;Client;Émise le;À payer avant le;Total\nF-1;Dupont;01/10/2026;31/10/2026;120,00\n');
    expect(fr.errors).toEqual([]);
    expect(fr.rows[0]).toEqual({ row: 2, number: 'F-1', clientName: 'Dupont', issueDate: '01/10/2026', dueDate: '31/10/2026', gross: '120,00' });
    // Beside a column naming the gross exactly, a loose Total is not read; `Montant` alone (HT or TTC?) is never guessed.
    expect(csvRows('N°;Client;Date;Échéance;Montant HT;TTC;Total\nF-2;D;01/10/2026;31/10/2026;100;120;999\n').rows[0]!.gross).toBe('120');
    expect(csvRows('N°;Client;Date;Échéance;Montant;TVA\nF-3;D;01/10/2026;31/10/2026;100;20\n').errors.map((e) => e.field)).toEqual(['gross']);
  });

  it('refuses a TVA column holding the rate (20) rather than the amount when the file gives no TTC: it billed 1 020 € for 1 200 €', () => {
    const row = (net: string, vat: string, gross?: string) => validateRow({ row: 2, number: 'F-1', clientName: 'X', issueDate: '2026-10-01', dueDate: '2026-10-31', net, vat, ...(gross ? { gross } : {}) });
    const read = (r: ReturnType<typeof row>) => ('ok' in r ? r.ok.grossCents : r.errors.map((e) => `${e.field}: ${e.message}`));
    expect(read(row('1 000,00', '20'))).toEqual(['vat: looks like a VAT rate rather than an amount (give the VAT amount, or the TTC)']);
    expect(read(row('1 000,00', '5,5'))).toEqual(['vat: looks like a VAT rate rather than an amount (give the VAT amount, or the TTC)']);
    // An amount that is a rate's figure by chance, but the right VAT of the net: read as an amount.
    expect(read(row('100,00', '20,00'))).toEqual(12_000);
    expect(read(row('200,00', '20,00'))).toEqual(22_000);
    expect(read(row('1 000,00', '200,00'))).toEqual(120_000);
    // With the TTC given, net + VAT = TTC is the check.
    expect(read(row('1 000,00', '20', '1 020,00'))).toEqual(102_000);
  });

  it('refuses a TVA column holding the rate (20) beside a TTC and no HT: the net came in as TTC − 20 € and the VAT as 20 €', () => {
    const row = (vat: string, gross: string) => validateRow({ row: 2, number: 'F-1', clientName: 'X', issueDate: '2026-10-01', dueDate: '2026-10-31', vat, gross });
    const read = (r: ReturnType<typeof row>) => ('ok' in r ? [r.ok.netCents, r.ok.vatCents] : r.errors.map((e) => `${e.field}: ${e.message}`));
    const rate = ['vat: looks like a VAT rate rather than an amount (give the VAT amount, or leave the TVA column out: the TTC is enough)'];
    expect(read(row('20', '1 200,00'))).toEqual(rate);
    expect(read(row('10', '1 100,00'))).toEqual(rate);
    expect(read(row('5,5', '1 055,00'))).toEqual(rate);
    // A rate's figure that is the VAT of the TTC at some rate, to the cent: an amount (100 + 20 = 120 €; 200 + 10 % = 220 €).
    expect(read(row('20,00', '120,00'))).toEqual([10_000, 2_000]);
    expect(read(row('20', '220,00'))).toEqual([20_000, 2_000]);
    expect(read(row('200,00', '1 200,00'))).toEqual([100_000, 20_000]);
    expect(read(row('0', '1 200,00'))).toEqual([120_000, 0]);
  });
});

describe('reading real exports: title lines, year-first dates, names typed on two lines', () => {
  it('skips title lines (and blank lines) above the header, rows still numbered by their line in the file', () => {
    // A reviewer's export: a title, a blank line, then the header. It reported every column missing.
    const csv = 'Export factures – Plomberie Martin – 27/11/2026\n\nN° facture;Client;Date facture;Échéance;TTC\nF-1;Garage;01/10/2026;31/10/2026;120,00\nF-2;Dupont;02/10/2026;01/11/2026;60,00\n';
    const { rows, errors } = csvRows(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 4, number: 'F-1', clientName: 'Garage', issueDate: '01/10/2026', dueDate: '31/10/2026', gross: '120,00' },
      { row: 5, number: 'F-2', clientName: 'Dupont', issueDate: '02/10/2026', dueDate: '01/11/2026', gross: '60,00' },
    ]);
    // Several title lines, one with cells left empty (a title in a merged cell), one with a comma, in a comma-separated file.
    const en = csvRows('Invoices export,,,,\r\nAcme Plumbing, Lyon\r\nInvoice No.,Customer,Invoice Date,Due Date,Total\r\nINV-1,Acme,2026-10-01,2026-10-31,120.00\r\n');
    expect(en.errors).toEqual([]);
    expect(en.rows).toEqual([{ row: 4, number: 'INV-1', clientName: 'Acme', issueDate: '2026-10-01', dueDate: '2026-10-31', gross: '120.00' }]);
    // After Excel's sep= line too; a row error names the file's line.
    const sep = csvRows('sep=;\nExport du 27/11/2026\nNuméro;Client;Date;Échéance;TTC\nF-1;Garage;01/10/2026;31/10/2026;abc\n');
    expect(sep.rows.map((r) => validateRow(r)).flatMap((r) => ('errors' in r ? r.errors : []))).toEqual([{ row: 4, field: 'gross', message: 'is not an amount (1 234,56)' }]);
    // A header only after its title: nothing to import, said on the header's line.
    expect(csvRows('Export factures\nN° facture;Client;Date facture;Échéance;TTC\n').errors).toEqual([{ row: 2, field: 'header', message: 'has no invoice row under it' }]);
    // No header in the first lines: the first line's columns are said missing, as before.
    expect(csvRows('foo;bar\n1;2').errors.map((e) => `${e.row}:${e.field}`)).toEqual(['1:number', '1:clientName', '1:issueDate', '1:dueDate', '1:gross']);
    const late = `${Array.from({ length: 10 }, (_, i) => `titre ${i}`).join('\n')}\nNuméro;Client;Date;Échéance;TTC\nF-1;Garage;01/10/2026;31/10/2026;120,00\n`;
    expect(csvRows(late).errors.map((e) => e.row)).toEqual([1, 1, 1, 1, 1]);
  });

  it('reads dates written year first with slashes (2026/09/01), as ISO ones', () => {
    expect(['2026/09/01', '2026/9/1', '2026/12/31 00:00'].map((d) => parseDate(d))).toEqual(['2026-09-01', '2026-09-01', '2026-12-31']);
    expect(['2026/09/01', '2026/12/31'].map((d) => parseDate(d, 'MM/DD/YYYY'))).toEqual(['2026-09-01', '2026-12-31']);
    expect(['2026/13/01', '2026/02/30', '2026/09/01/1', '26/09/01/2026'].map((d) => parseDate(d))).toEqual([undefined, undefined, undefined, undefined]);
    // Never evidence of a day or month order: it reads one way only.
    expect(dateOrderOf([{ row: 2, issueDate: '2026/04/15', dueDate: '2026/12/31' }])).toEqual({ order: 'DD/MM/YYYY' });
    const { rows } = csvRows('Numéro;Client;Date;Échéance;TTC\nF-1;Garage;2026/09/01;2026/10/01;120,00\n');
    expect(validateRow(rows[0]!)).toMatchObject({ ok: { issueDate: '2026-09-01', dueDate: '2026-10-01' } });
  });

  it('collapses a client name typed on two lines of a cell (or with runs of spaces) to single spaces', () => {
    const { rows } = csvRows('Numéro;Client;Date;Échéance;TTC\nF-1;"Garage Martin\r\net Fils";01/10/2026;31/10/2026;120,00\nF-2;"  SARL   Dupont \n";01/10/2026;31/10/2026;60,00\n');
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(rows.map((r) => validateRow(r)).map((r) => ('ok' in r ? r.ok.client.name : r.errors))).toEqual(['Garage Martin et Fils', 'SARL Dupont']);
    expect(validateRow({ row: 2, number: 'F-3', clientName: 'Mme\nMartin', issueDate: '2026-10-01', dueDate: '2026-10-31', gross: '10' })).toMatchObject({ ok: { client: { name: 'Mme Martin', kind: 'consumer' } } });
  });
});
