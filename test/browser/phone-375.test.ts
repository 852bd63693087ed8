import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { parisToday } from '../e2e/local-clock.js';
import { horizontalOverflow, launch, PHONE, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * A second reviewer on a 375 px phone (the narrowest common one), in Chromium. A keyboard user's focus
 * when the control they pressed goes away: a quote's
 * status buttons (each replaced by the next step's, disabled while its request runs) and the mass
 * send's dialog (its button leaves with the selection). The focus lands on the screen's heading, one
 * few Tabs before what came next, never on the page's top. A tenant of its own, seeded over HTTP.
 */
const tenant = `focus-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
let token = '';
let quoteId = '';
let invoiceId = '';
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, options: { timeout?: number; message?: string } = {}) => expect.poll(fn, { timeout: 20_000, interval: 100, ...options });

const ok = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
};

/** The focused element, described: its tag and its text (or label). */
const focused = () =>
  page.evaluate<string>(`(() => { const a = document.activeElement; return a ? a.tagName.toLowerCase() + ':' + (a.getAttribute('aria-label') || a.textContent || '').trim() : 'none'; })()`);

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  await ok('PUT', '/settings', { company: aCompanyIdentity() });
  const client = await ok('POST', '/clients', aBusinessClientInput({ name: 'Boulangerie Dupont SARL', email: 'compta@dupont.test' }));
  // Dated today: a quote of a fixed date expires (30 days) and can no longer be accepted.
  const quote = await ok('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), lines: [{ description: 'Pose d’un chauffe-eau', quantity: 1, unitPriceCents: 90_000, vatRate: 10 }] });
  quoteId = quote.id;
  // Two late invoices: "Tout sélectionner" shows from two rows.
  for (const [issueDate, dueDate] of [['2026-06-01', '2026-07-01'], ['2026-09-01', '2026-10-01']] as const) {
    const draft = await ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate, dueDate }));
    await ok('POST', `/invoices/${draft.id}/send`);
    invoiceId = draft.id;
  }
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('the focus when the pressed control goes away', () => {
  it('a quote’s status buttons: the focus goes to the quote’s heading, the next step a Tab after the client’s link', async () => {
    await page.goto(`${web()}/quotes/${quoteId}`);
    await page.getByRole('button', { name: 'Envoyer le devis' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Accepté par le client' }).waitFor();
    await poll(focused).toBe(`h1:Devis D-${parisToday().slice(0, 4)}-0001`);
    await page.keyboard.press('Tab'); // the client's link under the heading
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button:Accepté par le client');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Créer la facture finale' }).waitFor();
    await poll(focused).toBe(`h1:Devis D-${parisToday().slice(0, 4)}-0001`);
    await screenshot(page, '90-focus-quote');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the mass send: closing its results puts the focus on the list’s heading, not the page’s top', async () => {
    await page.goto(`${web()}/invoices?tab=overdue`);
    await page.getByLabel('Tout sélectionner sur cette page').check();
    await page.getByRole('button', { name: 'Relancer la sélection' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Envoyer les relances' }).click();
    await dialog.getByTestId('batch-totals').waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await poll(focused).toBe('h1:Factures');
    await screenshot(page, '91-focus-mass-send');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});

describe('the client portal on a 375 px phone', () => {
  it('shows the IBAN on one line, its copy button under it (a client copying it by eye does not read a group cut off)', async () => {
    const { url } = await ok('POST', `/invoices/${invoiceId}/portal-link`);
    const portal = await browser.newPage({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    try {
      await portal.goto(url);
      const iban = portal.getByTestId('portal-iban');
      await iban.waitFor();
      expect(await iban.textContent()).toBe('FR76 3000 6000 0112 3456 7890 189');
      // The text's line boxes: one line, and the button below it rather than beside it.
      const lines = await portal.evaluate<number[]>(`(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('[data-testid=portal-iban]'));
        return [...new Set([...range.getClientRects()].map((r) => Math.round(r.top)))];
      })()`);
      expect(lines).toHaveLength(1);
      const ibanBox = (await iban.boundingBox())!;
      const copyBox = (await portal.getByRole('button', { name: 'Copier l’IBAN' }).boundingBox())!;
      expect(copyBox.y).toBeGreaterThanOrEqual(ibanBox.y + ibanBox.height - 1);
      await portal.getByRole('heading', { name: 'Comment payer' }).scrollIntoViewIfNeeded();
      await screenshot(portal, '92-portal-iban-375');
      expect(await seriousViolations(portal)).toEqual([]);
      expect(await portal.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    } finally {
      await portal.close();
    }
  });
});

/** The aging chart's labels along its axis: their boxes, left to right (the lowest row of tick texts in the first chart). */
const agingLabels = () =>
  page.evaluate<{ text: string; left: number; right: number }[]>(`(() => {
    const svg = document.querySelector('svg.recharts-surface');
    if (!svg) return [];
    const ticks = [...svg.querySelectorAll('text.recharts-cartesian-axis-tick-value')].map((t) => ({ t, box: t.getBoundingClientRect() }));
    const axisTop = Math.max(...ticks.map((k) => k.box.top)) - 40; // the x axis: below the chart, the y axis's labels above it
    return ticks.filter((k) => k.box.top > axisTop && k.t.getAttribute('text-anchor') === 'middle')
      .map((k) => ({ text: k.t.textContent, left: k.box.left, right: k.box.right })).sort((a, b) => a.left - b.left);
  })()`);

describe('the home screen’s charts on a 375 px phone', () => {
  it('keeps the aging chart’s five labels apart, in French and in English', async () => {
    for (const [language, other] of [['fr', 'English'], ['en', 'Français']] as const) {
      await page.goto(`${web()}/`);
      await page.locator('svg.recharts-surface').first().waitFor();
      await poll(async () => (await agingLabels()).length).toBeGreaterThanOrEqual(5);
      const labels = await agingLabels();
      for (let i = 1; i < labels.length; i++) {
        expect(labels[i]!.left - labels[i - 1]!.right, `${language}: « ${labels[i - 1]!.text} » then « ${labels[i]!.text} »`).toBeGreaterThanOrEqual(2);
      }
      await screenshot(page, `93-aging-labels-${language}`);
      await page.getByRole('button', { name: other }).click();
    }
    await page.getByRole('button', { name: 'English' }).waitFor();
  });
});

describe('the follow-up list on a desktop', () => {
  it('shows all its tabs at 1280 px, the first one whole, with no scrollbar under them', async () => {
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    try {
      await signIn(desktop, web(), tenant);
      await desktop.goto(`${web()}/invoices?tab=all`);
      const list = desktop.getByRole('tablist');
      await desktop.getByRole('tab', { name: 'Toutes' }).waitFor();
      expect(await desktop.evaluate<number>(`(() => { const l = document.querySelector('[role=tablist]'); return l.scrollWidth - l.clientWidth; })()`)).toBeLessThanOrEqual(0);
      const box = (await list.boundingBox())!;
      for (const tab of await desktop.getByRole('tab').all()) {
        const t = (await tab.boundingBox())!;
        expect(t.x, (await tab.textContent()) ?? '').toBeGreaterThanOrEqual(box.x - 0.5);
        expect(t.x + t.width, (await tab.textContent()) ?? '').toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
      await screenshot(desktop, '94-list-tabs-desktop');
      expect(await seriousViolations(desktop)).toEqual([]);
    } finally {
      await desktop.close();
    }
  });
});
