/**
 * Issue 10 §2 on the local stack: a custom scenario with an sms and a letter step. The text lands
 * in the SMS stand-in (`GET /local/sms`) at 08:00 on an allowed day although the tenant sends at
 * 21:00 and the step falls on a public holiday (or a Sunday); the letter is produced `to_post`, downloads as a PDF
 * whose hash the step recorded, and closes `sent` when the owner says it was posted.
 */
import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { addDays, weekday } from '../../shared/domain/dates.js';
import { isPublicHoliday } from '../../shared/domain/holidays.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { A4_WIDTH, MM, placedText } from '../fixtures/pdf-layout.js';
import { freshTenant } from './fresh-tenant.js';
import { endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const localSms = async (to: string) =>
  ((await (await fetch(`${inject('apiUrl')}/local/sms?to=${encodeURIComponent(to)}`)).json()) as { items: { to: string; text: string; originationIdentity?: string; context?: Record<string, string> }[] }).items;

/**
 * A due date at least a week away whose J+1 text falls on a day texts may not go: the eve of the first
 * public holiday (Christmas, 1 January, 14 July…) within the 60 days a business client may be given, else
 * a Saturday (its J+1 a Sunday). A fixed Christmas Eve was 358 days away on 31 December: refused (422).
 */
const dueBeforeADayOff = (): string => {
  const today = parisToday();
  for (let d = addDays(today, 7); d <= addDays(today, 55); d = addDays(d, 1)) if (isPublicHoliday(addDays(d, 1), 'metropole')) return d;
  let d = addDays(today, 7);
  while (weekday(addDays(d, 1)) !== 0) d = addDays(d, 1);
  return d;
};

describe('channels per step on the local stack', () => {
  it('texts at 08:00 on the next allowed day, produces a letter to post, downloads it and closes it when posted', { timeout: 60_000 }, async () => {
    const t = await freshTenant('channels');
    const phone = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await t.ok('PUT', '/settings', {
      company: aCompanyIdentity(),
      sendHour: 21,
      skipWeekends: false,
      skipHolidays: false,
      paymentUrl: 'https://pay.example/plomberie?ref={{invoiceNumber}}&amount={{balance}}',
      sms: { senderId: 'PLOMBERIE' },
    });

    const bad = await t.call('POST', '/scenarios', { name: 'Fax', steps: [{ id: 'fax', offsetDays: 1, templateId: 'reminder', channel: 'fax' }] });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toContain('body.steps.0.channel');

    const long = await t.call('POST', '/scenarios', { name: 'Long', steps: [{ id: 'texto', offsetDays: 1, templateId: 'firm', channel: 'sms' }] });
    expect([long.status, long.json.errors?.[0]?.path]).toEqual([422, 'body.steps.0.templateId']);

    const scenario = await t.ok('POST', '/scenarios', {
      id: 'canaux',
      name: 'SMS puis lettre',
      steps: [
        { id: 'texto', offsetDays: 1, templateId: 'sms-reminder', channel: 'sms' },
        { id: 'lettre', offsetDays: 5, templateId: 'formal-notice', channel: 'letter' },
      ],
    });
    expect(scenario.steps.map((s: { channel: string }) => s.channel)).toEqual(['sms', 'letter']);
    const listed = (await t.ok('GET', '/scenarios')).items;
    expect(listed.find((s: { id: string }) => s.id === 'b2b-default').steps.every((s: { channel: string }) => s.channel === 'email')).toBe(true);

    const badPhone = await t.call('POST', '/clients', aBusinessClientInput({ phone: '06 12' }));
    expect(badPhone.status).toBe(400);
    expect(badPhone.json.errors.map((e: { path: string }) => e.path)).toContain('body.phone');

    const client = await t.ok('POST', '/clients', aBusinessClientInput({ scenarioId: 'canaux', contacts: [{ name: 'Service compta', role: 'billing', phone }] }));
    const due = dueBeforeADayOff();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: due }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);

    // Planned: the text would go on the holiday (or Sunday) at 21:00; it waits for 08:00 on the first day that is no Sunday and no holiday.
    let smsDay = addDays(due, 2);
    while (weekday(smsDay) === 0 || isPublicHoliday(smsDay, 'metropole')) smsDay = addDays(smsDay, 1);
    // The scenario's own steps (the engine appends its escalation step after them).
    const ours = (items: { stepId: string }[]) => items.filter((s) => s.stepId === 'texto' || s.stepId === 'lettre');
    const plan = ours((await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items) as any[];
    expect(plan.map((s: { stepId: string; channel: string; state: string }) => [s.stepId, s.channel, s.state])).toEqual([
      ['texto', 'sms', 'scheduled'],
      ['lettre', 'letter', 'scheduled'],
    ]);
    expect(inParis(plan[0].scheduledAt)).toMatchObject({ date: smsDay, hour: 8, minute: 0 });
    const letterDay = inParis(plan[1].scheduledAt).date;
    const simulation = ours((await t.ok('GET', `/reminders/simulation?from=${parisToday()}&to=${letterDay}`)).items.filter((i: { invoiceId: string }) => i.invoiceId === invoice.id)) as any[];
    expect(simulation.map((i: { stepId: string; channel: string; action: string }) => [i.stepId, i.channel, i.action])).toEqual([
      ['texto', 'sms', 'send'],
      ['lettre', 'letter', 'send'],
    ]);

    // The text: to the billing contact, from the sender id, with the pay link, never on the holiday or at night.
    const textFired = await runUntil(endOfDay(smsDay), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(textFired.map((f) => [f.input.stepId, 'outcome' in f.result ? f.result.outcome : f.result.error])).toEqual([['texto', 'sent']]);
    const texts = await localSms(phone);
    expect(texts).toHaveLength(1);
    // Typed as the README shows it, `?to=+336…` unencoded (a query's `+` decodes as a space): the same text.
    expect(((await (await fetch(`${inject('apiUrl')}/local/sms?to=${phone}`)).json()) as { items: unknown[] }).items).toEqual(texts);
    expect(texts[0]).toMatchObject({ to: phone, originationIdentity: 'PLOMBERIE', context: { invoice: invoice.id, step: 'texto' } });
    expect(texts[0]!.text).toContain(`Plomberie Martin : la facture ${invoice.number}`);
    expect(texts[0]!.text).toContain(`https://pay.example/plomberie?ref=${invoice.number}&amount=`);
    const afterText = ours((await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items) as any[];
    expect(afterText[0]).toMatchObject({ state: 'sent', channel: 'sms', recipients: [phone] });
    const sentLocal = inParis(afterText[0].sentAt);
    expect(sentLocal).toMatchObject({ date: smsDay, hour: 8 });
    expect(sentLocal.weekday).not.toBe('Sun');

    // The letter: produced, waiting to be posted, downloadable with the recorded hash.
    const letterFired = await runUntil(endOfDay(letterDay), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(letterFired.map((f) => [f.input.stepId, 'outcome' in f.result ? f.result.outcome : f.result.error])).toEqual([['lettre', 'to_post']]);
    const toPostStep = ours((await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items)[1] as any;
    expect(toPostStep).toMatchObject({ stepId: 'lettre', channel: 'letter', state: 'to_post' });
    expect(toPostStep.letterSha256).toMatch(/^[0-9a-f]{64}$/);
    const toPost = (await t.ok('GET', '/reminders/to-post')).items;
    expect(toPost).toEqual([
      expect.objectContaining({ invoiceId: invoice.id, invoiceNumber: invoice.number, stepId: 'lettre', clientName: client.name, letterSha256: toPostStep.letterSha256, address: expect.objectContaining({ city: 'Paris' }) }),
    ]);
    const pdf = await t.call('GET', toPost[0].pdfUrl);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(sha256(pdf.bytes!)).toBe(toPostStep.letterSha256);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.bytes!)), { mergePages: true })).text;
    expect(text).toContain('mise en demeure de payer');
    expect(text).toContain(invoice.number);
    expect(text).toContain(client.name);
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement');
    // Issue 10 §3: the letter by post carries the EPC QR code of the balance, the client scans it to pay.
    expect(text.replace(/\s+/g, ' ')).toContain('Scannez le QR code avec votre application bancaire');
    // The totals beside the QR code keep within the body's right margin (they ran past it, the estimated-rate note off the page).
    const placed = await placedText(new Uint8Array(pdf.bytes!));
    expect(placed.items.filter((i) => i.y > 40 && i.x + i.width > A4_WIDTH - 40 - 6 * MM + 0.5).map((i) => i.text)).toEqual([]);

    // Closing it: only a letter, only when produced; repeating is harmless.
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/texto/posted`, {})).status).toBe(409);
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/nope/posted`, {})).status).toBe(404);
    // Posted at the counter first, the registered-mail number typed in from the receipt afterwards.
    const postedBare = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, {});
    expect(postedBare.status).toBe(200);
    expect(postedBare.json).toMatchObject({ stepId: 'lettre', state: 'sent' });
    expect(postedBare.json.trackingNumber).toBeUndefined();
    const posted = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, { trackingNumber: '1A 234 567 8901 2' });
    expect(posted.status).toBe(200);
    expect(posted.json).toMatchObject({ stepId: 'lettre', state: 'sent', trackingNumber: '1A 234 567 8901 2', postedAt: postedBare.json.postedAt });
    expect(posted.json.postedAt).toBe(posted.json.sentAt);
    const proof = await t.call('GET', `/invoices/${invoice.id}/proof.pdf`);
    expect((await extractText(await getDocumentProxy(new Uint8Array(proof.bytes!)), { mergePages: true })).text).toContain('1A 234 567 8901 2');
    const again = await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, {});
    expect([again.status, again.json.postedAt]).toEqual([200, posted.json.postedAt]);
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders/lettre/posted`, { trackingNumber: 'AUTRE' })).status).toBe(409);
    expect((await t.ok('GET', '/reminders/to-post')).items).toEqual([]);
    expect(sha256((await t.call('GET', `/invoices/${invoice.id}/reminders/lettre/letter.pdf`)).bytes!)).toBe(toPostStep.letterSha256);

    const types = (await t.ok('GET', `/invoices/${invoice.id}/timeline?limit=100`)).items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['sms.sent', 'reminder.to_post', 'reminder.posted']));
  });
});
