/**
 * The cockpit's `topLateClients` and `GET /clients?sort=overdue` name the late clients in one order
 * (README "Cash cockpit"): the largest overdue balance first, then the longest late, then the name
 * (French order, accents ignored), then the id. Before, the cockpit broke ties by id and the list by
 * name: clients owing the same amount came in another order on each screen, and the cockpit's five
 * could leave out one the list put among its first five.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { parisToday } from './local-clock.js';

const T = parisToday();
/** Created in this order (their ids follow it): each with its overdue invoices, `[amount in cents, days late]`. */
const CLIENTS: readonly { name: string; late: readonly [number, number][] }[] = [
  { name: 'Zoé Martin', late: [[50_000, 10]] }, // first id: the old cockpit took it among its five
  { name: 'Bernard Père et Fils', late: [[50_000, 40]] }, // same amount, late longer: first of the tied
  { name: 'Arnaud Plâtrerie', late: [[50_000, 10]] },
  { name: 'Élodie Couvreur', late: [[50_000, 10]] }, // É sorts as E
  { name: 'Dupuis Charpente', late: [[50_000, 10]] },
  { name: 'Yves Carrelage', late: [[50_000, 10]] },
  { name: 'Zeta SARL', late: [[60_000, 2]] }, // more owed, though barely late: first of all
  { name: 'Aline Peinture', late: [] }, // nothing overdue: last in the list, absent from the cockpit
];
const EXPECTED = ['Zeta SARL', 'Bernard Père et Fils', 'Arnaud Plâtrerie', 'Dupuis Charpente', 'Élodie Couvreur', 'Yves Carrelage', 'Zoé Martin', 'Aline Peinture'];

let t: FreshTenant;

beforeAll(async () => {
  t = await freshTenant('late-order');
  await t.ok('PUT', '/settings', companySettings);
  const drafts: { id: string; issueDate: string }[] = [];
  for (const [i, c] of CLIENTS.entries()) {
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ name: c.name, email: `compta${i}@late-order.test` }));
    for (const [cents, daysLate] of c.late) {
      const dueDate = addDays(T, -daysLate);
      const issueDate = addDays(dueDate, -30);
      const draft = await t.ok('POST', '/invoices', { clientId: client.id, issueDate, dueDate, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: cents, vatRate: 20 }] });
      drafts.push({ id: draft.id, issueDate });
    }
  }
  // Numbers follow the issue dates: sent oldest first.
  for (const d of drafts.sort((a, b) => a.issueDate.localeCompare(b.issueDate))) await t.ok('POST', `/invoices/${d.id}/send`);
  await t.drain();
}, 120_000);

describe('late clients, one order on both screens', () => {
  it('GET /clients?sort=overdue: overdue amount, then days late, then name', async () => {
    const res = await t.get('/clients?sort=overdue');
    expect(res.status).toBe(200);
    expect(res.json.items.map((c: { name: string }) => c.name)).toEqual(EXPECTED);
  });

  it('GET /cockpit: the first five of that order, tied ones settled by name (never by id)', async () => {
    const [cockpit, list] = await Promise.all([t.get(`/cockpit?asOf=${T}`), t.get('/clients?sort=overdue&limit=5')]);
    expect(cockpit.status).toBe(200);
    const top = cockpit.json.topLateClients.map((c: { clientId: string; name: string; overdueCents: number; oldestDaysLate: number }) => [c.clientId, c.name, c.overdueCents, c.oldestDaysLate]);
    expect(top.map((c: unknown[]) => c[1])).toEqual(EXPECTED.slice(0, 5));
    expect(top).toEqual(list.json.items.map((c: { id: string; name: string; overdueCents: number; oldestDaysLate: number }) => [c.id, c.name, c.overdueCents, c.oldestDaysLate]));
  });
});
