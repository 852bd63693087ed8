import { describe, expect, it } from 'vitest';
import { makeCreateClient, makeUpdateClient } from '../../shared/app/clients.js';
import { BusinessRuleError } from '../../shared/app/errors.js';
import { makeScenarioLibrary } from '../../shared/app/reminders/scenarios.js';
import { makeTemplateLibrary } from '../../shared/app/reminders/templates.js';
import { B2B_DEFAULT_SCENARIO, B2C_DEFAULT_SCENARIO } from '../../shared/domain/default-scenarios.js';
import { defaultTemplate, type ReminderTemplate } from '../../shared/domain/default-templates.js';
import type { Scenario } from '../../shared/domain/scenario.js';
import type { ClientInput } from '../../shared/http/schemas/clients.js';
import { aClient, FakeClientRepository, FakeSettingsRepository, FakeTenantDocuments, fixedClock, sequentialIds } from '../fixtures/fakes.js';

const T = 'acme';

const world = () => {
  const scenarios = new FakeTenantDocuments<Scenario>();
  const templates = new FakeTenantDocuments<ReminderTemplate>();
  const clients = new FakeClientRepository();
  const settings = new FakeSettingsRepository();
  const ids = sequentialIds('01JQ7Z');
  const clock = fixedClock('2026-03-02T08:00:00.000Z');
  return {
    scenarios,
    templates,
    clients,
    scenarioLib: makeScenarioLibrary({ scenarios, templates, settings, clients, ids }),
    templateLib: makeTemplateLibrary({ templates, scenarios, clients, ids }),
    createClient: makeCreateClient({ clients, scenarios, templates, clock, ids }),
    updateClient: makeUpdateClient({ clients, scenarios, templates, clock }),
  };
};

/** The 422 a promise rejects with. */
const refusal = async (promise: Promise<unknown>): Promise<BusinessRuleError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BusinessRuleError);
  return error as BusinessRuleError;
};

const stepsOf = (scenario: Scenario, replace: Record<number, string> = {}) =>
  scenario.steps.map((s, i) => ({ id: s.id, offsetDays: s.offsetDays, anchor: s.anchor, templateId: replace[i] ?? s.templateId }));

const templateInput = (t: ReminderTemplate, body: string) => ({
  name: t.name,
  language: t.language,
  tone: t.tone,
  subject: t.subject,
  body,
  attachInvoicePdf: t.attachInvoicePdf,
  letter: t.letter,
});

const consumerInput = (overrides: Partial<ClientInput> = {}): ClientInput =>
  ({ name: 'Mme Claire Bernard', kind: 'consumer', email: 'claire@example.test', ccEmails: [], language: 'fr', remindersEnabled: true, ...overrides }) as ClientInput;

describe('a template mentioning penalties never reaches a consumer (422 when assigned)', () => {
  it('refuses a B2B template in the consumer default scenario, naming the step', async () => {
    const w = world();
    const error = await refusal(w.scenarioLib.put(T, B2C_DEFAULT_SCENARIO.id, { name: 'Particuliers', steps: stepsOf(B2C_DEFAULT_SCENARIO, { 2: 'firm' }) }));
    expect(error.errors).toEqual([{ path: 'body.steps.2.templateId', message: expect.stringMatching(/template "firm" mentions penalties.*default scenario for consumers/) }]);
    expect(await w.scenarios.get(T, B2C_DEFAULT_SCENARIO.id)).toBeUndefined();
  });

  it('refuses it in a scenario a consumer client has, accepts it while only businesses have it', async () => {
    const w = world();
    const custom = await w.scenarioLib.create(T, { id: 'maison', name: 'Maison', steps: stepsOf(B2C_DEFAULT_SCENARIO) });
    await w.clients.create(T, aClient({ id: 'pro', kind: 'business', scenarioId: 'maison' }));
    await w.scenarioLib.put(T, custom.id, { name: 'Maison', steps: stepsOf(B2C_DEFAULT_SCENARIO, { 1: 'reminder' }) });
    await w.clients.create(T, aClient({ id: 'perso', name: 'Mme Bernard', kind: 'consumer', scenarioId: 'maison' }));
    const error = await refusal(w.scenarioLib.put(T, custom.id, { name: 'Maison', steps: stepsOf(B2C_DEFAULT_SCENARIO, { 1: 'reminder', 3: 'formal-notice' }) }));
    expect(error.errors.map((e) => e.path)).toEqual(['body.steps.1.templateId', 'body.steps.3.templateId']);
    expect(error.errors[0]!.message).toContain('consumer client(s) "Mme Bernard"');
  });

  it('checks the English variant a consumer would get too', async () => {
    const w = world();
    await w.templateLib.create(T, { id: 'doux', ...templateInput(defaultTemplate('courtesy-consumer')!, 'Bonjour, merci de régler {{balanceAmount}}.') });
    await w.templateLib.create(T, { id: 'doux-en', ...templateInput(defaultTemplate('courtesy-consumer-en')!, 'Pay {{balanceAmount}} or a {{indemnityAmount}} fee applies.') });
    const error = await refusal(w.scenarioLib.put(T, B2C_DEFAULT_SCENARIO.id, { name: 'P', steps: stepsOf(B2C_DEFAULT_SCENARIO, { 0: 'doux' }) }));
    expect(error.errors).toEqual([{ path: 'body.steps.0.templateId', message: expect.stringContaining('template "doux-en"') }]);
  });

  it('refuses penalties in a consumer template, built-in or edited, on the field that has them', async () => {
    const w = world();
    const firm = defaultTemplate('firm-consumer')!;
    const error = await refusal(w.templateLib.put(T, firm.id, templateInput(firm, `${firm.body}\nPénalités : {{penaltiesAmount}}`)));
    expect(error.errors).toEqual([{ path: 'body.body', message: expect.stringMatching(/\{\{penaltiesAmount\}\}, penalties.*template for consumers/) }]);
    expect(await w.templates.get(T, firm.id)).toBeUndefined();
    const subject = await refusal(w.templateLib.put(T, firm.id, { ...templateInput(firm, firm.body), subject: 'Relance — 40 € de frais' }));
    expect(subject.errors.map((e) => e.path)).toEqual(['body.subject']);
  });

  it('refuses penalties in a template that a scenario sends to consumers, not in one only businesses get', async () => {
    const w = world();
    const reminder = defaultTemplate('reminder')!;
    const withPenalties = templateInput(reminder, `${reminder.body}\nPénalités à ce jour : {{penaltiesAmount}}`);
    await w.templateLib.put(T, 'reminder', withPenalties); // b2b-default: businesses only
    await w.clients.create(T, aClient({ id: 'perso', name: 'M. Martin', kind: 'consumer', scenarioId: B2B_DEFAULT_SCENARIO.id }));
    const error = await refusal(w.templateLib.put(T, 'reminder', withPenalties));
    expect(error.errors[0]).toEqual({ path: 'body.body', message: expect.stringContaining('scenario "b2b-default" is the scenario of consumer client(s) "M. Martin"') });
  });

  it('refuses a consumer client whose own scenario sends penalty templates (create, or a patch to consumer)', async () => {
    const w = world();
    const error = await refusal(w.createClient(T, consumerInput({ scenarioId: B2B_DEFAULT_SCENARIO.id })));
    expect(error.errors.length).toBeGreaterThan(0);
    expect(new Set(error.errors.map((e) => e.path))).toEqual(new Set(['body.scenarioId']));
    expect((await w.clients.list(T, { limit: 10 })).items).toEqual([]);

    const fine = await w.createClient(T, consumerInput({ scenarioId: B2C_DEFAULT_SCENARIO.id }));
    expect(fine.scenarioId).toBe(B2C_DEFAULT_SCENARIO.id);
    const pro = await w.createClient(T, consumerInput({ name: 'SARL Pro', kind: 'business', scenarioId: B2B_DEFAULT_SCENARIO.id }));
    const turned = await refusal(w.updateClient(T, pro.id, { kind: 'consumer' }));
    expect(new Set(turned.errors.map((e) => e.path))).toEqual(new Set(['body.kind']));
    expect((await w.clients.get(T, pro.id))!.kind).toBe('business');
    const moved = await w.updateClient(T, pro.id, { kind: 'consumer', scenarioId: B2C_DEFAULT_SCENARIO.id });
    expect(moved.kind).toBe('consumer');
  });
});
