import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, endOfDay, parisToday, runUntil, schedulesOf } from './local-clock.js';

/**
 * The end of the cycle on the local stack (issue 13 §2-§4): an invoice left unpaid past its last
 * step reaches litigation by its recorded `escalate` step, its proof file lists every reminder,
 * a write-off issues the VAT credit note and leaves the cockpit right, a tagged client gets its
 * category's scenario, and paying an invoice sends exactly one thank-you.
 */
const pdfText = async (bytes: Uint8Array) => (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;

const sentInvoice = async (t: FreshTenant, client: Record<string, unknown>, dueDate: string) => {
  const c = await t.ok('POST', '/clients', client);
  const inv = await t.ok('POST', '/invoices', anInvoiceInput(c.id, { issueDate: parisToday(), dueDate }));
  const sent = await t.ok('POST', `/invoices/${inv.id}/send`);
  return { clientId: c.id as string, id: inv.id as string, number: sent.number as string, grossCents: sent.totals.grossCents as number };
};

type Step = { stepId: string; state: string; templateId: string; messageId?: string; reason?: string; scheduledAt?: string };
const stepsOf = async (t: FreshTenant, id: string): Promise<Step[]> => (await t.ok('GET', `/invoices/${id}/reminders`)).items;
const timelineOf = async (t: FreshTenant, id: string): Promise<{ type: string; data?: Record<string, unknown> }[]> =>
  (await t.ok('GET', `/invoices/${id}/timeline?limit=100`)).items;

describe('litigation, proof file and write-off', () => {
  it('moves an invoice unpaid 15 days after its last step to litigation through its recorded escalate step', async () => {
    const t = await freshTenant('lit');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('lit');
    const due = dueDateAhead(10);
    const invoice = await sentInvoice(t, aBusinessClientInput({ email }), due);

    const plan = await stepsOf(t, invoice.id);
    expect(plan.map((s) => [s.stepId, s.state])).toEqual([['j-5', 'scheduled'], ['j+1', 'scheduled'], ['j+8', 'scheduled'], ['j+15', 'scheduled'], ['escalate', 'scheduled']]);
    // Its schedule is at least 15 days after the last step's.
    expect(Date.parse(plan[4]!.scheduledAt!) - Date.parse(plan[3]!.scheduledAt!)).toBeGreaterThanOrEqual(15 * 86_400_000 - 3_600_000);
    expect((await schedulesOf(invoice.id)).map((s) => s.input.stepId)).toContain('escalate');

    const fired = await runUntil(endOfDay(addDays(due, 60)), { tenant: t.tenantId, invoiceId: invoice.id });
    expect(fired.map((f) => [f.input.stepId, 'result' in f && 'outcome' in f.result ? f.result.outcome : 'error'])).toEqual([
      ['j-5', 'sent'],
      ['j+1', 'sent'],
      ['j+8', 'sent'],
      ['j+15', 'sent'],
      ['escalate', 'escalated'],
    ]);
    const after = await stepsOf(t, invoice.id);
    expect(after.at(-1)).toMatchObject({ stepId: 'escalate', state: 'done', reason: 'litigation' });
    expect((await t.ok('GET', `/invoices/${invoice.id}`)).status).toBe('litigation');
    const events = await timelineOf(t, invoice.id);
    expect(events.filter((e) => e.type === 'invoice.litigation').map((e) => e.data?.auto)).toEqual([true]);
    await t.drain();
    const tab = (await t.ok('GET', '/invoices?status=litigation')).items;
    expect(tab.map((i: { id: string }) => i.id)).toEqual([invoice.id]);
    expect((await t.ok('GET', '/invoices?status=overdue')).items).toEqual([]);
    // Reminders stopped: nothing left to fire, and a manual reminder is refused.
    expect(await schedulesOf(invoice.id)).toEqual([]);
    expect((await t.call('POST', `/invoices/${invoice.id}/reminders`, {})).status).toBe(422);

    // The proof file: the invoice, every reminder with its SES message id, the penalties.
    const proof = await t.call('GET', `/invoices/${invoice.id}/proof.pdf`);
    expect(proof.status).toBe(200);
    expect(proof.type).toContain('application/pdf');
    const firstBytes = Buffer.from(proof.bytes!); // pdf.js takes the buffer it reads
    const text = await pdfText(proof.bytes!);
    expect(text).toContain(invoice.number);
    const sent = after.filter((s) => s.state === 'sent');
    expect(sent).toHaveLength(4);
    for (const s of sent) expect(text.replace(/\s+/g, '')).toContain(s.messageId!.replace(/\s+/g, ''));
    // The invoice's own email too, with its SES message id: the first thing a court asks to see delivered.
    const invoiceMail = (await inbox(email)).find((m) => m.subject.startsWith(`Facture ${invoice.number} – `))!;
    expect(text.replace(/\s+/g, '')).toContain(`Message-ID(SES):${invoiceMail.messageId}`);
    expect(text).toContain(email);
    expect(text).toMatch(/mise en demeure/i);
    expect(text).toMatch(/Pénalités de retard/);
    const again = await t.call('GET', `/invoices/${invoice.id}/proof.pdf`);
    // Deterministic: the same records on the same day give the same bytes.
    expect(Buffer.from(again.bytes!).equals(firstBytes)).toBe(true);

    // The same file in English for a reader abroad (?lang=en): the same records, English words.
    const english = await t.call('GET', `/invoices/${invoice.id}/proof.pdf?lang=en`);
    expect(english.status).toBe(200);
    expect(english.headers.get('content-disposition')).toContain(`proof-file-${invoice.number}.pdf`);
    const en = await pdfText(english.bytes!);
    for (const s of sent) expect(en.replace(/\s+/g, '')).toContain(s.messageId!.replace(/\s+/g, ''));
    expect(en).toContain(email);
    for (const heading of ['Proof file', 'Reminders sent', 'Formal notice', 'Late-payment penalties']) expect(en).toContain(heading);
    for (const heading of ['Dossier de preuves', 'Relances envoyées', 'Mise en demeure', 'Pénalités de retard']) expect(en).not.toContain(heading);
  });

  it('writes the proof file in the tenant’s language unless ?lang= says otherwise, and refuses an unknown language', async () => {
    const t = await freshTenant('proofen');
    await t.ok('PUT', '/settings', { ...companySettings, language: 'en' });
    // A French client: the file is the owner's document, so his language counts, not the client's.
    const invoice = await sentInvoice(t, aBusinessClientInput({ email: uniqueEmail('proofen'), language: 'fr' }), dueDateAhead(10));
    const textOf = async (query: string) => {
      const res = await t.call('GET', `/invoices/${invoice.id}/proof.pdf${query}`);
      expect(res.status).toBe(200);
      return pdfText(res.bytes!);
    };
    const byDefault = await textOf('');
    expect(byDefault).toContain('Proof file');
    expect(byDefault).toContain('No reminder sent.');
    expect(byDefault).not.toContain('Dossier de preuves');
    const french = await textOf('?lang=fr');
    expect(french).toContain('Dossier de preuves');
    expect(french).toContain('Aucune relance envoyée.');
    expect(french).not.toContain('Proof file');

    // A draft has nothing to prove: 409, said in French by the web app.
    const clientId = (await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('proofdraft') }))).id as string;
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(clientId));
    const none = await t.call('GET', `/invoices/${draft.id}/proof.pdf`);
    expect(none.status).toBe(409);
    expect(none.json.detail).toBe('A draft was never issued: it has no proof file');

    const bad = await t.call('GET', `/invoices/${invoice.id}/proof.pdf?lang=de`);
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.json.errors).toEqual([{ path: 'query.lang', message: expect.stringMatching(/fr.*en/) }]);
  });

  it('moves by hand and back: reminders stop, then re-plan from where the invoice stood', async () => {
    const t = await freshTenant('litman');
    await t.ok('PUT', '/settings', companySettings);
    const invoice = await sentInvoice(t, aBusinessClientInput({ email: uniqueEmail('litman') }), dueDateAhead(10));
    expect(await schedulesOf(invoice.id)).toHaveLength(5);
    const moved = await t.call('POST', `/invoices/${invoice.id}/litigation`, { reason: 'ne répond plus' });
    expect(moved.status).toBe(200);
    expect(moved.json.status).toBe('litigation');
    expect((await t.call('POST', `/invoices/${invoice.id}/litigation`)).status).toBe(409);
    expect(await schedulesOf(invoice.id)).toEqual([]);
    expect((await stepsOf(t, invoice.id)).map((s) => [s.state, s.reason])).toEqual(Array(5).fill(['cancelled', 'litigation']));

    const back = await t.call('DELETE', `/invoices/${invoice.id}/litigation`);
    expect(back.status).toBe(200);
    expect(back.json.status).toBe('sent');
    expect((await schedulesOf(invoice.id)).map((s) => s.input.stepId).sort()).toEqual(['escalate', 'j+1', 'j+15', 'j+8', 'j-5']);
    expect((await t.call('DELETE', `/invoices/${invoice.id}/litigation`)).status).toBe(409);
    const events = (await timelineOf(t, invoice.id)).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['invoice.litigation', 'invoice.litigation_left']));
  });

  it('takes an invoice back after its automatic escalation: it goes back to litigation litigationAfterDays later unless paid, never left open and silent', async () => {
    const t = await freshTenant('litback');
    await t.ok('PUT', '/settings', { ...companySettings, litigationAfterDays: 3 });
    await t.ok('POST', '/scenarios', { id: 'court', name: 'Court', steps: [{ id: 'j+1', offsetDays: 1, templateId: 'reminder' }] });
    const c = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('litback'), scenarioId: 'court' }));
    const draft = await t.ok('POST', '/invoices', anInvoiceInput(c.id, { issueDate: addDays(parisToday(), -40), dueDate: addDays(parisToday(), -10) }));
    await t.ok('POST', `/invoices/${draft.id}/send`);
    await runUntil(endOfDay(addDays(parisToday(), 12)), { tenant: t.tenantId });
    expect((await t.ok('GET', `/invoices/${draft.id}`)).status).toBe('litigation');
    expect((await stepsOf(t, draft.id)).map((s) => [s.stepId, s.state])).toEqual([['j+1', 'sent'], ['escalate', 'done']]);

    expect((await t.call('DELETE', `/invoices/${draft.id}/litigation`)).json.status).toBe('sent');
    const pending = (await schedulesOf(draft.id)).map((s) => s.input.stepId);
    expect(pending).toEqual(['escalate']);
    const again = (await stepsOf(t, draft.id)).filter((s) => s.state === 'scheduled');
    expect(again).toEqual([expect.objectContaining({ stepId: 'escalate', reason: 'litigation_left' })]);
    // Three days on (the next send day), unpaid: back in litigation.
    expect(again[0]!.scheduledAt! >= `${addDays(parisToday(), 3)}T00:00`).toBe(true);
    await runUntil(endOfDay(addDays(parisToday(), 8)), { tenant: t.tenantId });
    expect((await t.ok('GET', `/invoices/${draft.id}`)).status).toBe('litigation');
    expect((await stepsOf(t, draft.id)).filter((s) => s.stepId === 'escalate').map((s) => s.state)).toEqual(['done', 'done']);
  });

  it('writes off an invoice in litigation with a VAT credit note, and the cockpit and client figures drop it', async () => {
    const t = await freshTenant('woff');
    await t.ok('PUT', '/settings', companySettings);
    const due = addDays(parisToday(), -20);
    const c = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('woff') }));
    const make = async () => {
      const inv = await t.ok('POST', '/invoices', anInvoiceInput(c.id, { issueDate: addDays(due, -30), dueDate: due }));
      return t.ok('POST', `/invoices/${inv.id}/send`);
    };
    const lost = await make();
    const kept = await make();
    await t.ok('POST', `/invoices/${lost.id}/payments`, { amountCents: 47_500, date: parisToday(), method: 'transfer' });
    const lostBalance = lost.totals.grossCents - 47_500;
    await t.drain();
    const before = await t.ok('GET', '/cockpit');
    expect(before.outstandingCents).toBe(lostBalance + kept.totals.grossCents);

    const refused = await t.call('POST', `/invoices/${lost.id}/write-off`, { reason: 'liquidation judiciaire' });
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    expect((await t.call('POST', `/invoices/${lost.id}/write-off`, {})).json.errors[0].path).toBe('body.reason');

    await t.ok('POST', `/invoices/${lost.id}/litigation`, {});
    await t.drain();
    // Litigation is still owed: the cockpit does not move.
    expect((await t.ok('GET', '/cockpit')).outstandingCents).toBe(before.outstandingCents);

    const res = await t.call('POST', `/invoices/${lost.id}/write-off`, { reason: 'liquidation judiciaire', evidence: 'Jugement TC Nantes 2026-11-02, certificat du liquidateur' });
    expect(res.status).toBe(201);
    expect(res.json.invoice).toMatchObject({ status: 'written_off', balanceCents: 0, creditedCents: lostBalance });
    expect(res.json.creditNote).toMatchObject({ purpose: 'bad_debt', grossCents: lostBalance, invoiceNumber: lost.number });
    expect(res.json.creditNote.netCents + res.json.creditNote.vatCents).toBe(lostBalance);
    const pdf = await t.call('GET', `/invoices/${lost.id}/credit-notes/${res.json.creditNote.id}/pdf`);
    const text = await pdfText(pdf.bytes!);
    expect(text).toContain(lost.number);
    expect(text).toMatch(/créance irrécouvrable/);
    expect(text).toMatch(/272-1/);
    const events = await timelineOf(t, lost.id);
    expect(events.find((e) => e.type === 'invoice.written_off')?.data).toMatchObject({ reason: 'liquidation judiciaire', creditNoteId: res.json.creditNote.id, evidence: expect.stringContaining('liquidateur') });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['payment.recorded', 'invoice.litigation', 'credit_note.issued', 'invoice.written_off']));
    expect((await t.call('POST', `/invoices/${lost.id}/payments`, { amountCents: 100, date: parisToday(), method: 'transfer' })).status).toBe(422);
    // Nor can a payment recorded before be removed: the balance it would bring back was never credited.
    const [payment] = (await t.ok('GET', `/invoices/${lost.id}/payments`)).items;
    const unpaid = await t.call('DELETE', `/invoices/${lost.id}/payments/${payment.id}`);
    expect(unpaid.status).toBe(422);
    expect(unpaid.type).toContain('application/problem+json');
    expect(unpaid.json.detail).toMatch(/written off/);
    expect(await t.ok('GET', `/invoices/${lost.id}`)).toMatchObject({ status: 'written_off', balanceCents: 0, paidCents: 47_500 });
    expect((await t.ok('GET', `/invoices/${lost.id}/payments`)).items[0].removedAt).toBeUndefined();
    // A second write-off says the invoice is already written off, not to move it to litigation.
    const again = await t.call('POST', `/invoices/${lost.id}/write-off`, { reason: 'liquidation judiciaire' });
    expect(again.status).toBe(422);
    expect(again.json.detail).toBe('The invoice was written off: its balance is already credited');

    await t.drain();
    const after = await t.ok('GET', '/cockpit');
    expect(after.outstandingCents).toBe(kept.totals.grossCents);
    expect(after.overdueCents).toBe(kept.totals.grossCents);
    expect(after.openInvoices).toBe(1);
    // Revenue is net of the credit note, cash collected is what was paid.
    expect(after.invoicedCents.year - before.invoicedCents.year).toBe(-lostBalance);
    expect(after.collectedCents.year).toBe(before.collectedCents.year);
    const client = (await t.ok('GET', '/clients')).items.find((x: { id: string }) => x.id === c.id);
    expect(client.balanceCents).toBe(kept.totals.grossCents);
    expect((await t.ok('GET', '/invoices?status=written_off')).items.map((i: { id: string }) => i.id)).toEqual([lost.id]);
  });
});

describe('a cancelled invoice', () => {
  it('keeps its payments: removing one would bring back a balance its credit note never covered', async () => {
    const t = await freshTenant('cxl');
    await t.ok('PUT', '/settings', companySettings);
    const c = await t.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('cxl') }));
    const inv = await t.ok('POST', '/invoices', anInvoiceInput(c.id, { issueDate: addDays(parisToday(), -40), dueDate: addDays(parisToday(), -10) }));
    await t.ok('POST', `/invoices/${inv.id}/send`);
    const payment = await t.ok('POST', `/invoices/${inv.id}/payments`, { amountCents: 47_500, date: parisToday(), method: 'transfer' });
    expect((await t.ok('POST', `/invoices/${inv.id}/cancel`, { reason: 'Chantier abandonné' })).status).toBe('cancelled');
    const [recorded] = (await t.ok('GET', `/invoices/${inv.id}/payments`)).items;
    expect(payment.invoice.paidCents).toBe(47_500);
    expect(recorded.id).toBe(payment.id);
    const res = await t.call('DELETE', `/invoices/${inv.id}/payments/${recorded.id}`);
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/cancelled/);
    expect(await t.ok('GET', `/invoices/${inv.id}`)).toMatchObject({ status: 'cancelled', balanceCents: 0, paidCents: 47_500 });
  });
});

describe('client categories', () => {
  it('plans a tagged client with its category’s scenario and the simulation says which rule chose it', async () => {
    const t = await freshTenant('tags');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'grands-comptes', name: 'Grands comptes', steps: [{ id: 'j+10', offsetDays: 10, anchor: 'due', templateId: 'reminder' }, { id: 'j+30', offsetDays: 30, anchor: 'due', templateId: 'firm' }] });
    // `PUT /scenarios/{id} { tags }` as issue 13 writes it: the tags alone, name and steps kept.
    const bound = await t.call('PUT', '/scenarios/grands-comptes', { tags: ['grand-compte'] });
    expect(bound.status).toBe(200);
    expect(bound.json).toMatchObject({ name: 'Grands comptes', tags: ['grand-compte'], steps: [{ id: 'j+10' }, { id: 'j+30' }] });
    const empty = await t.call('PUT', '/scenarios/grands-comptes', {});
    expect([empty.status, empty.json.errors[0].path]).toEqual([400, 'body']);
    expect((await t.ok('PUT', '/scenarios/grands-comptes', { name: 'Grands comptes (B2B)' }))).toMatchObject({ name: 'Grands comptes (B2B)', tags: ['grand-compte'] });
    // One tag, one scenario.
    const clash = await t.call('PUT', '/scenarios/b2b-default', { name: 'Copie', tags: ['grand-compte'], steps: [{ id: 'j+1', offsetDays: 1, anchor: 'due', templateId: 'reminder' }] });
    expect(clash.status).toBe(422);
    expect(clash.json.errors[0].path).toBe('body.tags.0');
    expect((await t.call('POST', '/clients', aBusinessClientInput({ tags: ['Grand Compte'] }))).json.errors[0].path).toBe('body.tags.0');

    const due = dueDateAhead(10);
    const tagged = await sentInvoice(t, aBusinessClientInput({ name: 'Airbus SAS', email: uniqueEmail('tag'), tags: ['fidele', 'grand-compte'] }), due);
    const plain = await sentInvoice(t, aBusinessClientInput({ name: 'Petit client', email: uniqueEmail('notag') }), due);
    expect((await stepsOf(t, tagged.id)).map((s) => s.stepId)).toEqual(['j+10', 'j+30', 'escalate']);
    expect((await stepsOf(t, plain.id)).map((s) => s.stepId)).toEqual(['j-5', 'j+1', 'j+8', 'j+15', 'escalate']);

    const sim = (await t.ok('GET', `/reminders/simulation?from=${parisToday()}&to=${addDays(due, 60)}`)).items as { invoiceId: string; scenarioId: string; scenarioRule: string; stepId: string; action: string }[];
    expect(new Set(sim.filter((i) => i.invoiceId === tagged.id).map((i) => `${i.scenarioId} ${i.scenarioRule}`))).toEqual(new Set(['grands-comptes tag:grand-compte']));
    expect(new Set(sim.filter((i) => i.invoiceId === plain.id).map((i) => `${i.scenarioId} ${i.scenarioRule}`))).toEqual(new Set(['b2b-default default']));
    expect(sim.filter((i) => i.invoiceId === tagged.id).map((i) => [i.stepId, i.action])).toEqual([['j+10', 'send'], ['j+30', 'send'], ['escalate', 'escalate']]);

    // The client's own scenario wins over its tags.
    await t.ok('PATCH', `/clients/${tagged.clientId}`, { scenarioId: 'b2b-default' });
    const own = (await t.ok('GET', `/reminders/simulation?from=${parisToday()}&to=${addDays(due, 60)}`)).items.filter((i: { invoiceId: string }) => i.invoiceId === tagged.id);
    expect(new Set(own.map((i: { scenarioRule: string }) => i.scenarioRule))).toEqual(new Set(['client']));
  });

  it('re-plans an invoice whose scenario changes its steps or is deleted: it never stays without reminders', async () => {
    const t = await freshTenant('scnchg');
    await t.ok('PUT', '/settings', companySettings);
    await t.ok('POST', '/scenarios', { id: 'vip', name: 'VIP', tags: ['vip'], steps: [{ id: 'j+4', offsetDays: 4, anchor: 'due', templateId: 'reminder' }] });
    const due = dueDateAhead(20);
    const invoice = await sentInvoice(t, aBusinessClientInput({ email: uniqueEmail('vip'), tags: ['vip'] }), due);
    await t.drain();
    expect((await stepsOf(t, invoice.id)).map((s) => [s.stepId, s.state])).toEqual([['j+4', 'scheduled'], ['escalate', 'scheduled']]);
    const scheduled = async () => (await stepsOf(t, invoice.id)).filter((s) => s.state === 'scheduled').map((s) => s.stepId);

    // New steps in the scenario: the old ones are cancelled (replanned) and the new ones recorded.
    await t.ok('PUT', '/scenarios/vip', { steps: [{ id: 'j+2', offsetDays: 2, anchor: 'due', templateId: 'reminder' }, { id: 'j+9', offsetDays: 9, anchor: 'due', templateId: 'firm' }] });
    await t.drain();
    expect((await stepsOf(t, invoice.id)).filter((s) => s.state === 'cancelled').map((s) => s.reason)).toEqual(['replanned', 'replanned']);
    expect(await scheduled()).toEqual(['j+2', 'j+9', 'escalate']);
    expect((await schedulesOf(invoice.id)).map((s) => s.input.stepId).sort()).toEqual(['escalate', 'j+2', 'j+9']);

    // The tag's scenario deleted: the client falls back to the default scenario for its kind.
    expect((await t.call('DELETE', '/scenarios/vip')).status).toBe(204);
    await t.drain();
    expect(await scheduled()).toEqual(['j-5', 'j+1', 'j+8', 'j+15', 'escalate']);
  });
});

describe('thank-you after payment', () => {
  const thanks = async (email: string) => (await inbox(email)).filter((m) => m.subject.startsWith('Merci pour votre règlement'));

  it('sends exactly one thank-you when the invoice becomes paid, none on a partial payment, never twice', async () => {
    const t = await freshTenant('thx');
    await t.ok('PUT', '/settings', companySettings);
    const email = uniqueEmail('thx');
    const invoice = await sentInvoice(t, aBusinessClientInput({ email }), dueDateAhead(10));
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: 47_500, date: parisToday(), method: 'transfer' });
    await t.drain();
    expect(await thanks(email)).toEqual([]);

    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: invoice.grossCents - 47_500, date: parisToday(), method: 'transfer' });
    await t.drain();
    const mails = await thanks(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(invoice.number);
    expect(mails[0]!.attachments).toEqual([]);
    const sent = (await timelineOf(t, invoice.id)).filter((e) => e.type === 'thank_you.sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data?.messageId).toEqual(expect.any(String));

    // Paid again after a wrong payment is removed: still one thank-you for the invoice.
    const payments = (await t.ok('GET', `/invoices/${invoice.id}/payments`)).items as { id: string; amountCents: number }[];
    const last = payments.find((p) => p.amountCents === invoice.grossCents - 47_500)!;
    await t.ok('DELETE', `/invoices/${invoice.id}/payments/${last.id}`);
    await t.ok('POST', `/invoices/${invoice.id}/payments`, { amountCents: invoice.grossCents - 47_500, date: parisToday(), method: 'cheque' });
    await t.drain();
    expect(await thanks(email)).toHaveLength(1);
  });

  it('thanks on a partial payment with thankOnPartial, and never an invoice without reminder with thankOnlyIfReminded', async () => {
    const t = await freshTenant('thx2');
    await t.ok('PUT', '/settings', { ...companySettings, thankOnPartial: true });
    const email = uniqueEmail('thxp');
    const partial = await sentInvoice(t, aBusinessClientInput({ email, language: 'en' }), dueDateAhead(10));
    await t.ok('POST', `/invoices/${partial.id}/payments`, { amountCents: 10_000, date: parisToday(), method: 'transfer' });
    await t.drain();
    const english = (await inbox(email)).filter((m) => m.subject.startsWith('Thank you for your payment'));
    expect(english).toHaveLength(1);
    // A partial payment is thanked as one: what is paid so far and what is left, never "the payment of the invoice".
    expect(english[0]!.body.text).toContain('€100.00 paid so far');
    expect(english[0]!.body.text).toContain(`€${((partial.grossCents - 10_000) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })} still to pay`);
    expect(english[0]!.body.text).not.toContain('the payment of invoice');
    // A second partial payment is thanked too ("also for each partial payment"), and the payment in full once more:
    // the first partial thank-you took the invoice's one claim, and the client who paid the rest got nothing.
    await t.ok('POST', `/invoices/${partial.id}/payments`, { amountCents: 5_000, date: parisToday(), method: 'transfer' });
    await t.drain();
    await t.ok('POST', `/invoices/${partial.id}/payments`, { amountCents: partial.grossCents - 15_000, date: parisToday(), method: 'transfer' });
    await t.drain();
    await t.drain();
    const all = (await inbox(email)).filter((m) => m.subject.startsWith('Thank you for your payment')).map((m) => m.body.text);
    expect(all).toHaveLength(3);
    expect(all[1]).toContain('€150.00 paid so far');
    expect(all[2]).toContain('the payment of invoice');
    expect(all[2]).not.toContain('still to pay');

    await t.ok('PUT', '/settings', { thankOnPartial: false, thankOnlyIfReminded: true });
    const quiet = uniqueEmail('thxq');
    const never = await sentInvoice(t, aBusinessClientInput({ email: quiet }), dueDateAhead(10));
    await t.ok('POST', `/invoices/${never.id}/payments`, { amountCents: never.grossCents, date: parisToday(), method: 'transfer' });
    await t.drain();
    expect(await thanks(quiet)).toEqual([]);
    const reminded = uniqueEmail('thxr');
    const chased = await sentInvoice(t, aBusinessClientInput({ email: reminded }), dueDateAhead(10));
    expect((await t.call('POST', `/invoices/${chased.id}/reminders`, { templateId: 'courtesy' })).status).toBe(201);
    await t.ok('POST', `/invoices/${chased.id}/payments`, { amountCents: chased.grossCents, date: parisToday(), method: 'transfer' });
    await t.drain();
    expect(await thanks(reminded)).toHaveLength(1);
  });
});
