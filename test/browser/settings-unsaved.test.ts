import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aCompanyIdentity } from '../fixtures/api-fixtures.js';
import { launch, plainSpaces, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * Settings kept a section's edits on screen, unsaved, and lost them without a word when the owner
 * went to another screen: leaving now asks first (the browser's confirm), and stays when refused.
 */
const tenant = `unsaved-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
let answer = false;
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');

beforeAll(async () => {
  const { token } = (await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string };
  const res = await fetch(`${apiUrl()}/settings`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ company: aCompanyIdentity() }) });
  expect(res.status).toBe(200);
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void (answer ? d.accept() : d.dismiss());
  });
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

const goToInvoices = () => page.getByRole('navigation').getByRole('link', { name: 'Factures', exact: true }).click();

describe('settings edited and not saved', () => {
  it('asks before leaving, stays with the edit when refused, leaves when accepted; saved edits leave without a word', async () => {
    await page.goto(`${web()}/settings`);
    const grace = page.getByRole('form', { name: 'Paiement' }).getByLabel('Délai après un paiement avant de relancer à nouveau (jours)');
    await grace.fill('5');
    answer = false;
    await goToInvoices();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(plainSpaces(dialogs[0])).toBe('confirm: Des modifications ne sont pas enregistrées. Quitter la page sans les enregistrer ?');
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await grace.inputValue()).toBe('5');
    await screenshot(page, 'settings-unsaved');
    expect(await seriousViolations(page)).toEqual([]);

    answer = true;
    await goToInvoices();
    await page.waitForURL(`${web()}/invoices`);
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor(); // the settings screen is gone
    expect(dialogs).toHaveLength(2);

    // Saved: no question.
    await page.goto(`${web()}/settings`);
    const form = page.getByRole('form', { name: 'Paiement' });
    await form.getByLabel('Délai après un paiement avant de relancer à nouveau (jours)').fill('4');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByRole('status').waitFor();
    await goToInvoices();
    await page.waitForURL(`${web()}/invoices`);
    expect(dialogs).toHaveLength(2);
  });
});
