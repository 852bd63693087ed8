import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * The reviewer of the web app walking it as a plumber between two jobs, on a 390 px phone: what they
 * found wrong, checked in Chromium. A tenant of its own, seeded over HTTP.
 */
const tenant = `review-${Date.now().toString(36)}`;
const PHONE_390 = { width: 390, height: 844 };
let browser: Browser;
let page: Page;
let token = '';
let clientId = '';
const numbers: string[] = [];
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined };
};

const checkScreen = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await poll(() => page.locator('[role=status].loading').count()).toBe(0);
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
  const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Garage Lefèvre', email: 'compta@lefevre.test', siren: undefined }));
  expect(client.status).toBe(201);
  clientId = client.json.id;
  // Two late invoices, never reminded: the "à relancer" tab.
  for (const unitPriceCents of [50_000, 20_000]) {
    const draft = await call('POST', '/invoices', anInvoiceInput(clientId, { issueDate: '2026-10-01', dueDate: '2026-10-31', lines: [{ description: 'Dépannage fuite', quantity: 1, unitPriceCents, vatRate: 20 }] }));
    expect(draft.status).toBe(201);
    const sent = await call('POST', `/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    numbers.push(sent.json.number);
  }
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE_390, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('the web app reviewed on a phone', () => {
  it('keeps the mass send’s results on screen after the reminders take the invoices out of « À relancer »', async () => {
    await page.goto(`${web()}/invoices`);
    await poll(() => page.getByRole('checkbox', { name: `Sélectionner ${numbers[1]}` }).count()).toBe(1);
    await page.getByRole('checkbox', { name: `Sélectionner ${numbers[0]}` }).check();
    await page.getByRole('checkbox', { name: `Sélectionner ${numbers[1]}` }).check();
    await page.getByRole('region', { name: '2 factures sélectionnées' }).getByRole('button', { name: 'Relancer la sélection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer 2 factures' });
    await dialog.getByLabel('Modèle').selectOption({ label: 'Relance ferme (J+8) (FR)' });
    await poll(() => dialog.locator('.preview').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Envoyer les relances' }).click();
    // The list is refetched without them (they were reminded): the dialog stays, with a line per invoice.
    await poll(() => dialog.getByTestId('batch-items').locator('tbody tr').count(), 30_000).toBe(2);
    expect(plain(await dialog.getByTestId('batch-totals').textContent())).toBe('Envoyées : 2 · sautées : 0 · en échec : 0');
    await poll(() => page.getByText('Rien à relancer.').count()).toBe(1);
    expect(await dialog.isVisible()).toBe(true);
    await checkScreen('r01-mass-send-results');
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    // Closed: the selection is gone with its bar.
    expect(await page.locator('.selection-bar').count()).toBe(0);
  });

  it('copies the IBAN from the client portal in one tap, without its spaces, and says so', async () => {
    const invoices = (await call('GET', '/invoices?limit=10')).json.items as { id: string; number: string }[];
    const link = await call('POST', `/invoices/${invoices.find((i) => i.number === numbers[0])!.id}/portal-link`);
    expect(link.status).toBe(201);
    const context = await browser.newContext({ viewport: PHONE_390, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web() });
    const portal = await context.newPage();
    portal.setDefaultTimeout(15_000);
    try {
      await portal.goto(`${web()}/p/${new URL(link.json.url).pathname.split('/p/')[1]}`);
      const pay = portal.getByRole('region', { name: 'Comment payer' });
      await pay.getByRole('button', { name: 'Copier l’IBAN' }).click();
      await poll(() => pay.getByRole('status').filter({ hasText: 'IBAN copié' }).count()).toBe(1);
      expect(await portal.evaluate<string>('navigator.clipboard.readText()')).toBe('FR7630006000011234567890189');
      await pay.getByRole('button', { name: 'Copier la référence' }).click();
      await poll(() => portal.evaluate<string>('navigator.clipboard.readText()')).toBe(numbers[0]);
      await screenshot(portal, 'r02-portal-copy-iban');
      expect(await seriousViolations(portal), 'axe on the portal').toEqual([]);
      expect(await horizontalOverflow(portal)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
