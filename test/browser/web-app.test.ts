import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aCompanyIdentity } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, PHONE, screenshot, seriousViolations } from './browser.js';

/**
 * The web app in a real browser (Chromium, 375 px wide, French): sign in through the local
 * OIDC issuer, create a client, create and send an invoice, find it in the follow-up list,
 * record a partial payment, send a reminder after reading its preview. axe-core runs on every
 * screen; screenshots land in test-results/web/.
 */
const tenant = `web-${Date.now().toString(36)}`;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const web = () => inject('webUrl');
/** expect.poll with a patience fit for a shared 2-core machine (the default is 1 s). */
const poll = <T>(fn: () => Promise<T> | T, options: { timeout?: number; message?: string } = {}) =>
  expect.poll(fn, { timeout: 20_000, interval: 100, ...options });

const checkScreen = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await poll(() => page.locator('[role=status].loading').count(), { timeout: 15_000 }).toBe(0);
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};

beforeAll(async () => {
  // Sending an invoice needs the company's legal identity in settings: give the tenant one.
  const api = inject('apiUrl');
  const { token } = (await (await fetch(`${api}/local/token?tenant=${tenant}`)).json()) as { token: string };
  const put = await fetch(`${api}/settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ company: aCompanyIdentity() }),
  });
  expect(put.status).toBe(200);
  browser = await launch();
  context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the web app in Chromium', () => {
  it('signs in through the local issuer: "choose a tenant", code + PKCE, back to the home screen', async () => {
    await page.goto(`${web()}/`);
    await page.waitForURL(/\/local\/authorize/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '00-sign-in');
    await page.getByLabel('Entreprise (tenant)').fill(tenant);
    await page.getByLabel('E-mail').fill(`moi@${tenant}.test`);
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.waitForURL(`${web()}/`);
    await poll(() => page.getByRole('heading', { level: 1, name: 'Bonjour' }).count()).toBe(1);
    await poll(() => page.getByText('Aucune facture en cours').count()).toBe(1);
    await checkScreen('01-home');
  });

  it('an app in English sends its language to the sign-in page, which speaks English (html lang, labels) and stays accessible', async () => {
    const english = await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/Paris' });
    try {
      await english.addInitScript("localStorage.setItem('relances.lang', 'en')");
      const other = await english.newPage();
      other.setDefaultTimeout(15_000);
      await other.goto(`${web()}/`);
      await other.waitForURL(/\/local\/authorize\?.*ui_locales=en/);
      // Cognito's managed login reads `lang` (the local issuer, `ui_locales`): both go.
      expect(new URL(other.url()).searchParams.get('lang')).toBe('en');
      expect(await other.getAttribute('html', 'lang')).toBe('en');
      await other.getByLabel('Company (tenant)').fill(tenant);
      await other.getByLabel('Email').fill(`me@${tenant}.test`);
      expect(await seriousViolations(other)).toEqual([]);
      await screenshot(other, '00b-sign-in-en');
      await other.getByRole('button', { name: 'Continue' }).click();
      await other.waitForURL(`${web()}/`);
      await poll(() => other.getByRole('heading', { level: 1, name: 'Hello' }).count()).toBe(1);
    } finally {
      await english.close();
    }
  });

  it('creates a client; an error of the API shows next to the field it names', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
    await poll(() => page.getByText('Aucun client.').count()).toBe(1);
    await checkScreen('02-clients-empty');
    await page.getByRole('link', { name: 'Nouveau client' }).first().click();
    // Wait for the new screen (its chunk may still be loading), or a label could match the list's search box.
    await page.getByRole('heading', { level: 1, name: 'Nouveau client' }).waitFor();
    await page.getByLabel('Nom', { exact: true }).fill('Boulangerie Dupont SARL');
    await page.getByLabel('E-mail', { exact: true }).fill('compta@dupont.test');
    // A wrong SIREN check digit is caught in the form.
    await page.getByLabel('SIREN').fill('552100555');
    await page.getByRole('button', { name: 'Créer' }).click();
    await poll(() => page.getByText('Le SIREN a 9 chiffres et une clé valide').count()).toBe(1);
    await page.getByLabel('SIREN').fill('552100554');
    // The postal code is checked by the API only: its problem+json names body.address.postalCode, said in French.
    await page.getByLabel('Adresse', { exact: true }).fill('12 rue des Lilas');
    await page.getByLabel('Code postal').fill('paris!');
    await page.getByLabel('Ville').fill('Paris');
    await page.getByRole('button', { name: 'Créer' }).click();
    const postal = page.getByLabel('Code postal');
    await poll(() => postal.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await postal.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toBe('Code postal invalide');
    await checkScreen('03-new-client-error');
    await postal.fill('75011');
    await page.getByRole('button', { name: 'Créer' }).click();
    await poll(() => page.getByRole('heading', { level: 1, name: 'Boulangerie Dupont SARL' }).count()).toBe(1);
    await checkScreen('04-client');
  });

  let invoiceNumber = '';
  it('creates a draft invoice for the client and sends it: numbered F-<year>-0001', async () => {
    await page.getByRole('link', { name: 'Facturer ce client' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle facture' }).waitFor();
    await page.getByLabel('Désignation').fill('Remplacement chauffe-eau');
    await page.getByLabel('Prix unitaire HT').fill('1 200,00');
    await page.getByLabel('TVA %').selectOption('10');
    await checkScreen('05-new-invoice');
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await poll(() => page.getByRole('heading', { level: 1, name: 'Facture (brouillon)' }).count()).toBe(1);
    expect(await page.getByTestId('balance').textContent()).toMatch(/1\s320,00\s€/);
    await page.getByRole('button', { name: 'Envoyer la facture' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Facture F-\d{4}-0001$/ });
    await poll(() => heading.count(), { timeout: 30_000 }).toBe(1);
    invoiceNumber = (await heading.textContent())!.replace('Facture ', '');
    await poll(() => page.getByText('Plan de relance').count()).toBe(1);
    await checkScreen('06-invoice-sent');
  });

  it('finds the invoice in the follow-up list', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Factures' }).click();
    await page.getByRole('tab', { name: 'Non relancées' }).click();
    await poll(() => page.getByRole('link', { name: invoiceNumber }).count()).toBe(1);
    await checkScreen('07-follow-up-list');
    await page.getByRole('tab', { name: 'Brouillons' }).click();
    await poll(() => page.getByText('Aucun brouillon.').count()).toBe(1);
    await page.getByRole('tab', { name: 'Non relancées' }).click();
    await page.getByRole('link', { name: invoiceNumber }).click();
    await page.getByRole('heading', { level: 1, name: `Facture ${invoiceNumber}` }).waitFor();
  });

  it('records a partial payment and shows the new balance', async () => {
    const form = page.getByRole('form', { name: 'Enregistrer un paiement' });
    await form.getByLabel('Montant (€)').fill('abc');
    await form.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await poll(() => form.getByText('Montant invalide').count()).toBe(1);
    await form.getByLabel('Montant (€)').fill('500');
    await form.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await poll(async () => (await page.getByTestId('balance').textContent())?.replace(/\s/g, ' ')).toBe('820,00 €');
    await poll(() => page.getByText('Partiellement payée').count()).toBeGreaterThan(0);
    await checkScreen('08-partial-payment');
  });

  it('sends a reminder now after reading its preview', async () => {
    await page.getByRole('button', { name: 'Relancer maintenant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer maintenant' });
    await poll(() => dialog.getByTestId('preview-subject').count()).toBe(1);
    expect(await dialog.getByTestId('preview-body').textContent()).toContain(invoiceNumber);
    // The dry run of POST /clients/{id}/reminders names the recipients; the owner can change them.
    expect(await dialog.getByLabel('À', { exact: true }).inputValue()).toBe('compta@dupont.test');
    expect(await dialog.getByTestId('preview-to').textContent()).toBe('compta@dupont.test');
    await dialog.getByLabel('Cc', { exact: true }).fill('pas-un-email');
    await dialog.getByRole('button', { name: 'Envoyer la relance' }).click();
    await poll(() => dialog.getByText('Adresse e-mail invalide : pas-un-email').count()).toBe(1);
    await dialog.getByLabel('Cc', { exact: true }).fill('patron@dupont.test');
    await dialog.getByLabel('Cc', { exact: true }).blur();
    await poll(() => dialog.getByTestId('preview-cc').textContent()).toBe('patron@dupont.test');
    await screenshot(page, '09-reminder-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Envoyer la relance' }).click();
    await poll(() => dialog.getByText('Relance envoyée. Destinataires : compta@dupont.test, patron@dupont.test.').count(), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('cell', { name: 'Envoyée' }).or(page.getByText('Envoyée', { exact: true })).count()).toBeGreaterThan(0);
    await checkScreen('10-invoice-reminded');
  });

  it('opens every other screen without a serious accessibility violation', async () => {
    const screens: [string, string, RegExp | string][] = [
      ['11-quotes', '/quotes', 'Devis et chantiers'],
      ['12-new-quote', '/quotes/new', 'Nouveau devis'],
      ['13-templates', '/templates', 'Modèles de message'],
      ['14-scenarios', '/scenarios', 'Scénarios de relance'],
      ['15-settings', '/settings', 'Réglages'],
      ['16-simulation', '/simulation', 'Simulation'],
    ];
    for (const [name, path, title] of screens) {
      await page.goto(`${web()}${path}`);
      await poll(() => page.getByRole('heading', { level: 1, name: title }).count(), { message: path }).toBe(1);
      await checkScreen(name);
    }
    // The cockpit (figures kept by the stream consumer) shows the balance left on the invoice.
    await poll(async () => {
      await page.goto(`${web()}/`);
      const figures = page.getByTestId('cockpit-figures');
      await figures.waitFor();
      return (await figures.textContent())?.replace(/\s/g, ' ');
    }).toContain('À encaisser820,00 €');
    await checkScreen('17-home-cockpit');
    // Clients: search finds the client; its statement carries the same balance.
    await page.goto(`${web()}/clients`);
    await page.getByLabel('Nom, e-mail ou SIREN').fill('boul');
    await poll(() => page.getByRole('link', { name: 'Boulangerie Dupont SARL' }).count()).toBe(1);
    await page.getByLabel('Nom, e-mail ou SIREN').fill('zzz');
    await poll(() => page.getByText('Aucun client ne correspond à « zzz ».').count()).toBe(1);
    await page.getByRole('button', { name: 'Effacer la recherche' }).click();
    await poll(() => page.getByRole('link', { name: 'Boulangerie Dupont SARL' }).count()).toBe(1);
    await checkScreen('17b-clients');
    await page.getByRole('link', { name: 'Boulangerie Dupont SARL' }).click();
    await poll(async () => (await page.getByTestId('client-balance').textContent())?.replace(/\s/g, ' ')).toBe('820,00 €');
    await checkScreen('17c-client-statement');
    await page.goto(`${web()}/templates`);
    await page.locator('table a').first().click();
    await poll(() => page.getByRole('button', { name: 'M’envoyer un test' }).count()).toBe(1);
    await poll(() => page.locator('.preview').count()).toBe(1);
    await checkScreen('18-template-editor');
  });

  it('switches to English: the same screen, every label translated', async () => {
    await page.goto(`${web()}/invoices`);
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.getByRole('heading', { level: 1, name: 'Invoices' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await checkScreen('19-invoices-en');
    await page.getByRole('button', { name: 'Français' }).click();
  });
});
