/**
 * A tenant's scenarios: the built-in ones (code, shared by every tenant) merged with the
 * tenant's stored ones. A stored document with a built-in id is the tenant's customised copy
 * (PUT copies on write); deleting it reverts to the original. Built-ins themselves never go.
 */
import { DEFAULT_SCENARIOS } from '../../domain/default-scenarios.js';
import { defaultTemplate, manualTemplateRefusal, SMS_TEMPLATE_MAX_CHARS, templatePurpose, type ReminderTemplate } from '../../domain/default-templates.js';
import { channelOf, validateScenario, type Channel, type Scenario } from '../../domain/scenario.js';
import type { ScenarioInput } from '../../domain/scenario.js';
import { BusinessRuleError, ConflictError, NotFoundError, type FieldError } from '../errors.js';
import type { ClientRepository, IdGenerator, SettingsRepository, TenantDocuments } from '../ports.js';
import { clientsOfScenario, consumerReach, consumersByTag, consumerStepErrors, consumerTagReach, storedTemplates } from './consumer-templates.js';

export interface LibraryEntry<T> {
  readonly doc: T;
  readonly builtIn: boolean;
  /** A built-in the tenant edited: its stored copy is what they get. */
  readonly customized: boolean;
}

/** Built-ins overlaid with the tenant's stored documents; shared by scenarios and templates. */
export const libraryOf = <T extends { id: string }>(builtIns: readonly T[], stored: TenantDocuments<T>) => {
  const builtInIds = new Set(builtIns.map((d) => d.id));
  return {
    isBuiltIn: (id: string): boolean => builtInIds.has(id),
    /** Built-ins first (in their code order), then the tenant's own, by name. */
    async list(tenantId: string): Promise<LibraryEntry<T>[]> {
      const own = new Map((await stored.list(tenantId)).map((d) => [d.id, d]));
      const merged = builtIns.map((b) => {
        const copy = own.get(b.id);
        return { doc: copy ?? b, builtIn: true, customized: copy !== undefined };
      });
      const custom = [...own.values()]
        .filter((d) => !builtInIds.has(d.id))
        .sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'fr') || a.id.localeCompare(b.id))
        .map((doc) => ({ doc, builtIn: false, customized: false }));
      return [...merged, ...custom];
    },
    async find(tenantId: string, id: string): Promise<LibraryEntry<T> | undefined> {
      const copy = await stored.get(tenantId, id);
      const original = builtIns.find((b) => b.id === id);
      if (copy) return { doc: copy, builtIn: original !== undefined, customized: original !== undefined };
      return original ? { doc: original, builtIn: true, customized: false } : undefined;
    },
  };
};

const nameOf = (d: { id: string }): string => ('name' in d && typeof d.name === 'string' ? d.name : d.id);

/** New ids are lowercase ULIDs: they fit the `[a-z0-9-]` document id of the route table. */
export const newDocumentId = (ids: IdGenerator): string => ids.next().toLowerCase();

export interface ScenarioView extends Scenario {
  readonly tags: string[];
  readonly steps: (Scenario['steps'][number] & { channel: Channel })[];
  readonly builtIn: boolean;
  readonly customized: boolean;
}

const view = (e: LibraryEntry<Scenario>): ScenarioView => ({
  id: e.doc.id,
  name: e.doc.name,
  steps: e.doc.steps.map((s) => ({ id: s.id, offsetDays: s.offsetDays, anchor: s.anchor, templateId: s.templateId, channel: channelOf(s) })),
  tags: [...(e.doc.tags ?? [])],
  builtIn: e.builtIn,
  customized: e.customized,
});

export interface ScenarioDeps {
  readonly scenarios: TenantDocuments<Scenario>;
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly settings: SettingsRepository;
  readonly clients: ClientRepository;
  readonly ids: IdGenerator;
}

const STEP_PROBLEM = /^step (\d+) \([^)]*\): (.*)$/;

/** Which field of step N a `validateScenario` message is about. */
const stepField = (message: string): string => {
  if (/template/.test(message)) return 'templateId';
  if (/missing id|duplicate step id|is reserved/.test(message)) return 'id';
  if (/first step cannot be relative/.test(message)) return 'anchor';
  return 'offsetDays';
};

/** `validateScenario` speaks English sentences; the API names the field of each problem. */
export const scenarioFieldErrors = (scenario: Scenario): FieldError[] =>
  validateScenario(scenario).map((problem) => {
    const match = STEP_PROBLEM.exec(problem);
    if (!match) return { path: 'body.steps', message: problem };
    const index = Number(match[1]) - 1;
    const message = match[2] ?? problem;
    return { path: `body.steps.${index}.${stepField(message)}`, message };
  });

/**
 * Every step must name a template the tenant has (its own or a built-in). Steps name the French
 * base id; the client's language variant (`-en`) is resolved at send time, with this one as fallback.
 */
const unknownTemplateErrors = async (deps: ScenarioDeps, tenantId: string, scenario: Scenario): Promise<FieldError[]> => {
  const own = new Set((await deps.templates.list(tenantId)).map((t) => t.id));
  return scenario.steps.flatMap((step, index) =>
    own.has(step.templateId) || defaultTemplate(step.templateId)
      ? []
      : [{ path: `body.steps.${index}.templateId`, message: `no template "${step.templateId}"` }],
  );
};

/**
 * A step's template must be a reminder for its channel: a thank-you or an instalment note (the
 * payment plan's own steps send those) would reach the client as the wrong message or with blank
 * placeholders, and a text message template is no email or letter.
 */
const templatePurposeErrors = (scenario: Scenario): FieldError[] =>
  scenario.steps.flatMap((step, index) => {
    const purpose = templatePurpose(step.templateId);
    const wrong = purpose === 'thank-you' || purpose === 'instalment' || (purpose === 'sms' && channelOf(step) !== 'sms');
    return wrong ? [{ path: `body.steps.${index}.templateId`, message: manualTemplateRefusal(step.templateId, false)! }] : [];
  });

/** A text message is short: an sms step's template must fit SMS_TEMPLATE_MAX_CHARS. */
const smsTemplateErrors = async (deps: ScenarioDeps, tenantId: string, scenario: Scenario): Promise<FieldError[]> => {
  const errors: FieldError[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    if (channelOf(step) !== 'sms') continue;
    const template = (await deps.templates.get(tenantId, step.templateId)) ?? defaultTemplate(step.templateId);
    if (template && template.body.length > SMS_TEMPLATE_MAX_CHARS) {
      errors.push({ path: `body.steps.${index}.templateId`, message: `is too long for a text message (${template.body.length} characters, at most ${SMS_TEMPLATE_MAX_CHARS}): use a short template such as sms-reminder` });
    }
  }
  return errors;
};

/**
 * A letter step sends THE mise en demeure by registered post, whatever its template (the letter is
 * templates/pdf/letter-document.tsx): its template must be a formal notice. A courtesy or first
 * reminder there recorded a gentle tone for a mise en demeure, and the scenario's next email
 * ("Malgré notre précédente relance…") went out after it as if it were firmer.
 */
export const LETTER_TEMPLATE_MESSAGE =
  'is not a formal notice: a letter step sends the mise en demeure by registered post (choose formal-notice, or a template of yours with the tone formal-notice)';
const letterTemplateErrors = async (deps: ScenarioDeps, tenantId: string, scenario: Scenario): Promise<FieldError[]> => {
  const errors: FieldError[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    if (channelOf(step) !== 'letter') continue;
    const template = (await deps.templates.get(tenantId, step.templateId)) ?? defaultTemplate(step.templateId);
    if (template && template.tone !== 'formal-notice') errors.push({ path: `body.steps.${index}.templateId`, message: LETTER_TEMPLATE_MESSAGE });
  }
  return errors;
};

/** A tag chooses one scenario: two scenarios bound to one tag would make the choice arbitrary. */
const tagConflicts = async (deps: ScenarioDeps, tenantId: string, scenario: Scenario): Promise<FieldError[]> => {
  const tags = scenario.tags ?? [];
  if (tags.length === 0) return [];
  const others = (await deps.scenarios.list(tenantId)).filter((s) => s.id !== scenario.id);
  return tags.flatMap((tag, index) => {
    const other = others.find((s) => (s.tags ?? []).includes(tag));
    // Named as the owner knows them: the category, and the other scenario by its name (its id is a ULID).
    return other ? [{ path: `body.tags.${index}`, message: `"${tag}" is already bound to scenario "${nameOf(other)}"` }] : [];
  });
};

/** Consumer clients a tag of the scenario reaches (they get it when they have no scenario of their own). */
const checked = async (deps: ScenarioDeps, tenantId: string, scenario: Scenario, given: { steps: boolean } = { steps: true }): Promise<Scenario> => {
  const errors = [...scenarioFieldErrors(scenario), ...(await unknownTemplateErrors(deps, tenantId, scenario)), ...templatePurposeErrors(scenario), ...(await tagConflicts(deps, tenantId, scenario)), ...(await smsTemplateErrors(deps, tenantId, scenario)), ...(await letterTemplateErrors(deps, tenantId, scenario))];
  if (errors.length > 0) throw new BusinessRuleError('invalid-scenario', 'The scenario cannot be used as is', errors);
  // A scenario that reaches consumers sends no template mentioning penalties or the €40 (CPCE L111-8).
  const ownReach = await consumerReach(deps.clients, tenantId, scenario.id);
  const reach = ownReach ?? (await consumerTagReach(deps.clients, tenantId, scenario));
  const stored = reach ? await storedTemplates(deps.templates, tenantId) : undefined;
  let consumerErrors = reach ? consumerStepErrors(scenario, stored!, reach) : [];
  // `{ tags }` alone (steps kept): the tag that reaches the consumers is the field to name, not steps the request did not send.
  if (!ownReach && !given.steps && consumerErrors.length > 0) {
    consumerErrors = [...(await consumersByTag(deps.clients, tenantId, scenario))].flatMap(([i, names]) => {
      const reach = `is the scenario of the tagged consumer client(s) ${names.slice(0, 5).join(', ')}`;
      return consumerStepErrors(scenario, stored!, reach).map((e) => ({ ...e, path: `body.tags.${i}` }));
    });
  }
  if (consumerErrors.length > 0) {
    throw new BusinessRuleError('penalties-for-consumer', 'A template of this scenario mentions penalties and would reach a consumer', consumerErrors);
  }
  return scenario;
};

const toScenario = (id: string, input: ScenarioInput): Scenario => ({
  id,
  name: input.name,
  steps: input.steps.map((s) => ({ id: s.id, offsetDays: s.offsetDays, anchor: s.anchor, templateId: s.templateId, ...(s.channel && s.channel !== 'email' ? { channel: s.channel } : {}) })),
  ...(input.tags && input.tags.length > 0 ? { tags: [...input.tags] } : {}),
});

export const makeScenarioLibrary = (deps: ScenarioDeps) => {
  const library = libraryOf(DEFAULT_SCENARIOS, deps.scenarios);
  const find = async (tenantId: string, id: string): Promise<LibraryEntry<Scenario>> => {
    const entry = await library.find(tenantId, id);
    if (!entry) throw new NotFoundError('Scenario');
    return entry;
  };

  return {
    list: async (tenantId: string): Promise<ScenarioView[]> => (await library.list(tenantId)).map(view),

    get: async (tenantId: string, id: string): Promise<ScenarioView> => view(await find(tenantId, id)),

    /**
     * Read-then-write: the TenantDocuments port has no conditional put, so two simultaneous
     * creates of one explicit id could both pass; the Idempotency-Key covers client retries.
     */
    create: async (tenantId: string, input: ScenarioInput & { id?: string | undefined }): Promise<ScenarioView> => {
      const id = input.id ?? newDocumentId(deps.ids);
      if (library.isBuiltIn(id)) throw new ConflictError(`"${id}" is a built-in scenario: PUT /scenarios/${id} to customise it`, [{ path: 'body.id', message: 'is a built-in scenario' }]);
      if (await deps.scenarios.get(tenantId, id)) throw new ConflictError(`A scenario "${id}" already exists`, [{ path: 'body.id', message: 'is already used by a scenario' }]);
      const scenario = await checked(deps, tenantId, toScenario(id, input));
      await deps.scenarios.put(tenantId, scenario);
      return view({ doc: scenario, builtIn: false, customized: false });
    },

    /**
     * Changes a custom scenario, or stores the tenant's editable copy of a built-in one: the fields
     * given replace the scenario's, the others stay (`{ tags }` alone binds it to client categories).
     */
    put: async (tenantId: string, id: string, input: Partial<ScenarioInput>): Promise<ScenarioView> => {
      const { builtIn, doc } = await find(tenantId, id);
      const merged: Scenario = {
        ...toScenario(id, { name: input.name ?? doc.name, steps: input.steps ?? [], ...(input.tags !== undefined ? { tags: input.tags } : doc.tags ? { tags: doc.tags } : {}) }),
        ...(input.steps === undefined ? { steps: doc.steps } : {}),
      };
      const scenario = await checked(deps, tenantId, merged, { steps: input.steps !== undefined });
      await deps.scenarios.put(tenantId, scenario);
      return view({ doc: scenario, builtIn, customized: builtIn });
    },

    /** Deletes a custom scenario, or reverts a customised built-in to its original. */
    remove: async (tenantId: string, id: string): Promise<void> => {
      const entry = await find(tenantId, id);
      if (entry.builtIn && !entry.customized) {
        throw new BusinessRuleError('built-in-scenario', `"${id}" is a built-in scenario: it cannot be deleted`, [{ path: 'path.id', message: 'is a built-in scenario: it can be changed, not deleted' }]);
      }
      // A reverted built-in still exists, so only a custom scenario can leave the default dangling.
      if (!entry.builtIn && (await deps.settings.get(tenantId)).defaultScenarioId === id) {
        throw new BusinessRuleError('scenario-in-use', `"${id}" is the default scenario: choose another default in /settings first`, [
          { path: 'path.id', message: 'is the default scenario of the settings' },
        ]);
      }
      const users = entry.builtIn ? [] : (await clientsOfScenario(deps.clients, tenantId, id)).map((c) => c.name);
      if (users.length > 0) {
        throw new BusinessRuleError('scenario-in-use', `"${id}" is the scenario of ${users.length} client(s): ${users.slice(0, 5).join(', ')}`, [
          { path: 'path.id', message: 'is used by clients; change their scenario first' },
        ]);
      }
      await deps.scenarios.delete(tenantId, id);
    },
  };
};
export type ScenarioLibrary = ReturnType<typeof makeScenarioLibrary>;
