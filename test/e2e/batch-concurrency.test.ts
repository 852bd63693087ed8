/**
 * Mass send with clients reminded side by side (issue 10 §1, shared/app/reminders/batch-reminders.ts):
 * the per-client rules still hold when several clients are in flight at once and when another call
 * claims the same clients at the same moment: one message per client with every PDF, the client gap
 * (a conditional write on the client item), one reminder per invoice per day, each step recorded.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail, type StoredEmail } from './http.js';
import { parisToday } from './local-clock.js';

/** Reminder emails only (imported invoices got no email of their own). */
const reminders = (emails: StoredEmail[]) => emails.filter((e) => !/^(Facture \S+ – |Invoice \S+ from )/.test(e.subject));

interface Item {
  readonly invoiceId: string;
  readonly status: 'sent' | 'skipped' | 'failed';
  readonly reason?: string;
}

describe('POST /reminders/batch: clients in parallel, concurrent calls', () => {
  it('keeps one message per client with all its PDFs, the client gap and one reminder per invoice a day when two batches and a client reminder race', async () => {
    const t = await freshTenant('batch-race');
    await t.ok('PUT', '/settings', companySettings);
    const today = parisToday();
    // 8 clients × 2 late invoices (imported: already sent, no email of their own).
    const CLIENTS = 8;
    const emails = Array.from({ length: CLIENTS }, (_, c) => uniqueEmail(`race${c}`));
    await t.ok('POST', '/imports/invoices', {
      invoices: emails.flatMap((email, c) =>
        [0, 1].map((k) => ({
          number: `RACE-${c}-${k}`,
          client: { name: `Race client ${c}`, email, kind: 'business' },
          issueDate: addDays(today, -60), dueDate: addDays(today, -20 - k), netCents: 10_000, vatCents: 2_000, grossCents: 12_000, paidCents: 0,
        })),
      ),
    });
    await t.drain();
    const page = await t.ok('GET', '/invoices?status=overdue&limit=100');
    const rows = page.items as { id: string; clientId: string; number: string }[];
    expect(rows).toHaveLength(2 * CLIENTS);
    const clientIds = [...new Set(rows.map((r) => r.clientId))];
    expect(clientIds).toHaveLength(CLIENTS);
    const of = (clientId: string) => rows.filter((r) => r.clientId === clientId);
    const emailOf = async (clientId: string): Promise<string> => (await t.ok('GET', `/clients/${clientId}`)).email;

    // Client g: one of its invoices reminded by hand this morning. Its other one is within the client's gap.
    const [g, raced] = clientIds as [string, string];
    const [g1, g2] = of(g) as [(typeof rows)[0], (typeof rows)[0]];
    const manual = await t.ok('POST', `/clients/${g}/reminders`, { invoiceIds: [g1.id] });
    expect(manual.items).toMatchObject([{ invoiceId: g1.id, status: 'sent' }]);

    // Each client's two invoices far apart in the list: the first halves, then the second halves.
    const ids = [...clientIds.map((c) => of(c)[0]!.id), ...clientIds.map((c) => of(c)[1]!.id)];
    // Two identical batches and a client reminder for `raced`, all at once.
    const [one, two, direct] = await Promise.all([
      t.call('POST', '/reminders/batch', { invoiceIds: ids, templateId: 'reminder' }),
      t.call('POST', '/reminders/batch', { invoiceIds: ids, templateId: 'reminder' }),
      t.call('POST', `/clients/${raced}/reminders`, { templateId: 'reminder' }),
    ]);
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    // The client reminder either sent or lost the race to a batch (409 within the gap / invoices changed).
    expect([201, 409, 422]).toContain(direct.status);
    const answers: Item[][] = [one.json.items, two.json.items];
    for (const items of answers) expect(items.map((i) => i.invoiceId)).toEqual(ids);
    for (const items of answers) expect(items.filter((i) => i.status === 'failed')).toEqual([]);
    const directSent: Item[] = direct.status === 201 ? direct.json.items.filter((i: Item) => i.status === 'sent') : [];

    // No invoice is sent twice across the three calls; the other answers say why not. (Two claims at the very
    // same moment may both be refused, `changed`: never both granted.)
    const sentCount = (id: string) => answers.filter((items) => items.find((i) => i.invoiceId === id)?.status === 'sent').length + directSent.filter((i) => i.invoiceId === id).length;
    for (const r of rows) expect(sentCount(r.id), r.number).toBeLessThanOrEqual(1);
    expect(sentCount(g1.id)).toBe(0);
    expect(sentCount(g2.id)).toBe(0);
    for (const items of answers) {
      // time_budget: a loaded machine (three calls at once here) left a client unstarted, nothing written for it.
      for (const i of items.filter((x) => x.status === 'skipped')) expect(['same_day', 'gap', 'changed', 'time_budget']).toContain(i.reason);
      expect(items.find((i) => i.invoiceId === g1.id)).toEqual({ invoiceId: g1.id, status: 'skipped', reason: 'same_day' });
      expect(items.find((i) => i.invoiceId === g2.id)).toEqual({ invoiceId: g2.id, status: 'skipped', reason: 'gap' });
    }
    const reminded = clientIds.filter((c) => c !== g && of(c).every((r) => sentCount(r.id) === 1));
    // A client's invoices go together or not at all (one claim for the message).
    for (const c of clientIds.filter((x) => x !== g && !reminded.includes(x))) for (const r of of(c)) expect(sentCount(r.id), r.number).toBe(0);
    expect(reminded.length).toBeGreaterThan(0);

    // The same batch again (as the web app does while some answer time_budget): only the clients not reminded
    // above get their message now, the others answer same_day.
    let sentAgain = 0;
    for (let round = 0, left = true; left && round < 5; round++) {
      const again = await t.ok('POST', '/reminders/batch', { invoiceIds: ids, templateId: 'reminder' });
      expect(again.totals.failed).toBe(0);
      sentAgain += again.totals.sent;
      left = (again.items as Item[]).some((i) => i.reason === 'time_budget' || i.reason === 'changed');
    }
    expect(sentAgain).toBe(2 * (CLIENTS - 1 - reminded.length));
    const last = await t.ok('POST', '/reminders/batch', { invoiceIds: ids, templateId: 'reminder' });
    expect(last.totals).toEqual({ sent: 0, skipped: ids.length, failed: 0 });

    // One message per client: g kept only its morning one; every other client got one with both PDFs.
    expect(reminders(await inbox(await emailOf(g)))).toHaveLength(1);
    for (const clientId of clientIds.filter((c) => c !== g)) {
      const mails = reminders(await inbox(await emailOf(clientId)));
      expect(mails, clientId).toHaveLength(1);
      expect(mails[0]!.attachments.map((a) => a.filename).sort()).toEqual(of(clientId).map((r) => `${r.number}.pdf`).sort());
      // Each invoice has one step sent today, recorded with that message's id.
      for (const r of of(clientId)) {
        const steps = (await t.ok('GET', `/invoices/${r.id}/reminders`)).items as { state: string; messageId?: string }[];
        const sent = steps.filter((s) => s.state === 'sent');
        expect(sent, r.number).toHaveLength(1);
        expect(sent[0]!.messageId).toBe(mails[0]!.messageId);
      }
    }
    // g's second invoice was never claimed: no step of it went out.
    expect(((await t.ok('GET', `/invoices/${g2.id}/reminders`)).items as { state: string }[]).filter((s) => s.state === 'sent' || s.state === 'sending')).toEqual([]);

    await t.ok('PUT', '/settings', { remindersEnabled: false });
    await t.drain();
  }, 120_000);
});
