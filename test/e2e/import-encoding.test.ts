import { inject, beforeAll, describe, expect, it } from 'vitest';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * French Excel's « CSV (séparateur : point-virgule) » is Windows-1252, not UTF-8: `Échéance` and
 * `Électricité Gérard` arrive as bytes that are no UTF-8. The import says so, naming the body,
 * instead of answering a misleading missing column or importing mangled names.
 */
let t: FreshTenant;
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const FILE = 'N° facture;Client;E-mail;Date facture;Échéance;TTC\r\nW-1;Électricité Gérard;gerard@w.test;01/09/2026;01/10/2026;1 234,56\r\n';

beforeAll(async () => {
  t = await freshTenant('import-enc');
  await t.ok('PUT', '/settings', companySettings);
});

const upload = async (bytes: Uint8Array, contentType: string, query = '') => {
  const { token } = (await (await fetch(`${inject('apiUrl')}/local/token?tenant=${t.tenantId}`)).json()) as { token: string };
  const res = await fetch(`${inject('apiUrl')}/imports/invoices${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: bytes });
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any };
};

describe('POST /imports/invoices with a file that is not UTF-8', () => {
  it('answers 400 naming the body, with how to save the file, and writes nothing', async () => {
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(latin1(FILE), 'text/csv', query);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.type).toContain('application/problem+json');
      expect(res.json.errors).toEqual([{ path: 'body', message: expect.stringMatching(/UTF-8.*line 1/) }]);
    }
    // The web app reads the file as UTF-8 text and sends it as { csv }: the same answer, on body.csv.
    const json = await t.call('POST', '/imports/invoices', { csv: new TextDecoder().decode(latin1(FILE)) });
    expect([json.status, json.json.errors]).toEqual([400, [{ path: 'body.csv', message: expect.stringMatching(/UTF-8.*line 1/) }]]);
    expect((await t.ok('GET', '/invoices')).items).toEqual([]);
    expect((await t.ok('GET', '/clients')).items).toEqual([]);
  });

  it('reads the same file as UTF-8, BOM or not', async () => {
    for (const text of [FILE, `\ufeff${FILE}`]) {
      const res = await upload(new TextEncoder().encode(text), 'text/csv; charset=utf-8', '?dryRun=true');
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      expect(res.json).toMatchObject({ created: 1, errors: [] });
    }
  });
});

describe('POST /imports/invoices with the file as bytes', () => {
  it('reads a Windows-1252 file sent as application/octet-stream (or as Excel names it), accents kept', async () => {
    const res = await upload(latin1(FILE), 'application/octet-stream');
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ created: 1, errors: [] });
    expect((await t.ok('GET', '/clients')).items.map((c: { name: string }) => c.name)).toEqual(['Électricité Gérard']);
    const excel = await upload(latin1(FILE.replace('W-1;', 'W-2;')), 'application/vnd.ms-excel', '?dryRun=true');
    expect([excel.status, excel.json.created, excel.json.errors]).toEqual([200, 1, []]);
    const utf8 = await upload(new TextEncoder().encode(FILE.replace('W-1;', 'W-3;')), 'application/octet-stream', '?dryRun=true');
    expect([utf8.status, utf8.json.created, utf8.json.errors]).toEqual([200, 1, []]);
  });

  it('names the content types it reads when sent another one', async () => {
    const res = await upload(new TextEncoder().encode(FILE), 'application/x-www-form-urlencoded', '?dryRun=true');
    expect([res.status, res.json.errors]).toEqual([400, [{ path: 'headers.content-type', message: 'must be text/csv (or application/octet-stream for the file as is) or application/json' }]]);
  });
});

