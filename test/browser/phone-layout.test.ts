import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { horizontalOverflow, launch, moreAction, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * What a plumber sees on a 390 px phone, measured in Chromium rather than judged by eye: nothing
 * cut or pushed off screen, fingers-sized targets, spacing, and the words of a new tenant's first
 * screens. A tenant of its own, seeded over HTTP after the empty state is checked.
 */
const tenant = `phone-${Date.now().toString(36)}`;
const PHONE_390 = { width: 390, height: 844 };
let browser: Browser;
let page: Page;
let token = '';
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, timeout = 15_000) => expect.poll(fn, { timeout, interval: 100 });

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
};

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

const settle = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await poll(() => page.locator('[role=status].loading').count()).toBe(0);
  await screenshot(page, name);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};

/** Cells of phone tables whose content is cut (wider than the cell) or ends past the screen's right edge. */
const clippedCells = (): Promise<string[]> =>
  page.evaluate<string[]>(`[...document.querySelectorAll('table.responsive td')]
    .filter((td) => td.scrollWidth > td.clientWidth + 1 || td.getBoundingClientRect().right > document.documentElement.clientWidth)
    .map((td) => td.getAttribute('data-label') + ': ' + td.textContent)`);

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE_390, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('a 390 px phone', () => {
  it('shows a new tenant what to do first, with room between the empty state and the next card', async () => {
    const empty = page.getByTestId('home-empty');
    await empty.waitFor();
    await settle('60-phone-home-empty');
    // The company comes first: sending an invoice needs its SIREN and address.
    await page.getByRole('link', { name: 'Compléter mon entreprise' }).waitFor();
    expect(await empty.getByRole('link', { name: 'Importer mes factures (CSV)' }).getAttribute('href')).toBe('/import');
    const gap = await page.evaluate<number>(`(() => { const e = document.querySelector('[data-testid=home-empty]'); return e.nextElementSibling.getBoundingClientRect().top - e.getBoundingClientRect().bottom; })()`);
    expect(gap).toBeGreaterThanOrEqual(12);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lists the templates as cards whose language, tone and subject stay on screen', async () => {
    await page.goto(`${web()}/templates`);
    await page.getByRole('heading', { level: 1, name: 'Modèles de message' }).waitFor();
    await settle('61-phone-templates');
    expect(await clippedCells()).toEqual([]);
    // The language and tone of the first template are visible beside their labels.
    const first = page.locator('table.responsive tbody tr').first();
    expect(await first.locator('td[data-label="Langue"]').isVisible()).toBe(true);
    expect(await first.locator('td[data-label="Langue"]').textContent()).toBe('FR');
    expect((await first.locator('td[data-label="Ton"]').boundingBox())!.width).toBeLessThanOrEqual(PHONE_390.width);
  });

  it('names the scenario business clients follow in the settings, and says a wrong hour in French', async () => {
    await page.goto(`${web()}/settings`);
    const select = page.getByLabel('Scénario des clients professionnels');
    await select.waitFor();
    await poll(() => select.evaluate((s: any) => String(s.selectedOptions[0]?.textContent ?? ''))).toMatch(/^Clients professionnel/);
    await page.getByLabel('Heure d’envoi').fill('25');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByText('Un nombre entre 0 et 23').waitFor();
    expect(await page.getByText(/Too big|expected number/).count()).toBe(0);
    // Checkboxes of the later sections: a visible box and a whole 44 px row to tap.
    const box = page.getByLabel('M’écrire dès qu’un client agit ou qu’un envoi échoue');
    const own = (await box.boundingBox())!;
    expect(own.width).toBeGreaterThanOrEqual(20);
    const row = (await box.locator('xpath=..').boundingBox())!;
    expect(row.height).toBeGreaterThanOrEqual(44);
    await settle('62-phone-settings');
  });

  it('never shows a new tenant the French placeholder name as its company name, in French or in English', async () => {
    await page.goto(`${web()}/settings`);
    const name = page.getByLabel('Raison sociale');
    await name.waitFor();
    expect(await name.inputValue()).toBe('');
    expect(await name.getAttribute('placeholder')).toBe('ex. Plomberie Martin');
    await page.getByRole('button', { name: 'English' }).click();
    try {
      const english = page.getByLabel('Company name');
      await english.waitFor();
      expect(await english.getAttribute('placeholder')).toBe('e.g. Smith Plumbing');
      const values = await page.locator('input').evaluateAll((inputs: any[]) => inputs.map((i) => String(i.value)));
      expect(values.filter((v) => v.includes('Mon entreprise'))).toEqual([]);
      expect(await page.evaluate<string>('document.body.innerText')).not.toContain('Mon entreprise');
      // Saving the program without a name yet is not refused for the name, and keeps no name.
      await page.getByRole('button', { name: 'Save' }).first().click();
      await page.getByRole('status').filter({ hasText: 'Settings saved.' }).waitFor();
      expect((await call('GET', '/settings')).json.company.name).toBe('Mon entreprise');
    } finally {
      await page.getByRole('button', { name: 'Français' }).click();
    }
  });

  it('keeps the follow-up list on screen with a long client name, 44 px selection boxes, and a mass send whose template choice reads whole', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Garage Lefèvre et Fils Maintenance Industrielle du Grand Ouest', siren: undefined }));
    expect(client.status).toBe(201);
    for (const dueDate of ['2026-09-01', '2026-10-01']) {
      const draft = await call('POST', '/invoices', anInvoiceInput(client.json.id, { issueDate: '2026-08-01', dueDate }));
      expect(draft.status).toBe(201);
      expect((await call('POST', `/invoices/${draft.json.id}/send`)).status).toBe(200);
    }
    await page.goto(`${web()}/invoices`);
    const rows = page.locator('table tbody tr');
    await poll(() => rows.count()).toBe(2);
    await settle('63-phone-follow-up');
    expect(await clippedCells()).toEqual([]);
    const tap = page.locator('tbody label.tap').first();
    const target = (await tap.boundingBox())!;
    expect(target.width).toBeGreaterThanOrEqual(44);
    expect(target.height).toBeGreaterThanOrEqual(44);
    await tap.click(); // the label, not the 13 px box: a finger's tap selects the row
    await page.locator('tbody label.tap').nth(1).click();
    // The sticky selection bar keeps to two lines: the list stays visible under it.
    expect((await page.getByRole('region', { name: '2 factures sélectionnées' }).boundingBox())!.height).toBeLessThanOrEqual(120);
    await page.getByRole('button', { name: 'Relancer la sélection' }).click();
    const dialog = page.getByRole('dialog');
    const template = dialog.getByLabel('Modèle', { exact: true });
    await template.waitFor();
    // The chosen option's text fits the select's box (measured with the select's own font).
    // Page-side code: this file is type-checked without the DOM library, hence `any`.
    const fits = await template.evaluate((s: any) => {
      const w = globalThis as any;
      const style = w.getComputedStyle(s);
      const ctx = w.document.createElement('canvas').getContext('2d');
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 24; // the arrow
      return { text: ctx.measureText(s.selectedOptions[0].textContent).width + padding, box: s.clientWidth as number };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.box);
    await dialog.getByText('Sans choix, chaque facture part avec le modèle de sa prochaine étape de relance.').waitFor();
    await screenshot(page, '64-phone-mass-send');
  });

  it('keeps the template editor’s variables in one sideways strip, the message right below it', async () => {
    // Variables come with a preview, rendered on the tenant's latest invoice (seeded by the test above).
    await page.keyboard.press('Escape');
    await page.goto(`${web()}/templates`);
    await page.locator('table.responsive tbody a').first().click();
    const picker = page.getByTestId('variable-picker');
    await picker.waitFor();
    await settle('61b-phone-template-editor');
    // One row of chips (44 px targets), not 25 chips stacked above the message.
    const box = (await picker.boundingBox())!;
    expect(box.height).toBeLessThan(70);
    expect(box.width).toBeLessThanOrEqual(PHONE_390.width);
    const chip = picker.getByRole('button', { name: /Insérer \{\{clientName\}\}/ });
    expect((await chip.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    const body = page.getByLabel('Message');
    await body.click();
    await body.press('End');
    await chip.click();
    expect(await body.inputValue()).toContain('{{clientName}}');
  });

  it('says a recorded payment under its button, and asks before removing one', async () => {
    await page.keyboard.press('Escape');
    await page.goto(`${web()}/invoices`);
    await page.locator('table tbody tr a.doc-number').first().click();
    await page.getByRole('heading', { level: 1, name: /^Facture F-/ }).waitFor();
    // "Paiement reçu", at the top: one tap puts the cursor in the amount, a screen down.
    await page.getByRole('button', { name: 'Paiement reçu' }).click();
    await poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('inputmode'))).toBe('decimal');
    expect(await page.getByLabel('Montant (€)').evaluate((e: any) => e === (globalThis as any).document.activeElement)).toBe(true);
    const field = (await page.getByLabel('Montant (€)').boundingBox())!;
    expect(field.y).toBeGreaterThanOrEqual(0);
    expect(field.y + field.height).toBeLessThanOrEqual(PHONE_390.height);
    await page.keyboard.type('100');
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    const said = page.getByRole('status').filter({ hasText: 'Paiement de' });
    await said.waitFor();
    expect(plain(await said.textContent())).toBe('Paiement de 100,00 € enregistré.');
    const remove = page.getByRole('button', { name: /^Retirer 100,00/ });
    // Dismissed: nothing is removed.
    let asked = '';
    page.once('dialog', (d) => ((asked = d.message()), void d.dismiss()));
    await remove.click();
    await poll(() => asked).toMatch(/^Retirer le paiement de 100,00/);
    await page.waitForTimeout(300);
    expect(await page.getByText('(retiré)').count()).toBe(0);
    page.once('dialog', (d) => void d.accept());
    await remove.click();
    await page.getByText('(retiré)').waitFor();
    // Said, and the keyboard keeps its place: on the payments' heading, not the page's top.
    await page.getByRole('status').filter({ hasText: 'Paiement de 100,00 € retiré.' }).waitFor();
    await poll(() => page.evaluate<string>('document.activeElement?.tagName + " " + document.activeElement?.textContent')).toBe('H2 Paiements');
    await settle('65-phone-payment-removed');
  });

  it('keeps two actions of an open invoice in view and the others in a "more actions" menu a keyboard can use', async () => {
    await page.goto(`${web()}/invoices`);
    await page.locator('table tbody tr a.doc-number').first().click();
    await page.getByRole('heading', { level: 1, name: /^Facture F-/ }).waitFor();
    const bar = page.locator('.invoice-actions');
    await bar.getByRole('button', { name: 'Paiement reçu' }).waitFor();
    expect((await bar.locator('> :is(button, a)').allTextContents()).map((s) => s.trim())).toEqual(['Paiement reçu', 'Relancer maintenant', 'Plus d’actions ▾']);
    // Two rows of buttons (the main two side by side, then the menu's), all on screen.
    const boxes = await Promise.all((await bar.locator('> :is(button, a)').all()).map(async (b) => (await b.boundingBox())!));
    expect(new Set(boxes.map((b) => Math.round(b.y))).size).toBe(2);
    for (const b of boxes) expect(b.x + b.width).toBeLessThanOrEqual(PHONE_390.width);
    // The menu's button, found once by role and name, then by its test id (its name ends with the ▾ sign).
    const more = bar.getByTestId('more-actions');
    expect(await bar.getByRole('button', { name: 'Plus d’actions' }).count()).toBe(1);
    expect(await more.getAttribute('aria-haspopup')).toBe('menu');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const focused = () => page.evaluate<string>('document.activeElement?.textContent ?? ""');
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    const items = (await menu.getByRole('menuitem').allTextContents()).map((s) => s.trim());
    expect(items).toEqual(['Suspendre les relances', 'Noter une promesse de paiement', 'Signaler un litige', 'Nouveau lien du portail client', 'Désactiver les liens du portail', 'Faire un avoir', 'Passer en contentieux', 'Dossier de preuve (PDF)']);
    // The menu stays on the screen and passes axe while open.
    const box = (await menu.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE_390.width);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, '65b-phone-invoice-more-actions');
    await poll(focused).toBe('Suspendre les relances');
    await page.keyboard.press('ArrowDown');
    await poll(focused).toBe('Noter une promesse de paiement');
    await page.keyboard.press('ArrowDown');
    await poll(focused).toBe('Signaler un litige');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await poll(focused).toBe('Plus d’actions ▾');
    // An item opens its form in a dialog; closing it gives the focus back to the menu's button.
    await page.keyboard.press('Enter');
    await menu.waitFor();
    await poll(focused).toBe('Suspendre les relances');
    await page.keyboard.press('ArrowDown');
    await poll(focused).toBe('Noter une promesse de paiement');
    await page.keyboard.press('ArrowDown');
    await poll(focused).toBe('Signaler un litige');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Facture contestée' });
    await dialog.waitFor();
    await poll(() => page.evaluate<boolean>('Boolean(document.activeElement?.closest("[role=dialog]"))')).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await poll(focused).toBe('Plus d’actions ▾');
    await settle('65c-phone-invoice-actions');
  });

  it('asks before cancelling a draft', async () => {
    const client = await call('GET', '/clients');
    const draft = await call('POST', '/invoices', anInvoiceInput(client.json.items[0].id, { issueDate: '2026-11-20', dueDate: '2026-12-20' }));
    expect(draft.status).toBe(201);
    await page.goto(`${web()}/invoices/${draft.json.id}`);
    let asked = '';
    page.once('dialog', (d) => ((asked = d.message()), void d.dismiss()));
    await moreAction(page, 'Annuler la facture');
    await poll(() => asked).toMatch(/^Annuler ce brouillon\s\?/);
    await page.waitForTimeout(300);
    expect((await call('GET', `/invoices/${draft.json.id}`)).json.status).toBe('draft');
  });

  it('says a client was saved, until the next edit', async () => {
    const client = (await call('GET', '/clients')).json.items[0];
    await page.goto(`${web()}/clients/${client.id}`);
    const edit = page.getByRole('form', { name: 'Enregistrer' });
    await edit.getByLabel('Ville').fill('Paris 11e');
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Client enregistré.' }).waitFor();
    await poll(async () => (await call('GET', `/clients/${client.id}`)).json.address?.city).toBe('Paris 11e');
    await page.getByRole('form', { name: 'Enregistrer' }).getByLabel('Ville').fill('Paris');
    await poll(() => page.getByText('Client enregistré.').count()).toBe(0);
  });

  it('says an existing scenario was saved (the editor comes back with the saved steps), until the next edit', async () => {
    await page.goto(`${web()}/scenarios/b2b-default`);
    const days = page.getByLabel('Jours').nth(1);
    await days.fill('2');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Scénario enregistré.').waitFor();
    expect((await call('GET', '/scenarios/b2b-default')).json.steps[1].offsetDays).toBe(2);
    await page.getByLabel('Jours').nth(1).fill('3');
    await poll(() => page.getByText('Scénario enregistré.').count()).toBe(0);
  });

  it('gives the alerts screen’s day picker a thumb-sized target, like every other control', async () => {
    await page.goto(`${web()}/notifications`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await settle('68-phone-alerts-day');
    const tiny = await page.evaluate<string[]>(`[...document.querySelectorAll('main input:not([type=checkbox]):not([type=radio]), main select, main button')]
      .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height < 36)
      .map((e) => (e.getAttribute('type') || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().height) + 'px')`);
    expect(tiny).toEqual([]);
  });

  it('keeps millions and a long address inside the screen: figures wrap in their box, the history wraps an email', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Établissements Hospitaliers Intercommunaux de la Vallée de la Loire', email: 'comptabilite.fournisseurs.service.des.paiements@etablissements-hospitaliers.test', siren: undefined }));
    expect(client.status).toBe(201);
    const draft = await call('POST', '/invoices', anInvoiceInput(client.json.id, { issueDate: '2026-08-01', dueDate: '2026-08-31', lines: [{ description: 'Chaufferie collective', quantity: 1, unitPriceCents: 990_000_000, vatRate: 20 }] }));
    expect((await call('POST', `/invoices/${draft.json.id}/send`)).status).toBe(200);
    await page.goto(`${web()}/invoices/${draft.json.id}`);
    await page.getByTestId('balance').waitFor();
    expect(plain(await page.getByTestId('balance').textContent())).toBe('11 880 000,00 €');
    await poll(() => page.getByText(/comptabilite\.fournisseurs/).count()).toBeGreaterThan(0);
    await settle('66-phone-invoice-millions');
    await page.goto(`${web()}/`);
    await page.getByRole('heading', { level: 1, name: 'Bonjour' }).waitFor();
    await poll(async () => plain(await page.locator('.stats').first().textContent())).toMatch(/11 8\d\d \d{3},\d\d €/);
    await settle('67-phone-home-millions');
  });
});
