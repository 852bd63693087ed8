import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeList } from '../../shared/http/routes.js';
import { api } from './http.js';

/** Whatever a client sends, the API answers a 4xx problem, never a 500 (DESIGN.md §4). */
describe('hostile input', () => {
  const acme = api('acme');
  const withParams = (path: string, value: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));

  it('never makes any route answer 5xx, for random JSON bodies, ids and query strings', { timeout: 120_000 }, async () => {
    const ids = ['01UNKNOWN', 'x'.repeat(300), '../../etc', 'é€💥', '%00', 'b2b-default'];
    const queries = ['?limit=-1', '?limit=abc&cursor=%%%', '?cursor=eyJQSyI6IlQjZ2xvYmV4In0', '?status=overdue&dueFrom=2026-13-45', '?from=x&to=y', '?minDaysLate=1e9'];
    const bodies = fc.sample(fc.oneof(fc.jsonValue(), fc.object(), fc.string()), { numRuns: 6, seed: 20261122 });
    const failures: string[] = [];
    for (const route of routeList()) {
      for (const [i, id] of ids.entries()) {
        const path = withParams(route.path, id) + (queries[i] ?? '');
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : JSON.stringify(bodies[i % bodies.length]);
        const res = await acme.raw(route.method, path, body, body ? { 'content-type': 'application/json' } : {});
        if (res.status >= 500) failures.push(`${route.method} ${path} → ${res.status} ${JSON.stringify(res.json)}`);
        else if (res.status >= 400) expect(res.type, `${route.method} ${path}`).toContain('application/problem+json');
      }
    }
    expect(failures).toEqual([]);
  });
});
