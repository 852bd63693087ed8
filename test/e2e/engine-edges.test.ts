/**
 * Cases a new user tries on the local stack that the position table does not: the due date moved
 * after the plan was recorded. Each test has a tenant of its own and moves only its own clock.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, inParis, parisToday, runUntil } from './local-clock.js';

/** Lets the stream consumers (the re-plan after a change) see every write made so far. */
const drain = async () => {
  const body = (await (await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
  if (body.error) throw new Error(`stream not drained: ${body.error}`);
};

let acme: Awaited<ReturnType<typeof aFreshTenant>>;

interface Step { stepId: string; state: string; scheduledAt?: string; sentAt?: string; reason?: string }
const stepsOf = async (invoiceId: string) => (await acme.get(`/invoices/${invoiceId}/reminders`)).json.items as Step[];

const aSentInvoice = async (dueDate: string) => {
  const email = uniqueEmail('edge');
  const clientId = (await acme.post('/clients', aBusinessClientInput({ email }))).json.id as string;
  const draft = await acme.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(parisToday(), -20), dueDate }));
  expect(draft.status).toBe(201);
  expect((await acme.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
  return { id: draft.json.id as string, email };
};

describe('the reminder plan when the due date moves', () => {
  beforeAll(async () => {
    acme = await aFreshTenant('edges');
    expect((await acme.put('/settings', { company: aCompanyIdentity() })).status).toBe(200);
  });

  it('skips a pending J-5 once the due date moves into the past, and the overdue reminder goes out at once instead of waiting behind it', async () => {
    const today = parisToday();
    const invoice = await aSentInvoice(dueDateAhead(20));
    expect((await stepsOf(invoice.id)).find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'scheduled' });
    // The owner corrects the due date: it was two days ago.
    const due = addDays(today, -2);
    expect((await acme.patch(`/invoices/${invoice.id}`, { dueDate: due })).status).toBe(200);
    await drain();
    const steps = await stepsOf(invoice.id);
    expect(steps.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    const j1 = steps.find((s) => s.stepId === 'j+1')!;
    expect(j1.state).toBe('scheduled');
    expect(inParis(j1.scheduledAt!).date <= addDays(today, 4)).toBe(true);

    await runUntil(endOfDay(addDays(today, 5)), { tenant: acme.tenant });
    const after = await stepsOf(invoice.id);
    expect(after.find((s) => s.stepId === 'j+1')).toMatchObject({ state: 'sent' });
    expect(after.find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    // The invoice email, then the overdue reminder; never "your invoice will soon be due".
    const subjects = (await inbox(invoice.email)).map((m) => m.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects[1]).toMatch(/^Relance/);
  });
});
