import { beforeEach, describe, expect, it } from 'vitest';
import { BusinessRuleError, ConflictError, NotFoundError, ValidationError } from '../../shared/app/errors.js';
import { makeScenarioLibrary } from '../../shared/app/reminders/scenarios.js';
import { makeSimulateReminders } from '../../shared/app/reminders/simulation.js';
import { makePreviewTemplate, makeTemplateLibrary, makeTestTemplate } from '../../shared/app/reminders/templates.js';
import { B2B_DEFAULT_SCENARIO, DEFAULT_SCENARIOS } from '../../shared/domain/default-scenarios.js';
import { DEFAULT_TEMPLATES, defaultTemplate, SMS_TEMPLATE_MAX_CHARS, type ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import { defaultSettings } from '../../shared/http/schemas/settings.js';
import {
  aClient,
  anInvoiceRecord,
  FakeClientRepository,
  FakeInvoiceRepository,
  FakeMailer,
  FakePdfRenderer,
  FakeSettingsRepository,
  FakeStepRepository,
  FakeTenantDocuments,
  fixedClock,
  sequentialIds,
} from '../fixtures/fakes.js';

const T = 'acme';

/** Rejects with `type`, and returns the error for closer checks. */
const failure = async <E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
};

const steps = (...list: [string, number, string, ('due' | 'previous')?][]) =>
  list.map(([id, offsetDays, templateId, anchor = 'due']) => ({ id, offsetDays, templateId, anchor }));

const templateInput = (overrides: Partial<ReminderTemplate> = {}) => ({
  name: 'Relance maison',
  language: 'fr' as const,
  tone: 'reminder' as const,
  subject: 'Facture {{invoiceNumber}}',
  body: 'Bonjour {{clientName}}, il reste {{balanceAmount}} à régler.',
  attachInvoicePdf: true,
  letter: false,
  ...overrides,
});

const world = () => {
  const scenarios = new FakeTenantDocuments<Scenario>();
  const templates = new FakeTenantDocuments<ReminderTemplate>();
  const settings = new FakeSettingsRepository();
  const invoices = new FakeInvoiceRepository();
  const clients = new FakeClientRepository();
  const stepsRepo = new FakeStepRepository();
  const mailer = new FakeMailer();
  const pdf = new FakePdfRenderer();
  const clock = fixedClock('2026-03-02T08:00:00.000Z'); // Monday 09:00 in Paris
  const ids = sequentialIds('01JQ7Z');
  return {
    scenarios,
    templates,
    settings,
    invoices,
    clients,
    stepsRepo,
    mailer,
    pdf,
    clock,
    scenarioLib: makeScenarioLibrary({ scenarios, templates, settings, clients, ids }),
    templateLib: makeTemplateLibrary({ templates, scenarios, clients, ids }),
    preview: makePreviewTemplate({ templates, invoices, clients, settings, clock }),
    testSend: makeTestTemplate({ templates, invoices, clients, settings, clock, mailer, pdf }),
    simulate: makeSimulateReminders({ invoices, clients, settings, scenarios, steps: stepsRepo, clock }),
  };
};

describe('scenario library', () => {
  let w: ReturnType<typeof world>;
  beforeEach(() => (w = world()));

  it('lists the two built-in scenarios, not customised, for a new tenant', async () => {
    const items = await w.scenarioLib.list(T);
    expect(items.map((s) => [s.id, s.builtIn, s.customized])).toEqual([
      ['b2b-default', true, false],
      ['b2c-default', true, false],
    ]);
    expect(items[0]!.steps).toEqual(B2B_DEFAULT_SCENARIO.steps.map((s) => ({ ...s, channel: 'email' })));
  });

  it('stores an editable copy when a built-in is replaced, and leaves the original and other tenants untouched', async () => {
    const original = structuredClone(B2B_DEFAULT_SCENARIO);
    const put = await w.scenarioLib.put(T, 'b2b-default', { name: 'Mes relances pro', steps: steps(['j+3', 3, 'reminder'], ['j+10', 10, 'firm']) });
    expect(put).toMatchObject({ id: 'b2b-default', name: 'Mes relances pro', builtIn: true, customized: true });
    expect((await w.scenarioLib.get(T, 'b2b-default')).steps.map((s) => s.id)).toEqual(['j+3', 'j+10']);
    expect((await w.scenarioLib.list(T))[0]).toMatchObject({ id: 'b2b-default', customized: true, name: 'Mes relances pro' });
    expect(B2B_DEFAULT_SCENARIO).toEqual(original);
    expect(await w.scenarioLib.get('globex', 'b2b-default')).toMatchObject({ customized: false, steps: original.steps });
  });

  it('reverts a customised built-in to the original when it is deleted', async () => {
    await w.scenarioLib.put(T, 'b2b-default', { name: 'Copie', steps: steps(['j+3', 3, 'reminder']) });
    await w.scenarioLib.remove(T, 'b2b-default');
    expect(await w.scenarioLib.get(T, 'b2b-default')).toMatchObject({ name: B2B_DEFAULT_SCENARIO.name, customized: false, builtIn: true });
  });

  it('refuses to delete a built-in scenario that was never customised (422)', async () => {
    const error = await failure(w.scenarioLib.remove(T, 'b2c-default'), BusinessRuleError);
    expect(error.status).toBe(422);
  });

  it('answers 404 for an unknown scenario on get, put and delete', async () => {
    await failure(w.scenarioLib.get(T, 'nope'), NotFoundError);
    await failure(w.scenarioLib.put(T, 'nope', { name: 'x', steps: steps(['a', 1, 'reminder']) }), NotFoundError);
    await failure(w.scenarioLib.remove(T, 'nope'), NotFoundError);
  });

  it('creates a custom scenario under a lowercase ULID and lists it after the built-ins', async () => {
    const created = await w.scenarioLib.create(T, { name: 'Chantiers', steps: steps(['j+2', 2, 'reminder']) });
    expect(created.id).toMatch(/^[0-9a-z]+$/);
    expect(created).toMatchObject({ builtIn: false, customized: false });
    expect((await w.scenarioLib.list(T)).map((s) => s.id)).toEqual(['b2b-default', 'b2c-default', created.id]);
  });

  it('refuses to create a scenario whose id exists or is a built-in id (409)', async () => {
    await w.scenarioLib.create(T, { id: 'chantiers', name: 'Chantiers', steps: steps(['j+2', 2, 'reminder']) });
    await failure(w.scenarioLib.create(T, { id: 'chantiers', name: 'Encore', steps: steps(['j+2', 2, 'reminder']) }), ConflictError);
    await failure(w.scenarioLib.create(T, { id: 'b2b-default', name: 'Clash', steps: steps(['j+2', 2, 'reminder']) }), ConflictError);
  });

  it('names the field of each scenario problem: order, duplicate id, anchor of the first step', async () => {
    const error = await failure(
      w.scenarioLib.create(T, {
        name: 'Bancal',
        steps: steps(['a', 5, 'reminder', 'previous'], ['b', 10, 'firm'], ['b', 8, 'firm'], ['d', 0, 'firm', 'previous']),
      }),
      BusinessRuleError,
    );
    const paths = error.errors.map((e) => e.path);
    expect(paths).toContain('body.steps.0.anchor');
    expect(paths).toContain('body.steps.2.id');
    expect(paths).toContain('body.steps.2.offsetDays');
    expect(paths).toContain('body.steps.3.offsetDays');
    expect(error.errors.every((e) => !/^step \d/.test(e.message))).toBe(true);
    expect(w.scenarios.docs.size).toBe(0);
  });

  it('refuses a step whose template does not exist, naming body.steps.N.templateId, and accepts a tenant template', async () => {
    const error = await failure(w.scenarioLib.create(T, { name: 'x', steps: steps(['a', 1, 'reminder'], ['b', 5, 'maison']) }), BusinessRuleError);
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ path: 'body.steps.1.templateId', message: 'no template "maison"' }]);

    await w.templateLib.create(T, { id: 'maison', ...templateInput() });
    await expect(w.scenarioLib.create(T, { name: 'x', steps: steps(['a', 1, 'reminder'], ['b', 5, 'maison']) })).resolves.toMatchObject({ builtIn: false });
  });

  it('names the category and the other scenario by its name (not its id) when a category is already bound', async () => {
    const first = await w.scenarioLib.create(T, { name: 'Clients fidèles', tags: ['vip'], steps: steps(['j+2', 2, 'reminder']) });
    const error = await failure(w.scenarioLib.create(T, { name: 'Autre', tags: ['pro', 'vip'], steps: steps(['j+2', 2, 'reminder']) }), BusinessRuleError);
    expect(error.errors).toEqual([{ path: 'body.tags.1', message: '"vip" is already bound to scenario "Clients fidèles"' }]);
    expect(error.errors[0]!.message).not.toContain(first.id);
  });

  it('refuses to delete the tenant’s default scenario, and deletes any other custom one', async () => {
    const a = await w.scenarioLib.create(T, { id: 'defaut', name: 'Défaut', steps: steps(['j+2', 2, 'reminder']) });
    await w.scenarioLib.create(T, { id: 'autre', name: 'Autre', steps: steps(['j+2', 2, 'reminder']) });
    await w.settings.put(T, { ...defaultSettings(), defaultScenarioId: a.id });
    const error = await failure(w.scenarioLib.remove(T, 'defaut'), BusinessRuleError);
    expect(error.errors[0]!.path).toBe('path.id');
    await w.scenarioLib.remove(T, 'autre');
    await failure(w.scenarioLib.get(T, 'autre'), NotFoundError);
  });

  it('refuses to delete a scenario a client uses as its own', async () => {
    await w.scenarioLib.create(T, { id: 'chantiers', name: 'Chantiers', steps: steps(['j+2', 2, 'reminder']) });
    await w.clients.create(T, { id: 'c1', name: 'Garage Lefèvre', kind: 'business', email: 'g@x.test', ccEmails: [], language: 'fr', remindersEnabled: true, scenarioId: 'chantiers', emailStatus: 'ok', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z' });
    const error = await failure(w.scenarioLib.remove(T, 'chantiers'), BusinessRuleError);
    expect(error.message).toContain('Garage Lefèvre');
    await w.clients.replace(T, { ...(await w.clients.get(T, 'c1'))!, scenarioId: null });
    await w.scenarioLib.remove(T, 'chantiers');
    await failure(w.scenarioLib.get(T, 'chantiers'), NotFoundError);
  });
});

describe('template library', () => {
  let w: ReturnType<typeof world>;
  beforeEach(() => (w = world()));

  it('lists every built-in template, then the tenant’s own', async () => {
    await w.templateLib.create(T, { id: 'maison', ...templateInput() });
    const items = await w.templateLib.list(T);
    expect(items).toHaveLength(DEFAULT_TEMPLATES.length + 1);
    expect(items.at(-1)).toMatchObject({ id: 'maison', builtIn: false, customized: false });
    expect(items.filter((t) => t.builtIn).every((t) => !t.customized)).toBe(true);
  });

  it('refuses unknown {{variables}} in the subject and the body, naming each field', async () => {
    const error = await failure(
      w.templateLib.create(T, templateInput({ subject: 'Facture {{ foo }}', body: 'Bonjour {{clientName}} {{bar}} {{baz}}' })),
      BusinessRuleError,
    );
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([
      { path: 'body.subject', message: 'unknown variables: {{foo}}' },
      { path: 'body.body', message: 'unknown variables: {{bar}}, {{baz}}' },
    ]);
    expect(w.templates.docs.size).toBe(0);
    await failure(w.templateLib.put(T, 'reminder', templateInput({ body: '{{foo}}' })), BusinessRuleError);
  });

  it('customises the built-in "reminder" template as a copy and reverts it on delete', async () => {
    const put = await w.templateLib.put(T, 'reminder', templateInput({ subject: 'Rappel {{invoiceNumber}}' }));
    expect(put).toMatchObject({ id: 'reminder', builtIn: true, customized: true, subject: 'Rappel {{invoiceNumber}}' });
    expect(defaultTemplate('reminder')!.subject).not.toBe('Rappel {{invoiceNumber}}');
    expect(await w.templateLib.get(T, 'reminder')).toMatchObject({ customized: true, subject: 'Rappel {{invoiceNumber}}' });

    await w.templateLib.remove(T, 'reminder');
    expect(await w.templateLib.get(T, 'reminder')).toMatchObject({ customized: false, subject: defaultTemplate('reminder')!.subject });
  });

  it('refuses to delete a built-in template that was never customised (422)', async () => {
    await failure(w.templateLib.remove(T, 'firm'), BusinessRuleError);
  });

  it('refuses to delete a template a stored scenario uses, until the scenario stops using it', async () => {
    await w.templateLib.create(T, { id: 'maison', ...templateInput() });
    await w.scenarioLib.create(T, { id: 'chantiers', name: 'Chantiers', steps: steps(['j+2', 2, 'maison']) });
    const error = await failure(w.templateLib.remove(T, 'maison'), BusinessRuleError);
    expect(error.type).toContain('template-in-use');
    expect(error.errors).toEqual([{ path: 'path.id', message: 'used by scenario chantiers' }]);

    await w.scenarioLib.put(T, 'chantiers', { name: 'Chantiers', steps: steps(['j+2', 2, 'reminder']) });
    await w.templateLib.remove(T, 'maison');
    await failure(w.templateLib.get(T, 'maison'), NotFoundError);
  });

  it('refuses to make a text message’s template longer than a text can be, as the scenario using it would (422 naming body.body)', async () => {
    const long = `${'x'.repeat(SMS_TEMPLATE_MAX_CHARS)} {{invoiceNumber}}`;
    // The built-in text itself, customised.
    const builtIn = await failure(w.templateLib.put(T, 'sms-reminder', templateInput({ body: long })), BusinessRuleError);
    expect(builtIn.errors).toEqual([{ path: 'body.body', message: expect.stringContaining(`at most ${SMS_TEMPLATE_MAX_CHARS}`) }]);
    // A template of the tenant's own that a scenario sends as a text.
    await w.templateLib.create(T, { id: 'texto', ...templateInput({ body: 'Facture {{invoiceNumber}} échue.' }) });
    await w.scenarioLib.create(T, { id: 'sms', name: 'SMS', steps: [{ id: 't', offsetDays: 1, anchor: 'due', templateId: 'texto', channel: 'sms' }] });
    const own = await failure(w.templateLib.put(T, 'texto', templateInput({ body: long })), BusinessRuleError);
    expect(own.errors![0]!.path).toBe('body.body');
    expect((await w.templateLib.get(T, 'texto')).body).toBe('Facture {{invoiceNumber}} échue.');
    // An email template may be long.
    await w.templateLib.put(T, 'reminder', templateInput({ body: long }));
  });

  it('refuses to create a template over a built-in or an existing id (409)', async () => {
    await failure(w.templateLib.create(T, { id: 'courtesy', ...templateInput() }), ConflictError);
    await w.templateLib.create(T, { id: 'maison', ...templateInput() });
    await failure(w.templateLib.create(T, { id: 'maison', ...templateInput() }), ConflictError);
  });
});

describe('template preview and test send', () => {
  let w: ReturnType<typeof world>;
  beforeEach(async () => {
    w = world();
    await w.clients.create(T, aClient());
    w.invoices.add(anInvoiceRecord({ paidCents: 20_000, status: 'partially_paid' }));
    await w.settings.put(T, { ...defaultSettings(), company: { name: 'Élec Martin', email: 'contact@elec-martin.test' } });
  });

  it('renders the template for an invoice: number, balance and days late as of now', async () => {
    w.clock.set('2026-03-22T10:00:00.000Z');
    // Never reminded: the firm text as its email goes as the first message, no "Deuxième relance" (composeReminder).
    expect((await w.preview(T, 'firm', 'inv1')).subject).toBe('Relance\u202f: facture F-2026-0001 impayée depuis 10\u00a0jours');
    w.invoices.add(anInvoiceRecord({ paidCents: 20_000, status: 'partially_paid', reminderCount: 1 }));
    const out = await w.preview(T, 'firm', 'inv1');
    expect(out.subject).toBe('Deuxième relance\u202f: facture F-2026-0001 impayée depuis 10\u00a0jours');
    expect(out.body).toMatch(/Montant restant dû\u202f: 1\s000,00\s€/);
    expect(out.variables).toMatchObject({ invoiceNumber: 'F-2026-0001', daysLate: '10', clientName: 'Boulangerie Dupont SARL' });
  });

  it('renders the template asked for as is, without switching to the client’s language', async () => {
    await w.clients.replace(T, aClient({ language: 'en' }), '');
    const fr = await w.preview(T, 'reminder', 'inv1');
    expect(fr.subject).toContain('Relance\u202f: facture F-2026-0001 échue le 12/03/2026');
    const en = await w.preview(T, 'reminder-en', 'inv1');
    expect(en.variables.dueDate).toBe('12 March 2026');
  });

  it('writes the variables in the language asked for (the editor’s choice not saved yet), else the template’s', async () => {
    const asEnglish = await w.preview(T, 'reminder', 'inv1', 'en');
    expect(asEnglish.variables.dueDate).toBe('12 March 2026');
    expect(asEnglish.variables.balanceAmount).toBe('€1,000.00');
    const asFrench = await w.preview(T, 'reminder-en', 'inv1', 'fr');
    expect(asFrench.variables.dueDate).toBe('12/03/2026');
    expect((await w.preview(T, 'reminder-en', 'inv1')).variables.dueDate).toBe('12 March 2026');
  });

  it('previews a text message’s template as the text goes: without a payment URL the pay link is the transfer reference, never empty', async () => {
    const noIban = await w.preview(T, 'sms-reminder', 'inv1');
    expect(noIban.body).toContain('Pour régler : contact@elec-martin.test Déjà réglé ?');
    expect(noIban.variables.paymentLink).toBe('contact@elec-martin.test');
    await w.settings.put(T, { ...defaultSettings(), company: { name: 'Élec Martin', email: 'contact@elec-martin.test', iban: 'FR7630006000011234567890189' } });
    const en = await w.preview(T, 'sms-reminder-en', 'inv1');
    expect(en.body).toContain('To pay: transfer to IBAN FR76 3000 6000 0112 3456 7890 189, reference F-2026-0001. Already paid?');
    expect(en.body).not.toContain('\n');
    // An email template keeps its empty link (its "Pour régler" lines come from paymentInstructions).
    expect((await w.preview(T, 'reminder', 'inv1')).variables.paymentLink).toBe('');
  });

  it('answers 404 for an unknown invoice or template and 422 for a draft', async () => {
    await failure(w.preview(T, 'firm', 'nope'), NotFoundError);
    await failure(w.preview(T, 'nope', 'inv1'), NotFoundError);
    w.invoices.add(anInvoiceRecord({ id: 'draft', status: 'draft', number: undefined as never }));
    const error = await failure(w.preview(T, 'firm', 'draft'), BusinessRuleError);
    expect(error.errors[0]!.path).toBe('body.invoiceId');
  });

  it('sends the test to the given address with [TEST], the invoice copy and, for a mise en demeure, the letter', async () => {
    const out = await w.testSend(T, 'formal-notice', { invoiceId: 'inv1', to: 'moi@elec-martin.test', userEmail: 'jwt@elec-martin.test' });
    expect(out).toEqual({ messageId: 'msg-1', to: 'moi@elec-martin.test' });
    const [mail] = w.mailer.sent;
    expect(mail!.to).toEqual(['moi@elec-martin.test']);
    expect(mail!.cc ?? []).toEqual([]);
    expect(mail!.subject).toBe('[TEST] Mise en demeure de payer – facture F-2026-0001');
    expect(mail!.attachments!.map((a) => a.fileName)).toEqual(['F-2026-0001.pdf', 'mise-en-demeure-F-2026-0001.pdf']);
    expect(mail!.tags).not.toHaveProperty('invoice');
  });

  it('sends to the signed-in user, else the company address, else refuses naming body.to', async () => {
    expect((await w.testSend(T, 'reminder', { invoiceId: 'inv1', userEmail: 'jwt@elec-martin.test' })).to).toBe('jwt@elec-martin.test');
    expect((await w.testSend(T, 'reminder', { invoiceId: 'inv1' })).to).toBe('contact@elec-martin.test');
    await w.settings.put(T, defaultSettings());
    const error = await failure(w.testSend(T, 'reminder', { invoiceId: 'inv1' }), BusinessRuleError);
    expect(error.errors[0]!.path).toBe('body.to');
  });

  // "Send a step to yourself" (PRODUCT §7) must show what the client would get: the text as it goes, the plan's figures.
  it('sends a text message template as the text goes: its pay link filled, on one line, no PDF', async () => {
    await w.settings.put(T, { ...defaultSettings(), company: { name: 'Élec Martin', email: 'contact@elec-martin.test', iban: 'FR7630006000011234567890189' } });
    await w.testSend(T, 'sms-reminder', { to: 'moi@elec-martin.test' });
    const [mail] = w.mailer.sent;
    expect(mail!.subject).toBe('[TEST] SMS de relance');
    expect(mail!.text).toMatch(/^Élec Martin : la facture F-EXEMPLE-0001 \(1 000,00 €\) est échue depuis le \d\d\/\d\d\/2026\. Pour régler : virement IBAN FR76 3000 6000 0112 3456 7890 189, référence F-EXEMPLE-0001\. Déjà réglé \? Merci d'ignorer ce message\.\n/);
    expect(mail!.text).toMatch(/\n\n\(Ce texte part en 2 SMS\u202f: \d+ caractères GSM-7\.\)$/);
    expect(mail!.attachments ?? []).toEqual([]);
  });

  it('fills a payment plan template with the invoice’s plan, in a preview and in a test, and with a sample plan without an invoice', async () => {
    const plan = { seq: 1, createdAt: '2026-03-01T08:00:00.000Z', totalCents: 100_000, waivePenalties: false, source: 'owner' as const, status: 'active' as const,
      instalments: [{ dueDate: '2026-03-10', amountCents: 50_000 }, { dueDate: '2026-04-10', amountCents: 50_000 }] };
    w.invoices.add(anInvoiceRecord({ id: 'planned', paidCents: 20_000, status: 'partially_paid', paymentPlan: plan }));
    w.clock.set('2026-03-16T10:00:00.000Z');
    const late = await w.preview(T, 'instalment-late', 'planned');
    expect(late.subject).toBe('Facture F-2026-0001\u202f: échéance 1/2 non reçue');
    expect(late.body).toMatch(/l'échéance 1 sur 2 de l'échéancier convenu pour la facture F-2026-0001, prévue le 10\/03\/2026, ne nous est pas parvenue\u202f: il reste 500,00\s€/);
    await w.testSend(T, 'instalment-courtesy', { invoiceId: 'planned', to: 'moi@elec-martin.test' });
    // The courtesy one says an instalment "arrive le": about the one to come (10 April), not the one 6 days late.
    expect(w.mailer.sent[0]!.subject).toBe('[TEST] Facture F-2026-0001\u202f: échéance 2/2 le 10/04/2026');
    await w.testSend(T, 'instalment-late-en', { to: 'moi@elec-martin.test' });
    const sample = w.mailer.sent[1]!;
    expect(sample.subject).toMatch(/^\[TEST\] Invoice F-EXEMPLE-0001: instalment 1\/\d not received$/);
    expect(sample.text).not.toMatch(/instalment  of|due on ,|: {2}is still/);
  });

  it('uses a fictional business sample without an invoice and writes nothing', async () => {
    const before = structuredClone([...w.invoices.invoices.entries()]);
    await w.testSend(T, 'firm', { to: 'moi@elec-martin.test' });
    const [mail] = w.mailer.sent;
    expect(mail!.subject).toBe('[TEST] Deuxième relance\u202f: facture F-EXEMPLE-0001 impayée depuis 10\u00a0jours');
    expect(mail!.text).toContain('Client Exemple SARL (fictif)');
    expect(mail!.text).toContain('40,00');
    expect(w.pdf.rendered).toEqual(['invoice']);
    expect([...w.invoices.invoices.entries()]).toEqual(before);
    expect(w.templates.docs.size).toBe(0);
  });
});

describe('reminder simulation', () => {
  let w: ReturnType<typeof world>;
  beforeEach(async () => {
    w = world();
    await w.clients.create(T, aClient());
    await w.clients.create(T, aClient({ id: 'c2', name: 'Atelier Zola' }));
    w.invoices.add(anInvoiceRecord()); // due Thursday 12 March, J-5 falls on a Saturday
  });

  it('lists the four steps of an open business invoice as sends, on send days at 09:00 Paris', async () => {
    const out = await w.simulate(T);
    expect(out.from).toBe('2026-03-02T08:00:00.000Z');
    expect(out.to).toBe('2026-04-01T08:00:00.000Z');
    expect(out.items.map((i) => [i.stepId, i.action, i.at])).toEqual([
      ['j-5', 'send', '2026-03-09T08:00:00.000Z'],
      ['j+1', 'send', '2026-03-13T08:00:00.000Z'],
      ['j+8', 'send', '2026-03-20T08:00:00.000Z'],
      ['j+15', 'send', '2026-03-27T08:00:00.000Z'],
    ]);
    expect(out.items[0]).toMatchObject({ clientId: 'c1', clientName: 'Boulangerie Dupont SARL', invoiceNumber: 'F-2026-0001', templateId: 'courtesy' });
  });

  it('lists every step as skipped with opt_out when the client opted out', async () => {
    await w.clients.replace(T, aClient({ remindersEnabled: false }), '');
    const out = await w.simulate(T);
    expect(out.items.map((i) => [i.stepId, i.action, i.reason])).toEqual([
      ['j-5', 'skip', 'opt_out'],
      ['j+1', 'skip', 'opt_out'],
      ['j+8', 'skip', 'opt_out'],
      ['j+15', 'skip', 'opt_out'],
    ]);
  });

  it('gives paused, disputed and program_off as the reasons, with the nominal send time', async () => {
    w.invoices.add(anInvoiceRecord({ remindersPaused: true }));
    const paused = await w.simulate(T);
    expect(paused.items.every((i) => i.action === 'skip' && i.reason === 'paused')).toBe(true);
    expect(paused.items[1]!.at).toBe('2026-03-13T08:00:00.000Z');

    w.invoices.add(anInvoiceRecord({ disputed: true }));
    expect((await w.simulate(T)).items[0]!.reason).toBe('disputed');

    w.invoices.add(anInvoiceRecord());
    await w.settings.put(T, { ...defaultSettings(), remindersEnabled: false });
    expect(new Set((await w.simulate(T)).items.map((i) => i.reason))).toEqual(new Set(['program_off']));
  });

  it('shows a text without a phone, a letter without a postal address and an email whose address bounced as skipped, as the send path would', async () => {
    const own = await w.scenarioLib.create(T, {
      name: 'SMS, lettre, e-mail',
      steps: [
        { id: 'texto', offsetDays: 1, anchor: 'due', templateId: 'sms-reminder', channel: 'sms' },
        { id: 'lettre', offsetDays: 8, anchor: 'due', templateId: 'formal-notice', channel: 'letter' },
        { id: 'mail', offsetDays: 15, anchor: 'due', templateId: 'firm', channel: 'email' },
      ],
    });
    const window = { from: '2026-03-10T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' };
    const rows = async () => (await w.simulate(T, window)).items.filter((i) => i.clientId === 'c1').map((i) => [i.stepId, i.action, i.reason]);

    await w.clients.replace(T, aClient({ scenarioId: own.id, emailStatus: 'bouncing' }), '');
    expect(await rows()).toEqual([
      ['texto', 'skip', 'no_phone'],
      ['lettre', 'skip', 'no_postal_address'],
      ['mail', 'skip', 'address_failing'],
    ]);

    // A landline cannot receive a text: the simulation says no_phone, as the send path would.
    await w.clients.replace(T, aClient({ scenarioId: own.id, phone: '+33145678901', emailStatus: 'bouncing' }), '');
    expect((await rows())[0]).toEqual(['texto', 'skip', 'no_phone']);

    await w.clients.replace(T, aClient({ scenarioId: own.id, phone: '+33612345678', address: { line1: '1 rue', postalCode: '75001', city: 'Paris', country: 'FR' } }), '');
    expect(await rows()).toEqual([
      ['texto', 'send', undefined],
      ['lettre', 'send', undefined],
      ['mail', 'send', undefined],
    ]);
  });

  it('keeps only the steps within the window', async () => {
    const out = await w.simulate(T, { from: '2026-03-10T00:00:00.000Z', to: '2026-03-21T00:00:00.000Z' });
    expect(out.items.map((i) => i.stepId)).toEqual(['j+1', 'j+8']);
  });

  it('shows a missed before-due step as skipped when the window reaches back to it', async () => {
    w.invoices.add(anInvoiceRecord({ sentAt: '2026-03-10T10:00:00.000Z' }));
    w.clock.set('2026-03-10T10:00:00.000Z');
    const out = await w.simulate(T, { from: '2026-03-01T00:00:00.000Z' });
    expect(out.items[0]).toMatchObject({ stepId: 'j-5', action: 'skip', reason: 'due_passed' });
  });

  it('leaves out paid, cancelled and draft invoices, and sorts by time then client name', async () => {
    w.invoices.add(anInvoiceRecord({ id: 'paid', status: 'paid', paidCents: 120_000 }));
    w.invoices.add(anInvoiceRecord({ id: 'draft', status: 'draft' }));
    w.invoices.add(anInvoiceRecord({ id: 'cancelled', status: 'cancelled' }));
    w.invoices.add(anInvoiceRecord({ id: 'zola', clientId: 'c2', number: 'F-2026-0002', status: 'partially_paid', paidCents: 100 }));
    w.invoices.add(anInvoiceRecord({ id: 'aaa', clientId: 'c2', number: 'F-2026-0003', dueDate: '2026-03-11' }));
    const out = await w.simulate(T);
    expect(new Set(out.items.map((i) => i.invoiceId))).toEqual(new Set(['inv1', 'zola', 'aaa']));
    expect(out.items.slice(0, 3).map((i) => [i.invoiceId, i.at])).toEqual([
      ['aaa', '2026-03-06T08:00:00.000Z'],
      ['zola', '2026-03-09T08:00:00.000Z'], // Atelier Zola before Boulangerie Dupont
      ['inv1', '2026-03-09T08:00:00.000Z'],
    ]);
  });

  it('reads the settings once however many invoices there are', async () => {
    for (let i = 0; i < 5; i++) w.invoices.add(anInvoiceRecord({ id: `inv-${i}` }));
    w.settings.reads = 0;
    await w.simulate(T);
    expect(w.settings.reads).toBe(1);
  });

  it('refuses a window that ends before it starts', async () => {
    const error = await failure(w.simulate(T, { from: '2026-03-10T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' }), ValidationError);
    expect(error.errors[0]!.path).toBe('query.to');
  });

  it('uses the tenant’s customised copy of its default scenario', async () => {
    await w.settings.put(T, { ...defaultSettings(), defaultScenarioId: 'b2b-default' });
    await w.scenarioLib.put(T, 'b2b-default', { name: 'Court', steps: steps(['j+2', 2, 'reminder']) });
    // Its one step, then the move to litigation 15 days later (settings.litigationAfterDays).
    expect((await w.simulate(T)).items.map((i) => [i.stepId, i.action])).toEqual([['j+2', 'send'], ['escalate', 'escalate']]);
    expect(DEFAULT_SCENARIOS[0]!.steps).toHaveLength(4);
  });
});
