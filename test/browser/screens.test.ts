import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { parisToday } from '../e2e/local-clock.js';
import { horizontalOverflow, launch, moreAction, moreActionNames, PHONE, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * The screens of issue 11 beyond the first flow, in Chromium at 375 px, French: CSV import
 * (dry run with row errors, then import), the follow-up list's search, filters and sort,
 * creating a template and a scenario, the payment settings. A tenant of its own, seeded over
 * HTTP; axe-core on every screen; screenshots in test-results/web/.
 */
const tenant = `screens-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
let token = '';
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, options: { timeout?: number; message?: string } = {}) => expect.poll(fn, { timeout: 20_000, interval: 100, ...options });

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined };
};

const checkScreen = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await poll(() => page.locator('[role=status].loading').count(), { timeout: 15_000 }).toBe(0);
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};

const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * Dates counted from today, so the "more than 90 days late" filter finds the long overdue invoice
 * alone whatever the day the suite runs (fixed dates drift past 90 days: 1 October is 91 days late on 31 December).
 */
const today = parisToday();
const LONG_OVERDUE = { issueDate: addDays(today, -180), dueDate: addDays(today, -150) };
const BARELY_LATE = { issueDate: addDays(today, -26), dueDate: addDays(today, -7) };
const IMPORTED = { issueDate: addDays(today, -60), dueDate: addDays(today, -30) };
/** `2026-10-01` as the CSV's `01/10/2026`. */
const frDate = (iso: string) => iso.split('-').reverse().join('/');

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
  const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Garage Lefèvre', email: 'compta@lefevre.test', siren: undefined }));
  expect(client.status).toBe(201);
  // Two sent invoices, one long overdue and large, one barely late and small.
  for (const [issueDate, dueDate, unitPriceCents] of [
    [LONG_OVERDUE.issueDate, LONG_OVERDUE.dueDate, 300_000],
    [BARELY_LATE.issueDate, BARELY_LATE.dueDate, 10_000],
  ] as const) {
    const draft = await call('POST', '/invoices', anInvoiceInput(client.json.id, { issueDate, dueDate, lines: [{ description: 'Dépannage', quantity: 1, unitPriceCents, vatRate: 20 }] }));
    expect(draft.status).toBe(201);
    expect((await call('POST', `/invoices/${draft.json.id}/send`)).status).toBe(200);
  }
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('more screens in Chromium', () => {
  it('imports a CSV: the dry run lists each row error, then the valid rows are imported', async () => {
    await page.goto(`${web()}/invoices`);
    await page.getByRole('link', { name: 'Importer un CSV' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer des factures' }).waitFor();
    await checkScreen('30-import-empty');
    const csv = [
      'N° facture;Client;E-mail;Date facture;Échéance;TTC;Déjà réglé',
      `IMP-1;Café des Sports;cafe@sports.test;${frDate(IMPORTED.issueDate)};${frDate(IMPORTED.dueDate)};1 200,00;0`,
      'IMP-2;Café des Sports;cafe@sports.test;pas une date;01/10/2026;300,00;0',
    ].join('\n');
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    expect(await errors.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    expect(await errors.locator('tbody tr').first().locator('td').first().textContent()).toBe('3');
    expect(await page.getByTestId('import-to-create').textContent()).toBe('1');
    await checkScreen('31-import-dry-run');
    // The preview says the status each invoice comes in with (accessible, no horizontal scroll, opened).
    await page.getByText('Aperçu', { exact: true }).click();
    const preview = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Statut à l’import' }) });
    const cells = preview.locator('tbody tr').first().locator('td');
    expect(await cells.nth(4).textContent()).toBe('Envoyée');
    // …and the amount as the file was read ("1 200,00"), to be checked before importing.
    expect((await cells.nth(3).textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe('1 200,00 €');
    await checkScreen('31-import-dry-run-preview');
    await page.getByRole('button', { name: 'Importer 1 facture' }).click();
    await poll(() => page.getByText(/Factures importées\s: 1 · déjà présentes\s: 0 · clients créés\s: 1/).count(), { timeout: 30_000 }).toBe(1);
    await checkScreen('32-import-done');
    // Nothing was written by the dry run alone: the import created exactly one invoice.
    await poll(async () => (await call('GET', '/invoices?status=sent&limit=100')).json.items.filter((i: { number: string }) => i.number.startsWith('IMP-')).map((i: { number: string }) => i.number)).toEqual(['IMP-1']);
  });

  it('searches, filters and sorts the follow-up list', async () => {
    await page.getByRole('link', { name: 'Voir les factures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Factures' }).waitFor();
    const rows = page.locator('table tbody tr');
    await poll(() => rows.count()).toBe(3);
    await page.getByLabel('Rechercher un n° ou un client').fill('IMP-1');
    await poll(() => rows.count()).toBe(1);
    expect(page.url()).toContain('q=IMP-1');
    await page.getByLabel('Rechercher un n° ou un client').fill('garage');
    await poll(() => rows.count()).toBe(2);
    await page.getByLabel('Rechercher un n° ou un client').fill('zzz');
    await poll(() => page.getByText('Aucune facture ne correspond à « zzz ».').count()).toBe(1);
    await checkScreen('33-list-no-match');
    await page.getByRole('button', { name: 'Effacer la recherche' }).click();
    await poll(() => rows.count()).toBe(3);
    // Largest amount first: the 3 600,00 € invoice leads.
    await page.getByLabel('Tri').selectOption('amount');
    await poll(async () => plain(await rows.first().textContent())).toContain('3 600,00 €');
    // More than 90 days late: only the long overdue invoice (150 days; the others 30 and 7).
    await page.getByLabel('Retard', { exact: true }).selectOption('90');
    await poll(() => rows.count()).toBe(1);
    expect(plain(await rows.first().textContent())).toContain('Garage Lefèvre');
    await checkScreen('34-list-filtered');
  });

  it('creates a template from a built-in one, inserts a variable and sends a test', async () => {
    await page.goto(`${web()}/templates`);
    await page.getByRole('button', { name: 'Nouveau modèle' }).click();
    const dialog = page.getByRole('dialog', { name: 'Créer un modèle' });
    await dialog.getByRole('button', { name: 'Créer et modifier' }).click();
    await poll(() => dialog.getByText('Obligatoire').count()).toBe(1);
    await dialog.getByLabel('Nom').fill('Relance chantier');
    await checkScreen('35-template-new');
    await dialog.getByRole('button', { name: 'Créer et modifier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Relance chantier' }).waitFor();
    await poll(() => page.locator('.preview').count()).toBe(1);
    const body = page.getByLabel('Message');
    await body.fill('Bonjour, reste dû : ');
    await page.getByRole('button', { name: 'Insérer {{balanceAmount}}' }).click();
    await poll(() => body.inputValue()).toBe('Bonjour, reste dû : {{balanceAmount}}');
    await poll(async () => plain(await page.locator('.preview').textContent())).toMatch(/reste dû : \d[\d ]*,\d\d €/);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => page.getByText('Enregistré', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'M’envoyer un test' }).click();
    await poll(() => page.getByText(`Test envoyé à moi@${tenant}.test.`).count(), { timeout: 30_000 }).toBe(1);
    await checkScreen('36-template-editor');
    const saved = await call('GET', '/templates');
    expect(saved.json.items.find((t: { name: string }) => t.name === 'Relance chantier')?.body).toBe('Bonjour, reste dû : {{balanceAmount}}');
  });

  it('creates a scenario with steps on a timeline; an out-of-order step is refused by the API next to the steps', async () => {
    await page.goto(`${web()}/scenarios`);
    await page.getByRole('link', { name: 'Nouveau scénario' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau scénario' }).waitFor();
    await page.getByLabel('Nom du scénario').fill('Chantiers');
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByRole('group', { name: 'Étape 1' }).getByLabel('Jours').fill('10');
    await page.getByRole('group', { name: 'Étape 2' }).getByLabel('Jours').fill('3');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // Under the step's days, in French (the API writes "must come at least 1 day after the step before it").
    await poll(() => page.getByRole('group', { name: 'Étape 2' }).getByText('Au moins 1 jour après l’étape précédente').count()).toBe(1);
    expect(await page.evaluate<string>('document.body.innerText')).not.toMatch(/step before it|cannot be used as is/);
    await checkScreen('37-scenario-error');
    await page.getByRole('group', { name: 'Étape 2' }).getByLabel('Jours').fill('20');
    await page.getByRole('group', { name: 'Étape 2' }).getByLabel('Canal').selectOption('sms');
    // An SMS step is offered the short text templates only, and switches to one (a long email one was refused by the API).
    const smsTemplate = page.getByRole('group', { name: 'Étape 2' }).getByLabel('Modèle');
    await poll(() => smsTemplate.inputValue()).toBe('sms-reminder');
    expect(await smsTemplate.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual(['sms-reminder', 'sms-reminder-en']);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => page.getByText('Scénario enregistré.').count()).toBe(1);
    await poll(() => page.getByRole('heading', { level: 1, name: 'Scénario : Chantiers' }).count()).toBe(1);
    const timeline = page.getByRole('list', { name: 'Chronologie' });
    expect(plain(await timeline.textContent())).toMatch(/Jour de l’échéance.*J\+10.*E-mail.*J\+20.*SMS/);
    const scenarios = await call('GET', '/scenarios');
    expect(scenarios.json.items.find((x: { name: string }) => x.name === 'Chantiers').steps.map((x: { channel: string }) => x.channel)).toEqual(['email', 'sms']);
    await checkScreen('38-scenario-editor');
    await page.goto(`${web()}/scenarios`);
    await poll(() => page.getByRole('heading', { level: 2, name: 'Chantiers' }).count()).toBe(1);
    await checkScreen('39-scenarios');
  });

  it('saves the payment link; a bad one is refused under its field', async () => {
    await page.goto(`${web()}/settings`);
    const url = page.getByLabel('Lien de paiement en ligne');
    await url.fill('http://pay.example/{{invoiceNumber}}');
    const form = page.getByRole('form', { name: 'Paiement' });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => url.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').textContent()).toContain('https');
    await checkScreen('40-settings-payment-error');
    await url.fill('https://pay.example/acme?ref={{invoiceNumber}}');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.getByText('Réglages enregistrés.').count()).toBe(1);
    expect((await call('GET', '/settings')).json.paymentUrl).toBe('https://pay.example/acme?ref={{invoiceNumber}}');
  });

  it('edits the client’s contacts: a bad phone is refused under its field, then saved', async () => {
    await page.goto(`${web()}/clients`);
    await page.getByRole('link', { name: 'Garage Lefèvre' }).click();
    await page.getByRole('heading', { level: 1, name: 'Garage Lefèvre' }).waitFor();
    const contacts = page.getByRole('form', { name: 'Contacts' });
    await poll(() => contacts.getByText(/Aucun contact/).count()).toBe(1);
    await contacts.getByRole('button', { name: 'Ajouter un contact' }).click();
    const first = contacts.getByRole('group', { name: 'Contact 1' });
    await first.getByLabel('Nom').fill('Service comptable');
    await first.getByLabel('Téléphone').fill('06 12');
    await contacts.getByRole('button', { name: 'Enregistrer' }).click();
    const phone = first.getByLabel('Téléphone');
    await poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    // The error shows both ways to write a mobile (06 12 34 56 78 or +33 6 12 34 56 78), the French way first.
    expect((await first.locator('.field-error').textContent())?.replace(/\s/g, ' ')).toContain('+33 6 12 34 56 78');
    await checkScreen('41-client-contacts-error');
    await phone.fill('06 12 34 56 78'); // typed the French way, saved as +33612345678
    await first.getByLabel('E-mail').fill('compta2@lefevre.test');
    await contacts.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => contacts.getByText('Contacts enregistrés.').count()).toBe(1);
    const clients = await call('GET', '/clients?q=garage');
    expect(clients.json.items[0].contacts).toEqual([{ name: 'Service comptable', email: 'compta2@lefevre.test', phone: '+33612345678', role: 'billing' }]);
    await checkScreen('42-client-contacts');
  });

  it('switches grouping by client off in the settings', async () => {
    await page.goto(`${web()}/settings`);
    const form = page.getByRole('form', { name: 'Envoi des relances' });
    const group = form.getByLabel(/Un seul message par client/);
    expect(await group.isChecked()).toBe(true);
    await group.uncheck();
    const sender = form.getByLabel('Nom d’expéditeur des SMS');
    await sender.fill('42');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => sender.getAttribute('aria-invalid')).toBe('true');
    await sender.fill('PlombMartin');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.getByText('Réglages enregistrés.').count()).toBe(1);
    expect((await call('GET', '/settings')).json.groupByClient).toBe(false);
    expect((await call('GET', '/settings')).json.sms).toEqual({ senderId: 'PlombMartin' });
    await checkScreen('43-settings');
  });

  it('agrees a payment plan on an invoice: instalments spread, a wrong total refused, then listed', async () => {
    const list = await call('GET', '/invoices?clientId=' + (await call('GET', '/clients?q=garage')).json.items[0].id);
    const small = list.json.items.find((i: { dueDate: string }) => i.dueDate === BARELY_LATE.dueDate);
    await page.goto(`${web()}/invoices/${small.id}`);
    await page.getByRole('heading', { level: 2, name: 'Échéancier' }).waitFor();
    await page.getByRole('button', { name: 'Créer un échéancier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel échéancier' });
    await dialog.getByLabel('Nombre d’échéances').fill('3');
    await dialog.getByRole('button', { name: 'Répartir le reste dû' }).click();
    await poll(() => dialog.getByRole('group', { name: /^Échéance \d$/ }).count()).toBe(3);
    // 120,00 € in three: 40,00 € each.
    expect(await dialog.getByRole('group', { name: 'Échéance 3' }).getByLabel('Montant (€)').inputValue()).toBe('40,00');
    await dialog.getByRole('group', { name: 'Échéance 3' }).getByLabel('Montant (€)').fill('30,00');
    expect(plain(await dialog.getByTestId('plan-sum').textContent())).toBe('Total des échéances : 110,00 € — reste dû : 120,00 € (10,00 € manquent)');
    await dialog.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
    await poll(() => dialog.locator('.field-error[role=alert], .error-box').count()).toBeGreaterThan(0);
    await screenshot(page, '45-plan-error');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('group', { name: 'Échéance 3' }).getByLabel('Montant (€)').fill('40,00');
    await dialog.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
    await poll(() => page.getByTestId('instalments').locator('tbody tr').count()).toBe(3);
    expect(plain(await page.getByTestId('instalments').textContent())).toContain('40,00 €');
    await checkScreen('46-plan');
    expect((await call('GET', `/invoices/${small.id}/payment-plan`)).json.instalments.map((i: { amountCents: number }) => i.amountCents)).toEqual([4000, 4000, 4000]);
  });

  it('moves an invoice to litigation, finds it in its tab, downloads the proof file and writes it off', async () => {
    const clientId = (await call('GET', '/clients?q=garage')).json.items[0].id;
    const big = (await call('GET', `/invoices?clientId=${clientId}`)).json.items.find((i: { dueDate: string }) => i.dueDate === LONG_OVERDUE.dueDate);
    await page.goto(`${web()}/invoices/${big.id}`);
    await moreAction(page, 'Passer en contentieux');
    const dialog = page.getByRole('dialog', { name: 'Passer en contentieux' });
    await dialog.getByLabel('Motif').fill('Aucune réponse depuis juillet');
    await dialog.getByRole('button', { name: 'Passer en contentieux' }).click();
    await poll(() => page.locator('.page-header .badge').first().textContent()).toBe('Contentieux');
    const download = page.waitForEvent('download');
    await moreAction(page, 'Dossier de preuve (PDF)');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`preuves-${big.number}.pdf`);
    expect((await readFile((await file.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    await checkScreen('47-invoice-litigation');
    await page.goto(`${web()}/invoices?tab=litigation`);
    await poll(() => page.getByRole('link', { name: big.number }).count()).toBe(1);
    await checkScreen('48-list-litigation');
    await page.getByRole('link', { name: big.number }).click();
    await moreAction(page, 'Passer en perte');
    const writeOff = page.getByRole('dialog', { name: 'Créance irrécouvrable' });
    await writeOff.getByRole('button', { name: 'Passer en perte' }).click();
    await poll(() => writeOff.getByText('Obligatoire').count()).toBe(1);
    await writeOff.getByLabel('Motif').fill('Liquidation judiciaire');
    await writeOff.getByRole('button', { name: 'Passer en perte' }).click();
    await poll(() => page.locator('.page-header .badge').first().textContent(), { timeout: 30_000 }).toBe('Passée en perte');
    await checkScreen('49-invoice-written-off');
    expect((await call('GET', `/invoices/${big.id}`)).json.status).toBe('written_off');
  });

  it('sets the client’s categories; a bad one is refused under the field', async () => {
    await page.goto(`${web()}/clients`);
    await page.getByRole('link', { name: 'Garage Lefèvre' }).click();
    const form = page.getByRole('form', { name: 'Catégories' });
    const input = form.getByLabel('Catégories');
    await input.fill('grand compte!');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => input.getAttribute('aria-invalid')).toBe('true');
    await input.fill('grand-compte, btp');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.getByText('Catégories enregistrées.').count()).toBe(1);
    expect((await call('GET', '/clients?q=garage')).json.items[0].tags).toEqual(['grand-compte', 'btp']);
    await checkScreen('50-client-tags');
  });

  it('previews then sends a grouped reminder to a client', async () => {
    await page.goto(`${web()}/clients`);
    await page.getByRole('link', { name: 'Café des Sports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Café des Sports' }).waitFor();
    await page.getByRole('button', { name: 'Relance groupée' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relance groupée' });
    await poll(() => dialog.getByRole('checkbox', { name: /IMP-1/ }).count()).toBe(1);
    await dialog.getByLabel('Envoyer même si un message est parti il y a peu').check();
    await dialog.getByRole('button', { name: 'Prévisualiser' }).click();
    const preview = dialog.getByTestId('grouped-preview');
    await poll(() => preview.count(), { timeout: 30_000 }).toBe(1);
    expect(await preview.textContent()).toContain('cafe@sports.test');
    await screenshot(page, '53-grouped-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Envoyer la relance groupée' }).click();
    await poll(() => dialog.locator('.success, .error-box').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, '53b-grouped-sent');
    expect(await dialog.locator('.error-box').count()).toBe(0);
    await poll(() => dialog.getByText('Relance groupée envoyée.').count(), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('Escape');
  });

  it('mass-sends reminders from the selected rows and shows a result per invoice', async () => {
    await page.goto(`${web()}/invoices?tab=all&q=IMP-1`);
    await page.getByRole('checkbox', { name: 'Sélectionner IMP-1' }).check();
    const bar = page.getByRole('region', { name: '1 facture sélectionnée' });
    await bar.getByRole('button', { name: 'Relancer la sélection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer 1 facture' });
    await dialog.getByLabel('Modèle').selectOption({ index: 1 });
    await poll(() => dialog.locator('.preview').count()).toBe(1);
    expect(await dialog.locator('.preview').textContent()).toContain('IMP-1');
    await screenshot(page, '51-mass-send-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Envoyer les relances' }).click();
    await poll(() => dialog.getByTestId('batch-items').locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
    // The grouped reminder just went to this client: the batch respects the gap and says why it skipped.
    expect(plain(await dialog.getByTestId('batch-totals').textContent())).toBe('Envoyées : 0 · sautées : 1 · en échec : 0');
    expect(await dialog.getByTestId('batch-items').locator('tbody td').nth(1).textContent()).toBe('Sautée');
    expect((await dialog.getByTestId('batch-items').locator('tbody td').nth(2).textContent())?.length).toBeGreaterThan(0);
    await screenshot(page, '52-mass-send-result');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('cancels a scheduled step from the invoice’s reminder plan', async () => {
    const imported = (await call('GET', '/invoices?q=IMP-1')).json.items[0];
    const planned = async () => (await call('GET', `/invoices/${imported.id}/reminders`)).json.items as { stepId: string; state: string; projected?: boolean }[];
    await poll(async () => (await planned()).filter((s) => s.state === 'scheduled' && !s.projected).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await page.goto(`${web()}/invoices/${imported.id}`);
    const cancelButtons = page.getByRole('button', { name: /^Annuler l’étape / });
    await poll(() => cancelButtons.count()).toBeGreaterThan(0);
    const before = await cancelButtons.count();
    const scheduled = (await planned()).filter((s) => s.state === 'scheduled' && !s.projected).length;
    page.once('dialog', (d) => void d.accept());
    await cancelButtons.first().click();
    await poll(async () => (await planned()).filter((s) => s.state === 'scheduled' && !s.projected).length).toBe(scheduled - 1);
    await poll(() => cancelButtons.count()).toBe(before - 1);
    expect((await planned()).some((s) => s.state === 'cancelled')).toBe(true);
    await checkScreen('54-step-cancelled');
  });

  it('shows the daily overview and the alerts, and saves the notification settings', async () => {
    await page.goto(`${web()}/`);
    await page.getByRole('navigation').getByRole('link', { name: /^Alertes/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Alertes et point du jour' }).waitFor();
    await poll(() => page.getByRole('heading', { level: 3, name: /^Relances qui partent ce jour/ }).count()).toBe(1);
    await checkScreen('55-alerts');
    await page.goto(`${web()}/settings`);
    const form = page.getByRole('form', { name: 'Notifications' });
    const email = form.getByLabel('E-mail pour les alertes');
    await email.fill('pas-un-email');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await email.fill('alertes@plomberie-martin.test');
    await form.getByLabel('Heure du point du jour').fill('7');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await poll(() => form.getByText('Réglages enregistrés.').count()).toBe(1);
    const saved = (await call('GET', '/settings')).json;
    expect(saved.notifyEmail).toBe('alertes@plomberie-martin.test');
    expect(saved.notifications.overviewHour).toBe(7);
    await checkScreen('56-settings-notifications');
  });

  it('pauses and resumes reminders, issues a portal link, and the client uses the public portal', async () => {
    const clientId = (await call('GET', '/clients?q=garage')).json.items[0].id;
    const draft = await call('POST', '/invoices', anInvoiceInput(clientId, { issueDate: today, dueDate: addDays(today, 30), lines: [{ description: 'Entretien chaudière', quantity: 1, unitPriceCents: 20_000, vatRate: 10 }] }));
    expect((await call('POST', `/invoices/${draft.json.id}/send`)).status).toBe(200);
    await page.goto(`${web()}/invoices/${draft.json.id}`);
    await moreAction(page, 'Suspendre les relances');
    const pause = page.getByRole('dialog', { name: 'Suspendre les relances' });
    await pause.getByRole('button', { name: 'Suspendre' }).click();
    await poll(() => pause.getByText('Obligatoire').count()).toBe(1);
    await pause.getByLabel('Motif').fill('Client en congés');
    await pause.getByRole('button', { name: 'Suspendre' }).click();
    await poll(() => page.getByTestId('hold-notice').getByText(/Relances suspendues — Client en congés/).count()).toBe(1);
    await moreAction(page, 'Reprendre les relances');
    await poll(() => page.getByTestId('hold-notice').count()).toBe(0);
    expect(await moreActionNames(page)).toContain('Suspendre les relances');
    page.once('dialog', (d) => void d.accept()); // a new link kills the older ones: asked first
    await moreAction(page, 'Nouveau lien du portail client');
    const href = (await page.getByTestId('portal-link').getAttribute('href'))!;
    const token = new URL(href).pathname.split('/p/')[1]!;
    expect(token.length).toBeGreaterThan(20);

    // The client: no sign-in, a context of its own.
    const client = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const portal = await client.newPage();
    portal.setDefaultTimeout(15_000);
    try {
      await portal.goto(`${web()}/p/not-a-token`);
      await poll(() => portal.getByText('Ce lien n’est plus valable.').count()).toBe(1);
      await portal.goto(`${web()}/p/${token}`);
      await portal.getByRole('heading', { level: 1, name: `Facture ${draft.json.number ?? ''}`.trim() }).or(portal.getByRole('heading', { level: 1, name: /^Facture F-/ })).waitFor();
      expect(plain(await portal.getByTestId('portal-balance').textContent())).toBe('220,00 €');
      expect(await portal.getByRole('img', { name: /QR code de virement SEPA pour 220,00 €/ }).count()).toBe(1);
      expect((await portal.getByTestId('portal-iban').textContent())?.replace(/\s/g, '')).toBe('FR7630006000011234567890189');
      const pdf = portal.waitForEvent('download');
      await portal.getByRole('button', { name: 'Télécharger la facture (PDF)' }).click();
      expect((await readFile((await (await pdf).path())!)).subarray(0, 5).toString()).toBe('%PDF-');
      await screenshot(portal, '57-portal');
      expect(await seriousViolations(portal), 'axe on the portal').toEqual([]);
      expect(await horizontalOverflow(portal)).toBeLessThanOrEqual(0);
      const paid = portal.getByRole('form', { name: 'J’ai payé' });
      await paid.getByLabel('Référence du virement (facultatif)').fill('VIR-778');
      await paid.getByRole('button', { name: 'Signaler mon paiement' }).click();
      await poll(() => portal.getByTestId('portal-status').textContent()).toMatch(/Merci\s! Votre paiement du .* est signalé/);
      const dispute = portal.getByRole('form', { name: 'Je conteste cette facture' });
      if ((await dispute.count()) === 1) {
        await dispute.getByRole('button', { name: 'Envoyer ma contestation' }).click();
        await poll(() => dispute.getByText('Obligatoire').count()).toBe(1);
        await dispute.getByLabel('Motif').fill('La chaudière fuit encore');
        await dispute.getByRole('button', { name: 'Envoyer ma contestation' }).click();
        await poll(() => portal.getByTestId('portal-status').textContent()).toContain('Votre contestation est transmise');
      }
      await screenshot(portal, '58-portal-answered');
      expect(await seriousViolations(portal)).toEqual([]);
    } finally {
      await client.close();
    }
    // The owner sees the client's answers: on the invoice, and among the alerts.
    await page.goto(`${web()}/invoices/${draft.json.id}`);
    await poll(() => page.getByText(/Contestée\s: La chaudière fuit encore/).count()).toBe(1);
    await moreAction(page, 'Litige résolu');
    await poll(async () => (await moreActionNames(page)).includes('Signaler un litige')).toBe(true);
    await poll(async () => {
      await page.goto(`${web()}/notifications`);
      await page.getByTestId('alerts').or(page.getByText(/Aucune alerte/)).waitFor();
      return page.getByTestId('alerts').getByText('Facture contestée').count();
    }, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('alerts').getByText('Le client dit avoir payé').count()).toBeGreaterThan(0);
    await checkScreen('59-alerts-from-portal');
  });

  it('imports a large file as a job and shows its progress until done', async () => {
    await page.goto(`${web()}/import`);
    // Paid in full: 240 overdue invoices of one client would add 960 schedules that every later
    // test's run of the Scheduler emulator churns through (one client, one reminder per gap).
    const rows = Array.from({ length: 240 }, (_, i) => `BIG-${String(i + 1).padStart(3, '0')};Client en gros;gros@client.test;01/10/2026;31/10/2026;100,00;100,00`);
    const csv = ['N° facture;Client;E-mail;Date facture;Échéance;TTC;Déjà réglé', ...rows].join('\n');
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'gros.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await poll(() => page.getByTestId('import-to-create').textContent()).toBe('240');
    await page.getByRole('button', { name: 'Importer 240 factures' }).click();
    await poll(() => page.getByText(/Factures importées\s: 240 ·/).count(), { timeout: 60_000 }).toBe(1);
    await checkScreen('44-import-job-done');
    await poll(async () => (await call('GET', '/invoices?q=BIG-2&limit=100')).json.items.length, { timeout: 60_000 }).toBe(41);
  });

  it('says a file whose dates are month first (an American export) is read that way, with the date that shows it, before importing', async () => {
    await page.goto(`${web()}/import`);
    const csv = ['Invoice No.;Customer;Email;Invoice Date;Due Date;Total', 'US-1;Diner;diner@us.test;03/04/2026;04/15/2026;100.00'].join('\n');
    await page.getByLabel('Fichier CSV').setInputFiles({ name: 'us.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const note = page.getByTestId('import-date-order');
    await note.waitFor();
    expect(plain(await note.textContent())).toBe('Dates lues mois d’abord (MM/JJ/AAAA, à l’américaine) : le fichier contient 04/15/2026 (ligne 2), impossible en JJ/MM/AAAA, lu le 15 avr. 2026 ; toutes ses dates sont lues ainsi (03/04 : le 4 mars). Si ce n’est pas l’ordre du fichier, corrigez-le avant d’importer.');
    expect(await page.getByTestId('import-to-create').textContent()).toBe('1');
    await checkScreen('45-import-month-first');
  });
});
