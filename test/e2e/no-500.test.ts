import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeList, type RouteDefinition } from '../../shared/http/routes.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api } from './http.js';

/**
 * Whatever a client sends, the API answers a 4xx problem, never a 5xx (DESIGN.md §4): at least
 * 1,000 hostile requests over every route of the table, drawn by fast-check with a fixed seed so
 * a failure replays identically. Runs in its own tenant so whatever it manages to write stays there.
 */
const SEED = 20261125;
const PER_ROUTE = 22;
const CONCURRENCY = 4;
const fuzz = api('fuzz');

/** Well-formed bodies per route: the fuzzer mutates them (a field missing, a field of the wrong type…). */
const validBodies = (ids: Record<string, string>): Partial<Record<string, Record<string, unknown>>> => ({
  createClient: aBusinessClientInput({ email: 'fuzz@client.test' }),
  updateClient: { name: 'Renamed', remindersEnabled: false },
  createInvoice: anInvoiceInput(ids.clients!),
  updateInvoice: { notes: 'n', lines: anInvoiceInput('x').lines },
  recordPayment: { amountCents: 100, date: '2026-11-03', method: 'card' },
  sendReminderNow: { templateId: 'reminder' },
  createScenario: { name: 'S', steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] },
  putScenario: { name: 'S', steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] },
  createTemplate: { name: 'T', language: 'fr', subject: 'Hello {{invoiceNumber}}', body: 'Body' },
  putTemplate: { name: 'T', language: 'fr', subject: 'Hello', body: 'Body' },
  previewTemplate: { invoiceId: ids.invoices! },
  testTemplate: { invoiceId: ids.invoices! },
  createQuote: { clientId: ids.clients!, issueDate: '2026-11-02', lines: anInvoiceInput('x').lines },
  updateQuote: { notes: 'n' },
  createDeposit: { percent: 30 },
  createFinalInvoice: { paymentTermsDays: 30 },
  issueCreditNote: { reason: 'erreur', amountCents: 100 },
  putSettings: { company: { name: 'Fuzz SARL', siren: '123456782' }, sendHour: 9 },
});

const hostileValue = fc.oneof(
  fc.constantFrom(1e308, -1, -0, 0.5, 2 ** 53 + 1, 1e21, Number.MIN_VALUE, '', ' ', null, true, [], {}, '1e999', 'NaN', '0x10', '2026-02-30'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 2000 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.double({ noNaN: true }),
);

/** A valid body broken one way: a field dropped, a field replaced, an unknown field, nesting. */
const mutated = (valid: Record<string, unknown>) => {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))),
    fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), hostileValue).map(([k, v]) => ({ ...valid, [k]: v })),
    fc.constant({ ...valid, lines: Array.from({ length: 201 }, () => ({ description: 'x', quantity: 1, unitPriceCents: 1, vatRate: 20 })) }),
    fc.constant({ ...valid, lines: [{ description: 'x', quantity: 999_999.999, unitPriceCents: 99_999_999_999, vatRate: 20 }] }),
  );
};

/** Raw body text: broken JSON, JSON of the wrong shape, or a mutated valid body. */
const bodyText = (valid: Record<string, unknown> | undefined) =>
  fc.oneof(
    fc.constantFrom('{not json', '{"a":', '[', 'null', '""', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '\u0000', '{"a":1,"a":2}'),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    ...(valid ? [mutated(valid).map((v) => JSON.stringify(v)), mutated(valid).map((v) => JSON.stringify(v))] : []),
  );

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const queryValue = fc.oneof(
  fc.constantFrom('-1', 'abc', '1e9', '1.5', '', '%00', '0', '101', '2026-13-45', 'true', 'overdue', '-dueDate', 'é€💥', '../../etc'),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  fc.integer().map(String),
);
const cursor = fc.oneof(
  fc.base64String({ maxLength: 200 }).map(encodeURIComponent),
  fc.jsonValue({ maxDepth: 3 }).map(b64),
  fc.constantFrom(b64({ PK: 'T#acme', SK: 'CLIENT#1' }), b64({ k: { PK: 'T#fuzz', SK: 'SETTINGS' }, c: 'x' }), '%%%', 'x'.repeat(5000)),
);
const queryString = (route: RouteDefinition) =>
  fc.oneof(
    { arbitrary: fc.constant(''), weight: 6 },
    fc.tuple(fc.constantFrom('limit', 'status', 'from', 'to', 'dueFrom', 'minDaysLate', 'sort', 'clientId', 'overdue'), queryValue).map(([k, v]) => `?${k}=${v}`),
    cursor.map((c) => `?cursor=${c}`),
    fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }), queryValue).map(([k, v]) => `?${encodeURIComponent(k)}=${v}`),
    fc.constant(route.path.startsWith('/invoices') ? '?status=paid&status=sent&limit=1&limit=2' : '?limit=1&limit=x'),
  );

const idValue = (real: string | undefined) =>
  fc.oneof(
    fc.constantFrom('01UNKNOWN', 'x'.repeat(300), '../../etc/passwd', '..%2F..%2Fetc', 'é€💥', '%00', ' ', 'b2b-default', 'reminder', 'T#acme', 'CLIENT#1', '*'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    ...(real ? [{ arbitrary: fc.constant(real), weight: 3 }] : []),
  );

const header = fc.oneof(
  { arbitrary: fc.constant<Record<string, string>>({ 'content-type': 'application/json' }), weight: 6 },
  fc.constantFrom<Record<string, string>>({ 'content-type': 'text/plain' }, { 'content-type': 'application/json; charset=latin1' }, { 'content-type': 'application/json', 'idempotency-key': 'x'.repeat(200) }, { 'content-type': 'application/json', 'idempotency-key': 'clé' }),
);

interface HostileRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
}

const requestsFor = (route: RouteDefinition & { name: string }, ids: Record<string, string>, bodies: ReturnType<typeof validBodies>) => {
  const collection = route.path.split('/')[1]!;
  const params = route.path.match(/\{\w+\}/g) ?? [];
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  return fc.record({
    ids: fc.tuple(...params.map((_, i) => idValue(i === 0 ? ids[collection] : undefined))),
    query: queryString(route),
    body: hasBody ? fc.option(bodyText(bodies[route.name]), { nil: undefined, freq: 8 }) : fc.constant(undefined),
    headers: header,
  }).map(({ ids: values, query, body, headers }): HostileRequest => {
    let i = 0;
    const path = route.path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? ''));
    return { method: route.method, path: path + query, ...(body !== undefined ? { body } : {}), headers };
  });
};

describe('hostile input', () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const client = await fuzz.post('/clients', aBusinessClientInput({ email: 'fuzz@client.test' }));
    const invoice = await fuzz.post('/invoices', anInvoiceInput(client.json.id));
    const quote = await fuzz.post('/quotes', { clientId: client.json.id, issueDate: '2026-11-02', lines: anInvoiceInput('x').lines });
    expect([client.status, invoice.status, quote.status]).toEqual([201, 201, 201]);
    ids = { clients: client.json.id, invoices: invoice.json.id, quotes: quote.json.id, scenarios: 'b2b-default', templates: 'reminder' };
  });

  it(`never makes any route answer 5xx, over ≥ 1,000 requests (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const bodies = validBodies(ids);
    const requests = routeList().flatMap((route, i) => fc.sample(requestsFor(route, ids, bodies), { numRuns: PER_ROUTE, seed: SEED + i }));
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const res = await fuzz.raw(r.method, r.path, r.body, r.headers);
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        const label = `${r.method} ${r.path.slice(0, 120)} ${r.body?.slice(0, 120) ?? ''}`;
        if (res.status >= 500) failures.push(`${label} → ${res.status} ${JSON.stringify(res.json)}`);
        else if (res.status >= 400 && !res.type.includes('application/problem+json')) failures.push(`${label} → ${res.status} as ${res.type}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const statuses = [...byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`hostile input: ${requests.length} requests over ${routeList().length} routes (seed ${SEED}): ${statuses}`);
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    expect(failures).toEqual([]);
    // Most of them must be refusals: a fuzzer whose requests mostly succeed is not testing bad input.
    const refused = [...byStatus.entries()].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0);
    expect(refused / requests.length).toBeGreaterThan(0.6);
  });
});
