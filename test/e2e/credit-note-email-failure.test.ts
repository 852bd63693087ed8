/**
 * A credit note whose email SES refuses (`POST /local/ses/failures`: the SES simulator answers 503 to the sends to an
 * address) is issued all the same (numbered, it exists legally). It used to be said only on the timeline
 * (`credit_note.email_failed`): the 201 answered nothing about it and the owner got no alert. The answer now says
 * `emailStatus: 'failed'` and the owner gets a `send_failed` notification naming the credit note, and its email.
 * `POST /invoices/{id}/credit-notes/{creditNoteId}/send` emails it again (there was no way to: the owner had to download
 * it and send it himself), records it sent with SES's message id, and sends once when asked twice at the same time.
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

  it('sends a credit note again once SES takes it: 200 with emailStatus, recorded with its message id, the PDF in the client\u2019s inbox', async () => {
    const { t, email, invoiceId } = await aSentInvoice('cnagain');
    expect((await t.post(`/invoices/${invoiceId}/litigation`, {})).status).toBe(200);
    failing = [email];
    await failSendsTo(failing);
    const issued = await t.post(`/invoices/${invoiceId}/write-off`, { reason: 'Liquidation judiciaire' });
    expect(issued.json.emailStatus).toBe('failed');
    const { id: creditNoteId, number } = issued.json.creditNote as { id: string; number: string };
    expect(((await t.get(`/invoices/${invoiceId}/credit-notes`)).json.items as { id: string; emailStatus?: string }[])).toEqual([expect.objectContaining({ id: creditNoteId, emailStatus: 'failed' })]);

    // Still refused: said again, nothing sent.
    const refused = await t.post(`/invoices/${invoiceId}/credit-notes/${creditNoteId}/send`);
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ emailStatus: 'failed', creditNote: { id: creditNoteId, number, emailStatus: 'failed' }, invoice: { id: invoiceId, status: 'written_off' } });

    await failSendsTo([]);
    failing = [];
    const again = await t.post(`/invoices/${invoiceId}/credit-notes/${creditNoteId}/send`);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ emailStatus: 'sent', creditNote: { id: creditNoteId, number, emailStatus: 'sent', emailedTo: email } });
    const mails = (await inbox(email)).filter((m) => m.subject.includes(number));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments.map((a) => a.filename)).toEqual([`${number}.pdf`]);
    // The message id the client's copy carries is the one recorded: its delivery or bounce lands next to it.
    expect(again.json.creditNote.messageId).toBe(mails[0]!.messageId);
    expect(((await t.get(`/invoices/${invoiceId}/credit-notes`)).json.items as Record<string, unknown>[])[0]).toMatchObject({ emailStatus: 'sent', messageId: mails[0]!.messageId });
    const events = (await t.get(`/invoices/${invoiceId}/timeline?limit=100`)).json.items as { type: string; data?: Record<string, unknown> }[];
    expect(events.filter((e) => e.type.startsWith('credit_note.')).map((e) => e.type)).toEqual(['credit_note.issued', 'credit_note.email_failed', 'credit_note.email_failed', 'credit_note.sent']);
    expect(events.find((e) => e.type === 'credit_note.sent')!.data).toEqual({ creditNote: number, to: email, messageId: mails[0]!.messageId });
  });

  it('sends once when asked twice at the same time (the other a 409 naming path.creditNoteId), and 404 for an id it does not have', async () => {
    const { t, email, invoiceId } = await aSentInvoice('cntwice');
    const issued = await t.post(`/invoices/${invoiceId}/credit-notes`, { reason: 'Remise', amountCents: 1_000 });
    expect(issued.json.emailStatus).toBe('sent');
    const { id: creditNoteId, number } = issued.json.creditNote as { id: string; number: string };
    const answers = await Promise.all([1, 2].map(() => t.post(`/invoices/${invoiceId}/credit-notes/${creditNoteId}/send`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const conflict = answers.find((a) => a.status === 409)!;
    expect(conflict.type).toContain('application/problem+json');
    expect(conflict.json.errors).toEqual([{ path: 'path.creditNoteId', message: expect.stringContaining('being sent') }]);
    // The email of the issue, then one send again.
    expect((await inbox(email)).filter((m) => m.subject.includes(number))).toHaveLength(2);

    // The same Idempotency-Key twice: the answer again, no second email.
    const key = { 'idempotency-key': `cn-again-${creditNoteId}` };
    const first = await t.post(`/invoices/${invoiceId}/credit-notes/${creditNoteId}/send`, undefined, key);
    const replay = await t.post(`/invoices/${invoiceId}/credit-notes/${creditNoteId}/send`, undefined, key);
    expect([first.status, replay.status]).toEqual([200, 200]);
    expect(replay.json.creditNote.messageId).toBe(first.json.creditNote.messageId);
    expect((await inbox(email)).filter((m) => m.subject.includes(number))).toHaveLength(3);

    const unknown = await t.post(`/invoices/${invoiceId}/credit-notes/ZZUNKNOWN01/send`);
    expect([unknown.status, unknown.type.includes('application/problem+json')]).toEqual([404, true]);
    // Another invoice's credit note is not this one's.
    const other = await aSentInvoice('cntwice-other');
    expect((await other.t.post(`/invoices/${other.invoiceId}/credit-notes/${creditNoteId}/send`)).status).toBe(404);
  });

  it('POST /invoices/{id}/cancel says how the credit note\u2019s email went, as POST …/credit-notes does', async () => {
    const refusedOne = await aSentInvoice('cncancel');
    failing = [refusedOne.email];
    await failSendsTo(failing);
    const cancelled = await refusedOne.t.post(`/invoices/${refusedOne.invoiceId}/cancel`, { reason: 'Chantier annulé' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ id: refusedOne.invoiceId, status: 'cancelled', emailStatus: 'failed', creditNote: { emailStatus: 'failed' } });
    await failSendsTo([]);
    failing = [];
    const sentOne = await aSentInvoice('cncancel-ok');
    const ok = await sentOne.t.post(`/invoices/${sentOne.invoiceId}/cancel`, { reason: 'Chantier annulé' });
    expect(ok.json).toMatchObject({ status: 'cancelled', emailStatus: 'sent', creditNote: { number: expect.stringMatching(/^A-/), emailStatus: 'sent' } });
  });
});
