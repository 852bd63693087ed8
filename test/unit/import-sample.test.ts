import { describe, expect, it } from 'vitest';
import { csvRows, validateRow } from '../../shared/domain/invoice-import.js';
import { importSample } from '../../web/src/features/import/sample.js';

/** The import screen's "Download a sample file": in the user's language, and a file the import takes as it is. */
describe('the import sample file', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`(${lang}) imports without a row error, each row with its kind and amounts`, () => {
      const { rows, errors } = csvRows(importSample(lang).content);
      expect(errors).toEqual([]);
      expect(rows).toHaveLength(2);
      const checked = rows.map((r) => validateRow(r));
      expect(checked.map((c) => ('ok' in c ? { kind: c.ok.client.kind, guessed: c.ok.client.kindGuessed ?? false } : c.errors))).toEqual([
        { kind: 'business', guessed: false },
        { kind: 'consumer', guessed: false },
      ]);
    });
  }

  it('speaks English to an English user: headers, kinds and file name', () => {
    const sample = importSample('en');
    const [header, ...lines] = sample.content.split('\r\n');
    expect(header).toBe('Number;Client;Email;SIREN;Kind;Issue date;Due date;Net;VAT;Gross;Already paid');
    expect(lines.join('\n')).not.toMatch(/professionnel|particulier|Mme/);
    expect(sample.fileName).toBe('relances-import-sample.csv');
    expect(importSample('fr').content.split('\r\n')[0]).toBe('N° facture;Client;E-mail;SIREN;Type;Date facture;Échéance;HT;TVA;TTC;Déjà réglé');
  });
});
