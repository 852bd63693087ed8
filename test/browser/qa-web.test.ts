import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { inbox } from '../e2e/http.js';
import { horizontalOverflow, launch, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * A fresh-eyes acceptance walk (a new user, on a 390 px phone): what it found wrong, checked in
 * Chromium. A tenant of its own, seeded over HTTP.
 */
const tenant = `qaweb-${Date.now().toString(36)}`;
const PHONE_390 = { width: 390, height: 844 };
let browser: Browser;
let page: Page;
let token = '';
const numbers: Record<string, string> = {};
const ids: Record<string, string> = {};
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined };
};
const drain = async () => expect((await fetch(`${apiUrl()}/local/streams/drain`, { method: 'POST' })).status).toBe(200);
/** A date `days` from today (Paris), as the API takes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

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
  // Two invoices due in 4 and 5 days, never reminded: one untouched, one partially paid.
  for (const [key, due] of [
    ['sent', 4],
    ['partial', 5],
  ] as const) {
    const draft = await call('POST', '/invoices', anInvoiceInput(client.json.id, { issueDate: inDays(-25), dueDate: inDays(due) }));
    expect(draft.status).toBe(201);
    const sent = await call('POST', `/invoices/${draft.json.id}/send`);
    expect(sent.status).toBe(200);
    numbers[key] = sent.json.number;
    ids[key] = draft.json.id;
    if (key === 'partial') expect((await call('POST', `/invoices/${draft.json.id}/payments`, { amountCents: 10_000, date: inDays(0) })).status).toBe(201);
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

describe('a new user’s acceptance walk on a phone', () => {
  it('lists a partially paid invoice never reminded under "Non relancées" and "Échéance proche" (status=sent left it out)', async () => {
    await page.goto(`${web()}/invoices`);
    for (const tab of ['Non relancées', 'Échéance proche']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      const panel = page.getByRole('tabpanel');
      await poll(() => panel.getByRole('link', { name: numbers.sent!, exact: true }).count(), 15_000).toBe(1);
      expect(await panel.getByRole('link', { name: numbers.partial!, exact: true }).count(), tab).toBe(1);
    }
    await checkScreen('qa-web-tab-due-soon');
  });

  it('a template test sends what is on screen (edits saved first, not the stored text) and says to which address', async () => {
    const created = await call('POST', '/templates', { name: 'Relance chantier', language: 'fr', subject: 'Facture {{invoiceNumber}}', body: 'Ancien texte.' });
    expect(created.status).toBe(201);
    await page.goto(`${web()}/templates/${created.json.id}`);
    await page.getByRole('heading', { level: 1, name: 'Relance chantier' }).waitFor();
    // Where the test goes: the address the user signed in with (the API's rule), not the company's.
    expect(await page.getByText('Le test part à votre adresse de connexion, rendu sur la facture de l’aperçu.').count()).toBe(1);
    await page.getByLabel('Message').fill('Nouveau texte, pas encore enregistré.');
    await page.getByRole('button', { name: 'M’envoyer un test' }).click();
    const me = `moi@${tenant}.test`;
    await poll(() => page.getByText(`Test envoyé à ${me}.`).count(), 30_000).toBe(1);
    const sent = (await inbox(me)).filter((e) => e.subject.startsWith('[TEST]'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.text).toContain('Nouveau texte, pas encore enregistré.');
    expect(sent[0]!.body.text).not.toContain('Ancien texte.');
    expect((await call('GET', `/templates/${created.json.id}`)).json.body).toBe('Nouveau texte, pas encore enregistré.');
    await poll(() => page.getByText('Enregistré', { exact: true }).count()).toBe(1);
    await checkScreen('qa-web-template-test');
  });

  it('a scenario step’s ↑ and ↓ buttons are 44 px wide on a phone, not 33', async () => {
    await page.goto(`${web()}/scenarios/b2b-default`);
    const up = page.getByRole('button', { name: 'Monter l’étape 2' });
    await up.waitFor();
    for (const button of [up, page.getByRole('button', { name: 'Descendre l’étape 2' })]) {
      const box = await button.boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(44);
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
    await checkScreen('qa-web-scenario-steps');
  });

  it('a dated pause says the day reminders resume, the day the API resumes them (the dialog said "the day after")', async () => {
    const resumeOn = inDays(10);
    await page.goto(`${web()}/invoices/${ids.sent}`);
    await page.getByRole('heading', { level: 1, name: `Facture ${numbers.sent}` }).waitFor();
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Suspendre les relances', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Suspendre les relances' });
    expect(await dialog.getByText('Vide : jusqu’à ce que vous repreniez. Avec une date, les relances reprennent seules ce jour-là.').count()).toBe(1);
    await dialog.getByLabel('Reprise le (facultatif)').fill(resumeOn);
    await dialog.getByLabel('Motif').fill('Client en congés');
    await dialog.getByRole('button', { name: 'Suspendre' }).click();
    const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${resumeOn}T00:00:00Z`));
    await poll(async () => (await page.getByTestId('hold-notice').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain(`Relances suspendues, reprise le ${day}`);
    expect((await call('GET', `/invoices/${ids.sent}`)).json.pausedUntil).toBe(resumeOn);
    // The API resumes the reminders at 00:00 of that very day (its one-time schedule), as the screen now says.
    const schedules = ((await (await fetch(`${apiUrl()}/local/schedules`)).json()) as { items: { input?: { invoiceId?: string; kind?: string }; expression: string }[] }).items;
    expect(schedules.filter((x) => x.input?.invoiceId === ids.sent && x.input?.kind === 'resume').map((x) => x.expression)).toEqual([`at(${resumeOn}T00:00:00)`]);
    await checkScreen('qa-web-paused');
  });

  it('the settings show the saved IBAN in groups of four, as the bank prints it, and save it again unchanged', async () => {
    await page.goto(`${web()}/settings`);
    const iban = page.getByLabel('IBAN');
    await poll(() => iban.inputValue()).toBe('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await poll(() => page.getByText('Réglages enregistrés.').count()).toBe(1);
    expect((await call('GET', '/settings')).json.company.iban).toBe('FR7630006000011234567890189');
    await checkScreen('qa-web-settings');
  });
});
