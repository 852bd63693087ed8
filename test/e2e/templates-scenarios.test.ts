import { describe, expect, it } from 'vitest';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, inbox, uniqueEmail } from './http.js';

const acme = ownTenant('templates');

const aTemplate = (overrides: Record<string, unknown> = {}) => ({
  name: 'Relance maison',
  language: 'fr',
  tone: 'reminder',
  subject: 'Facture {{invoiceNumber}}',
  body: 'Bonjour {{clientName}},\n\nIl reste {{balanceAmount}} à régler.',
  ...overrides,
});

/** A sent business invoice of 1,475.00 € with 475.00 € paid: balance 1,000.00 €. */
const aPartlyPaidInvoice = async () => {
  const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('tpl') }));
  const draft = await acme.post('/invoices', anInvoiceInput(client.json.id));
  const sent = await acme.post(`/invoices/${draft.json.id}/send`);
  await acme.post(`/invoices/${draft.json.id}/payments`, { amountCents: 47_500, date: '2026-11-05', method: 'transfer' });
  return { id: draft.json.id as string, number: sent.json.number as string };
};

describe('templates over HTTP', () => {
  it('refuses a template with an unknown {{variable}}, naming the field', async () => {
    const res = await acme.post('/templates', aTemplate({ body: 'Bonjour {{foo}}' }));
    expect(res.status).toBe(422);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.errors).toEqual([{ path: 'body.body', message: 'unknown variables: {{foo}}' }]);
  });

  it('says what each template is for: the reminders the owner may send, and the engine’s texts, plans and thanks', async () => {
    const purposes = Object.fromEntries(((await acme.get('/templates')).json.items as { id: string; purpose: string }[]).map((t) => [t.id, t.purpose]));
    expect(purposes).toMatchObject({ reminder: 'reminder', 'formal-notice': 'reminder', 'sms-reminder': 'sms', 'instalment-late': 'instalment', 'thank-you': 'thank-you', 'thank-you-partial': 'thank-you' });
    const own = await acme.post('/templates', aTemplate({}));
    expect(own.json.purpose).toBe('reminder');
    await acme.delete(`/templates/${own.json.id}`);
  });

  it('customises the built-in "reminder" template, returns it customised, and reverts it on delete', async () => {
    const original = await acme.get('/templates/reminder');
    expect(original.json).toMatchObject({ id: 'reminder', builtIn: true, customized: false });
    try {
      const put = await acme.put('/templates/reminder', aTemplate({ subject: 'Rappel {{invoiceNumber}}' }));
      expect(put.status).toBe(200);
      expect(put.json).toMatchObject({ id: 'reminder', builtIn: true, customized: true, subject: 'Rappel {{invoiceNumber}}' });
      expect((await acme.get('/templates/reminder')).json).toMatchObject({ customized: true, subject: 'Rappel {{invoiceNumber}}' });
      const listed = (await acme.get('/templates')).json.items.find((t: { id: string }) => t.id === 'reminder');
      expect(listed).toMatchObject({ customized: true });
      // Another tenant still sees the original.
      expect((await api('globex').get('/templates/reminder')).json).toMatchObject({ customized: false, subject: original.json.subject });
    } finally {
      expect((await acme.delete('/templates/reminder')).status).toBe(204);
    }
    expect((await acme.get('/templates/reminder')).json).toEqual(original.json);
    expect((await acme.delete('/templates/reminder')).status).toBe(422);
  });

  it('creates, refuses to delete while a scenario uses it, then deletes a custom template', async () => {
    const id = `maison-${Date.now().toString(36)}`;
    expect((await acme.post('/templates', { id, ...aTemplate() })).status).toBe(201);
    expect((await acme.post('/templates', { id, ...aTemplate() })).status).toBe(409);
    const scenario = await acme.post('/scenarios', { name: 'Avec maison', steps: [{ id: 'j3', offsetDays: 3, templateId: id }] });
    expect(scenario.status).toBe(201);

    const refused = await acme.delete(`/templates/${id}`);
    expect(refused.status).toBe(422);
    expect(refused.json.type).toContain('template-in-use');

    expect((await acme.delete(`/scenarios/${scenario.json.id}`)).status).toBe(204);
    expect((await acme.delete(`/templates/${id}`)).status).toBe(204);
    expect((await acme.get(`/templates/${id}`)).status).toBe(404);
  });

  it('previews a template with an invoice’s number and balance', async () => {
    const invoice = await aPartlyPaidInvoice();
    const res = await acme.post('/templates/reminder/preview', { invoiceId: invoice.id });
    expect(res.status).toBe(200);
    expect(res.json.subject).toContain(invoice.number);
    expect(res.json.body.replace(/\s/g, '')).toContain('1000,00€');
    expect(res.json.variables).toMatchObject({ invoiceNumber: invoice.number, clientName: 'Boulangerie Dupont SARL' });
    // The portal link as the email will carry one, without creating a token for a preview.
    expect(res.json.variables.portalUrl).toMatch(/^https?:\/\/[^/]+\/p\/preview$/);
    expect(res.json.body).toContain(res.json.variables.portalUrl);

    expect((await acme.post('/templates/reminder/preview', { invoiceId: '01JUNKNOWN0000000000000000' })).status).toBe(404);
    expect((await acme.post('/templates/nope/preview', { invoiceId: invoice.id })).status).toBe(404);
  });

  it('sends a test to the given address with [TEST] and the invoice PDF', async () => {
    const invoice = await aPartlyPaidInvoice();
    const to = uniqueEmail('moi');
    const res = await acme.post('/templates/firm/test', { invoiceId: invoice.id, to });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ to, messageId: expect.any(String) });

    const [mail, ...others] = await inbox(to);
    expect(others).toHaveLength(0);
    expect(mail!.subject).toMatch(/^\[TEST\] /);
    expect(mail!.subject).toContain(invoice.number);
    expect(mail!.destination.cc).toEqual([]);
    expect(mail!.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  });

  it('sends a fictional sample to the signed-in user when no invoice or address is given', async () => {
    // The shared tenant, whose user has a known address (this file sends its invoices in a tenant of its own).
    const res = await api('acme').post('/templates/formal-notice/test', {});
    expect(res.status).toBe(200);
    expect(res.json.to).toBe('compta@acme.example');
    const mail = (await inbox('compta@acme.example')).find((m) => m.messageId === res.json.messageId || m.subject.includes('F-EXEMPLE-0001'));
    expect(mail!.subject).toBe('[TEST] Mise en demeure de payer – facture F-EXEMPLE-0001');
    expect(mail!.attachments).toHaveLength(2);
  });
});

describe('scenarios over HTTP', () => {
  // Step ids of the API are [a-z0-9-] slugs: the built-ins' `j+1` style ids do not pass its schema.
  const step = (id: string, offsetDays: number, templateId: string) => ({ id, offsetDays, anchor: 'due', templateId });

  it('lists the built-in scenarios', async () => {
    const res = await acme.get('/scenarios');
    expect(res.status).toBe(200);
    expect(res.json.items.slice(0, 2).map((s: { id: string; builtIn: boolean }) => [s.id, s.builtIn])).toEqual([
      ['b2b-default', true],
      ['b2c-default', true],
    ]);
  });

  it('refuses a step with an unknown template or out of order, naming each step field (422)', async () => {
    const res = await acme.post('/scenarios', { name: 'Bancal', steps: [step('a', 10, 'reminder'), step('b', 5, 'inconnu')] });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.steps.1.templateId', message: 'no template "inconnu"' },
        expect.objectContaining({ path: 'body.steps.1.offsetDays' }),
      ]),
    );
  });

  it('refuses a step whose template is no reminder for its channel: a thank-you, an instalment note, a text on an email step (422 naming each)', async () => {
    const res = await acme.post('/scenarios', {
      name: 'Mélangé',
      steps: [step('a', 1, 'reminder'), step('b', 5, 'thank-you'), step('c', 8, 'instalment-late'), step('d', 12, 'sms-reminder'), { ...step('e', 15, 'sms-reminder'), channel: 'sms' }],
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.steps.1.templateId', 'body.steps.2.templateId', 'body.steps.3.templateId']);
    expect(res.json.errors.find((e: { path: string }) => e.path === 'body.steps.1.templateId').message).toMatch(/thanks the client/);
    // Nothing written: the scenario does not exist.
    expect((await acme.get('/scenarios')).json.items.some((s: { name: string }) => s.name === 'Mélangé')).toBe(false);
  });

  it('refuses a letter step whose template is no formal notice: the letter is the mise en demeure whatever the template (422 naming it)', async () => {
    const letter = (id: string, offsetDays: number, templateId: string) => ({ ...step(id, offsetDays, templateId), channel: 'letter' });
    const res = await acme.post('/scenarios', { name: 'Courrier doux', steps: [step('a', 1, 'reminder'), letter('b', 8, 'reminder'), letter('c', 15, 'firm')] });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { path: 'body.steps.1.templateId', message: expect.stringMatching(/^is not a formal notice: a letter step sends the mise en demeure/) },
      { path: 'body.steps.2.templateId', message: expect.stringMatching(/^is not a formal notice/) },
    ]);
    expect((await acme.get('/scenarios')).json.items.some((s: { name: string }) => s.name === 'Courrier doux')).toBe(false);
    // A formal notice does: the built-in one, the consumers' one, or one of the owner's with that tone.
    const own = await acme.post('/templates', aTemplate({ tone: 'formal-notice', subject: 'Mise en demeure {{invoiceNumber}}' }));
    const ok = await acme.post('/scenarios', { name: 'Courrier', steps: [step('a', 1, 'reminder'), letter('b', 8, 'formal-notice'), letter('c', 15, own.json.id)] });
    expect(ok.status).toBe(201);
    // Nor can a later edit make it gentler: the scenario's, nor the template's own.
    expect((await acme.put(`/scenarios/${ok.json.id}`, { steps: [step('a', 1, 'reminder'), letter('b', 8, 'courtesy')] })).status).toBe(422);
    const gentler = await acme.put(`/templates/${own.json.id}`, aTemplate({ tone: 'reminder' }));
    expect([gentler.status, gentler.json.errors]).toEqual([422, [{ path: 'body.tone', message: expect.stringMatching(/^must stay formal-notice: a letter step sends this template/) }]]);
    expect((await acme.get(`/templates/${own.json.id}`)).json.tone).toBe('formal-notice');
    await acme.delete(`/scenarios/${ok.json.id}`);
    await acme.delete(`/templates/${own.json.id}`);
  });

  it('creates, replaces and deletes a custom scenario; 409 on a built-in id; 404 once gone', async () => {
    const created = await acme.post('/scenarios', { name: 'Chantiers', steps: [step('j2', 2, 'reminder')] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ builtIn: false, customized: false });
    const { id } = created.json;
    expect((await acme.post('/scenarios', { id: 'b2b-default', name: 'x', steps: [step('a', 1, 'reminder')] })).status).toBe(409);

    const put = await acme.put(`/scenarios/${id}`, { name: 'Chantiers longs', steps: [step('j2', 2, 'reminder'), step('j20', 20, 'firm')] });
    expect(put.json.steps).toHaveLength(2);
    expect((await acme.delete(`/scenarios/${id}`)).status).toBe(204);
    expect((await acme.get(`/scenarios/${id}`)).status).toBe(404);
    expect((await acme.delete('/scenarios/b2c-default')).status).toBe(422);
  });

  it('customises a built-in scenario as a copy and reverts it on delete', async () => {
    try {
      const put = await acme.put('/scenarios/b2c-default', { name: 'Particuliers doux', steps: [step('j3', 3, 'reminder-consumer')] });
      expect(put.json).toMatchObject({ id: 'b2c-default', builtIn: true, customized: true });
      expect((await acme.get('/scenarios/b2c-default')).json.name).toBe('Particuliers doux');
    } finally {
      expect((await acme.delete('/scenarios/b2c-default')).status).toBe(204);
    }
    expect((await acme.get('/scenarios/b2c-default')).json).toMatchObject({ customized: false, steps: expect.arrayContaining([expect.objectContaining({ id: 'j+15' })]) });
  });
});
