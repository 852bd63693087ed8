import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aCompanyIdentity } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, PHONE, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * Words longer than a 375 px phone is wide: an invoice number brought from another tool (the import takes up
 * to 64 characters) and a long company email. The number was kept on one line everywhere (so that F-2026-0001
 * never breaks at its dashes), and pushed the client's page and the simulation 70 px sideways; the email
 * did the same on the client's portal. A tenant of its own, seeded over HTTP.
 */
const tenant = `long-${Date.now().toString(36)}`;
const NUMBER = 'FACTURE-CHANTIER-RENOVATION-2026-000123'; // 39 characters: wider than the screen
const EMAIL = 'secretariat.comptabilite.facturation@plomberiemartin.fr';
let browser: Browser;
let page: Page;
let token = '';
let clientId = '';
let portalUrl = '';
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');

const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
};

const frDate = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  await call('PUT', '/settings', { company: aCompanyIdentity({ email: EMAIL }) });
  const csv = `N° facture;Client;E-mail;Date facture;Échéance;HT;TVA;TTC;Déjà réglé\n${NUMBER};Garage Lefèvre;garage@lefevre.test;${frDate(40)};${frDate(10)};1000,00;200,00;1200,00;0\n`;
  const imported = await call('POST', '/imports/invoices', csv, 'text/csv');
  clientId = imported.items[0].clientId;
  const invoices = await call('GET', `/invoices?clientId=${clientId}`);
  portalUrl = (await call('POST', `/invoices/${invoices.items[0].id}/portal-link`)).url;
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('a word wider than the phone', () => {
  it('a long invoice number goes to its own line and breaks there, on the client’s page and in the simulation', async () => {
    await page.goto(`${web()}/clients/${clientId}`);
    await page.getByRole('link', { name: NUMBER }).first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'long-number-client');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${web()}/simulation`);
    await page.getByRole('link', { name: NUMBER }).first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'long-number-simulation');
  });

  it('a short one still never breaks at its dashes', async () => {
    await page.goto(`${web()}/simulation`);
    const link = page.getByRole('link', { name: NUMBER }).first();
    await link.waitFor();
    // The same link holding a usual number, after some words in a narrow line: as high as one letter (one line).
    const heights = await page.evaluate<[number, number]>(`(() => {
      const a = document.querySelector('a.doc-number');
      a.parentElement.style.width = '170px';
      a.textContent = 'F';
      const one = a.getBoundingClientRect().height;
      a.textContent = 'F-2026-0001';
      return [one, a.getBoundingClientRect().height];
    })()`);
    expect(heights[1]).toBe(heights[0]);
  });

  it('a long company email on the client’s portal', async () => {
    await page.goto(portalUrl);
    await page.getByRole('link', { name: EMAIL }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'long-email-portal');
  });
});
