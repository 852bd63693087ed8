import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aCompanyIdentity } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, PHONE, plainSpaces, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * A company with no email, no reply-to address and no notification address: its invoices and reminders go without
 * a Reply-To and no alert reaches the owner (README Known issues). Home and settings say so in French, with a link to
 * the company email field; axe finds nothing serious, nothing scrolls sideways on a phone, and saving an email ends it.
 */
const tenant = `noreply-${Date.now().toString(36)}`;
const WARNING = 'Personne ne peut vous répondre : ni e-mail de l’entreprise, ni adresse de réponse des relances, ni e-mail pour les alertes.';
let browser: Browser;
let page: Page;
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');

beforeAll(async () => {
  const { token } = (await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string };
  const { email: _none, ...identity } = aCompanyIdentity();
  const res = await fetch(`${apiUrl()}/settings`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ company: identity }) });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { company: { email?: string }; notifyEmail?: string; replyToEmail?: string })).not.toHaveProperty('notifyEmail');
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('no address for replies or alerts', () => {
  it('is said on home and in the settings, leads to the company email, and goes once one is saved', async () => {
    const onHome = page.getByTestId('no-reply-address');
    await onHome.waitFor();
    // The colon after « répondre » held to its word by a narrow no-break space: never alone at the start of a phone's line.
    expect(await onHome.textContent()).toContain('Personne ne peut vous répondre\u202f: ni e-mail');
    expect(plainSpaces(await onHome.textContent())).toContain(WARNING);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'no-reply-address-home');
    expect(await seriousViolations(page)).toEqual([]);

    await onHome.getByRole('link', { name: 'Renseigner l’e-mail de l’entreprise' }).click();
    await page.waitForURL(`${web()}/settings#company-email`);
    const email = page.getByLabel('E-mail', { exact: true });
    // Focused: the company email field (the only one with autocomplete="email").
    await expect.poll(() => page.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("autocomplete")')).toBe('email');
    expect(plainSpaces(await page.getByTestId('no-reply-address').textContent())).toContain(WARNING);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'no-reply-address-settings');
    expect(await seriousViolations(page)).toEqual([]);

    await email.fill('contact@plomberie-martin.test');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByText('Réglages enregistrés').waitFor();
    await page.getByTestId('no-reply-address').waitFor({ state: 'detached' });
    await page.goto(`${web()}/`);
    await page.getByRole('heading', { level: 1, name: 'Bonjour' }).waitFor();
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.getByTestId('no-reply-address').count()).toBe(0);
  });
});
