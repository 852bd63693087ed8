/**
 * One client, one send day, an email step of one invoice and an sms step of another, on the local
 * stack (DynamoDB Local, the Scheduler emulator firing both at 09:00 in parallel, the SES emulator,
 * the SMS stand-in): the email goes out, the text waits behind it and then moves past the client's gap.
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { isSendDay, DEFAULT_SEND_CALENDAR } from '../../shared/domain/send-calendar.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

const localSms = async (to: string) => ((await (await fetch(`${inject('apiUrl')}/local/sms?to=${encodeURIComponent(to)}`)).json()) as { items: { text: string }[] }).items;

const sameDay = async (name: string, minGapDays: number) => {
  const t = await freshTenant(name);
  await t.ok('PUT', '/settings', { ...companySettings, minGapDays, sms: { senderId: 'PLOMBERIE' } });
  await t.ok('POST', '/scenarios', {
    id: 'canaux',
    name: 'Email puis SMS',
    steps: [
      { id: 'mail', offsetDays: 1, templateId: 'reminder' },
      { id: 'texto', offsetDays: 4, templateId: 'sms-reminder', channel: 'sms' },
    ],
  });
  const email = uniqueEmail(name);
  const phone = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const client = await t.ok('POST', '/clients', aBusinessClientInput({ email, phone, scenarioId: 'canaux' }));
  // A's J+1 and B's J+4 on the same business day, B's own J+1 three days before it (all business days).
  let day = addDays(parisToday(), 8);
  while (![day, addDays(day, -3)].every((d) => isSendDay(d, DEFAULT_SEND_CALENDAR))) day = addDays(day, 1);
  const ids: Record<'A' | 'B', string> = { A: '', B: '' };
  for (const [key, due] of [['A', addDays(day, -1)], ['B', addDays(day, -4)]] as const) {
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: due }));
    ids[key] = (await t.ok('POST', `/invoices/${draft.id}/send`)).id;
  }
  const stepOf = async (key: 'A' | 'B', stepId: string) => ((await t.ok('GET', `/invoices/${ids[key]}/reminders`)).items as any[]).find((s) => s.stepId === stepId);
  expect(inParis((await stepOf('A', 'mail')).scheduledAt).date).toBe(day);
  expect(inParis((await stepOf('B', 'texto')).scheduledAt).date).toBe(day);

  return { t, day, email, phone, stepOf };
};

describe('an email and a text for one client due the same day, on the local stack', () => {
  it('sends the email and moves the text past the client gap, each step with its reason', { timeout: 90_000 }, async () => {
    const { t, day, email, phone, stepOf } = await sameDay('email-sms', 3);
    await runUntil(endOfDay(day), { tenant: t.tenantId });
    const mail = await stepOf('A', 'mail');
    expect(mail.state).toBe('sent');
    expect(inParis(mail.sentAt).date).toBe(day);
    const text = await stepOf('B', 'texto');
    expect(text.state).toBe('scheduled');
    expect(text.reason).toBe('gap');
    expect(inParis(text.scheduledAt).date > day).toBe(true);
    expect(await localSms(phone)).toHaveLength(0);
    // B's J+1 and A's J+1: two emails on two days three days apart, none with the text.
    expect((await inbox(email)).filter((m) => m.subject.startsWith('Relance'))).toHaveLength(2);

    // After the gap the text goes out.
    await runUntil(endOfDay(inParis(text.scheduledAt).date), { tenant: t.tenantId });
    expect(await stepOf('B', 'texto')).toMatchObject({ state: 'sent' });
    expect(await localSms(phone)).toHaveLength(1);
  });

  it('sends the email first and the text a minute after it when the client gap is 0, whichever fires first', { timeout: 90_000 }, async () => {
    const { t, day, email, phone, stepOf } = await sameDay('email-sms-0', 0);
    await runUntil(endOfDay(day), { tenant: t.tenantId });
    const [mail, text] = [await stepOf('A', 'mail'), await stepOf('B', 'texto')];
    expect([mail.state, text.state]).toEqual(['sent', 'sent']);
    expect(inParis(mail.sentAt)).toMatchObject({ date: day, hour: 9, minute: 0 });
    // Both schedules fire at 09:00 in parallel: the text waited behind the email, a minute at a time while
    // the email was still going out (one minute on an idle machine, more when the send is slow), 30 at most.
    expect(inParis(text.sentAt)).toMatchObject({ date: day, hour: 9 });
    expect(Date.parse(text.sentAt)).toBeGreaterThan(Date.parse(mail.sentAt));
    expect(inParis(text.sentAt).minute).toBeGreaterThanOrEqual(1);
    expect(inParis(text.sentAt).minute).toBeLessThanOrEqual(30);
    expect(await localSms(phone)).toHaveLength(1);
    expect((await inbox(email)).filter((m) => m.subject.startsWith('Relance'))).toHaveLength(2);
  });
});
