import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpHandler, type HttpEvent, type IdempotencyWiring } from '../../shared/http/http-handler.js';
import { readCsvBody } from '../../shared/http/csv-body.js';
import { objectKeys } from '../../shared/http/problem.js';
import { ok } from '../../shared/http/responses.js';
import { routeList, routes } from '../../shared/http/routes.js';

/** A payload-2.0 event as API Gateway's JWT authorizer hands it over (claims are strings). */
const anEvent = (over: { claims?: Record<string, string>; query?: Record<string, string>; body?: unknown; path?: Record<string, string> } = {}): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'GET /x',
    rawPath: '/x',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(over.query ? { queryStringParameters: over.query } : {}),
    ...(over.path ? { pathParameters: over.path } : {}),
    ...(over.body !== undefined ? { body: JSON.stringify(over.body) } : {}),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: over.claims ?? { sub: 'u-1', 'custom:tenantId': 'acme' }, scopes: null } } },
  }) as unknown as HttpEvent;

/** Idempotent routes must be given a store; these requests carry no Idempotency-Key, so it is never used. */
const unusedStore: IdempotencyWiring = { idempotency: () => { throw new Error('no Idempotency-Key in these tests'); } };
const echo = <R extends (typeof routes)[keyof typeof routes]>(route: R) =>
  httpHandler(route, async (request) => ok({ tenantId: request.tenantId, query: request.query ?? null, body: request.body ?? null }), ...([unusedStore] as never));

const call = async (handler: ReturnType<typeof echo>, event: HttpEvent) => {
  const res = (await handler(event, {} as Context)) as { statusCode: number; headers: Record<string, string>; body: string };
  return { status: res.statusCode, type: res.headers['content-type'], json: JSON.parse(res.body) };
};

describe('the HTTP edge', () => {
  describe('tenant from the token', () => {
    it('takes the tenant from custom:tenantId, not from sub', async () => {
      const res = await call(echo(routes.listClients), anEvent({ claims: { sub: 'someone-else', 'custom:tenantId': 'acme' } }));
      expect(res.status).toBe(200);
      expect(res.json.tenantId).toBe('acme');
    });

    it.each([
      ['no custom:tenantId (sub only)', { sub: 'acme', email: 'a@b.example', token_use: 'id' }],
      ['an empty custom:tenantId', { sub: 'acme', 'custom:tenantId': '' }],
      ['an access token', { sub: 'acme', token_use: 'access', scope: 'openid' }],
      ['a tenant id with a key separator', { sub: 'acme', 'custom:tenantId': 'acme#INV' }],
    ])('answers 401 problem+json for a token with %s', async (_label, claims) => {
      const res = await call(echo(routes.listClients), anEvent({ claims }));
      expect(res.status).toBe(401);
      expect(res.type).toBe('application/problem+json');
    });
  });

  describe('unknown query parameters', () => {
    it('names each unknown parameter of a route that declares others', async () => {
      const res = await call(echo(routes.listInvoices), anEvent({ query: { status: 'sent', stauts: 'paid', page: '2' } }));
      expect(res.status).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['query.stauts', 'query.page']);
      expect(res.json.errors[0].message).toContain('status');
    });

    it('refuses any query parameter on a route that takes none', async () => {
      const res = await call(echo(routes.getSettings), anEvent({ query: { debug: '1' } }));
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ path: 'query.debug', message: 'is not a known parameter; this route takes none' }]);
    });

    it('accepts the declared ones', async () => {
      const res = await call(echo(routes.listInvoices), anEvent({ query: { status: 'sent', limit: '5' } }));
      expect(res.status).toBe(200);
      expect(res.json.query).toMatchObject({ status: 'sent', limit: 5 });
    });

    it('knows the parameter names of every route in the table (query schemas are objects)', () => {
      for (const route of routeList()) {
        if (route.query) expect(objectKeys(route.query).length, route.name).toBeGreaterThan(0);
        if (route.params) expect(objectKeys(route.params).length, route.name).toBeGreaterThan(0);
      }
    });
  });

  describe('a CSV body (the import route)', () => {
    const csvEvent = (body: string, contentType: string, isBase64Encoded = false): HttpEvent =>
      ({ ...anEvent(), headers: { 'content-type': contentType }, body, isBase64Encoded }) as HttpEvent;
    const importEcho = (csv?: typeof readCsvBody) =>
      httpHandler(routes.importInvoices, async (request) => ok({ body: request.body ?? null }), { ...unusedStore, ...(csv ? { csv } : {}) });

    it('refuses, at cold start, a csvBody route built without its reader (the decoders live in csv-body.ts)', () => {
      expect(() => importEcho()).toThrow(/takes CSV/);
    });

    it('reads text/csv and Windows-1252 bytes with the reader, and still takes JSON', async () => {
      const handler = importEcho(readCsvBody);
      const text = await call(handler, csvEvent('number;client\nF-1;Éric', 'text/csv'));
      expect(text.status).toBe(200);
      expect(text.json.body.csv).toBe('number;client\nF-1;Éric');
      const bytes = await call(handler, csvEvent(Buffer.from([0x45, 0x3b, 0xe9]).toString('base64'), 'application/octet-stream', true));
      expect(bytes.json.body.csv).toBe('E;é');
      const notUtf8 = await call(handler, csvEvent('a;b\nc;\ufffd', 'text/csv'));
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.json.errors[0]).toMatchObject({ path: 'body', message: expect.stringContaining('line 2') });
      const json = await call(handler, csvEvent(JSON.stringify({ csv: 'x' }), 'application/json'));
      expect(json.json.body.csv).toBe('x');
    });
  });

  describe('unknown body fields', () => {
    it('names each unknown field by its own path, nested ones included', async () => {
      const res = await call(echo(routes.sendBatchReminders), anEvent({ body: { filter: { status: 'sent', bogus: 1 }, extra: true } }));
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.extra', 'body.filter.bogus']);
      expect(res.json.errors[0].message).toBe('is not a known field');
    });

    it('are refused inside an address and the company identity too (they were dropped without a word)', async () => {
      const client = await call(echo(routes.createClient), anEvent({ body: { name: 'X', kind: 'business', email: 'x@example.com', address: { line1: 'a', postalCode: '75001', city: 'Paris', floor: 2 } } }));
      expect(client.status).toBe(400);
      expect(client.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.address.floor']);
      const settings = await call(echo(routes.putSettings), anEvent({ body: { company: { name: 'Acme', web: 'x', address: { line1: 'a', postalCode: '75001', city: 'Paris', floor: 2 } } } }));
      expect(settings.status).toBe(400);
      expect(settings.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.company.address.floor', 'body.company.web']);
    });
  });

  describe('the time zone of the settings', () => {
    // Intl reads `europe/paris` as Paris, so it was accepted and stored as typed, then given to
    // EventBridge Scheduler as each schedule's ScheduleExpressionTimezone.
    it.each([
      ['europe/paris', 'Europe/Paris'],
      ['AMERICA/MARTINIQUE', 'America/Martinique'],
      ['utc', 'UTC'],
      ['Europe/Paris', 'Europe/Paris'],
      ['Asia/Kolkata', 'Asia/Kolkata'],
    ])('keeps %s as %s', async (typed, stored) => {
      const res = await call(echo(routes.putSettings), anEvent({ body: { timezone: typed } }));
      expect(res.status).toBe(200);
      expect(res.json.body.timezone).toBe(stored);
    });

    it('still refuses a zone that does not exist, naming it', async () => {
      const res = await call(echo(routes.putSettings), anEvent({ body: { timezone: 'Mars/Phobos' } }));
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ path: 'body.timezone', message: 'must be an IANA time zone' }]);
    });
  });

  describe('a body that is JSON null', () => {
    // `null` was read as `{}`: POST /invoices/{id}/reminders with the body `null` emailed the client
    // (201), PUT /settings answered 200, while a route without a body refused it.
    it.each([
      ['POST /invoices/{id}/reminders', routes.sendReminderNow],
      ['PUT /settings', routes.putSettings],
      ['POST /invoices/{id}/pause', routes.pauseInvoice],
    ])('is a 400 naming body on %s, never an empty object', async (_label, route) => {
      const res = await call(echo(route), anEvent({ body: null, path: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' } }));
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(res.json.errors).toEqual([{ path: 'body', message: expect.stringContaining('object') }]);
    });

    it('leaves a request without a body as it was: an empty object where every field is optional', async () => {
      const res = await call(echo(routes.sendReminderNow), anEvent({ path: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' } }));
      expect(res.status).toBe(200);
      expect(res.json.body).toEqual({});
    });
  });

  describe('amount ceiling', () => {
    const payment = (amountCents: unknown) => anEvent({ path: { id: 'inv-1' }, body: { amountCents, date: '2026-03-01' } });

    it.each([100_000_000_000, 1e20, Number.MAX_SAFE_INTEGER + 2])('answers 422 naming body.amountCents for %d cents', async (amount) => {
      const res = await call(echo(routes.recordPayment), payment(amount));
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual([{ path: 'body.amountCents', message: expect.stringContaining('99999999999') }]);
    });

    it('accepts exactly the ceiling', async () => {
      const res = await call(echo(routes.recordPayment), payment(99_999_999_999));
      expect(res.status).toBe(200);
    });

    it('keeps a wrong type a 400 even next to an amount over the ceiling', async () => {
      const res = await call(echo(routes.recordPayment), anEvent({ path: { id: 'inv-1' }, body: { amountCents: 1e12, date: 'soon' } }));
      expect(res.status).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.amountCents', 'body.date']);
    });

    const line = (over: Record<string, unknown> = {}) => ({ description: 'Pose', quantity: 1, unitPriceCents: 100, vatRate: 20, ...over });
    const invoice = (lines: unknown[]) => anEvent({ body: { clientId: 'c-1', issueDate: '2026-03-01', paymentTermsDays: 30, lines } });

    it('answers 422 naming the quantity above 1 000 000', async () => {
      const res = await call(echo(routes.createInvoice), invoice([line({ quantity: 1_000_001 })]));
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.lines.0.quantity']);
    });

    it('answers 422 naming the line whose total (quantity × price + VAT) passes the ceiling', async () => {
      const res = await call(echo(routes.createInvoice), invoice([line(), line({ quantity: 1_000_000, unitPriceCents: 100_000 })]));
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.lines.1', 'body.lines']);
    });

    it('answers 422 naming body.lines when lines under the ceiling add up above it', async () => {
      const big = line({ unitPriceCents: 60_000_000_000, vatRate: 0 });
      const res = await call(echo(routes.createQuote), anEvent({ body: { clientId: 'c-1', issueDate: '2026-03-01', lines: [big, big] } }));
      expect(res.status).toBe(422);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.lines']);
    });
  });
});
