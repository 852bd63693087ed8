import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../shared/adapters/dynamo/cursor.js';
import { objectKeys } from '../../shared/http/problem.js';
import { routeList } from '../../shared/http/routes.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, uniqueEmail } from './http.js';

/** DESIGN.md §4 bad input, over real HTTP on the local stack. */
const acme = api('acme');
const paths = (res: { json: { errors?: { path: string }[] } }) => (res.json.errors ?? []).map((e) => e.path);

/** Real ids of acme's resources, so every route gets past its 404 to the check under test. */
let ids: { clients: string; invoices: string; quotes: string } & Record<string, string>;
const concretePath = (path: string) =>
  path.replace(/^\/(\w+)\/\{id\}/, (_m, collection: string) => `/${collection}/${ids[collection] ?? 'unknown'}`).replace(/\{\w+\}/g, '01UNKNOWN');

beforeAll(async () => {
  const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('bad-input') }));
  const second = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('bad-input') }));
  const invoice = await acme.post('/invoices', anInvoiceInput(client.json.id));
  const quote = await acme.post('/quotes', { clientId: client.json.id, issueDate: '2026-11-02', lines: anInvoiceInput('x').lines });
  expect([client.status, second.status, invoice.status, quote.status]).toEqual([201, 201, 201, 201]);
  await acme.patch(`/invoices/${invoice.json.id}`, { notes: 'a second timeline event' });
  ids = { clients: client.json.id, invoices: invoice.json.id, quotes: quote.json.id, scenarios: 'b2b-default', templates: 'reminder' };
});

describe('unknown query parameters', () => {
  it('are refused with 400 naming query.<name> on every route of the table', async () => {
    const failures: string[] = [];
    for (const route of routeList()) {
      const res = await acme.raw(route.method, `${concretePath(route.path)}?zzUnknown=1&utm_source=x`);
      if (res.status !== 400 || JSON.stringify(paths(res)) !== JSON.stringify(['query.zzUnknown', 'query.utm_source'])) {
        failures.push(`${route.method} ${route.path} → ${res.status} ${JSON.stringify(res.json)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('leave the declared parameters working', async () => {
    const res = await acme.get(`/invoices?status=draft&clientId=${ids.clients}&limit=5`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { id: string }) => i.id)).toEqual([ids.invoices]);
  });
});

describe('forged cursors', () => {
  const listRoutes = () => routeList().filter((r) => r.method === 'GET' && r.query && objectKeys(r.query).includes('cursor'));

  it('exist on the lists this test knows how to reach', () => {
    expect(listRoutes().map((r) => r.path)).toEqual(expect.arrayContaining(['/clients', '/invoices', '/invoices/{id}/timeline', '/quotes', '/quotes/{id}/timeline']));
  });

  it('are refused with 400 naming query.cursor on every list route', async () => {
    const realClientsCursor = (await acme.get('/clients?limit=1')).json.nextCursor as string;
    expect(realClientsCursor).toEqual(expect.any(String));
    const globexCursor = (await api('globex').get('/clients?limit=1')).json.nextCursor;
    const forged = [
      'bm90LWEtY3Vyc29y',
      Buffer.from(JSON.stringify({ PK: 'T#acme', SK: 'SETTINGS' })).toString('base64url'),
      Buffer.from(JSON.stringify({ k: { PK: 'T#acme', SK: 'SETTINGS' }, c: 'AAAAAAAAAAAAAAAAAAAAAA' })).toString('base64url'),
      `${realClientsCursor.slice(0, -2)}AA`,
      realClientsCursor.slice(4),
      '%E2%82%AC%F0%9F%92%A5',
      'x'.repeat(3000),
      // Left empty: /clients and /invoices answered their first page, the other lists a 400.
      '',
      ...(globexCursor ? [globexCursor] : []),
      // A recomputed checksum (the codec is public) in the right partition, outside the list's key range:
      // DynamoDB refuses it, and that refusal is a 400 too.
      encodeCursor({ PK: 'T#acme', SK: 'SETTINGS' }, { partition: { PK: 'T#acme' } })!,
    ];
    const failures: string[] = [];
    for (const route of listRoutes()) {
      // The clients cursor is genuine on /clients: every other list must refuse it.
      for (const cursor of route.path === '/clients' ? forged : [...forged, realClientsCursor]) {
        const res = await acme.get(`${concretePath(route.path)}?cursor=${cursor}`);
        if (res.status !== 400 || !paths(res).includes('query.cursor')) failures.push(`${route.path} ${cursor.slice(0, 30)} → ${res.status} ${JSON.stringify(res.json)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('still page through a list when genuine', async () => {
    const first = await acme.get('/clients?limit=1');
    const next = await acme.get(`/clients?limit=1&cursor=${first.json.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.json.items[0].id).not.toBe(first.json.items[0].id);
  });

  it('of a list paged in memory (a sort, days late, one client sorted) are refused on any other list, and made up ones too', async () => {
    for (let i = 0; i < 2; i++) expect((await acme.post('/invoices', anInvoiceInput(ids.clients))).status).toBe(201);
    const cursorOf = async (path: string) => {
      const res = await acme.get(`${path}&limit=1`);
      expect([res.status, typeof res.json.nextCursor], path).toEqual([200, 'string']);
      return res.json.nextCursor as string;
    };
    const own = {
      '/clients?sort=balance': await cursorOf('/clients?sort=balance'),
      '/invoices?sort=daysLate': await cursorOf('/invoices?sort=daysLate'),
      [`/invoices?clientId=${ids.clients}&sort=amount`]: await cursorOf(`/invoices?clientId=${ids.clients}&sort=amount`),
    };
    // Each one pages its own list…
    for (const [path, cursor] of Object.entries(own)) expect((await acme.get(`${path}&limit=1&cursor=${cursor}`)).status, path).toBe(200);
    // …and no other: another sort or order, another list; nor a position written by hand.
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const elsewhere: [string, string][] = [
      ['/clients?sort=name', own['/clients?sort=balance']],
      [`/invoices?clientId=${ids.clients}&sort=amount`, own['/clients?sort=balance']],
      ['/invoices?sort=daysLate&order=asc', own['/invoices?sort=daysLate']],
      [`/invoices?clientId=${ids.clients}&sort=lastReminder`, own[`/invoices?clientId=${ids.clients}&sort=amount`]!],
      ['/clients?sort=balance', own[`/invoices?clientId=${ids.clients}&sort=amount`]!],
      ['/clients?sort=balance', b64({ offset: 1 })],
      ['/invoices?sort=daysLate', b64({ k: 1 })],
    ];
    for (const [path, cursor] of elsewhere) {
      const res = await acme.get(`${path}&cursor=${cursor}`);
      expect([res.status, paths(res)], `${path} ${cursor}`).toEqual([400, ['query.cursor']]);
    }
  });
});

describe('amounts above the ceiling (999 999 999,99 €)', () => {
  it('answer 422 naming the field, for a unit price, a line total, a payment and a deposit', async () => {
    const line = { description: 'Chantier', quantity: 1, unitPriceCents: 100_000_000_000, vatRate: 20 };
    const price = await acme.post('/invoices', anInvoiceInput(ids.clients, { lines: [line] }));
    expect([price.status, paths(price)]).toEqual([422, ['body.lines.0.unitPriceCents']]);
    expect(price.type).toContain('application/problem+json');

    const total = await acme.post('/invoices', anInvoiceInput(ids.clients, { lines: [{ ...line, unitPriceCents: 90_000_000_000 }] }));
    expect([total.status, paths(total)]).toEqual([422, ['body.lines.0', 'body.lines']]);

    const quantity = await acme.patch(`/invoices/${ids.invoices}`, { lines: [{ ...line, unitPriceCents: 1, quantity: 2_000_000 }] });
    expect([quantity.status, paths(quantity)]).toEqual([422, ['body.lines.0.quantity']]);

    const payment = await acme.post(`/invoices/${ids.invoices}/payments`, { amountCents: 1e21, date: '2026-11-03' });
    expect([payment.status, paths(payment)]).toEqual([422, ['body.amountCents']]);

    const deposit = await acme.post(`/quotes/${ids.quotes}/deposits`, { amountCents: 123_456_789_012_345 });
    expect([deposit.status, paths(deposit)]).toEqual([422, ['body.amountCents']]);
  });

  it('are documented in /openapi.json', async () => {
    const doc = (await acme.get('/openapi.json')).json;
    const line = doc.paths['/invoices'].post.requestBody.content['application/json'].schema.properties.lines.items.properties;
    expect(line.unitPriceCents.maximum).toBe(99_999_999_999);
    expect(line.quantity.maximum).toBe(1_000_000);
  });
});

describe('a token naming no tenant', () => {
  it.each(['noTenant', 'blankTenant', 'accessToken'] as const)('(%s) is a 401 on every authenticated route, never the sub as a tenant', async (token) => {
    const caller = api(token);
    const failures: string[] = [];
    for (const route of routeList().filter((r) => r.auth === 'jwt')) {
      const res = await caller.raw(route.method, concretePath(route.path));
      if (res.status !== 401 || !res.type.includes('application/problem+json')) failures.push(`${route.method} ${route.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('the simulation window', () => {
  it('reads YYYY-MM-DD as whole days in the tenant’s time zone', async () => {
    expect((await acme.put('/settings', { timezone: 'Europe/Paris' })).status).toBe(200);
    const res = await acme.get('/reminders/simulation?from=2026-12-01&to=2026-12-31');
    expect(res.status).toBe(200);
    expect([res.json.from, res.json.to]).toEqual(['2026-11-30T23:00:00.000Z', '2026-12-31T22:59:59.999Z']);
  });

  it('reads instants as given, and mixes both', async () => {
    const res = await acme.get('/reminders/simulation?from=2026-12-01T08:30:00Z&to=2026-12-02');
    expect([res.status, res.json.from, res.json.to]).toEqual([200, '2026-12-01T08:30:00.000Z', '2026-12-02T22:59:59.999Z']);
  });

  it('names query.from and query.to when they are neither', async () => {
    const res = await acme.get('/reminders/simulation?from=2026-02-30&to=tomorrow');
    expect([res.status, paths(res)]).toEqual([400, ['query.from', 'query.to']]);
  });

  it('names a year outside 2000–2099, a date or an instant, as the other dates (to=9999-12-31 answered 500)', async () => {
    const message = 'must be between 2000-01-01 and 2099-12-31';
    for (const [query, path] of [
      ['to=9999-12-31', 'query.to'],
      ['from=9999-12-01&to=9999-12-31', 'query.from'],
      ['from=9999-12-31', 'query.from'],
      ['from=1900-01-01', 'query.from'],
      ['from=1969-12-31T23:59:59Z', 'query.from'],
      ['to=2100-01-01T00:00:00Z', 'query.to'],
    ] as const) {
      const res = await acme.get(`/reminders/simulation?${query}`);
      expect([res.status, res.json.errors?.[0]], query).toEqual([400, { path, message }]);
    }
  });
});

describe('a text where a list is expected', () => {
  it('is told once that a list is expected, never as a text too long for a list limit', async () => {
    const long = 'a@b.test, c@d.test, e@f.test';
    const cases = [
      { res: await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('list'), ccEmails: long })), path: 'body.ccEmails' },
      { res: await acme.post(`/clients/${ids.clients}/reminders?dryRun=true`, { templateId: 'firm', to: long }), path: 'body.to' },
      { res: await acme.post('/reminders/batch', { templateId: 'firm', invoiceIds: 'x'.repeat(501) }), path: 'body.invoiceIds' },
    ];
    for (const { res, path } of cases) {
      expect([res.status, res.json.errors], path).toEqual([400, [{ path, message: 'Invalid input: expected array, received string' }]]);
    }
  });
});

describe('an inverted range', () => {
  it('is a 400 naming its upper end on the list, the export and a mass send by filter, not an empty answer', async () => {
    const cases = [
      { res: await acme.get('/invoices?minDaysLate=30&maxDaysLate=10'), path: 'query.maxDaysLate' },
      { res: await acme.get('/invoices/export.csv?dueFrom=2026-12-01&dueTo=2026-11-01'), path: 'query.dueTo' },
      { res: await acme.post('/reminders/batch', { filter: { minDaysLate: 9, maxDaysLate: 2 } }), path: 'body.filter.maxDaysLate' },
    ];
    for (const { res, path } of cases) expect([res.status, paths(res)], path).toEqual([400, [path]]);
    // Equal ends are a range of one.
    expect((await acme.get('/invoices?minDaysLate=10&maxDaysLate=10&dueFrom=2026-11-01&dueTo=2026-11-01')).status).toBe(200);
  });
});

describe('a sort and an order that contradict each other', () => {
  it('is a 400 naming query.order (sort=-dueDate is descending), on the list and the export; each alone is fine', async () => {
    for (const path of ['/invoices?sort=-dueDate&order=asc', '/invoices/export.csv?sort=-dueDate&order=asc']) {
      const res = await acme.get(path);
      expect([res.status, paths(res)], path).toEqual([400, ['query.order']]);
    }
    expect((await acme.get('/invoices?sort=-dueDate')).status).toBe(200);
    expect((await acme.get('/invoices?sort=-dueDate&order=desc')).status).toBe(200);
    expect((await acme.get('/invoices?sort=dueDate&order=asc')).status).toBe(200);
  });
});

describe('a count of days left empty', () => {
  it('is a 400 naming it on the list and the export, never read as 0', async () => {
    for (const path of ['/invoices?maxDaysLate=', '/invoices?dueWithinDays=', '/invoices?minDaysLate=%20', '/invoices/export.csv?dueWithinDays=', '/invoices?maxDaysLate=abc']) {
      const res = await acme.get(path);
      const name = /\?(\w+)=/.exec(path)![1];
      expect([res.status, res.type, paths(res)], path).toEqual([400, 'application/problem+json', [`query.${name}`]]);
    }
    expect((await acme.get('/invoices?maxDaysLate=0&dueWithinDays=7')).status).toBe(200);
  });
});

describe('a French postal code', () => {
  it('has 5 digits on a client and on the company (400 naming it); other countries keep theirs', async () => {
    const street = { line1: '12 rue des Lilas', city: 'Paris' };
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('cp'), address: { ...street, postalCode: 'ABC' } }));
    expect([client.status, paths(client)]).toEqual([400, ['body.address.postalCode']]);
    const company = await acme.put('/settings', { company: { name: 'Plomberie Martin', address: { ...street, postalCode: '7501', country: 'FR' } } });
    expect([company.status, paths(company)]).toEqual([400, ['body.company.address.postalCode']]);
    expect((await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('cp-be'), address: { ...street, city: 'Bruxelles', postalCode: '1000', country: 'BE' } }))).status).toBe(201);
    expect((await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('cp-re'), address: { ...street, city: 'Saint-Denis', postalCode: '97400' } }))).status).toBe(201);
  });
});

describe('the end of a pause', () => {
  it('is a date up to 2099 (a year typed wrong, 2206, is a 400 naming body.until, not reminders paused for good)', async () => {
    const res = await acme.post(`/invoices/${ids.invoices}/pause`, { reason: 'congés', until: '2206-01-15' });
    expect([res.status, paths(res)]).toEqual([400, ['body.until']]);
    expect(res.json.errors[0].message).toBe('must be between 2000-01-01 and 2099-12-31');
  });
});

describe('the day of the daily overview', () => {
  it('is a date from 2000 to 2099, as the cockpit’s asOf (1999-12-31 answered an empty day)', async () => {
    for (const date of ['1999-12-31', '2100-01-01']) {
      const res = await acme.get(`/overview?date=${date}`);
      expect([res.status, paths(res)], date).toEqual([400, ['query.date']]);
    }
    expect((await acme.get('/overview?date=2000-01-01')).status).toBe(200);
  });
});

describe('an invoice id given twice to a mass send', () => {
  it('is a 400 naming body.invoiceIds (as a client’s repeated tag is), never an answer with fewer items than ids', async () => {
    const res = await acme.post('/reminders/batch', { invoiceIds: [ids.invoices, ids.invoices, '01UNKNOWN'] });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.errors).toEqual([{ path: 'body.invoiceIds', message: 'must not repeat an invoice' }]);
    // Distinct ids are still taken: one item per id.
    const distinct = await acme.post('/reminders/batch', { invoiceIds: [ids.invoices, '01UNKNOWN'] });
    expect([distinct.status, distinct.json.items?.length]).toEqual([200, 2]);
  });
});

describe('an invoice id given twice to a client reminder', () => {
  it('is a 400 naming body.invoiceIds, in a preview as for real, as the mass send answers (it was silently deduplicated)', async () => {
    for (const query of ['?dryRun=true', '']) {
      const res = await acme.post(`/clients/${ids.clients}/reminders${query}`, { invoiceIds: [ids.invoices, ids.invoices] });
      expect([res.status, res.type, res.json.errors], query).toEqual([400, expect.stringContaining('application/problem+json'), [{ path: 'body.invoiceIds', message: 'must not repeat an invoice' }]]);
    }
  });
});
