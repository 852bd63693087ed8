/**
 * Chromium from Debian driven by playwright-core (no browser download): the executable comes
 * from CHROMIUM_PATH, /usr/bin/chromium by default (.ci/run installs the package when missing).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'web');
export const PHONE = { width: 375, height: 812 };

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=fr-FR'] });

export const screenshot = async (page: Page, name: string): Promise<void> => {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: string[] }

/** axe-core in the page: the serious and critical violations (WCAG 2.x A/AA rules and best practices). */
export const seriousViolations = async (page: Page): Promise<AxeViolation[]> => {
  // Page-side code as strings: this file is type-checked without the DOM library.
  if (!(await page.evaluate<boolean>(`'axe' in window`))) await page.evaluate(axe.source); // not a script tag: the sign-in page's CSP forbids inline scripts
  const violations = await page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

/** No element wider than the viewport: nothing to scroll sideways at 375 px (tables scroll inside their wrapper). */
export const horizontalOverflow = (page: Page): Promise<number> =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** Signs a tenant in through the local issuer's "choose a tenant" page and waits for the home screen. */
export const signIn = async (page: Page, webUrl: string, tenant: string): Promise<void> => {
  await page.goto(`${webUrl}/`);
  await page.waitForURL(/\/local\/authorize/);
  await page.getByLabel('Entreprise (tenant)').fill(tenant);
  await page.getByLabel('E-mail').fill(`moi@${tenant}.test`);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(`${webUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Bonjour' }).waitFor();
};

/** The invoice screen's secondary actions sit in its "more actions" menu (French): opens it and picks one. */
export const moreAction = async (page: Page, name: string, menu = 'Plus d’actions'): Promise<void> => {
  await page.getByRole('button', { name: menu }).click();
  await page.getByRole('menu').getByRole('menuitem', { name, exact: true }).click();
};

/** What the invoice's "more actions" menu offers now (opened, read, closed with Escape). */
export const moreActionNames = async (page: Page, menu = 'Plus d’actions'): Promise<string[]> => {
  await page.getByRole('button', { name: menu }).click();
  const items = page.getByRole('menu').getByRole('menuitem');
  await items.first().waitFor();
  const names = (await items.allTextContents()).map((s) => s.trim());
  await page.keyboard.press('Escape');
  await page.getByRole('menu').waitFor({ state: 'detached' });
  return names;
};

/** A text as the tests write it: the no-break spaces the app prints (before « : ; ! ? », in guillemets, in numbers and money) read as plain spaces. */
export const plainSpaces = (s: string | null | undefined): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');
