import { describe, expect, it } from 'vitest';
import { routeList } from '../../shared/http/routes.js';
import { api } from './http.js';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';

/**
 * One rule for the ids in a path, on every route of the table that has one: an id that cannot be
 * one (a dot, a space, an accent, more than 64 characters) is a 400 naming `path.<param>`; a
 * well-formed id nothing has (`ZZUNKNOWN01`, `zz-unknown-01`) is a 404 — on /templates/{id} and
 * /scenarios/{id} as on /invoices/{id} (they used to refuse `ZZUNKNOWN01` as malformed), and for a
 * letter's step as for a cancelled one (`/invoices/a.b/reminders/…/posted` used to be a 404). A
 * portal token is the one exception: any token the API did not issue, malformed or not, is the same
 * 404 (it tells nothing about what a token looks like). Walks the route table, so a new route is
 * checked the day it is added.
 */
const owner = api('acme');

/** `a.b` is malformed as a resource id, not as a step id (`[0-9A-Za-z_.+-]`: `j+1`, `manual-2026-11-03`). */
const MALFORMED = (param: string) => ['a*b', 'x'.repeat(65), 'é', 'a b', ...(param === 'stepId' ? [] : ['a.b'])];
const UNKNOWN = ['ZZUNKNOWN01', 'zz-unknown-01', 'zz_unknown'];
const WELL_FORMED = 'ZZUNKNOWN01';

/** A valid body for the routes that take one (`{}` for the others): the answer is then about the path only. */
const BODIES: Record<string, unknown> = {
  pauseInvoice: { reason: 'x' },
  recordPromise: { date: addDays(parisToday(), 5) },
  disputeInvoice: { reason: 'x' },
  writeOffInvoice: { reason: 'x' },
  recordPayment: { amountCents: 100, date: '2026-11-03', method: 'transfer' },
  createPaymentPlan: { instalments: [{ dueDate: '2026-12-03', amountCents: 100 }] },
  putScenario: { name: 'S' },
  putTemplate: { name: 'T', language: 'fr', subject: 'Hello', body: 'Body' },
  previewTemplate: { invoiceId: WELL_FORMED },
  createDeposit: { percent: 30 },
  issueCreditNote: { reason: 'x' },
  sendCreditNote: {},
  markLetterPosted: {},
  portalPaid: { date: '2026-11-03' },
  portalPromise: { date: '2026-12-03' },
  portalDispute: { reason: 'x' },
  portalPlanRequest: { instalments: [{ dueDate: '2026-12-03', amountCents: 100 }] },
};

const withIds = routeList()
  .filter((r) => r.path.includes('{'))
  .map((r) => ({ ...r, names: [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) }));
const isPortal = (path: string) => path.startsWith('/portal/');

const call = async (route: (typeof withIds)[number], values: Record<string, string>) => {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
  const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (BODIES[route.name] ?? {});
  const res = await owner.raw(route.method, path, body);
  return { label: `${route.method} ${path}`, status: res.status, type: res.type, paths: ((res.json?.errors ?? []) as { path: string }[]).map((e) => e.path), detail: res.json?.detail as string | undefined };
};

describe('ids in paths: one rule on every route', () => {
  it('walks every route of the table that takes an id', () => {
    expect(withIds.length).toBeGreaterThanOrEqual(50);
    expect(withIds.map((r) => r.path)).toEqual(expect.arrayContaining(['/templates/{id}', '/scenarios/{id}', '/invoices/{id}/reminders/{stepId}/posted', '/portal/{token}']));
  });

  it('a malformed id is a 400 naming the path parameter (a portal token: the same 404 as any unknown one)', { timeout: 180_000 }, async () => {
    const wrong: string[] = [];
    for (const route of withIds) {
      for (const name of route.names) {
        for (const bad of MALFORMED(name)) {
          const values = Object.fromEntries(route.names.map((n) => [n, n === name ? bad : WELL_FORMED]));
          const res = await call(route, values);
          const expected = isPortal(route.path) ? 404 : 400;
          const ok = res.status === expected && res.type.includes('application/problem+json') && (expected === 404 || (res.paths.length === 1 && res.paths[0] === `path.${name}`));
          if (!ok) wrong.push(`${res.label} (${name} malformed) → ${res.status} ${res.paths.join(',')} ${res.detail ?? ''}, expected ${expected}${expected === 400 ? ` naming path.${name}` : ''}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an id whose percent-encoding is not UTF-8 is refused the same way, never a 500', { timeout: 180_000 }, async () => {
    const wrong: string[] = [];
    for (const route of withIds) {
      for (const name of route.names) {
        // Latin-1's é, a UTF-16 surrogate half, a sequence cut short: no text at all once decoded.
        for (const raw of ['%E9', '%ED%A0%80', 'a%C3']) {
          const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => (n === name ? raw : WELL_FORMED));
          const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : (BODIES[route.name] ?? {});
          const res = await owner.raw(route.method, path, body);
          const paths = ((res.json?.errors ?? []) as { path: string }[]).map((e) => e.path);
          const expected = isPortal(route.path) ? 404 : 400;
          const ok = res.status === expected && res.type.includes('application/problem+json') && (expected === 404 || (paths.length === 1 && paths[0] === `path.${name}`));
          if (!ok) wrong.push(`${route.method} ${path} → ${res.status} ${paths.join(',')}, expected ${expected}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a well-formed id nothing has is a 404, on every route', { timeout: 180_000 }, async () => {
    const wrong: string[] = [];
    for (const route of withIds) {
      for (const unknown of UNKNOWN) {
        const res = await call(route, Object.fromEntries(route.names.map((n) => [n, unknown])));
        if (res.status !== 404 || !res.type.includes('application/problem+json')) wrong.push(`${res.label} → ${res.status} ${res.paths.join(',')} ${res.detail ?? ''}, expected 404`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
