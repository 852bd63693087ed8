/**
 * Issue 10 §1 on the local stack: several invoices of one client whose steps fall on the same send
 * day go out as ONE email listing them, with every PDF, each step recorded `sent` with its id.
 */
import { describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail, type StoredEmail } from './http.js';
import { endOfDay, parisToday, runUntil } from './local-clock.js';

/** Reminder emails only: not the invoice's own email, nor the thank-you once it is paid. */
const reminders = (emails: StoredEmail[]) => emails.filter((e) => !/^(Facture \S+ – |Invoice \S+ from |Merci pour votre règlement|Thank you for your payment)/.test(e.subject));
const pdfText = async (base64: string) => (await extractText(await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64'))), { mergePages: true })).text;

/**
 * The portal links of a grouped email, by invoice number: the text part lists `- <number> : <url>` (a narrow no-break space before the colon)
 * under the table, the HTML table has a link in each invoice's row; both must give the same links.
 */
const portalLinks = (mail: StoredEmail): Map<string, string> => {
  const text = new Map([...(mail.body.text ?? '').matchAll(/^- (\S+)\u202f: (http:\/\/localhost:\d+\/p\/[A-Za-z0-9_-]+)$/gm)].map((m) => [m[1]!, m[2]!]));
  const html = new Map([...(mail.body.html ?? '').matchAll(/<tr><td[^>]*>([^<]+)<\/td>(?:(?!<\/tr>).)*?<a href="([^"]+\/p\/[^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  expect(html).toEqual(text);
  return text;
};

/** GET /portal/{token} as the client's browser does it (no auth): status and the invoice number it shows. */
const openPortal = async (url: string) => {
  const res = await fetch(`${inject('apiUrl')}/portal/${url.split('/p/')[1]}`);
  return { status: res.status, number: res.status === 200 ? ((await res.json()) as { invoice: { number: string } }).invoice.number : undefined };
};

/** Each invoice of the email has its own link (a distinct token), and each opens that invoice. */
const expectWorkingLinks = async (mail: StoredEmail, numbers: readonly string[]) => {
  const links = portalLinks(mail);
  expect([...links.keys()].sort()).toEqual([...numbers].sort());
  expect(new Set([...links.values()].map((u) => u.split('/p/')[1])).size).toBe(numbers.length);
  for (const [number, url] of links) expect(await openPortal(url)).toEqual({ status: 200, number });
  return links;
};

/** A client with invoices already late (due `daysLate` ago), sent now: their first catch-up steps share the next send window. */
const lateInvoices = async (t: FreshTenant, email: string, daysLate: number[]) => {
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email }));
  const today = parisToday();
  const invoices: { id: string; number: string }[] = [];
  for (const late of daysLate) {
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -late - 30), dueDate: addDays(today, -late) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    invoices.push({ id: draft.id, number: sent.number });
  }
  return { clientId: client.id as string, invoices };
};

describe('grouped reminders on the local stack', () => {
  it('sends a client with three late invoices one email listing them with three PDFs, each step sent with the shared message id', async () => {
    const t = await freshTenant('grouped');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('grouped');
    const { invoices } = await lateInvoices(t, email, [20, 12, 4]);

    const fired = (await runUntil(endOfDay(addDays(parisToday(), 4)), { tenant: t.tenantId })).filter((f) => invoices.some((i) => i.id === f.input?.invoiceId));
    const outcomes = fired.map((f) => ('result' in f && f.result && 'outcome' in f.result ? f.result.outcome : 'error'));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);

    const mails = reminders(await inbox(email));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.attachments.map((a) => a.filename).sort()).toEqual(invoices.map((i) => `${i.number}.pdf`).sort());
    for (const i of invoices) {
      expect(mail!.body.text).toContain(i.number);
      const attachment = mail!.attachments.find((a) => a.filename === `${i.number}.pdf`)!;
      expect(await pdfText(attachment.content)).toContain(i.number);
    }
    expect(mail!.subject).toContain('3 factures');
    expect(mail!.body.html).toContain('<table');
    // One portal link per invoice, in the text and the HTML table, each opening its invoice.
    await expectWorkingLinks(mail!, invoices.map((i) => i.number));

    const sentSteps = [];
    for (const i of invoices) {
      const steps = (await t.ok('GET', `/invoices/${i.id}/reminders`)).items as { state: string; messageId?: string }[];
      sentSteps.push(...steps.filter((s) => s.state === 'sent'));
    }
    expect(sentSteps).toHaveLength(3);
    expect(new Set(sentSteps.map((s) => s.messageId)).size).toBe(1);
    expect(sentSteps[0]!.messageId).toBe(mail!.messageId);
  });

  it('sends each invoice its own email when groupByClient is off', async () => {
    const t = await freshTenant('ungrouped');
    await t.ok('PUT', '/settings', { ...companySettings, groupByClient: false, minGapDays: 0 });
    const email = uniqueEmail('ungrouped');
    const { invoices } = await lateInvoices(t, email, [20, 4]);
    await runUntil(endOfDay(addDays(parisToday(), 4)), { tenant: t.tenantId });
    const mails = reminders(await inbox(email));
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) expect(mail.attachments).toHaveLength(1);
    expect(new Set(mails.map((m) => m.attachments[0]!.filename))).toEqual(new Set(invoices.map((i) => `${i.number}.pdf`)));
  });
});

describe('POST /clients/{id}/reminders on the local stack', () => {
  it('previews with dryRun (nothing sent or written), then sends one email for the open invoices, skipping paused and paid ones with the reason', async () => {
    const t = await freshTenant('client-reminder');
    await t.ok('PUT', '/settings', { ...companySettings, bccSelf: true });
    const email = uniqueEmail('client-reminder');
    const { clientId, invoices } = await lateInvoices(t, email, [30, 15, 5, 2]);
    const [a, b, paused, paid] = invoices;
    await t.ok('PATCH', `/invoices/${paused!.id}`, { remindersPaused: true });
    const balance = (await t.ok('GET', `/invoices/${paid!.id}`)).balanceCents;
    await t.ok('POST', `/invoices/${paid!.id}/payments`, { amountCents: balance, date: parisToday() });

    const preview = await t.call('POST', `/clients/${clientId}/reminders?dryRun=true`, { templateId: 'firm', invoiceIds: invoices.map((i) => i.id) });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({ dryRun: true, to: [email], bcc: [companySettings.company.email] });
    expect(preview.json.subject).toBe('Relance\u202f: 2 factures impayées – Plomberie Martin'); // never reminded: not a "second" reminder
    // Never reminded before: the firm text claims no earlier reminder (the email sent is the same text, checked below).
    expect(preview.json.text).not.toContain('Malgré notre précédente relance');
    expect(preview.json.text).toContain('Les factures suivantes restent impayées, pour un total de');
    // An address typed twice (To and Cc, or the owner's in Bcc again) goes once.
    const twice = await t.ok('POST', `/clients/${clientId}/reminders?dryRun=true`, { templateId: 'firm', to: [email], cc: [email.toUpperCase()], bcc: [companySettings.company.email.toUpperCase()] });
    expect([twice.to, twice.cc, twice.bcc]).toEqual([[email], [], [companySettings.company.email.toUpperCase()]]);
    expect(preview.json.text).toContain(a!.number);
    expect(preview.json.attachments.map((x: { fileName: string }) => x.fileName)).toEqual([`${a!.number}.pdf`, `${b!.number}.pdf`]);
    const byId = (items: { invoiceId: string; status: string; reason?: string }[]) => Object.fromEntries(items.map((i) => [i.invoiceId, [i.status, i.reason]]));
    expect(byId(preview.json.items)).toEqual({ [a!.id]: ['would_send', undefined], [b!.id]: ['would_send', undefined], [paused!.id]: ['skipped', 'paused'], [paid!.id]: ['skipped', 'paid'] });
    expect(reminders(await inbox(email))).toHaveLength(0);
    expect((await t.ok('GET', `/invoices/${a!.id}/reminders`)).items.some((s: { manual?: boolean }) => s.manual)).toBe(false);
    // The preview shows where each invoice's link goes, with a placeholder token: none is created, it opens nothing.
    const previewed = portalLinks({ body: { text: preview.json.text, html: preview.json.html } } as StoredEmail);
    expect([...previewed.keys()]).toEqual([a!.number, b!.number]);
    for (const url of previewed.values()) {
      expect(url).toMatch(/\/p\/preview$/);
      expect((await openPortal(url)).status).toBe(404);
    }

    const sent = await t.call('POST', `/clients/${clientId}/reminders`, { templateId: 'firm' });
    expect(sent.status).toBe(201);
    expect(byId(sent.json.items)).toMatchObject({ [a!.id]: ['sent', undefined], [b!.id]: ['sent', undefined] });
    const [mail, ...more] = reminders(await inbox(email));
    expect(more).toEqual([]);
    expect(mail!.messageId).toBe(sent.json.messageId);
    expect(mail!.attachments).toHaveLength(2);
    expect(mail!.destination.bcc).toEqual([companySettings.company.email]);
    // The gap claim the send took stays the engine's business: the client as answered shows when it was last written to, not the claim's internals.
    const shown = await t.ok('GET', `/clients/${clientId}`);
    const listed = (await t.ok('GET', '/clients')).items.find((c: { id: string }) => c.id === clientId);
    expect(shown.lastMessageAt).toBeDefined();
    for (const internal of ['tenantId', 'claimHolder', 'claimPrevAt', 'claimPrevDate']) {
      expect(shown).not.toHaveProperty(internal);
      expect(listed).not.toHaveProperty(internal);
    }
    const manual = (await t.ok('GET', `/invoices/${b!.id}/reminders`)).items.find((s: { manual?: boolean }) => s.manual);
    expect(manual).toMatchObject({ state: 'sent', messageId: sent.json.messageId });
    // The email sent carries real links, the same content as the preview otherwise.
    await expectWorkingLinks(mail!, [a!.number, b!.number]);
    expect(mail!.body.text!.replace(/\/p\/[A-Za-z0-9_-]+/g, '/p/…')).toBe(preview.json.text.replace(/\/p\/[A-Za-z0-9_-]+/g, '/p/…'));

    // One a day per invoice, forced or not: nothing left to remind today is a 422 naming each invoice.
    const again = await t.call('POST', `/clients/${clientId}/reminders`, { templateId: 'firm', force: true, invoiceIds: [a!.id] });
    expect(again.status).toBe(422);
    expect(again.json.errors).toEqual([{ path: 'body.invoiceIds.0', message: `${a!.number}: same_day` }]);
    // The client's gap: the resumed invoice is refused with 409 explaining when, unless forced.
    await t.ok('PATCH', `/invoices/${paused!.id}`, { remindersPaused: false });
    const gap = await t.call('POST', `/clients/${clientId}/reminders`, { invoiceIds: [paused!.id] });
    expect(gap.status).toBe(409);
    expect(gap.type).toContain('application/problem+json');
    expect(gap.json.detail).toContain('force');
    const forced = await t.call('POST', `/clients/${clientId}/reminders`, { invoiceIds: [paused!.id], force: true });
    expect(forced.status).toBe(201);
    expect(forced.json.items).toEqual([{ invoiceId: paused!.id, number: paused!.number, status: 'sent' }]);
    expect(reminders(await inbox(email))).toHaveLength(2);
  });

  it('answers 404 for another tenant’s client and 400 naming a bad field', async () => {
    const t = await freshTenant('client-reminder-bad');
    const other = await freshTenant('client-reminder-other');
    const client = await other.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('other') }));
    expect((await t.call('POST', `/clients/${client.id}/reminders`, {})).status).toBe(404);
    const bad = await other.call('POST', `/clients/${client.id}/reminders`, { to: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.to.0']);
  });
});

describe('POST /reminders/batch on the local stack', () => {
  it('reminds 200 invoices: one message per client, the client gap respected, an answer per invoice and totals', async () => {
    const t = await freshTenant('batch');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    const emails: string[] = [];
    // 50 clients × 4 late invoices, imported in one call (already sent, plans start from the stream).
    const imports = Array.from({ length: 200 }, (_, i) => {
      const client = Math.floor(i / 4);
      if (i % 4 === 0) emails.push(uniqueEmail(`batch${client}`));
      return {
        number: `EXT-${client}-${i % 4}`,
        client: { name: `Client ${client}`, email: emails[client], kind: 'business' },
        issueDate: addDays(today, -60), dueDate: addDays(today, -20 - (i % 4)), netCents: 10_000, vatCents: 2_000, grossCents: 12_000, paidCents: 0,
      };
    });
    await t.ok('POST', '/imports/invoices', { invoices: imports });
    const list = async () => {
      const found: { id: string; clientId: string }[] = [];
      let cursor: string | undefined;
      do {
        const page = await t.ok('GET', `/invoices?status=overdue&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        found.push(...page.items.map((i: { id: string; clientId: string }) => ({ id: i.id, clientId: i.clientId })));
        cursor = page.nextCursor;
      } while (cursor);
      return found;
    };
    await t.drain();
    const rows = await list();
    const all = rows.map((r) => r.id);
    expect(all).toHaveLength(200);
    // The first client got its reminder by hand today: its invoices are skipped (one a day).
    const firstClient = rows[0]!.clientId;
    const first = await t.ok('POST', `/clients/${firstClient}/reminders`, {});
    expect(first.items.filter((i: { status: string }) => i.status === 'sent').length).toBeGreaterThan(0);

    const started = Date.now();
    const res = await t.call('POST', '/reminders/batch', { invoiceIds: all, templateId: 'reminder' });
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(200);
    expect(res.json.items.map((i: { invoiceId: string }) => i.invoiceId)).toEqual(all);
    // Within the time budget every client is reminded; past it (a slow machine) the rest answer time_budget.
    const { sent, skipped, failed } = res.json.totals;
    expect(failed).toBe(0);
    expect(sent + skipped).toBe(200);
    expect(sent).toBeGreaterThanOrEqual(4);
    const reasons = new Map<string, string>(res.json.items.filter((i: { status: string }) => i.status === 'skipped').map((i: { invoiceId: string; reason: string }) => [i.invoiceId, i.reason]));
    for (const r of rows.filter((x) => x.clientId === firstClient)) expect(reasons.get(r.id)).toBe('same_day');
    expect([...reasons.values()].every((r) => r === 'same_day' || r === 'time_budget')).toBe(true);
    expect(ms).toBeLessThan(30_000);
    // One message per client reminded, with its 4 PDFs.
    const status = new Map<string, string>(res.json.items.map((i: { invoiceId: string; status: string }) => [i.invoiceId, i.status]));
    const sentClients = [...new Set(rows.map((r) => r.clientId))].filter((c) => rows.filter((r) => r.clientId === c).every((r) => status.get(r.id) === 'sent'));
    expect(sentClients.length * 4).toBe(sent);
    for (const clientId of sentClients.slice(0, 5)) {
      const mails = reminders(await inbox((await t.ok('GET', `/clients/${clientId}`)).email));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.attachments).toHaveLength(4);
      await expectWorkingLinks(mails[0]!, mails[0]!.attachments.map((x) => x.filename.replace(/\.pdf$/, '')));
    }
    console.info(`batch of 200 invoices (50 clients): ${sent} sent, ${skipped} skipped in ${ms} ms`);
    // The 200 invoices' own plans would fire in every later test's clock run: switch the program off.
    await t.ok('PUT', '/settings', { remindersEnabled: false });
    await t.drain();
  }, 180_000);
});
