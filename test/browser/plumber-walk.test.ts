import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * A plumber walking the app on a 390 px phone, in the order they would: what they saw wrong
 * once, checked in Chromium. A tenant of its own, seeded over HTTP.
 */
const tenant = `walk-${Date.now().toString(36)}`;
const PHONE_390 = { width: 390, height: 844 };
let browser: Browser;
let page: Page;
let token = '';
let clientId = '';
let invoiceNumber = '';
const invoiceIds: string[] = [];
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
/** The stream consumers (aggregates behind the cockpit) catch up with what was written. */
const drain = async () => expect((await fetch(`${apiUrl()}/local/streams/drain`, { method: 'POST' })).status).toBe(200);

const checkScreen = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await poll(() => page.locator('[role=status].loading').count()).toBe(0);
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};

/** A figure of a stats card (`<dt>label</dt><dd>value</dd>`), spaces made plain. */
const stat = (label: string) => page.locator('.stat').filter({ has: page.locator('dt', { hasText: label }) }).locator('dd').first();
const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
  const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Boulangerie Pichon', email: 'compta@pichon.test', siren: undefined }));
  expect(client.status).toBe(201);
  clientId = client.json.id;
  // Two late invoices: 600.00 € and 240.00 €.
  for (const unitPriceCents of [50_000, 20_000]) {
    const draft = await call('POST', '/invoices', anInvoiceInput(clientId, { issueDate: '2026-10-01', dueDate: '2026-10-31', lines: [{ description: 'Dépannage fuite', quantity: 1, unitPriceCents, vatRate: 20 }] }));
    expect(draft.status).toBe(201);
    const sent = await call('POST', `/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    invoiceNumber ||= sent.json.number;
    invoiceIds.push(draft.json.id);
  }
  await drain();
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE_390, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('a plumber’s walk on a phone', () => {
  it('shows a payment recorded on the invoice at once on Home, the client page and the clients list (no figures of before)', async () => {
    // Every screen opened once: their figures are in the cache (15 s fresh) before the payment.
    await poll(async () => plain(await stat('Encaissé ce mois').textContent())).toBe('0,00 €');
    expect(plain(await stat('À encaisser').textContent())).toBe('840,00 €');
    await nav('Clients').click();
    await page.getByRole('link', { name: 'Boulangerie Pichon' }).click();
    await poll(async () => plain(await page.getByTestId('client-balance').textContent())).toBe('840,00 €');
    await page.getByRole('link', { name: invoiceNumber, exact: true }).first().click();
    await page.getByRole('button', { name: 'Paiement reçu' }).click();
    await page.getByLabel('Montant (€)').fill('250');
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await poll(async () => plain(await page.getByTestId('balance').textContent())).toBe('350,00 €');
    await drain();
    // Back through the navigation, as a thumb would: each screen reads again.
    await nav('Accueil').click();
    await poll(async () => plain(await stat('Encaissé ce mois').textContent()), 5_000).toBe('250,00 €');
    expect(plain(await stat('À encaisser').textContent())).toBe('590,00 €');
    await nav('Clients').click();
    const row = page.locator('table.responsive tbody tr').filter({ hasText: 'Boulangerie Pichon' });
    await poll(async () => plain(await row.locator('td[data-label="Reste dû"]').textContent()), 5_000).toBe('590,00 €');
    await row.getByRole('link', { name: 'Boulangerie Pichon' }).click();
    await poll(async () => plain(await page.getByTestId('client-balance').textContent()), 5_000).toBe('590,00 €');
    await checkScreen('90-walk-client-after-payment');
  });

  it('says "Catégories" once on the client page: the card’s title labels its field', async () => {
    await page.goto(`${web()}/clients/${clientId}`);
    const form = page.getByRole('form', { name: 'Catégories' });
    await form.waitFor();
    expect(await form.getByText('Catégories', { exact: true }).count()).toBe(1);
    const input = form.getByLabel('Catégories');
    await input.fill('syndic, fidèle');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.getByText('Catégories enregistrées.').count()).toBe(1);
    expect((await call('GET', `/clients/${clientId}`)).json.tags).toEqual(['syndic', 'fidèle']);
    await checkScreen('91-walk-client-tags');
  });

  it('selects every late invoice in one tap on the phone, where the table’s header is hidden', async () => {
    await nav('Factures').click();
    const all = page.getByLabel('Tout sélectionner sur cette page');
    await all.waitFor();
    expect(await all.isVisible()).toBe(true);
    const box = (await all.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE_390.height * 2);
    await all.check();
    const bar = page.getByRole('region', { name: '2 factures sélectionnées' });
    await bar.waitFor();
    expect(await page.locator('table.responsive tbody input[type=checkbox]:checked').count()).toBe(2);
    await checkScreen('92-walk-select-all');
    await all.uncheck();
    await bar.waitFor({ state: 'detached' });
  });

  it('stops and resumes a client’s automatic reminders from the top of the client page, one tap each', async () => {
    await page.goto(`${web()}/clients/${clientId}`);
    const box = page.getByTestId('client-reminders');
    await box.getByText('Relances automatiques : actives').waitFor();
    // In the first screen of the phone, above the statement.
    expect((await box.boundingBox())!.y).toBeLessThan(PHONE_390.height);
    await box.getByRole('button', { name: 'Ne plus relancer ce client' }).click();
    await box.getByText('Relances automatiques : désactivées').waitFor();
    expect((await call('GET', `/clients/${clientId}`)).json.remindersEnabled).toBe(false);
    // The edit form below says the same (it is read again).
    await poll(() => page.getByLabel('Relances automatiques', { exact: true }).isChecked()).toBe(false);
    await checkScreen('93-walk-client-opted-out');
    await box.getByRole('button', { name: 'Relancer à nouveau ce client' }).click();
    await box.getByText('Relances automatiques : actives').waitFor();
    expect((await call('GET', `/clients/${clientId}`)).json.remindersEnabled).toBe(true);
  });

  it('records the payment the client reported from the portal in one tap: amount, date and reference already there', async () => {
    const second = invoiceIds[1]!;
    const link = await call('POST', `/invoices/${second}/portal-link`);
    expect(link.status).toBe(201);
    const client = await browser.newContext({ viewport: PHONE_390, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    try {
      const portal = await client.newPage();
      await portal.goto(`${web()}${new URL(link.json.url).pathname}`);
      const paid = portal.getByRole('form', { name: 'J’ai payé' });
      await paid.getByLabel('Référence du virement (facultatif)').fill('VIR-PICHON');
      await paid.getByRole('button', { name: 'Signaler mon paiement' }).click();
      await poll(() => portal.getByTestId('portal-status').textContent()).toMatch(/Merci\s! Votre paiement du .* est signalé/);
    } finally {
      await client.close();
    }
    await page.goto(`${web()}/invoices/${second}`);
    await page.getByText(/Le client dit avoir payé/).first().waitFor();
    await page.getByRole('button', { name: 'Paiement reçu' }).click();
    const form = page.getByRole('form', { name: 'Enregistrer un paiement' });
    await poll(() => form.getByLabel('Montant (€)').inputValue()).toBe('240,00');
    expect(await form.getByLabel('Référence').inputValue()).toBe('VIR-PICHON');
    await checkScreen('94-walk-claimed-payment');
    await form.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await poll(async () => plain(await page.getByTestId('balance').textContent())).toBe('0,00 €');
    const payments = (await call('GET', `/invoices/${second}/payments`)).json.items;
    expect(payments.map((p: { amountCents: number; reference?: string }) => [p.amountCents, p.reference])).toEqual([[24_000, 'VIR-PICHON']]);
  });
});
