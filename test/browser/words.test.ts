import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { parisToday } from '../e2e/local-clock.js';
import { horizontalOverflow, launch, moreActionNames, PHONE, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * What a reviewer reads on the screens, in Chromium at 375 px: the user's words, never the API's
 * codes or its English. A step moved by the catch-up rule says why in French; an invoice that
 * does not exist says so in French with the way home (not a retry that cannot help); in English
 * the steps are named "D+1" as English speakers write them. A tenant of its own, seeded over HTTP.
 */
const tenant = `words-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
let token = '';
let invoiceId = '';
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, options: { timeout?: number; message?: string } = {}) => expect.poll(fn, { timeout: 20_000, interval: 100, ...options });

const ok = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
};

const check = async (name: string) => {
  await page.waitForLoadState('networkidle');
  await poll(() => page.locator('[role=status].loading').count(), { timeout: 15_000 }).toBe(0);
  await screenshot(page, name);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  expect(await horizontalOverflow(page), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};
const bodyText = () => page.evaluate<string>('document.body.innerText');

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  await ok('PUT', '/settings', { company: aCompanyIdentity() });
  const client = await ok('POST', '/clients', aBusinessClientInput({ name: 'Boulangerie Dupont SARL', email: 'compta@dupont.test' }));
  // Due months ago and sent only now: the J-5 step is skipped and J+1 catches up at the next send window.
  const draft = await ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: '2026-06-01', dueDate: '2026-07-01' }));
  await ok('POST', `/invoices/${draft.id}/send`);
  invoiceId = draft.id;
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('the screens speak the user’s words', () => {
  it('says why a step moved (catch-up) in French on the plan and the timeline, never as a code', async () => {
    await page.goto(`${web()}/invoices/${invoiceId}`);
    const plan = page.getByRole('region', { name: 'Plan de relance' }).or(page.locator('section', { has: page.getByRole('heading', { name: 'Plan de relance' }) }));
    await poll(() => plan.first().getByText('rattrapage : sa date était passée').count()).toBeGreaterThan(0);
    await poll(async () => /J\+1 · rattrapage/.test(await bodyText())).toBe(true);
    expect(await bodyText()).not.toMatch(/catch-up/);
    await check('90-words-plan-catch-up');
  });

  it('offers by default the template the plan sends next, not a pre-due courtesy note for an overdue invoice', async () => {
    await page.goto(`${web()}/invoices/${invoiceId}`);
    await page.getByRole('button', { name: 'Relancer maintenant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer maintenant' });
    await poll(() => dialog.getByTestId('preview-subject').count()).toBe(1);
    expect(await dialog.getByLabel('Modèle').locator('option:checked').textContent()).toBe('Relance à échéance (J+1) (FR)');
    expect(await dialog.getByTestId('preview-subject').textContent()).toMatch(/^Relance\s: facture F-\d{4}-\d{4} échue le/);
    await check('93-words-send-now-default');
    await page.keyboard.press('Escape');
  });

  it('previews a mass send with each step’s template: the first client’s grouped message, as the batch would send it', async () => {
    const number = (await ok('GET', `/invoices/${invoiceId}`)).number as string;
    await page.goto(`${web()}/invoices?tab=all`);
    // The client filter's default says what it does; the number does not break at its dashes.
    await poll(() => page.getByRole('link', { name: number }).count()).toBe(1);
    expect(await page.locator('#filter-client option:checked').textContent()).toBe('Tous les clients');
    expect(await page.evaluate<number>(`[...document.querySelectorAll('a.doc-number')].filter((a) => a.getClientRects().length > 1).length`)).toBe(0);
    await page.getByRole('checkbox', { name: `Sélectionner ${number}` }).check();
    await page.getByRole('region', { name: '1 facture sélectionnée' }).getByRole('button', { name: 'Relancer la sélection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Relancer 1 facture' });
    // No template chosen ("each invoice's next step"): still a preview, before anything is sent.
    expect(await dialog.getByLabel('Modèle').inputValue()).toBe('');
    const preview = dialog.getByRole('region', { name: 'Aperçu du message à Boulangerie Dupont SARL' });
    await poll(() => preview.getByTestId('mass-preview-subject').count()).toBe(1);
    expect(await preview.getByTestId('mass-preview-subject').textContent()).toContain(number);
    expect(await preview.locator('.preview').textContent()).toContain(number);
    // The sticky selection bar stays under the dialog: at its place, the dialog (or its overlay) is on top
    // (hit-tested with the bar's pointer events on: a modal dialog turns them off on the page behind).
    const bar = await page.locator('.selection-bar').boundingBox(); // not by role: the dialog hides the page from assistive tech
    expect(bar).not.toBeNull();
    const onTop = await page.evaluate<boolean>(`(() => { const bar = document.querySelector('.selection-bar'); const was = bar.style.pointerEvents; bar.style.pointerEvents = 'auto'; const e = document.elementFromPoint(${bar!.x + bar!.width / 2}, ${bar!.y + bar!.height / 2}); bar.style.pointerEvents = was; return Boolean(e && e.closest('[role=dialog], .dialog-overlay')); })()`);
    expect(onTop).toBe(true);
    await check('94-words-mass-send-preview');
    await page.keyboard.press('Escape');
  });

  it('says what each template variable is, in French, next to how it is written', async () => {
    await page.goto(`${web()}/templates/reminder`);
    const chip = page.getByRole('button', { name: 'Insérer {{balanceAmount}} Reste dû', exact: true });
    await poll(() => chip.count()).toBe(1);
    expect(await chip.locator('code').textContent()).toBe('{{balanceAmount}}');
    expect(await page.getByRole('button', { name: 'Insérer {{portalUrl}} Lien vers la facture en ligne', exact: true }).count()).toBe(1);
    await check('95-words-template-variables');
  });

  it('answers a quote only once sent, says what the job needs next, and refuses a deposit under its field', async () => {
    const clientId = (await ok('GET', `/invoices/${invoiceId}`)).clientId as string;
    const quote = await ok('POST', '/quotes', { clientId, issueDate: parisToday(), validityDays: 30, lines: [{ description: 'Salle de bain', quantity: 1, unitPriceCents: 100_000, vatRate: 10 }] });
    await page.goto(`${web()}/quotes/${quote.id}`);
    await poll(() => page.getByRole('button', { name: 'Envoyer le devis' }).count()).toBe(1);
    // Not sent yet: no "accepted/refused by the client" to press in vain.
    expect(await page.getByRole('button', { name: 'Accepté par le client' }).count()).toBe(0);
    expect(await page.getByText('Aucune facture pour ce devis : envoyez-le, puis notez la réponse du client.').count()).toBe(1);
    await page.getByRole('button', { name: 'Envoyer le devis' }).click();
    await page.getByRole('button', { name: 'Accepté par le client' }).click();
    await poll(() => page.getByText('Aucune facture pour ce devis : créez un acompte ou la facture finale.').count()).toBe(1);
    const percent = page.getByLabel('Acompte (%)');
    await percent.fill('abc');
    await page.getByRole('button', { name: 'Créer l’acompte' }).click();
    await poll(() => percent.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Un pourcentage entre 0,01 et 100').count()).toBe(1);
    await percent.fill('60');
    await page.getByRole('button', { name: 'Créer l’acompte' }).click();
    await poll(() => page.getByRole('link', { name: 'Facture d’acompte', exact: true }).count()).toBe(1);
    // Said, with the way to the draft that still has to be sent.
    const made = page.getByRole('status').filter({ hasText: 'Acompte de' });
    expect((await made.textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Acompte de 660,00 € créé en brouillon. L’ouvrir pour l’envoyer');
    expect(await made.getByRole('link', { name: 'L’ouvrir pour l’envoyer' }).getAttribute('href')).toMatch(/^\/invoices\/\w+$/);
    // A second 60 % would exceed the quote: refused by the API, said under the field in euros.
    await percent.fill('60');
    await page.getByRole('button', { name: 'Créer l’acompte' }).click();
    await poll(() => percent.getAttribute('aria-invalid')).toBe('true');
    const said = (await page.locator('.field.has-error').textContent())?.replace(/[\u00a0\u202f]/g, ' ');
    expect(said).toContain('Les acomptes ne peuvent pas dépasser le total du devis (reste 440,00 €)');
    expect(await bodyText()).not.toMatch(/body\.percent|cents/);
    await check('96-words-quote-deposit-refused');
  });

  it('checks the simulation’s dates under the field they concern, in French', async () => {
    await page.goto(`${web()}/simulation`);
    await page.getByLabel('Du').fill('2026-12-20');
    await page.getByLabel('Au').fill('2026-12-01');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await poll(() => page.getByLabel('Au').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Au plus tôt le jour de début').count()).toBe(1);
    await page.getByLabel('Au').fill('2028-01-01');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await poll(() => page.getByText('Un an au plus (366 jours)').count()).toBe(1);
    expect(await bodyText()).not.toMatch(/query\.|must not be before/);
    await check('97-words-simulation-dates');
    await page.getByLabel('Au').fill('2026-12-31');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await poll(() => page.getByLabel('Au').getAttribute('aria-invalid')).toBe('false');
  });

  it('shows an English client their portal in English, amounts excluding VAT said so, quantities as numbers are written', async () => {
    const client = await ok('POST', '/clients', aBusinessClientInput({ name: 'London Pipes Ltd', email: 'ap@londonpipes.test', siren: undefined, language: 'en' }));
    const draft = await ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: '2026-10-01', dueDate: '2026-10-31', lines: [{ description: 'Boiler repair', quantity: 1.5, unitPriceCents: 50_000, vatRate: 20 }] }));
    await ok('POST', `/invoices/${draft.id}/send`);
    const link = await ok('POST', `/invoices/${draft.id}/portal-link`);
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', timezoneId: 'Europe/Paris' });
    const portal = await context.newPage();
    try {
      await portal.goto(`${web()}/p/${new URL(link.url).pathname.split('/p/')[1]}`);
      await portal.getByRole('heading', { level: 1, name: /^Invoice F-/ }).waitFor();
      const text = await portal.evaluate<string>('document.body.innerText');
      expect(text).toContain('Boiler repair × 1.5');
      expect(text).toContain('€750.00 excl. VAT');
      expect(text).not.toMatch(/ HT\b/);
      await screenshot(portal, '98-words-portal-english');
      expect(await seriousViolations(portal)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says an alert’s facts as people write them: a promised date, not 2026-12-10', async () => {
    const link = await ok('POST', `/invoices/${invoiceId}/portal-link`);
    const portalToken = new URL(link.url).pathname.split('/p/')[1]!;
    const promised = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${apiUrl()}/portal/${portalToken}/promise`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ date: promised }) });
    expect(res.status).toBeLessThan(300);
    const shown = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${promised}T00:00:00Z`));
    await poll(async () => {
      await page.goto(`${web()}/notifications`);
      await page.getByTestId('alerts').or(page.getByText(/Aucune alerte/)).waitFor();
      return (await page.getByTestId('alerts').textContent().catch(() => ''))?.replace(/[\u00a0\u202f]/g, ' ');
    }, { timeout: 30_000 }).toContain(`Date : ${shown.replace(/[\u00a0\u202f]/g, ' ')}`);
    expect(await bodyText()).not.toMatch(/\b\d{4}-\d\d-\d\d\b/);
    await check('99-words-alert-date');
  });

  it('says a missing invoice is missing, in French, with the way home instead of a retry', async () => {
    await page.goto(`${web()}/invoices/01M8APF7WGFQW4YSQ3VNXMVHDX`);
    const alert = page.getByRole('alert');
    await poll(() => alert.getByText(/Cette facture est introuvable/).count()).toBe(1);
    expect(await bodyText()).not.toMatch(/not found/i);
    expect(await alert.getByRole('button', { name: 'Réessayer' }).count()).toBe(0);
    // Still a screen: its heading and the tab's title say it (axe's page-has-heading-one).
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page introuvable.');
    expect(await page.title()).toBe('Page introuvable. · Relances');
    await check('91-words-invoice-not-found');
    await alert.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bonjour' }).waitFor();
  });

  it('names the steps D+1 in English', async () => {
    await page.goto(`${web()}/invoices/${invoiceId}`);
    await page.getByRole('button', { name: 'English' }).click();
    await poll(async () => /D\+1 · catch-up: its date had passed/.test(await bodyText())).toBe(true);
    // The plan's first column names the steps (template names stay as the owner wrote them, in French here).
    const names = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['D-5', 'D+1', 'D+8', 'D+15', 'Move to litigation']));
    expect(names.filter((n) => /^J[+-]\d/.test(n))).toEqual([]);
    expect(await bodyText()).not.toMatch(/J[+-]\d+ ·/);
    // VAT rates as English writes them (the French screen says "20 %").
    expect(await bodyText()).toMatch(/\b20%/);
    expect(await bodyText()).not.toMatch(/\d %/);
    await check('92-words-plan-english');
    // The invoice's other actions, in English too.
    const more = await moreActionNames(page, 'More actions');
    expect(more).toEqual(expect.arrayContaining(['Note a payment promise', 'Report a dispute', 'New client portal link', 'Switch off the portal links', 'Issue a credit note', 'Move to litigation', 'Proof file (PDF)']));
    expect(more.filter((name) => /[éèàêç]|relance|facture|litige/i.test(name))).toEqual([]);
    await page.getByRole('button', { name: 'Français' }).click();
    await poll(async () => /J\+1 · rattrapage/.test(await bodyText())).toBe(true);
  });
});
