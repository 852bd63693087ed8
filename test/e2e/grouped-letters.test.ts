/**
 * Letter steps grouped per client on the local stack (DynamoDB Local, the Scheduler emulator, the
 * real PDF renderer): three invoices of one client reach their letter step the same day and the
 * owner gets ONE letter to post listing them all; it downloads and closes from any of its steps.
 * A payment before posting produces the letter again without the paid invoice.
 */
import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, nextSendDay } from '../../shared/domain/send-calendar.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, inParis, parisToday, runUntil, schedulesOf } from './local-clock.js';

const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true })).text.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('letter steps of one client due the same day', () => {
  it('make one letter to post listing every invoice, closed from any of its steps; a payment before posting regroups the rest', { timeout: 90_000 }, async () => {
    const t = await freshTenant('letters-group');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 3, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('letters-group'), scenarioId: 'lettre' }));
    const due = dueDateAhead(3);
    const invoices: { id: string; number: string }[] = [];
    for (const cents of [100_000, 50_000, 20_000]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: due, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: cents, vatRate: 20 }] }));
      invoices.push({ id: draft.id as string, number: (await t.ok('POST', `/invoices/${draft.id}/send`)).number as string });
    }
    const stepOf = async (id: string) => ((await t.ok('GET', `/invoices/${id}/reminders`)).items as any[]).find((s) => s.stepId === 'lettre');
    const letterDay = inParis((await stepOf(invoices[0]!.id)).scheduledAt).date;
    await runUntil(endOfDay(letterDay), { tenant: t.tenantId });

    // One letter to post, listing the three invoices; every step to_post with its id and hash.
    const toPost = (await t.ok('GET', '/reminders/to-post')).items as any[];
    expect(toPost).toHaveLength(1);
    expect([...toPost[0].invoiceNumbers].sort()).toEqual(invoices.map((i) => i.number).sort());
    const steps = await Promise.all(invoices.map((i) => stepOf(i.id)));
    expect(steps.map((s) => s.state)).toEqual(['to_post', 'to_post', 'to_post']);
    expect(new Set(steps.map((s) => s.letterId))).toEqual(new Set([toPost[0].letterId]));
    expect(new Set(steps.map((s) => s.letterSha256))).toEqual(new Set([toPost[0].letterSha256]));
    const overview = await t.ok('GET', `/overview?date=${letterDay}`);
    expect(overview.letters).toHaveLength(1);
    expect(overview.letters[0].letterId).toBe(toPost[0].letterId);

    // The same PDF from every step: a mise en demeure listing each invoice with its days late and €40.
    const late = Math.round((Date.parse(letterDay) - Date.parse(due)) / 86_400_000);
    for (const i of invoices) {
      const pdf = await t.call('GET', `/invoices/${i.id}/reminders/lettre/letter.pdf`);
      expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      const text = await pdfText(pdf.bytes!);
      expect(text).toContain('mise en demeure de payer');
      for (const j of invoices) expect(text).toMatch(new RegExp(`${j.number} \\d\\d/\\d\\d/\\d{4} ${late} j [\\d ]+,\\d\\d € [\\d ]+,\\d\\d € 40,00 €`));
      expect(text).toMatch(/Indemnité forfaitaire pour frais de recouvrement \(40,00 € × 3/);
    }

    // A payment on one invoice before posting: its step withdrawn, the others produced again as one letter.
    const paid = invoices[1]!;
    const gross = (await t.ok('GET', `/invoices/${paid.id}`)).totals.grossCents;
    await t.ok('POST', `/invoices/${paid.id}/payments`, { amountCents: gross, date: parisToday(), method: 'transfer' });
    // Let the stream re-plan the paid invoice, then the invoices its letter is taken from.
    for (let round = 0; round < 2; round++) await schedulesOf(paid.id);
    expect(await stepOf(paid.id)).toMatchObject({ state: 'cancelled', reason: 'paid' });
    const [a, c] = [await stepOf(invoices[0]!.id), await stepOf(invoices[2]!.id)];
    expect([a.state, c.state]).toEqual(['scheduled', 'scheduled']);
    expect(a.scheduledAt).toBe(c.scheduledAt);
    expect((await t.ok('GET', '/reminders/to-post')).items).toEqual([]);
    // Produced again at that window, or the send day after: the payment (real time) came before the letter's day on the
    // simulated clock, so the regrouped steps were planned on that very day, whose reminder slot the withdrawn letter held.
    await runUntil(endOfDay(nextSendDay(addDays(inParis(a.scheduledAt).date, 1), DEFAULT_SEND_CALENDAR)), { tenant: t.tenantId });
    const again = (await t.ok('GET', '/reminders/to-post')).items as any[];
    expect(again).toHaveLength(1);
    expect([...again[0].invoiceNumbers].sort()).toEqual([invoices[0]!.number, invoices[2]!.number].sort());
    const regrouped = await pdfText((await t.call('GET', again[0].pdfUrl)).bytes!);
    expect(regrouped).not.toContain(paid.number);
    expect(regrouped).toMatch(/40,00 € × 2/);

    // Posting it from either step closes both; the tracking number entered later, from the other step, reaches both.
    const posted = await t.call('POST', `/invoices/${invoices[2]!.id}/reminders/lettre/posted`, {});
    expect(posted.status).toBe(200);
    for (const i of [invoices[0]!, invoices[2]!]) expect(await stepOf(i.id)).toMatchObject({ state: 'sent', postedAt: posted.json.postedAt });
    const tracked = await t.call('POST', `/invoices/${invoices[0]!.id}/reminders/lettre/posted`, { trackingNumber: '1A 234 567 8901 2' });
    expect(tracked.status).toBe(200);
    for (const i of [invoices[0]!, invoices[2]!]) expect(await stepOf(i.id)).toMatchObject({ state: 'sent', trackingNumber: '1A 234 567 8901 2', postedAt: posted.json.postedAt });
    expect((await t.call('POST', `/invoices/${invoices[2]!.id}/reminders/lettre/posted`, { trackingNumber: 'AUTRE' })).status).toBe(409);
    expect((await t.ok('GET', '/reminders/to-post')).items).toEqual([]);
  });

  it('lets the owner decide not to post a letter: cancelling it from one step withdraws the whole envelope, and a posted step stays posted', { timeout: 90_000 }, async () => {
    const t = await freshTenant('letters-withdraw');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'lettre', name: 'Lettre', steps: [{ id: 'lettre', offsetDays: 3, templateId: 'formal-notice', channel: 'letter' }] });
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('letters-withdraw'), scenarioId: 'lettre' }));
    const due = dueDateAhead(3);
    const ids: string[] = [];
    for (const cents of [100_000, 50_000]) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: due, lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: cents, vatRate: 20 }] }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      ids.push(draft.id as string);
    }
    const stepOf = async (id: string) => ((await t.ok('GET', `/invoices/${id}/reminders`)).items as any[]).find((s) => s.stepId === 'lettre');
    await runUntil(endOfDay(inParis((await stepOf(ids[0]!)).scheduledAt).date), { tenant: t.tenantId });
    expect((await t.ok('GET', '/reminders/to-post')).items).toHaveLength(1);

    const cancelled = await t.call('POST', `/invoices/${ids[1]}/reminders/lettre/cancel`);
    expect([cancelled.status, cancelled.json.state, cancelled.json.reason]).toEqual([200, 'cancelled', 'owner_cancelled']);
    for (const id of ids) expect(await stepOf(id)).toMatchObject({ state: 'cancelled', reason: 'owner_cancelled' });
    expect((await t.ok('GET', '/reminders/to-post')).items).toEqual([]);
    // Withdrawn: it can no longer be recorded as posted, nor cancelled twice.
    expect((await t.call('POST', `/invoices/${ids[0]}/reminders/lettre/posted`, {})).status).toBe(409);
    const again = await t.call('POST', `/invoices/${ids[0]}/reminders/lettre/cancel`);
    expect([again.status, again.json.detail]).toEqual([409, 'The step is cancelled: only a scheduled step or a letter not posted yet can be cancelled']);
    const timeline = (await t.ok('GET', `/invoices/${ids[0]}/timeline`)).items as any[];
    expect(timeline.some((e) => e.type === 'reminder.cancelled' && e.data?.letter === 'withdrawn' && e.data?.reason === 'owner_cancelled')).toBe(true);
  });
});

