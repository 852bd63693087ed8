/**
 * `web`: the web app's weight and the home screen's render time. Builds web/dist, reads what
 * the first load fetches (index.html's script and preloads, then the home route's chunk and
 * its static imports; the cockpit charts are a later chunk), gzips each file; then starts the
 * local stack and the web server, seeds a tenant (clients, sent invoices, payments), signs in
 * through the local OIDC page in Debian's Chromium and times, from navigation to the cockpit
 * figures on screen: a full page load of `/` and an in-app navigation to Home.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT, startLocalStack } from '../infra/local/local-stack.js';
import { buildWebApp, startWebServer } from '../infra/local/web-server.js';
import { launch } from '../test/browser/browser.js';
import { aCompanyIdentity } from '../test/fixtures/api-fixtures.js';
import { median, num, percentile, sortedCopy, type Table } from './stats.js';

const RUNS = 10;
const CLIENTS = 10;
const INVOICES = 40;

type Manifest = Record<string, { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; css?: string[] }>;

const gz = async (file: string) => {
  const bytes = await readFile(join(REPO_ROOT, 'web/dist', file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const bundleTable = async (): Promise<Table> => {
  const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'web/dist/.vite/manifest.json'), 'utf8')) as Manifest;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const initial = closure(entry);
  const home = closure('src/features/home/home-screen.tsx');
  const charts = closure('src/features/home/components/cockpit-charts.tsx');
  const sum = async (keys: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const key of keys) {
      const size = await gz(manifest[key]!.file);
      raw += size.raw;
      gzip += size.gzip;
    }
    return { raw, gzip };
  };
  const all = Object.keys(manifest).filter((k) => manifest[k]!.file.endsWith('.js'));
  const homeOnly = [...home].filter((k) => !initial.has(k));
  const chartsOnly = [...charts].filter((k) => !initial.has(k) && !home.has(k));
  const rows: [string, { raw: number; gzip: number }][] = [
    ['shell (index.html script + preloads)', await sum(initial)],
    ['+ home route (cockpit figures)', await sum(homeOnly)],
    ['= initial JS on opening Home', await sum(new Set([...initial, ...homeOnly]))],
    ['+ cockpit charts (Recharts, after the figures)', await sum(chartsOnly)],
    ['every JS chunk (all screens)', await sum(all)],
  ];
  const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
  return {
    title: 'Web app JavaScript (vite build, gzip -9)',
    headers: ['what', 'raw', 'gzip'],
    rows: rows.map(([what, s]) => [what, kb(s.raw), kb(s.gzip)]),
    notes: ['Target: initial JS ≤ 200 KB gzip. Screens are route chunks; CSS is not counted.'],
    targets: [{ target: 'web app: initial JS on opening Home (gzip)', measured: kb(rows[2]![1].gzip), limit: '200 KB', met: rows[2]![1].gzip <= 200_000 }],
  };
};

const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export const runWeb = async (): Promise<Table[]> => {
  await buildWebApp(REPO_ROOT, () => undefined);
  const tables = [await bundleTable()];

  const stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
  const web = await startWebServer({ repoRoot: REPO_ROOT, apiUrl: stack.urls.api, port: 0 });
  const browser = await launch();
  try {
    const tenant = 'bench-web';
    const token = await stack.tokenFor(tenant, 'bench@relances.test');
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${stack.urls.api}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    await call('PUT', '/settings', { company: aCompanyIdentity() }); // sending needs a legal identity
    const clients = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await call('POST', '/clients', { name: `Client ${i}`, kind: 'business', email: `c${i}@bench.test` }));
    for (let i = 0; i < INVOICES; i++) {
      const inv = await call('POST', '/invoices', {
        clientId: clients[i % CLIENTS]!.id,
        issueDate: isoDay(Math.min(-60 + i * 2, 0)), // a business term stays within the legal 60 days
        dueDate: isoDay(-30 + i * 2),
        lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: 10_000 + i * 1_000, vatRate: 20 }],
      });
      await call('POST', `/invoices/${inv.id}/send`);
      if (i % 3 === 0) await call('POST', `/invoices/${inv.id}/payments`, { amountCents: 5_000, date: isoDay(-1), method: 'transfer' });
    }
    await fetch(`${stack.urls.api}/local/streams/drain`, { method: 'POST' });

    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${web.url}/`);
    await page.waitForURL(/\/local\/authorize/);
    await page.fill('#tenant', tenant);
    await page.click('button[type=submit]');
    await page.getByTestId('cockpit-figures').waitFor({ timeout: 30_000 });

    const load: number[] = [];
    const inApp: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Full load: from navigation start to the figures in the DOM (the page's own clock).
      await page.goto(`${web.url}/`);
      await page.getByTestId('cockpit-figures').waitFor();
      load.push(await page.evaluate<number>('performance.now()'));
      // In-app: click Home from another screen (route chunk and cockpit data cached, refetched in the background).
      await page.getByRole('navigation').getByRole('link', { name: 'Factures' }).click();
      await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
      const started = Date.now();
      await page.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click();
      await page.getByTestId('cockpit-figures').waitFor();
      inApp.push(Date.now() - started);
    }
    const row = (what: string, values: number[]) => {
      const s = sortedCopy(values);
      return [what, num(median(s)), num(percentile(s, 95)), num(s[s.length - 1]!)];
    };
    tables.push({
      title: `Home screen: navigation → cockpit figures rendered (Chromium, 375 px, ${CLIENTS} clients, ${INVOICES} sent invoices, ${RUNS} runs)`,
      headers: ['navigation', 'median ms', 'p95 ms', 'max ms'],
      rows: [row('full page load of / (HTML, JS, config, token, GET /cockpit)', load), row('in-app click on Home (chunk and data cached)', inApp)],
      notes: ['Target: figures within 1 s of navigation on the local stack.'],
    });
    await context.close();
  } finally {
    await browser.close();
    await web.stop();
    await stack.stop();
  }
  return tables;
};
