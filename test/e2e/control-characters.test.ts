import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, uniqueEmail } from './http.js';

/**
 * Text no one types (a NUL, an escape, a lone UTF-16 surrogate) is bad input: a 400 naming the
 * field, nothing written. It used to be stored as given and carried into the PDF, the emails and
 * the CSV export (found by fuzzing every route over HTTP).
 */
const paths = (res: { json: { errors?: { path: string; message: string }[] } }) => (res.json.errors ?? []).map((e) => `${e.path}: ${e.message}`);
const CONTROL = 'must not contain control characters (only tabs and line breaks)';
const SURROGATE = 'is not valid Unicode text (a lone surrogate)';

describe('control characters and lone surrogates', () => {
  it('are refused in a body, naming each field, and nothing is written', async () => {
    const owner = await aFreshTenant('ctl');
    const refused = await owner.post('/clients', aBusinessClientInput({ name: 'Dupont\u0000 SARL', email: uniqueEmail('ctl'), address: { line1: '1 rue\u001b[31m', postalCode: '75011', city: 'Paris' } }));
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(paths(refused)).toEqual([`body.name: ${CONTROL}`, `body.address.line1: ${CONTROL}`]);
    expect((await owner.get('/clients')).json.items).toEqual([]);

    const client = await owner.post('/clients', aBusinessClientInput({ email: uniqueEmail('ctl') }));
    expect(client.status).toBe(201);
    // JSON's \ud800 escape is a surrogate half alone: no character at all.
    const raw = JSON.stringify(anInvoiceInput(client.json.id, { lines: [{ description: 'Chauffe-eau', quantity: 1, unitPriceCents: 100, vatRate: 20 }] })).replace('Chauffe-eau', 'Chauffe\\ud800eau');
    const invoice = await owner.raw('POST', '/invoices', raw, { 'content-type': 'application/json' });
    expect(invoice.status).toBe(400);
    expect(paths(invoice)).toEqual([`body.lines.0.description: ${SURROGATE}`]);
    expect((await owner.get('/invoices')).json.items).toEqual([]);
  });

  it('are refused in a query, and tabs, line breaks and real characters beyond the BMP still pass', async () => {
    const owner = await aFreshTenant('ctl');
    const search = await owner.get('/clients?q=dupont%00');
    expect(search.status).toBe(400);
    expect(paths(search)).toEqual([`query.q: ${CONTROL}`]);

    const client = await owner.post('/clients', aBusinessClientInput({ name: 'Fleurs 🌷 Dupont', email: uniqueEmail('ctl') }));
    expect(client.status).toBe(201);
    const invoice = await owner.post('/invoices', anInvoiceInput(client.json.id, { notes: 'Ligne 1\r\nLigne 2\tfin' }));
    expect(invoice.status).toBe(201);
    expect(invoice.json.notes).toBe('Ligne 1\r\nLigne 2\tfin');
    expect((await owner.get(`/clients/${client.json.id}`)).json.name).toBe('Fleurs 🌷 Dupont');
  });

  it('are an import row\'s error naming its field, the other rows imported, as a CSV or JSON rows', async () => {
    const owner = await aFreshTenant('ctl');
    const csv = [
      'N° facture;Client;E-mail;Date facture;Échéance;TTC',
      'C1\u001b[31m;Dupont\u0000 SARL;d@ctl.test;01/09/2026;01/10/2026;12',
      'C2;Bon Client;b@ctl.test;01/09/2026;01/10/2026;12',
    ].join('\r\n');
    const dry = await owner.raw('POST', '/imports/invoices?dryRun=true', csv, { 'content-type': 'text/csv' });
    expect(dry.status).toBe(200);
    expect(dry.json.errors).toEqual([
      { row: 2, field: 'client', message: CONTROL },
      { row: 2, field: 'number', message: CONTROL },
    ]);
    expect(dry.json.items.map((i: { number: string }) => i.number)).toEqual(['C2']);
    const done = await owner.raw('POST', '/imports/invoices', csv, { 'content-type': 'text/csv' });
    expect(done.json.errors).toHaveLength(2);
    expect((await owner.get('/invoices')).json.items.map((i: { number: string }) => i.number)).toEqual(['C2']);
    expect((await owner.get('/clients')).json.items.map((c: { name: string }) => c.name)).toEqual(['Bon Client']);

    // JSON's escapes: a bell in the number, a surrogate half alone in the client's name.
    const rows = JSON.stringify({ invoices: [
      { number: 'J1-BELL', client: { name: 'Zed SARL', email: 'z@ctl.test' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 1000 },
      { number: 'J2', client: { name: 'Zed-SURROGATE', email: 'z@ctl.test' }, issueDate: '2026-09-01', dueDate: '2026-10-01', grossCents: 1000 },
    ] }).replace('-BELL', '\\u0007').replace('-SURROGATE', '\\ud800');
    const json = await owner.raw('POST', '/imports/invoices', rows, { 'content-type': 'application/json' });
    expect(json.status).toBe(200);
    expect(json.json.errors).toEqual([
      { row: 1, field: 'number', message: CONTROL },
      { row: 2, field: 'client.name', message: SURROGATE },
    ]);
    expect(json.json.created).toBe(0);
  });
});
