import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { parisToday, runUntil } from '../e2e/local-clock.js';
import { horizontalOverflow, launch, moreAction, moreActionNames, PHONE, screenshot, seriousViolations, signIn } from './browser.js';

/**
 * Issue 10 §2 and §4, issue 13 §1 and §4 through the screens, in Chromium at 375 px, French: the
 * simulation shows a letter step, the move to litigation and which rule chose each scenario; the
 * letter, once produced, is pointed to from Home, downloaded from "Courriers à poster" and closed
 * with its tracking number; the client proposes a payment plan from the portal (a wrong total
 * refused in the form), the owner accepts it, and the portal shows the plan reminder; then the
 * routes that had no screen: editing a draft invoice and a quote, a quote's history, a credit
 * note's PDF, switching the portal links off.
 */
const tenant = `gaps-${Date.now().toString(36)}`;
let browser: Browser;
let page: Page;
let token = '';
const web = () => inject('webUrl');
const apiUrl = () => inject('apiUrl');
const poll = <T>(fn: () => Promise<T> | T, options: { timeout?: number; message?: string } = {}) => expect.poll(fn, { timeout: 20_000, interval: 100, ...options });
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${apiUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'idempotency-key': crypto.randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as any) : undefined };
};
const ok = async (method: string, path: string, body?: unknown) => {
  const res = await call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
};

const check = async (p: Page, name: string) => {
  await p.waitForLoadState('networkidle');
  await poll(() => p.locator('[role=status].loading').count(), { timeout: 15_000 }).toBe(0);
  await screenshot(p, name);
  expect(await seriousViolations(p), `axe on ${name}`).toEqual([]);
  expect(await horizontalOverflow(p), `horizontal scroll on ${name}`).toBeLessThanOrEqual(0);
};

let lettered: { id: string; number: string };
let planned: { id: string; number: string };

beforeAll(async () => {
  token = ((await (await fetch(`${apiUrl()}/local/token?tenant=${tenant}`)).json()) as { token: string }).token;
  await ok('PUT', '/settings', { company: aCompanyIdentity() });
  // A scenario whose only step is a registered letter the day after the due date; its client's invoice is already late.
  await ok('POST', '/scenarios', { id: 'courrier', name: 'Courrier recommandé', steps: [{ id: 'lettre', offsetDays: 1, templateId: 'formal-notice', channel: 'letter' }] });
  const postal = await ok('POST', '/clients', aBusinessClientInput({ name: 'Menuiserie Roux', email: 'compta@roux.test', scenarioId: 'courrier' }));
  const plain = await ok('POST', '/clients', aBusinessClientInput({ name: 'Fleurs Bernard', email: 'compta@bernard.test' }));
  const today = parisToday();
  const send = async (clientId: string, issueDate: string, dueDate: string, unitPriceCents: number) => {
    const draft = await ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate, dueDate, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents, vatRate: 20 }] }));
    return ok('POST', `/invoices/${draft.id}/send`);
  };
  lettered = await send(postal.id, addDays(today, -30), addDays(today, -3), 50_000);
  planned = await send(plain.id, today, addDays(today, 30), 10_000);
  browser = await launch();
  const context = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, web(), tenant);
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('letters, simulation and portal payment plans in Chromium', () => {
  let letterAt = '';

  it('simulates the letter step, the move to litigation after it, and says which rule chose each scenario', async () => {
    await poll(async () => {
      const step = (await ok('GET', `/invoices/${lettered.id}/reminders`)).items.find((s: { stepId: string }) => s.stepId === 'lettre');
      letterAt = step?.state === 'scheduled' && !step.projected ? step.scheduledAt : '';
      return letterAt;
    }, { timeout: 30_000 }).not.toBe('');
    await page.getByRole('navigation').getByRole('link', { name: 'Simulation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Simulation' }).waitFor();
    const items = page.getByTestId('simulation-item');
    const ofLettered = items.filter({ hasText: lettered.number });
    await poll(() => ofLettered.count()).toBeGreaterThanOrEqual(2);
    const letter = ofLettered.and(page.locator('[data-channel=letter][data-action=send]'));
    expect(await letter.count()).toBe(1);
    expect(await letter.getByText('Courrier recommandé', { exact: true }).count()).toBe(1);
    expect(plain(await letter.getByTestId('simulation-rule').textContent())).toBe('Scénario « Courrier recommandé » — choisi sur la fiche du client');
    const escalation = ofLettered.and(page.locator('[data-action=escalate]'));
    expect(await escalation.count()).toBe(1);
    expect(plain(await escalation.textContent())).toContain('passe en contentieux');
    const other = items.filter({ hasText: planned.number }).first();
    await poll(async () => plain(await other.getByTestId('simulation-rule').textContent())).toMatch(/scénario par défaut/);
    expect(plain(await page.getByTestId('simulation-summary').textContent())).toContain('1 courrier à poster');
    // An invoice number never breaks at its dashes on a phone ("F-2026-" then "0003").
    expect(await page.locator('[data-testid=simulation-item] a.doc-number').count()).toBeGreaterThan(0);
    expect(await page.evaluate<number>(`[...document.querySelectorAll('a.doc-number')].filter((a) => a.getClientRects().length > 1).length`)).toBe(0);
    await check(page, '60-simulation-channels');
  });

  it('points to the letter from Home once produced, downloads it and closes it with its tracking number', async () => {
    await page.goto(`${web()}/letters`);
    await poll(() => page.getByText('Aucun courrier à poster.').count()).toBe(1);
    await check(page, '61-letters-empty');
    const fired = await runUntil(new Date(new Date(letterAt).getTime() + 60_000), { tenant, invoiceId: lettered.id });
    expect(fired.map((f) => ['outcome' in f.result ? f.result.outcome : f.result.error, f.input.stepId])).toContainEqual(['to_post', 'lettre']);
    await poll(async () => (await ok('GET', '/reminders/to-post')).items.length).toBe(1);

    await page.goto(`${web()}/`);
    const pending = page.getByTestId('letters-pending');
    await poll(async () => plain(await pending.textContent())).toContain('1 courrier à poster en recommandé');
    await pending.getByRole('link', { name: 'Voir les courriers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courriers à poster' }).waitFor();
    const card = page.getByTestId('letter');
    await poll(() => card.count()).toBe(1);
    expect(plain(await card.textContent())).toContain('Menuiserie Roux');
    expect(plain(await card.locator('address').textContent())).toContain('75011 Paris');
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: `Lettre ${lettered.number} (PDF)` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`mise-en-demeure-${lettered.number}.pdf`);
    expect((await readFile((await file.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    await check(page, '62-letters-to-post');

    const form = page.getByRole('form', { name: `Marquer la lettre ${lettered.number} comme postée` });
    await form.getByLabel('N° de recommandé (facultatif)').fill('1A 234 567 8901 2');
    await form.getByRole('button', { name: 'Marquer comme posté' }).click();
    await poll(() => page.getByText(`Lettre ${lettered.number} enregistrée comme postée.`).count()).toBe(1);
    await poll(() => page.getByText('Aucun courrier à poster.').count()).toBe(1);
    const step = (await ok('GET', `/invoices/${lettered.id}/reminders`)).items.find((s: { stepId: string }) => s.stepId === 'lettre');
    expect(step).toMatchObject({ state: 'sent', trackingNumber: '1A 234 567 8901 2' });
    await check(page, '63-letters-posted');
  });

  it('lets the client propose a payment plan from the portal; the owner accepts it and the portal shows the plan reminder', async () => {
    const link = await ok('POST', `/invoices/${planned.id}/portal-link`);
    const client = await browser.newContext({ viewport: PHONE, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const portal = await client.newPage();
    portal.setDefaultTimeout(15_000);
    try {
      await portal.goto(`${web()}${new URL(link.url).pathname}`);
      const form = portal.getByRole('form', { name: 'Proposer un échéancier' });
      await form.waitFor();
      await form.getByLabel('Nombre d’échéances').fill('2');
      await form.getByRole('button', { name: 'Répartir le reste à payer' }).click();
      const second = form.getByRole('group', { name: 'Échéance 2' }).getByLabel('Montant (€)');
      expect(await second.inputValue()).toBe('60,00');
      await second.fill('50,00');
      await form.getByRole('button', { name: 'Envoyer ma proposition' }).click();
      await poll(async () => plain(await form.getByRole('alert').textContent())).toBe('Les échéances doivent faire 120,00 € au total (elles font 110,00 €).');
      await check(portal, '64-portal-plan-error');
      await second.fill('60,00');
      await form.getByRole('button', { name: 'Envoyer ma proposition' }).click();
      await poll(async () => plain(await portal.getByTestId('portal-plan-request').textContent())).toContain('en attente de sa réponse');
      expect(await form.count()).toBe(0);
      await check(portal, '65-portal-plan-pending');
      expect((await ok('GET', `/invoices/${planned.id}`)).planRequest).toMatchObject({ status: 'pending', instalments: [{ amountCents: 6000 }, { amountCents: 6000 }] });

      // The owner accepts it on the invoice screen.
      await page.goto(`${web()}/invoices/${planned.id}`);
      const request = page.getByRole('group', { name: 'Le client demande un échéancier' });
      await request.getByRole('button', { name: 'Accepter' }).click();
      await poll(() => page.getByTestId('instalments').locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);

      await portal.reload();
      await portal.getByRole('heading', { level: 2, name: 'Rappel de l’échéancier' }).waitFor();
      expect(await portal.getByTestId('portal-instalments').locator('tbody tr').count()).toBe(2);
      expect(plain(await portal.getByTestId('portal-plan-request').textContent())).toContain('Votre échéancier a été accepté');
      expect(await portal.getByRole('form', { name: 'Proposer un échéancier' }).count()).toBe(0);
      await check(portal, '66-portal-plan-reminder');
    } finally {
      await client.close();
    }
  });

  it('edits a draft invoice and a quote, shows the quote’s history, a credit note’s PDF, and switches the portal links off', async () => {
    // A draft: edited on its own screen, an impossible due date refused in the form.
    const clientId = (await ok('GET', '/clients?q=bernard')).items[0].id;
    const draft = await ok('POST', '/invoices', anInvoiceInput(clientId, { issueDate: parisToday(), dueDate: addDays(parisToday(), 30), lines: [{ description: 'Entretien', quantity: 1, unitPriceCents: 10_000, vatRate: 10 }] }));
    await page.goto(`${web()}/invoices/${draft.id}`);
    await page.getByRole('link', { name: 'Modifier le brouillon' }).click();
    const edit = page.getByRole('form', { name: 'Modifier le brouillon' });
    await edit.waitFor();
    expect(await edit.getByLabel('TVA %').inputValue()).toBe('10');
    await edit.getByLabel('Échéance').fill(addDays(parisToday(), -1));
    await edit.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await poll(() => edit.getByText('L’échéance ne peut pas précéder la date de facture.').count()).toBe(1);
    await check(page, '67-invoice-edit-error');
    await edit.getByLabel('Échéance').fill(addDays(parisToday(), 45));
    await edit.getByLabel('Prix unitaire HT').fill('250,00');
    await edit.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Facture (brouillon)' }).waitFor();
    await poll(async () => plain(await page.getByTestId('balance').textContent())).toBe('275,00 €');
    expect(await ok('GET', `/invoices/${draft.id}`)).toMatchObject({ dueDate: addDays(parisToday(), 45), lines: [{ unitPriceCents: 25_000, vatRate: 10 }] });

    // A credit note on the lettered invoice: listed with its PDF.
    const note = await ok('POST', `/invoices/${lettered.id}/credit-notes`, { reason: 'Remise commerciale', amountCents: 5_000 });
    await page.goto(`${web()}/invoices/${lettered.id}`);
    const notes = page.getByTestId('credit-notes');
    await poll(() => notes.getByText(note.creditNote.number, { exact: true }).count()).toBe(1);
    const pdf = page.waitForEvent('download');
    await notes.getByRole('button', { name: `Avoir ${note.creditNote.number} (PDF)` }).click();
    expect((await readFile((await (await pdf).path())!)).subarray(0, 5).toString()).toBe('%PDF-');
    await check(page, '68-invoice-credit-notes');

    // A credit note whose email SES refuses (the emulator's outage on the client's address): said on the list, sent again on a tap.
    const sesFailures = (to: string[]) => fetch(`${apiUrl()}/local/ses/failures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
    expect((await sesFailures(['compta@roux.test'])).status).toBe(200);
    let refused: { creditNote: { id: string; number: string }; emailStatus: string };
    try {
      refused = await ok('POST', `/invoices/${lettered.id}/credit-notes`, { reason: 'Geste commercial', amountCents: 1_000 });
    } finally {
      await sesFailures([]);
    }
    expect(refused.emailStatus).toBe('failed');
    await page.reload();
    const unsent = notes.getByRole('listitem').filter({ hasText: refused.creditNote.number });
    await poll(() => unsent.getByText('E-mail non parti').count()).toBe(1);
    await check(page, '68b-credit-note-email-failed');
    await unsent.getByRole('button', { name: `Renvoyer l’avoir ${refused.creditNote.number} au client` }).click();
    await poll(async () => plain(await page.getByTestId('credit-note-sent-again').textContent())).toBe(`Avoir ${refused.creditNote.number} renvoyé au client par e-mail.`);
    await poll(() => unsent.getByText('E-mail non parti').count()).toBe(0);
    const listed = (await ok('GET', `/invoices/${lettered.id}/credit-notes`)).items.find((n: { id: string }) => n.id === refused.creditNote.id);
    expect(listed).toMatchObject({ emailStatus: 'sent', emailedTo: 'compta@roux.test' });

    // The portal links of the planned invoice switched off: the client's link says so.
    const link = await ok('POST', `/invoices/${planned.id}/portal-link`);
    await page.goto(`${web()}/invoices/${planned.id}`);
    page.once('dialog', (d) => void d.accept());
    await moreAction(page, 'Désactiver les liens du portail');
    await poll(() => page.getByText(/Liens du portail désactivés\s: le client ne peut plus/).count()).toBe(1);
    await page.goto(`${web()}${new URL(link.url).pathname}`);
    await poll(() => page.getByText('Ce lien n’est plus valable.').count()).toBe(1);

    // A quote not yet sent: edited, and its history says so.
    const quote = await ok('POST', '/quotes', { clientId, issueDate: parisToday(), validityDays: 30, currency: 'EUR', lines: [{ description: 'Pose cuisine', quantity: 1, unitPriceCents: 300_000, vatRate: 10 }] });
    await page.goto(`${web()}/quotes/${quote.id}`);
    await page.getByRole('link', { name: 'Modifier le devis' }).click();
    const quoteForm = page.getByRole('form', { name: 'Modifier le devis' });
    await quoteForm.getByLabel('Prix unitaire HT').fill('3 500,00');
    await quoteForm.getByRole('button', { name: 'Enregistrer le devis' }).click();
    const history = page.getByTestId('quote-timeline');
    await poll(async () => plain(await history.textContent())).toMatch(/Devis créé.*Devis modifié/);
    expect((await ok('GET', `/quotes/${quote.id}`)).lines[0].unitPriceCents).toBe(350_000);
    await check(page, '69-quote-edited');
  });
});
