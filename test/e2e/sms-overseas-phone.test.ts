/**
 * A Paris artisan's client in Guadeloupe (+590 690…): its text keeps to 08:00–20:00 in Pointe-à-Pitre,
 * not only in Paris. The tenant sends at 09:00 Paris, which is 04:00 (03:00 in summer) there: the text
 * was planned, fired and received at that hour. Over HTTP on the local stack: the plan, the
 * simulation and the text in the SMS stand-in.
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { parisToday, runUntil } from './local-clock.js';

const wall = (instant: string, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
};

describe('a text to an overseas mobile', () => {
  it('waits for the morning where the phone is, and still goes within the tenant’s own hours', { timeout: 60_000 }, async () => {
    const t = await freshTenant('sms-overseas');
    const phone = `+590690${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    await t.ok('PUT', '/settings', { company: aCompanyIdentity(), sendHour: 9, sms: { senderId: 'PLOMBERIE' } });
    await t.ok('POST', '/scenarios', { id: 'texto', name: 'Texto', steps: [{ id: 'texto', offsetDays: 1, templateId: 'sms-reminder', channel: 'sms' }] });
    const client = await t.ok(
      'POST',
      '/clients',
      aBusinessClientInput({ scenarioId: 'texto', address: { line1: '3 rue Frébault', postalCode: '97110', city: 'Pointe-à-Pitre' }, contacts: [{ name: 'Compta', role: 'billing', phone }] }),
    );
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: addDays(parisToday(), 10) }));
    const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.drain();

    const planned = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items.find((s: { stepId: string }) => s.stepId === 'texto');
    const there = wall(planned.scheduledAt, 'America/Guadeloupe');
    expect(there.hour).toBeGreaterThanOrEqual(8);
    expect(there.hour).toBeLessThan(20);
    const paris = wall(planned.scheduledAt, 'Europe/Paris');
    expect(paris.hour).toBeGreaterThanOrEqual(8);
    expect(paris.hour).toBeLessThan(20);
    const simulated = (await t.ok('GET', `/reminders/simulation?from=${parisToday()}&to=${addDays(parisToday(), 20)}`)).items.find((i: { invoiceId: string; stepId: string }) => i.invoiceId === invoice.id && i.stepId === 'texto');
    expect(wall(simulated.at, 'America/Guadeloupe').hour).toBeGreaterThanOrEqual(8);

    await runUntil(new Date(new Date(planned.scheduledAt).getTime() + 3_600_000), { tenant: t.tenantId, invoiceId: invoice.id });
    const texts = ((await (await fetch(`${inject('apiUrl')}/local/sms?to=${encodeURIComponent(phone)}`)).json()) as { items: { to: string }[] }).items;
    expect(texts).toHaveLength(1);
    const sent = (await t.ok('GET', `/invoices/${invoice.id}/reminders`)).items.find((s: { stepId: string }) => s.stepId === 'texto');
    expect(sent).toMatchObject({ state: 'sent', recipients: [phone] });
    expect(wall(sent.sentAt, 'America/Guadeloupe').hour).toBeGreaterThanOrEqual(8);
  });
});
