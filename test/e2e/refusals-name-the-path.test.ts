/**
 * Every 422 names what it refuses in `errors[{path, message}]` (README, API conventions), so the web app can show it
 * where it belongs. Three refusals answered a bare `detail`: a second write-off (`invoice-written-off`), and deleting a
 * built-in scenario or template that was never customised (`built-in-scenario`, `built-in-template`); so did the
 * refusals of an invoice in the wrong state for a payment, a credit note, a cancellation, a sending or a reminder now
 * (`invoice-not-payable`, `invoice-closed`, `invoice-not-sent`, `invoice-cancelled`, `invoice-settled`,
 * `already-cancelled`, `invoice-not-sendable`, `reminder-not-allowed`), of litigation, holds and the proof file
 * (`not-litigable`, `already-in-litigation`, `not-in-litigation`, `invoice-not-open`, `draft-has-no-proof`) and of a quote
 * (`quote-not-sent`, `quote-not-pending`, `quote-locked`, `quote-not-accepted`, `deposit-not-issued`): they name the
 * invoice or the quote, `path.id`. The 409s that refuse one thing rather than a race name it too: an id taken by a
 * built-in or an own template or scenario (`body.id`), an invoice or quote sent twice, a second final invoice, a second
 * reminder the same day (`path.id`); the portal's 409s name the invoice behind the link (`path.token`), in words its client
 * may read. Over HTTP on the local stack.
 */
import { describe, expect, inject, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/** The refusal's status, type, detail and field errors, to compare at once. */
const refusal = async (t: FreshTenant, method: string, path: string, body?: unknown) => {
  const res = await t.call(method, path, body);
  expect(res.type).toContain('application/problem+json');
  return { status: res.status, type: String(res.json.type).replace('https://relances.dev/problems/', ''), detail: res.json.detail, errors: res.json.errors };
};
const onTheInvoice = (message: string) => [{ path: 'path.id', message }];

describe('refusals that name the path they refuse', () => {
  it('a second write-off names the invoice, which was written off', async () => {
    const t = await freshTenant('write-off-twice');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('write-off-twice') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -60), dueDate: addDays(today, -30) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.ok('POST', `/invoices/${draft.id}/litigation`, { reason: 'plus de nouvelles' });
    await t.ok('POST', `/invoices/${draft.id}/write-off`, { reason: 'liquidation judiciaire' });

    const again = await t.call('POST', `/invoices/${draft.id}/write-off`, { reason: 'liquidation judiciaire' });
    expect(again.status).toBe(422);
    expect(again.type).toContain('application/problem+json');
    expect(again.json).toMatchObject({
      type: 'https://relances.dev/problems/invoice-written-off',
      detail: 'The invoice was written off: its balance is already credited',
      errors: [{ path: 'path.id', message: 'the invoice is written_off' }],
    });
    // A credit note on it is refused the same way.
    const credit = await t.call('POST', `/invoices/${draft.id}/credit-notes`, { reason: 'geste commercial', amountCents: 100 });
    expect([credit.status, credit.json.type, credit.json.errors]).toEqual([422, 'https://relances.dev/problems/invoice-written-off', [{ path: 'path.id', message: 'the invoice is written_off' }]]);
  });

  it('deleting a built-in scenario or template names it', async () => {
    const t = await freshTenant('built-in-delete');
    const scenario = await t.call('DELETE', '/scenarios/b2c-default');
    expect(scenario.status).toBe(422);
    expect(scenario.json).toMatchObject({
      type: 'https://relances.dev/problems/built-in-scenario',
      detail: '"b2c-default" is a built-in scenario: it cannot be deleted',
      errors: [{ path: 'path.id', message: 'is a built-in scenario: it can be changed, not deleted' }],
    });
    const template = await t.call('DELETE', '/templates/reminder');
    expect(template.status).toBe(422);
    expect(template.json).toMatchObject({
      type: 'https://relances.dev/problems/built-in-template',
      detail: '"reminder" is a built-in template: it cannot be deleted',
      errors: [{ path: 'path.id', message: 'is a built-in template: it can be changed, not deleted' }],
    });
    // Both still there, unchanged.
    expect((await t.call('GET', '/scenarios/b2c-default')).json).toMatchObject({ builtIn: true, customized: false });
    expect((await t.call('GET', '/templates/reminder')).json).toMatchObject({ builtIn: true, customized: false });
  });

  it('a payment, a credit note or a reminder on a draft names the invoice, which was not sent', async () => {
    const t = await freshTenant('refuse-draft');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-draft') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));

    expect(await refusal(t, 'POST', `/invoices/${draft.id}/payments`, { amountCents: 100, date: today, method: 'transfer' })).toEqual({
      status: 422, type: 'invoice-not-payable', detail: 'A draft invoice cannot receive payments', errors: onTheInvoice('the invoice is draft'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/credit-notes`, { reason: 'geste commercial', amountCents: 100 })).toEqual({
      status: 422, type: 'invoice-not-sent', detail: 'A draft is edited or deleted, not credited', errors: onTheInvoice('the invoice has not been sent'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/reminders`, {})).toEqual({
      status: 422, type: 'reminder-not-allowed', detail: 'No reminder can be sent: the invoice has not been sent', errors: onTheInvoice('the invoice has not been sent'),
    });
    expect(await t.ok('GET', `/invoices/${draft.id}`)).toMatchObject({ status: 'draft', paidCents: 0 });
  });

  it('crediting, cancelling or reminding a paid invoice names it: nothing is left to pay', async () => {
    const t = await freshTenant('refuse-paid');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-paid') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: sent.totals.grossCents, date: today, method: 'transfer' });

    expect(await refusal(t, 'POST', `/invoices/${draft.id}/credit-notes`, { reason: 'geste commercial', amountCents: 100 })).toEqual({
      status: 422, type: 'invoice-settled', detail: 'A paid invoice with nothing left to pay cannot be credited', errors: onTheInvoice('the invoice has nothing left to pay'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/cancel`, { reason: 'chantier abandonné' })).toEqual({
      status: 422, type: 'invoice-settled', detail: 'A paid invoice with nothing left to pay cannot be cancelled', errors: onTheInvoice('the invoice has nothing left to pay'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/reminders`, {})).toEqual({
      status: 422, type: 'reminder-not-allowed', detail: 'No reminder can be sent: the invoice is paid', errors: onTheInvoice('the invoice is paid'),
    });
    expect(await t.ok('GET', `/invoices/${draft.id}`)).toMatchObject({ status: 'paid', balanceCents: 0 });
  });

  it('a payment, its removal, a credit note or a second cancellation on a cancelled invoice names it', async () => {
    const t = await freshTenant('refuse-cancelled');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-cancelled') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    const payment = await t.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: 47_500, date: today, method: 'transfer' });
    await t.ok('POST', `/invoices/${draft.id}/cancel`, { reason: 'chantier abandonné' });

    expect(await refusal(t, 'POST', `/invoices/${draft.id}/payments`, { amountCents: 100, date: today, method: 'transfer' })).toEqual({
      status: 422, type: 'invoice-not-payable', detail: 'A cancelled invoice cannot receive payments', errors: onTheInvoice('the invoice is cancelled'),
    });
    expect(await refusal(t, 'DELETE', `/invoices/${draft.id}/payments/${payment.id}`)).toMatchObject({
      status: 422, type: 'invoice-closed', errors: onTheInvoice('the invoice is cancelled'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/credit-notes`, { reason: 'geste commercial', amountCents: 100 })).toEqual({
      status: 422, type: 'invoice-cancelled', detail: 'The invoice is already cancelled', errors: onTheInvoice('the invoice is cancelled'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/cancel`, { reason: 'chantier abandonné' })).toEqual({
      status: 422, type: 'already-cancelled', detail: 'The invoice is already cancelled', errors: onTheInvoice('the invoice is cancelled'),
    });
    expect(await t.ok('GET', `/invoices/${draft.id}`)).toMatchObject({ status: 'cancelled', balanceCents: 0, paidCents: 47_500 });

    // A voided draft is cancelled without ever being sent: sending it is refused the same way.
    const voided = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    await t.ok('POST', `/invoices/${voided.id}/cancel`, {});
    expect(await refusal(t, 'POST', `/invoices/${voided.id}/send`)).toEqual({
      status: 422, type: 'invoice-not-sendable', detail: 'A cancelled invoice cannot be sent', errors: onTheInvoice('the invoice is cancelled'),
    });
  });

  it('litigation, a pause or the proof file of an invoice in the wrong state names it', async () => {
    const t = await freshTenant('refuse-litigation');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-litigation') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));

    expect(await refusal(t, 'POST', `/invoices/${draft.id}/litigation`, { reason: 'plus de nouvelles' })).toEqual({
      status: 409, type: 'not-litigable', detail: 'A draft invoice cannot go to litigation: only an invoice awaiting payment can', errors: onTheInvoice('the invoice is draft'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/pause`, { reason: 'le client a appelé' })).toEqual({
      status: 422, type: 'invoice-not-open', detail: 'A draft invoice has no reminders to pause', errors: onTheInvoice('the invoice is draft'),
    });
    expect(await refusal(t, 'GET', `/invoices/${draft.id}/proof.pdf`)).toEqual({
      status: 409, type: 'draft-has-no-proof', detail: 'A draft was never issued: it has no proof file', errors: onTheInvoice('the invoice has not been sent'),
    });

    await t.ok('POST', `/invoices/${draft.id}/send`);
    expect(await refusal(t, 'DELETE', `/invoices/${draft.id}/litigation`)).toEqual({
      status: 409, type: 'not-in-litigation', detail: 'The invoice is not in litigation (it is sent)', errors: onTheInvoice('the invoice is sent'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/write-off`, { reason: 'liquidation judiciaire' })).toMatchObject({
      status: 409, type: 'not-in-litigation', errors: onTheInvoice('the invoice is sent'),
    });
    await t.ok('POST', `/invoices/${draft.id}/litigation`, { reason: 'plus de nouvelles' });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/litigation`, { reason: 'plus de nouvelles' })).toEqual({
      status: 409, type: 'already-in-litigation', detail: 'The invoice is already in litigation', errors: onTheInvoice('the invoice is in litigation'),
    });
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/pause`, { reason: 'le client a appelé' })).toEqual({
      status: 422, type: 'invoice-not-open', detail: 'A litigation invoice has no reminders to pause', errors: onTheInvoice('the invoice is litigation'),
    });
    expect(await t.ok('GET', `/invoices/${draft.id}`)).toMatchObject({ status: 'litigation' });
  });

  it('answering, editing or invoicing a quote in the wrong state names the quote', async () => {
    const t = await freshTenant('refuse-quote');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-quote') }));
    const quote = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: addDays(parisToday(), -10), validityDays: 90, lines: [{ description: 'Chantier', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }] });
    const onTheQuote = onTheInvoice;

    expect(await refusal(t, 'POST', `/quotes/${quote.id}/accept`)).toEqual({
      status: 422, type: 'quote-not-sent', detail: 'Send the quote before recording the answer', errors: onTheQuote('the quote has not been sent'),
    });
    expect(await refusal(t, 'POST', `/quotes/${quote.id}/deposits`, { percent: 30 })).toEqual({
      status: 422, type: 'quote-not-accepted', detail: 'The quote is pending: deposits and the final invoice need an accepted quote', errors: onTheQuote('the quote is pending'),
    });
    await t.ok('POST', `/quotes/${quote.id}/send`);
    expect(await refusal(t, 'PATCH', `/quotes/${quote.id}`, { notes: 'Chantier au printemps' })).toEqual({
      status: 422, type: 'quote-locked', detail: 'Only a pending quote not yet sent can be edited', errors: onTheQuote('the quote has been sent'),
    });
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    expect(await refusal(t, 'POST', `/quotes/${quote.id}/refuse`)).toEqual({
      status: 422, type: 'quote-not-pending', detail: 'The quote is accepted', errors: onTheQuote('the quote is accepted'),
    });
    expect(await refusal(t, 'PATCH', `/quotes/${quote.id}`, { notes: 'Chantier au printemps' })).toMatchObject({ status: 422, type: 'quote-locked', errors: onTheQuote('the quote is accepted') });
    await t.ok('POST', `/quotes/${quote.id}/deposits`, { percent: 30 });
    expect(await refusal(t, 'POST', `/quotes/${quote.id}/final-invoice`, {})).toEqual({
      status: 422,
      type: 'deposit-not-issued',
      detail: 'Send or delete the draft deposit invoices first: a final invoice deducts issued deposits only',
      errors: onTheQuote('a deposit invoice of the quote is still a draft'),
    });
    expect(await t.ok('GET', `/quotes/${quote.id}`)).toMatchObject({ status: 'accepted' });
  });

  it('a 409 that refuses one thing names it: an id already taken, a document sent twice, a second reminder today', async () => {
    const t = await freshTenant('refuse-twice');
    await t.ok('PUT', '/settings', companySettings);
    const template = { name: 'Relance maison', language: 'fr', subject: 'Facture {{invoiceNumber}}', body: 'Bonjour {{clientName}}' };
    const scenario = { name: 'Court', steps: [{ id: 'j+1', offsetDays: 1, templateId: 'reminder' }] };
    const conflict = (errors: { path: string; message: string }[]) => ({ status: 409, type: 'conflict', errors });

    expect(await refusal(t, 'POST', '/templates', { ...template, id: 'reminder' })).toEqual({
      ...conflict([{ path: 'body.id', message: 'is a built-in template' }]), detail: '"reminder" is a built-in template: PUT /templates/reminder to customise it',
    });
    expect(await refusal(t, 'POST', '/scenarios', { ...scenario, id: 'b2c-default' })).toEqual({
      ...conflict([{ path: 'body.id', message: 'is a built-in scenario' }]), detail: '"b2c-default" is a built-in scenario: PUT /scenarios/b2c-default to customise it',
    });
    await t.ok('POST', '/templates', { ...template, id: 'maison' });
    await t.ok('POST', '/scenarios', { ...scenario, id: 'court' });
    expect(await refusal(t, 'POST', '/templates', { ...template, id: 'maison' })).toEqual({
      ...conflict([{ path: 'body.id', message: 'is already used by a template' }]), detail: 'A template "maison" already exists',
    });
    expect(await refusal(t, 'POST', '/scenarios', { ...scenario, id: 'court' })).toEqual({
      ...conflict([{ path: 'body.id', message: 'is already used by a scenario' }]), detail: 'A scenario "court" already exists',
    });

    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-twice') }));
    const today = parisToday();
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -40), dueDate: addDays(today, -10) }));
    const sent = await t.ok('POST', `/invoices/${draft.id}/send`);
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/send`)).toEqual({
      ...conflict(onTheInvoice('the invoice was already sent')), detail: `Invoice ${sent.number} was already sent`,
    });
    await t.ok('POST', `/invoices/${draft.id}/reminders`, {});
    expect(await refusal(t, 'POST', `/invoices/${draft.id}/reminders`, { force: true })).toEqual({
      ...conflict(onTheInvoice('the invoice was already reminded today')), detail: 'A reminder already went out for this invoice today: the next one can go tomorrow',
    });
    // The client's minimum gap: the refusal names what lifts it, `force` (the web app offers "send anyway").
    const second = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: addDays(today, -30), dueDate: addDays(today, -5) }));
    await t.ok('POST', `/invoices/${second.id}/send`);
    const gapField = [{ path: 'body.force', message: 'must be true to send within the client’s minimum gap' }];
    expect(await refusal(t, 'POST', `/invoices/${second.id}/reminders`, {})).toMatchObject({ ...conflict(gapField), detail: expect.stringContaining('"force": true') });
    expect(await refusal(t, 'POST', `/clients/${client.id}/reminders`, { invoiceIds: [second.id] })).toMatchObject({ ...conflict(gapField), detail: expect.stringContaining('"force": true') });

    const quote = await t.ok('POST', '/quotes', { clientId: client.id, issueDate: addDays(today, -10), validityDays: 90, lines: [{ description: 'Chantier', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }] });
    const quoteSent = await t.ok('POST', `/quotes/${quote.id}/send`);
    expect(await refusal(t, 'POST', `/quotes/${quote.id}/send`)).toEqual({ ...conflict(onTheInvoice('the quote has been sent')), detail: `Quote ${quoteSent.number} was already sent` });
    await t.ok('POST', `/quotes/${quote.id}/accept`);
    await t.ok('POST', `/quotes/${quote.id}/final-invoice`, {});
    expect(await refusal(t, 'POST', `/quotes/${quote.id}/final-invoice`, {})).toEqual({
      ...conflict(onTheInvoice('the quote already has its final invoice')), detail: 'The final invoice of this quote already exists',
    });
  });

  it('the portal’s 409s name the invoice behind the link, path.token: settled, disputed, under a payment plan (they had no errors)', async () => {
    const portal = async (token: string, action: string, body: unknown) => {
      const res = await fetch(`${inject('apiUrl')}/portal/${token}${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const json = (await res.json()) as { type: string; detail: string; errors?: unknown };
      return { status: res.status, type: json.type.replace('https://relances.dev/problems/', ''), detail: json.detail, errors: json.errors };
    };
    const onTheLink = (message: string) => [{ path: 'path.token', message }];
    const t = await freshTenant('refuse-portal');
    await t.ok('PUT', '/settings', companySettings);
    const client = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('refuse-portal') }));
    const opened = async () => {
      const draft = await t.ok('POST', '/invoices', anInvoiceInput(client.id, { issueDate: parisToday(), dueDate: dueDateAhead(20) }));
      const invoice = await t.ok('POST', `/invoices/${draft.id}/send`);
      const { url } = await t.ok('POST', `/invoices/${draft.id}/portal-link`);
      return { invoice, token: /\/p\/([A-Za-z0-9_-]{43})$/.exec(url)![1]! };
    };
    const promise = { date: addDays(parisToday(), 30) };

    const paid = await opened();
    await t.ok('POST', `/invoices/${paid.invoice.id}/payments`, { amountCents: paid.invoice.balanceCents, date: parisToday() });
    expect(await portal(paid.token, '/promise', promise)).toEqual({
      status: 409, type: 'portal-state', detail: 'This invoice is paid: nothing is left to pay', errors: onTheLink('the invoice takes no more action'),
    });

    const disputed = await opened();
    await t.ok('POST', `/invoices/${disputed.invoice.id}/dispute`, { reason: 'Travaux non terminés' });
    const disputedAnswer = { status: 409, type: 'portal-state', detail: 'The invoice is disputed: the seller answers the dispute first', errors: onTheLink('the invoice is disputed') };
    expect(await portal(disputed.token, '/promise', promise)).toEqual(disputedAnswer);
    const plan = { instalments: [{ dueDate: addDays(parisToday(), 10), amountCents: 100 }, { dueDate: addDays(parisToday(), 40), amountCents: disputed.invoice.balanceCents - 100 }] };
    expect(await portal(disputed.token, '/plan-request', plan)).toEqual(disputedAnswer);

    const planned = await opened();
    await t.ok('POST', `/invoices/${planned.invoice.id}/payment-plan`, {
      instalments: [{ dueDate: addDays(parisToday(), 10), amountCents: 100 }, { dueDate: addDays(parisToday(), 40), amountCents: planned.invoice.balanceCents - 100 }],
    });
    expect(await portal(planned.token, '/promise', promise)).toEqual({
      status: 409, type: 'portal-state', detail: 'A payment plan is already agreed for this invoice', errors: onTheLink('a payment plan is already agreed for the invoice'),
    });
  });
});
