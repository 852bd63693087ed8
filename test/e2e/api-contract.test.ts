import { describe, expect, it, inject } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, uniqueEmail } from './http.js';

describe('API conventions', () => {
  const acme = ownTenant('contract');

  it('answers /health and /openapi.json without a token', async () => {
    const base = inject('apiUrl');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/clients', '/invoices/{id}/send', '/invoices/{id}/payments']));
    expect(doc.paths['/invoices'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['clientId', 'issueDate', 'lines']),
    );
  });

  it('refuses a request without a token with 401 problem+json', async () => {
    const res = await fetch(`${inject('apiUrl')}/invoices`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('names each bad field of a malformed body', async () => {
    const res = await acme.post('/invoices', {
      clientId: '',
      issueDate: '2026-02-30',
      lines: [{ description: 'x', quantity: -1, unitPriceCents: 10.5, vatRate: 19.6 }],
    });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.clientId', 'body.issueDate', 'body.lines.0.quantity', 'body.lines.0.unitPriceCents', 'body.lines.0.vatRate']),
    );
  });

  it('rejects invalid JSON, unknown fields and wrong types with 400, never 500', async () => {
    const bodies: unknown[] = ['{not json', '[]', 'null', '"x"', { name: 1 }, { ...aBusinessClientInput(), extra: true }, { ...aBusinessClientInput(), kind: 'alien' }];
    for (const body of bodies) {
      const res = await acme.post('/clients', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.errors.length).toBeGreaterThan(0);
    }
    const wrongType = await acme.raw('POST', '/clients', 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(400);
    const badQuery = await acme.get('/invoices?limit=0&status=late&dueFrom=yesterday');
    expect(badQuery.status).toBe(400);
    expect(badQuery.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['query.limit', 'query.status', 'query.dueFrom']));
    const badCursor = await acme.get('/invoices?cursor=bm90LWEtY3Vyc29y');
    expect(badCursor.status).toBe(400);
  });

  it('refuses a client whose own scenario does not exist, naming the field', async () => {
    const res = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('scn'), scenarioId: 'nope' }));
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ path: 'body.scenarioId', message: 'no such scenario' }]);
    const ok = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('scn'), scenarioId: 'b2c-default' }));
    expect(ok.status).toBe(201);
    expect((await acme.patch(`/clients/${ok.json.id}`, { scenarioId: 'missing' })).status).toBe(422);
    expect((await acme.patch(`/clients/${ok.json.id}`, { scenarioId: null })).json.scenarioId).toBeUndefined();
    const settings = await acme.put('/settings', { defaultScenarioId: 'nope' });
    expect(settings.status).toBe(422);
    expect(settings.json.errors[0].path).toBe('body.defaultScenarioId');
  });

  it('answers 404 for unknown ids and for another tenant’s invoice', async () => {
    expect((await acme.get('/invoices/01UNKNOWN')).status).toBe(404);
    expect((await acme.get('/clients/01UNKNOWN')).status).toBe(404);
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('iso') }));
    const invoice = await acme.post('/invoices', anInvoiceInput(client.json.id));
    const globex = api('globex');
    const stolen = await globex.get(`/invoices/${invoice.json.id}`);
    expect(stolen.status).toBe(404);
    expect(stolen.type).toContain('application/problem+json');
    expect((await globex.post(`/invoices/${invoice.json.id}/payments`, { amountCents: 1, date: '2026-11-02' })).status).toBe(404);
    expect((await globex.post('/invoices', anInvoiceInput(client.json.id))).status).toBe(422);
    expect((await acme.get(`/invoices/${invoice.json.id}`)).status).toBe(200);
  });

  it('refuses to edit the lines of a sent invoice, and payments on a draft', async () => {
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('lock') }));
    const invoice = await acme.post('/invoices', anInvoiceInput(client.json.id));
    expect((await acme.post(`/invoices/${invoice.json.id}/payments`, { amountCents: 100, date: '2026-11-02' })).status).toBe(422);
    await acme.post(`/invoices/${invoice.json.id}/send`);
    const edit = await acme.patch(`/invoices/${invoice.json.id}`, { lines: [{ description: 'x', quantity: 1, unitPriceCents: 1, vatRate: 20 }] });
    expect(edit.status).toBe(422);
    expect(edit.json.errors[0].path).toBe('body.lines');
  });

  it('lists invoices by status, client and overdue with cursors, from Query only', async () => {
    // Its own tenant: invoices dated 2026-01-01 cannot be numbered after the fixture's later-dated ones.
    const acme = ownTenant('lists');
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('list') }));
    const ids: string[] = [];
    for (const dueDate of ['2026-01-10', '2026-01-20', '2026-02-10']) {
      const inv = await acme.post('/invoices', anInvoiceInput(client.json.id, { issueDate: '2026-01-01', dueDate }));
      await acme.post(`/invoices/${inv.json.id}/send`);
      ids.push(inv.json.id);
    }
    const draft = await acme.post('/invoices', anInvoiceInput(client.json.id, { issueDate: '2026-01-01', dueDate: '2026-01-15' }));

    const byClient = await acme.get(`/invoices?clientId=${client.json.id}&limit=2`);
    expect(byClient.json.items).toHaveLength(2);
    expect(byClient.json.nextCursor).toEqual(expect.any(String));
    const next = await acme.get(`/invoices?clientId=${client.json.id}&limit=2&cursor=${byClient.json.nextCursor}`);
    const all = [...byClient.json.items, ...next.json.items].map((i: { id: string }) => i.id);
    expect(new Set(all)).toEqual(new Set([...ids, draft.json.id]));

    const overdue = await acme.get(`/invoices?status=overdue&clientId=${client.json.id}&dueTo=2026-01-31`);
    expect(overdue.json.items.map((i: { id: string }) => i.id)).toEqual([ids[0], ids[1]]);
    expect(overdue.json.items.every((i: { overdue: boolean; daysLate: number }) => i.overdue && i.daysLate > 0)).toBe(true);

    const drafts = await acme.get(`/invoices?status=draft&clientId=${client.json.id}`);
    expect(drafts.json.items.map((i: { id: string }) => i.id)).toEqual([draft.json.id]);
  });
});
