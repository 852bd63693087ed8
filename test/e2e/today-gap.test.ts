/**
 * What the owner is shown for a day must be what goes out that day. A client under a payment plan gets its
 * instalment reminder on day D; two other invoices of the client, due after that instalment, have their J-5 recorded
 * on D too. A plan reminder is never grouped with scenario steps (README "Reminders by client and mass send") and its
 * instalment is due first (ADR 0006 addendum), so the client's one-message-per-`minGapDays` rule pushes the two J-5
 * past the gap: the dry run said so, while the daily overview and each invoice's plan showed them going out on D at 09:00.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, isSendDay } from '../../shared/domain/send-calendar.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { freshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; expectedAt?: string; movedBy?: string }
interface SimItem { invoiceId: string; stepId: string; action: string; at?: string; reason?: string; plannedAt?: string }
interface OverviewReminder { invoiceId: string; stepId: string; scheduledAt: string; postponedTo?: string; postponedBy?: string }

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
/** A Monday to Thursday at least three days ahead that is a send day (not a holiday: the suite runs at any date). */
const aSendDayAhead = (today: string) => {
  let d = addDays(today, 3);
  while (![1, 2, 3, 4].includes(weekday(d)) || !isSendDay(d, DEFAULT_SEND_CALENDAR)) d = addDays(d, 1);
  return d;
};

let t: Awaited<ReturnType<typeof freshTenant>>;
let day: string;
let planned: string;
let others: string[];
let owner: string;

describe('a day where a plan reminder and two invoice steps of one client meet', () => {
  beforeAll(async () => {
    t = await freshTenant('todaygap');
    owner = `owner-${t.tenantId}@notify.test`;
    await t.ok('PUT', '/settings', { company: aCompanyIdentity({ email: owner }), litigationAfterDays: 0 });
    await t.ok('POST', '/scenarios', { id: 'court', name: 'Court', steps: [{ id: 'j-5', offsetDays: -5, anchor: 'due', templateId: 'courtesy' }] });
    const today = parisToday();
    day = aSendDayAhead(today);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('marie'), scenarioId: 'court' }));
    // The invoice under a payment plan: its first instalment three days after `day`, its courtesy reminder on `day`.
    const a = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.ok('POST', `/invoices/${a.id}/send`);
    const balance = sent.balanceCents as number;
    const half = Math.floor(balance / 2);
    await t.ok('POST', `/invoices/${a.id}/payment-plan`, { instalments: [{ dueDate: addDays(day, 3), amountCents: half }, { dueDate: addDays(day, 40), amountCents: balance - half }] });
    planned = a.id;
    // Two invoices due 5 days after `day` (after the instalment, which ranks the plan's reminder first): their J-5 is on `day`.
    others = [];
    for (let i = 0; i < 2; i++) {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -20), dueDate: addDays(day, 5) }));
      await t.ok('POST', `/invoices/${draft.id}/send`);
      others.push(draft.id);
    }
    await t.drain();
    await t.drain();
  });

  it('shows on the overview, on each invoice’s plan and in the dry run the day the steps really go out', async () => {
    const steps = async (id: string) => (await t.ok('GET', `/invoices/${id}/reminders`)).items as Step[];
    const courtesy = (await steps(planned)).find((s) => s.stepId === 'p1-c1' && s.state === 'scheduled');
    expect(courtesy?.scheduledAt?.slice(0, 10)).toBe(day);
    for (const id of others) expect((await steps(id)).find((s) => s.stepId === 'j-5')?.scheduledAt?.slice(0, 10)).toBe(day);

    const sim = (await t.ok('GET', `/reminders/simulation?from=${day}&to=${addDays(day, 20)}`)).items as SimItem[];
    const simOf = (id: string, stepId: string) => sim.find((i) => i.invoiceId === id && i.stepId === stepId)!;
    expect(simOf(planned, 'p1-c1')).toMatchObject({ action: 'send' });
    expect(simOf(planned, 'p1-c1').at!.slice(0, 10)).toBe(day);
    const moved = others.map((id) => simOf(id, 'j-5'));
    for (const m of moved) expect(m).toMatchObject({ action: 'send', reason: 'gap' });
    expect(moved[0]!.at! > `${day}T23`).toBe(true);

    // The morning overview of that day: the two J-5 are not going out that day; they say when they will.
    const overview = (await t.ok('GET', `/overview?date=${day}`)).reminders as OverviewReminder[];
    expect(overview.find((r) => r.invoiceId === planned)).toMatchObject({ stepId: 'p1-c1' });
    expect(overview.find((r) => r.invoiceId === planned)?.postponedTo).toBeUndefined();
    for (const [i, id] of others.entries()) {
      expect(overview.find((r) => r.invoiceId === id)).toMatchObject({ stepId: 'j-5', postponedTo: moved[i]!.at, postponedBy: 'gap' });
    }
    // The overview of the day they do go out lists them going out (it listed nothing: they were on `day`'s only).
    const goDay = inParis(moved[0]!.at!).date;
    const then = (await t.ok('GET', `/overview?date=${goDay}`)).reminders as OverviewReminder[];
    for (const id of others) {
      const r = then.find((x) => x.invoiceId === id);
      expect(r, goDay).toMatchObject({ stepId: 'j-5' });
      expect(r?.postponedTo).toBeUndefined();
    }
    // The home screen's "Relances du jour" (the dry run over that day) lists the plan reminder alone.
    const home = (await t.ok('GET', `/reminders/simulation?from=${day}&to=${addDays(day, 1)}T00:00:00Z`)).items as SimItem[];
    expect(home.filter((i) => i.action === 'send' && i.at!.startsWith(day)).map((i) => [i.invoiceId, i.stepId])).toEqual([[planned, 'p1-c1']]);
    // Each invoice's plan says the same.
    for (const [i, id] of others.entries()) {
      expect((await steps(id)).find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'scheduled', expectedAt: moved[i]!.at, movedBy: 'gap' });
    }
    expect((await steps(planned)).find((s) => s.stepId === 'p1-c1')?.expectedAt).toBeUndefined();

    // And the engine does what they say: the plan reminder on `day`, the two J-5 (one grouped message) when the dry run said.
    // (The owner's 07:00 overview of `day` first: a clock jump fires a recurring schedule at its last occurrence only.)
    await runUntil(new Date(`${day}T06:30:00Z`), { tenant: t.tenantId });
    await runUntil(endOfDay(addDays(day, 6)), { tenant: t.tenantId });
    expect((await steps(planned)).find((s) => s.stepId === 'p1-c1')?.sentAt?.slice(0, 10)).toBe(day);
    for (const [i, id] of others.entries()) {
      const j5 = (await steps(id)).find((s) => s.stepId === 'j-5' && s.state === 'sent');
      expect(j5?.sentAt?.slice(0, 16)).toBe(moved[i]!.at!.slice(0, 16));
    }
    // The morning email of that day listed them apart, with the day they go and why.
    const [y, m, d] = moved[0]!.at!.slice(0, 10).split('-');
    const email = (await inbox(owner)).filter((e) => e.subject.startsWith('[Relances] Votre journée')).map((e) => e.body.text ?? '').find((text) => text.includes('Relances reportées'));
    expect(email, JSON.stringify((await inbox(owner)).map((e) => [e.subject, e.body.text]))).toBeDefined();
    expect(email).toMatch(/Relances qui partent aujourd'hui \(1\)/);
    expect(email).toMatch(/Relances reportées \(2\)/);
    expect(email).toContain(`reportée au ${d}/${m}/${y}\u202f: écart entre deux messages au client`);
  });
});
