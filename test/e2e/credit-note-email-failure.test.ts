/**
 * A credit note whose email SES refuses (`POST /local/ses/failures`: the SES simulator answers 503 to the sends to an
 * address) is issued all the same (numbered, it exists legally). It used to be said only on the timeline
 * (`credit_note.email_failed`): the 201 answered nothing about it and the owner got no alert. The answer now says
 * `emailStatus: 'failed'` and the owner gets a `send_failed` notification naming the credit note, and its email.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { aFreshTenant, inbox, uniqueEmail } from './http.js';
import { parisToday } from './local-clock.js';

const failSendsTo = async (to: string[]) => {
  const res = await fetch(`${inject('apiUrl')}/local/ses/failures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
  expect(res.status).toBe(200);
};

/** Lets the stream consumers (the owner notifications) see every write made so far. */
const drain = async () => expect((await fetch(`${inject('apiUrl')}/local/streams/drain`, { method: 'POST' })).status).toBe(200);

interface Note { kind: string; invoiceId: string; detail?: Record<string, unknown> }

const aSentInvoice = async (label: string) => {
  const owner = uniqueEmail(`${label}-owner`);
  const t = await aFreshTenant(label);
  expect((await t.put('/settings', { company: aCompanyIdentity({ email: owner }) })).status).toBe(200);
  const email = uniqueEmail(label);
  const clientId = (await t.post('/clients', aBusinessClientInput({ email }))).json.id as string;
  const today = parisToday();
  const draft = await t.post('/invoices', anInvoiceInput(clientId, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
  expect(draft.status).toBe(201);
  expect((await t.post(`/invoices/${draft.json.id}/send`)).status).toBe(200);
  return { t, owner, email, invoiceId: draft.json.id as string };
};

describe('a credit note whose email SES refuses', () => {
  let failing: string[] = [];
  afterEach(async () => {
    if (failing.length > 0) await failSendsTo([]);
    failing = [];
  });

  it('answers 201 with emailStatus failed and alerts the owner (notification and email) for a write-off', async () => {
    const { t, owner, email, invoiceId } = await aSentInvoice('cnfail');
    expect((await t.post(`/invoices/${invoiceId}/litigation`, {})).status).toBe(200);
    failing = [email];
    await failSendsTo(failing);

    const res = await t.post(`/invoices/${invoiceId}/write-off`, { reason: 'Liquidation judiciaire' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ emailStatus: 'failed', invoice: { status: 'written_off' } });
    const number = res.json.creditNote.number as string;

    await drain();
    const notes = (await t.get('/notifications')).json.items as Note[];
    expect(notes.filter((n) => n.invoiceId === invoiceId)).toEqual([expect.objectContaining({ kind: 'send_failed', detail: expect.objectContaining({ creditNote: number }) })]);
    const alerts = (await inbox(owner)).filter((m) => m.subject.includes('Avoir non envoyé'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body.text).toContain(`L'avoir ${number} est émis`);
  });

  it('answers emailStatus sent, and alerts no one, when the email leaves', async () => {
    const { t, invoiceId } = await aSentInvoice('cnok');
    const res = await t.post(`/invoices/${invoiceId}/credit-notes`, { reason: 'Remise', amountCents: 1_000 });
    expect(res.status).toBe(201);
    expect(res.json.emailStatus).toBe('sent');
    await drain();
    expect(((await t.get('/notifications')).json.items as Note[]).filter((n) => n.invoiceId === invoiceId)).toEqual([]);
  });
});
