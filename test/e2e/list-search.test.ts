import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { parisToday } from './local-clock.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';

/**
 * `GET /invoices?q=` as a user types it: any word of the client's name (not only its start),
 * accents ignored, several words, and the numbers of imported invoices, which need not contain a
 * digit in their first characters (`EXT`, `FACT`).
 */
const T = parisToday();
const d = (offset: number) => addDays(T, offset);
/**
 * The five invoices are numbered in one series, F-<year>-0001 … 0005: the year of the first one's date.
 * In early January (the first dated in December) the later ones are dated no later than 31 December,
 * so no invoice opens the new year's series whatever the day the suite runs.
 */
const SERIES = d(-30).slice(0, 4);
const issued = (offset: number) => (d(offset) > `${SERIES}-12-31` ? `${SERIES}-12-31` : d(offset));
let t: FreshTenant;
const byKey: Record<string, string> = {};
const clientIds: Record<string, string> = {};

const numbersOf = async (query: string) => {
  const res = await t.get(`/invoices?${query}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.items.map((i: any) => byKey[i.id] ?? i.number);
};
const allPages = async (query: string, limit: number) => {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await t.get(`/invoices?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    out.push(...res.json.items.map((i: any) => byKey[i.id]));
    cursor = res.json.nextCursor;
  } while (cursor);
  return out;
};

beforeAll(async () => {
  t = await freshTenant('list-search');
  await t.ok('PUT', '/settings', companySettings);
  const clients = { J: ['Jérôme Dupré', 'consumer'], B: ['Boulangerie Dupont SARL', 'business'], E: ['Société Éléphant', 'business'] } as const;
  for (const [k, [name, kind]] of Object.entries(clients)) clientIds[k] = (await t.ok('POST', '/clients', { name, kind, email: `${k.toLowerCase()}@client.test` })).id;
  const specs = [['J1', 'J', -30, -5], ['B1', 'B', -20, 10], ['J2', 'J', -10, 20], ['E1', 'E', -5, 25], ['B2', 'B', -2, 3]] as const;
  for (const [key, client, issue, due] of specs) {
    const inv = await t.ok('POST', '/invoices', { clientId: clientIds[client], issueDate: issued(issue), dueDate: d(due), lines: [{ description: key, quantity: 1, unitPriceCents: 10_000, vatRate: 20 }] });
    await t.ok('POST', `/invoices/${inv.id}/send`);
    byKey[inv.id] = key;
  }
  const imported = await t.call('POST', '/imports/invoices', {
    invoices: [{ number: 'EXT-001', client: { name: 'Société Éléphant', email: 'e@client.test', kind: 'business' }, issueDate: d(-40), dueDate: d(-10), grossCents: 5_000 }],
  });
  expect(imported.json.created).toBe(1);
  await t.drain();
  for (const i of (await t.get('/invoices?limit=100')).json.items) if (i.number === 'EXT-001') byKey[i.id] = 'X1';
}, 120_000);

describe('GET /invoices?q=', () => {
  it('finds a client by any word of its name, accents and case ignored, in client then due date order', async () => {
    expect(await numbersOf('q=dupre')).toEqual(['J1', 'J2']);
    expect(await numbersOf('q=ELEPH')).toEqual(['X1', 'E1']);
    expect(await numbersOf('q=sarl')).toEqual(['B2', 'B1']);
    // `dup` starts a word of two clients: Boulangerie Dupont SARL, then Jérôme Dupré.
    expect(await numbersOf('q=dup')).toEqual(['B2', 'B1', 'J1', 'J2']);
    expect(await numbersOf('q=dup&order=desc')).toEqual(['J2', 'J1', 'B1', 'B2']);
    // Every word must match: `jérôme dup` is Jérôme Dupré only.
    expect(await numbersOf('q=j%C3%A9r%C3%B4me%20dup')).toEqual(['J1', 'J2']);
    expect(await numbersOf('q=dupont%20jerome')).toEqual([]);
  });

  it('keeps the filters and pages with cursors across clients', async () => {
    expect(await numbersOf('q=dup&status=overdue')).toEqual(['J1']);
    expect(await numbersOf('q=dup&dueWithinDays=7')).toEqual(['B2']);
    expect(await allPages('q=dup', 1)).toEqual(['B2', 'B1', 'J1', 'J2']);
    expect(await allPages('q=dup', 3)).toEqual(['B2', 'B1', 'J1', 'J2']);
    // `dup` names two clients: the client filter keeps only its own (the client screen's search box).
    expect(await numbersOf(`q=dup&clientId=${clientIds.J}`)).toEqual(['J1', 'J2']);
    expect(await allPages(`q=dup&clientId=${clientIds.B}`, 1)).toEqual(['B2', 'B1']);
    expect(await numbersOf(`q=eleph&clientId=${clientIds.J}`)).toEqual([]);
    const res = await t.get('/invoices?q=dup&cursor=eyJrIjo5fQ');
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: any) => e.path)).toEqual(['query.cursor']);
  });

  it('finds one of our invoices by the digits that end its number, with or without the zeros', async () => {
    // Sent in order J1, B1, J2, E1, B2 on a fresh tenant: F-<year>-0001 … F-<year>-0005.
    for (const [digits, key] of [['3', 'J2'], ['0003', 'J2'], ['05', 'B2']] as const) expect(await numbersOf(`q=${digits}`)).toEqual([key]);
    expect(await numbersOf('q=9')).toEqual([]);
    // The filters still apply.
    expect(await numbersOf('q=1&status=overdue')).toEqual(['J1']);
    expect(await numbersOf('q=1&status=paid')).toEqual([]);
  });

  it('finds our numbers typed without their dashes (F2026, f 2026 3, F20260003)', async () => {
    const year = SERIES;
    expect(await numbersOf(`q=F${year}`)).toEqual(expect.arrayContaining(['J1', 'B1', 'J2', 'E1', 'B2']));
    for (const q of [`F${year}0003`, `f%20${year}%200003`, `F-${year}-0003`, `${year}-0003`, `${year}%200003`]) expect(await numbersOf(`q=${q}`), q).toEqual(['J2']);
    expect(await numbersOf(`q=F${year}0009`)).toEqual([]);
  });

  it('finds an imported invoice by the start of its own number, letters only', async () => {
    expect(await numbersOf('q=EXT')).toEqual(['X1']);
    expect(await numbersOf('q=ext-0')).toEqual(['X1']);
  });

  it('finds an imported number written in small letters, whatever the case typed; our sequence steps over it', async () => {
    // A tenant of its own: the invoices added here stay out of the other cases' lists.
    const u = await freshTenant('list-search-case');
    await u.ok('PUT', '/settings', companySettings);
    const client = (await u.ok('POST', '/clients', { name: 'Garage Case', kind: 'business', email: 'case@client.test' })).id;
    const issue = async () => u.ok('POST', `/invoices/${(await u.ok('POST', '/invoices', { clientId: client, issueDate: d(0), dueDate: d(30), lines: [{ description: 'x', quantity: 1, unitPriceCents: 1_000, vatRate: 20 }] })).id}/send`);
    const first = await issue();
    const next = first.number.replace(/\d+$/, (n: string) => String(Number(n) + 1).padStart(n.length, '0'));
    const row = (number: string, grossCents: number) => ({ number, client: { name: 'Garage Case', email: 'case@client.test', kind: 'business' }, issueDate: d(-40), dueDate: d(-10), grossCents });
    // An imported number in small letters, and the next number of our sequence as another tool wrote it.
    const imported = await u.call('POST', '/imports/invoices', { invoices: [row('fa-2025/118', 7_000), row(next.toLowerCase(), 8_000)] });
    expect(imported.json.errors).toEqual([]);
    await u.drain();
    const found = async (q: string) => (await u.ok('GET', `/invoices?q=${q}`)).items.map((i: { number: string }) => i.number);
    for (const q of ['FA', 'fa-2025', 'Fa-2025%2F1', 'fa-2025%2F118']) expect(await found(q), q).toEqual(['fa-2025/118']);
    // Our next invoice does not take the number the import brought, whatever its case.
    const second = await issue();
    expect(second.number.toUpperCase()).not.toBe(next.toUpperCase());
    await u.drain();
    // An import naming one of ours in other letters is refused as the same number.
    const again = await u.call('POST', '/imports/invoices?dryRun=true', { invoices: [row(second.number.toLowerCase(), 100)] });
    expect(again.json.errors).toEqual([{ row: 1, field: 'number', message: `is already the number of an invoice (${second.number})` }]);
  });

  it('finds a hyphenated name by each part and a ligature spelt out, on the list and among clients', async () => {
    const u = await freshTenant('list-search-words');
    await u.ok('PUT', '/settings', companySettings);
    for (const [name, email] of [['Jean-Pierre Martin', 'jp@words.test'], ['Œuvres Sociales du Bâtiment', 'oeuvres@words.test']]) {
      const client = await u.ok('POST', '/clients', { name, kind: 'business', email });
      const inv = await u.ok('POST', '/invoices', { clientId: client.id, issueDate: d(0), dueDate: d(30), lines: [{ description: 'x', quantity: 1, unitPriceCents: 1_000, vatRate: 20 }] });
      await u.ok('POST', `/invoices/${inv.id}/send`);
    }
    await u.drain();
    const found = async (path: string) => (await u.ok('GET', path)).items.map((i: { clientName?: string; name?: string }) => i.clientName ?? i.name);
    for (const q of ['pierre', 'jean%20pierre', 'jean-pierre', 'martin%20pierre']) {
      expect(await found(`/invoices?q=${q}`), q).toEqual(['Jean-Pierre Martin']);
      expect(await found(`/clients?q=${q}`), q).toEqual(['Jean-Pierre Martin']);
    }
    for (const q of ['oeuvres', '%C5%93uvres', 'OEUVRES%20bat']) {
      expect(await found(`/invoices?q=${q}`), q).toEqual(['Œuvres Sociales du Bâtiment']);
      expect(await found(`/clients?q=${q}`), q).toEqual(['Œuvres Sociales du Bâtiment']);
    }
  });

  it('follows a renamed client: its new words find it, its former ones no longer do', async () => {
    await t.ok('PATCH', `/clients/${clientIds.E}`, { name: 'Garage Mammouth' });
    await t.drain();
    expect(await numbersOf('q=mammouth')).toEqual(['X1', 'E1']);
    expect(await numbersOf('q=elephant')).toEqual([]);
  });
});
