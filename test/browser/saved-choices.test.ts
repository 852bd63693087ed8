import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aCompanyIdentity } from '../fixtures/api-fixtures.js';
import { launch, PHONE, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * Choices saved before, shown as saved when the screen opens again, and taken back when emptied: a select filled from a list read after its
 * form was set (the scenarios) showed its first option, whatever was saved. The business clients' scenario of the
 * settings and a client's own scenario showed as the default one; and `PUT /settings` keeps a field it is not
 * given, so choosing the built-in scenario again kept the other, and an emptied phone stayed on the invoices.
 */
const tenant = `choices-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
let token: string;
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
};

beforeAll(async () => {
  ({ token } = (await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string });
  await call('POST', '/scenarios', { id: 'court', name: 'Relances courtes', steps: [{ id: 'j+1', offsetDays: 1, templateId: 'reminder' }] });
  await call('PUT', '/settings', { company: aCompanyIdentity({ phone: '02 40 00 00 00', bic: 'BNPAFRPP' }), defaultScenarioId: 'court', replyToEmail: 'compta@plomberie.test', penaltyRatePercent: 12 });
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

const openSettings = async () => {
  await page.goto(`${web()}/settings`);
  await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
};

/** The first form's button: the company, program and calendar (the sections below have their own). */
const saveCompany = async () => {
  const form = page.locator('form').first();
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await form.getByRole('status').filter({ hasText: 'Réglages enregistrés.' }).waitFor();
};

describe('choices saved before', () => {
  it('shows the business clients’ scenario chosen before, and puts the built-in one back when it is chosen', async () => {
    await openSettings();
    const scenario = page.getByLabel('Scénario des clients professionnels');
    await page.getByRole('option', { name: 'Relances courtes' }).waitFor({ state: 'attached' });
    expect(await scenario.inputValue()).toBe('court');
    expect(await scenario.locator('option:checked').textContent()).toBe('Relances courtes');

    await scenario.selectOption({ label: 'Clients professionnels (J-5, J+1, J+8, J+15)' });
    await saveCompany();
    expect((await call('GET', '/settings')).defaultScenarioId).not.toBe('court');

    await openSettings();
    await page.getByRole('option', { name: 'Relances courtes' }).waitFor({ state: 'attached' });
    expect(await scenario.locator('option:checked').textContent()).toBe('Clients professionnels (J-5, J+1, J+8, J+15)');
    await screenshot(page, 'settings-scenario-back');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('empties the company’s phone and BIC, the reply-to address and the penalty rate when their fields are emptied (they stayed, and the screen said "saved")', async () => {
    await openSettings();
    const company = page.locator('form').first();
    await company.getByLabel('Téléphone').fill('');
    await company.getByLabel('BIC').fill('');
    await saveCompany();
    const payment = page.getByRole('form', { name: 'Paiement' });
    await payment.getByLabel('Adresse de réponse des relances').fill('');
    await payment.getByLabel('Taux des pénalités de retard (% par an)').fill('');
    await payment.getByRole('button', { name: 'Enregistrer' }).click();
    await payment.getByRole('status').waitFor();

    const saved = await call('GET', '/settings');
    expect(saved.company).not.toHaveProperty('phone');
    expect(saved.company).not.toHaveProperty('bic');
    expect(saved.company).toMatchObject({ name: 'Plomberie Martin', email: 'contact@plomberie-martin.test' });
    expect(saved).not.toHaveProperty('replyToEmail');
    expect(saved).not.toHaveProperty('penaltyRatePercent');
    await openSettings();
    expect(await page.locator('form').first().getByLabel('Téléphone').inputValue()).toBe('');
    expect(await page.getByRole('form', { name: 'Paiement' }).getByLabel('Adresse de réponse des relances').inputValue()).toBe('');
  });

  it('shows a client’s own scenario on its page, even when the scenarios are read after the client', async () => {
    const client = await call('POST', '/clients', { name: 'Garage Lefèvre', kind: 'business', email: 'garage@lefevre.test', scenarioId: 'court' });
    // The scenarios answer a moment after the client (they came first or second, by chance): the real answer, later.
    await page.route(/\/scenarios$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    try {
      await page.goto(`${web()}/clients/${String(client.id)}`);
      await page.getByRole('heading', { level: 1, name: 'Garage Lefèvre' }).waitFor();
      const scenario = page.getByRole('region', { name: 'Modifier' }).getByLabel('Scénario');
      await scenario.getByRole('option', { name: 'Relances courtes' }).waitFor({ state: 'attached' });
      expect(await scenario.locator('option:checked').textContent()).toBe('Relances courtes');
    } finally {
      await page.unroute(/\/scenarios$/);
    }
  });
});
