import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * A demanding new user's walk (a plumber on a 390 px phone, French): what it found wrong, checked in
 * Chromium. A tenant of its own, seeded over HTTP.
 */
const tenant = `qaweb4-${Date.now().toString(36)}`;
const PHONE_390 = { width: 390, height: 844 };
let browser: Browser;
let page: Page;
let token = '';
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
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
const focused = () => page.evaluate<string>(`(() => { const a = document.activeElement; return a ? (a.getAttribute('role') ?? a.tagName.toLowerCase()) + ':' + (a.getAttribute('aria-label') ?? a.textContent ?? '').trim().slice(0, 40) : '' })()`);
const focusInDialog = () => page.evaluate<boolean>(`Boolean(document.activeElement && document.activeElement.closest('[role=dialog]'))`);

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
  ids.client = client.json.id;
  const draft = await call('POST', '/invoices', anInvoiceInput(client.json.id, { issueDate: inDays(-5), dueDate: inDays(25) }));
  expect(draft.status).toBe(201);
  expect((await call('POST', `/invoices/${draft.json.id}/send`)).status).toBe(200);
  ids.invoice = draft.json.id;
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE_390, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('a demanding new user’s walk on a phone', () => {
  it('the client form takes the mobile where texts go, and says when it is a landline that texts never reach', async () => {
    await page.goto(`${web()}/clients/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau client' }).waitFor();
    const phone = page.getByLabel('Téléphone mobile (SMS)');
    const landline = 'Numéro fixe : les SMS n’y arrivent pas. Seuls les 06 et 07 reçoivent les SMS en France.';
    await phone.fill('01 42 00 00 00');
    await poll(() => page.getByText(landline).count()).toBe(1);
    // Tied to the field, for a screen reader too.
    const warningId = await page.getByText(landline).getAttribute('id');
    expect((await phone.getAttribute('aria-describedby'))?.split(' ')).toContain(warningId);
    await phone.fill('06 12 34 56 78');
    await poll(() => page.getByText(landline).count()).toBe(0);
    await phone.fill('09 70 00 00 00'); // a VoIP box: no text either
    await poll(() => page.getByText(landline).count()).toBe(1);
    await checkScreen('qa-web4-client-landline');
    await phone.fill('07 00 00 00 01');
    await page.getByLabel('Nom', { exact: true }).fill('Marie Curie');
    await page.getByLabel('Type').selectOption('consumer');
    await page.getByLabel('E-mail', { exact: true }).fill('marie@curie.test');
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.waitForURL(/\/clients\/[0-9A-Z]{20,}$/);
    const id = page.url().split('/').at(-1)!;
    expect((await call('GET', `/clients/${id}`)).json.phone).toBe('+33700000001');
    // Edited: a number the API refuses is said under the field; emptied, the phone is removed.
    await page.getByRole('heading', { level: 2, name: 'Modifier' }).waitFor();
    const edit = page.getByRole('form', { name: 'Enregistrer' });
    await edit.getByLabel('Téléphone mobile (SMS)').fill('06 12 34');
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => edit.getByText('Numéro invalide, ex. 06 12 34 56 78 ou +33 6 12 34 56 78').count()).toBe(1);
    await edit.getByLabel('Téléphone mobile (SMS)').fill('');
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(async () => (await call('GET', `/clients/${id}`)).json.phone).toBeUndefined();
  });

  it('a contact’s landline is said under its phone (the SMS step looks past it)', async () => {
    await page.goto(`${web()}/clients/${ids.client}`);
    await page.getByRole('heading', { level: 1, name: 'Garage Lefèvre' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    const contact = page.getByRole('group', { name: 'Contact 1' });
    await contact.getByLabel('Nom').fill('Paul Lefèvre');
    await contact.getByLabel('Téléphone').fill('+33 5 56 00 00 00');
    await poll(() => contact.getByText('Numéro fixe : les SMS n’y arrivent pas.', { exact: false }).count()).toBe(1);
    await contact.getByLabel('Téléphone').fill('+32 470 12 34 56'); // abroad: not judged
    await poll(() => contact.getByText('Numéro fixe', { exact: false }).count()).toBe(0);
    await checkScreen('qa-web4-contact-phone');
  });

  it('a line or a document over the amount ceiling is said where it is (the API named body.lines.0 and body.lines: nothing showed)', async () => {
    await page.goto(`${web()}/quotes/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau devis' }).waitFor();
    await page.getByLabel('Client').selectOption({ label: 'Garage Lefèvre' });
    await page.getByLabel('Désignation').fill('Pose');
    await page.getByLabel('Qté').fill('100000');
    await page.getByLabel('Prix unitaire HT').fill('999999');
    await page.getByRole('button', { name: 'Créer le devis' }).click();
    // The line: under its unit price, which takes the focus.
    const price = page.getByLabel('Prix unitaire HT');
    await poll(() => price.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await price.getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect((await page.locator(`[id="${describedBy}"]`).textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Total TTC de la ligne : 999 999 999,99 € au plus');
    expect(await page.evaluate<string | null>(`document.activeElement && document.activeElement.getAttribute('name')`)).toBe('lines.0.unitPrice');
    // Each line within the ceiling, the document over it: said under the totals, announced.
    await page.getByLabel('Qté').fill('1');
    await price.fill('500000000');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Désignation').nth(1).fill('Pose 2');
    await page.getByLabel('Qté').nth(1).fill('1');
    await page.getByLabel('Prix unitaire HT').nth(1).fill('500000000');
    await page.getByRole('button', { name: 'Créer le devis' }).click();
    const documentError = page.getByTestId('lines-error');
    await poll(async () => (await documentError.textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Total TTC : 999 999 999,99 € au plus');
    expect(await documentError.getAttribute('role')).toBe('alert');
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    await checkScreen('qa-web4-lines-ceiling');
  });

  it('the SMS template previews the text as it goes: the pay link never empty, on one line, without the email-only choices', async () => {
    await page.goto(`${web()}/templates/sms-reminder`);
    await page.getByRole('heading', { level: 1, name: 'SMS de relance' }).waitFor();
    const preview = page.locator('.preview');
    // No payment URL in the settings: the text names the transfer, as compose-sms sends it (it read "Pour régler :  Déjà réglé ?").
    await poll(async () => (await preview.textContent()) ?? '').toContain('Pour régler : virement IBAN FR76 3000 6000 0112 3456 7890 189, référence F-');
    expect(await page.getByText(/^Texte de \d+ caractères$/).count()).toBe(1);
    expect(await page.getByLabel('Joindre la facture en PDF').count()).toBe(0);
    expect(await page.getByText('Ce modèle part en SMS', { exact: false }).count()).toBe(1);
    await checkScreen('qa-web4-sms-template');
  });

  it('after "Envoyer la relance" the focus stays in the dialog showing the result, not on the page behind it', async () => {
    await page.goto(`${web()}/invoices/${ids.invoice}`);
    await page.getByRole('heading', { level: 1, name: /^Facture F-/ }).waitFor();
    await page.getByRole('button', { name: 'Relancer maintenant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer maintenant' });
    await dialog.getByText('Objet :', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Envoyer la relance' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => dialog.getByText('Relance envoyée.', { exact: false }).count(), 30_000).toBe(1);
    await poll(() => focusInDialog()).toBe(true);
    // The next Tab stays in the modal dialog (it went to the client's link behind it).
    await page.keyboard.press('Tab');
    expect(await focusInDialog(), await focused()).toBe(true);
    await checkScreen('qa-web4-remind-sent');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
