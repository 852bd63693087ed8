/**
 * A template that mentions penalties or the €40 indemnity (shared/domain/penalty-mentions.ts)
 * must never reach a consumer (CPCE L111-8). This is checked when it is *assigned*, so that the
 * user hears it at once (422 naming the field) rather than a reminder failing weeks later:
 * - a scenario reaches consumers when it is the built-in consumer default (`b2c-default`, or the
 *   tenant's copy of it) or the own scenario of a consumer client;
 * - each step of such a scenario sends, to a consumer, the template of the client's language
 *   (`-en` variant) or else the base one, exactly as the sender resolves it.
 */
import { B2C_DEFAULT_SCENARIO, templateIdForLanguage } from '../../domain/default-scenarios.js';
import { defaultTemplate, templatePurpose, type ReminderTemplate } from '../../domain/default-templates.js';
import { templatePenaltyMentions, templateRefusalFor } from '../../domain/penalty-mentions.js';
import type { Scenario } from '../../domain/scenario.js';
import type { Client } from '../../domain/client.js';
import type { FieldError } from '../errors.js';
import type { ClientRepository, TenantDocuments } from '../ports.js';

const LANGUAGES = ['fr', 'en'] as const;

/** The tenant's clients whose own scenario is `id` (a client list is small: paged by 100). */
export const clientsOfScenario = async (clients: ClientRepository, tenantId: string, id: string): Promise<Client[]> => {
  const found: Client[] = [];
  let cursor: string | undefined;
  do {
    const page = await clients.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...page.items.filter((c) => c.scenarioId === id));
    cursor = page.nextCursor;
  } while (cursor);
  return found;
};

/** How `scenarioId` reaches consumers ("is the consumer default scenario", "is the scenario of consumer client …"), or undefined. */
export const consumerReach = async (clients: ClientRepository, tenantId: string, scenarioId: string): Promise<string | undefined> => {
  if (scenarioId === B2C_DEFAULT_SCENARIO.id) return 'is the default scenario for consumers';
  const consumers = (await clientsOfScenario(clients, tenantId, scenarioId)).filter((c) => c.kind === 'consumer');
  if (consumers.length === 0) return undefined;
  return `is the scenario of consumer client(s) ${consumers.slice(0, 5).map((c) => `"${c.name}"`).join(', ')}`;
};

/** How `scenario` reaches consumers through its tags (a consumer without a scenario of its own carrying one of them), or undefined. */
export const consumerTagReach = async (clients: ClientRepository, tenantId: string, scenario: Pick<Scenario, 'tags'>): Promise<string | undefined> => {
  const tags = new Set(scenario.tags ?? []);
  if (tags.size === 0) return undefined;
  const reached: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await clients.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
    reached.push(...page.items.filter((c) => c.kind === 'consumer' && !c.scenarioId && (c.tags ?? []).some((t) => tags.has(t))).map((c) => `"${c.name}"`));
    cursor = page.nextCursor;
  } while (cursor);
  return reached.length > 0 ? `is the scenario of the tagged consumer client(s) ${reached.slice(0, 5).join(', ')}` : undefined;
};

/** For each of the scenario's tags (by index) that reaches consumers (without a scenario of their own), their names, quoted. */
export const consumersByTag = async (clients: ClientRepository, tenantId: string, scenario: Pick<Scenario, 'tags'>): Promise<Map<number, string[]>> => {
  const tags = scenario.tags ?? [];
  const byTag = new Map<number, string[]>();
  if (tags.length === 0) return byTag;
  let cursor: string | undefined;
  do {
    const page = await clients.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const c of page.items) {
      if (c.kind !== 'consumer' || c.scenarioId) continue;
      tags.forEach((t, i) => {
        if ((c.tags ?? []).includes(t)) byTag.set(i, [...(byTag.get(i) ?? []), `"${c.name}"`]);
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return new Map([...byTag].sort(([a], [b]) => a - b));
};

/** The templates a step may send (one per language), `override` standing in for the stored one of its id. */
const stepTemplates = (templateId: string, stored: ReadonlyMap<string, ReminderTemplate>): ReminderTemplate[] => {
  const resolve = (id: string) => stored.get(id) ?? defaultTemplate(id);
  return LANGUAGES.flatMap((language) => {
    const template = resolve(templateIdForLanguage(templateId, language)) ?? resolve(templateId);
    return template ? [template] : [];
  });
};

/** One error per step of `scenario` that would send a penalty template to a consumer. */
export const consumerStepErrors = (scenario: Scenario, stored: ReadonlyMap<string, ReminderTemplate>, reach: string, path = 'body.steps'): FieldError[] =>
  scenario.steps.flatMap((step, index) => {
    const refusals = [...new Set(stepTemplates(step.templateId, stored).map((t) => templateRefusalFor('consumer', t)).filter((r) => r !== undefined))];
    return refusals.length === 0 ? [] : [{ path: `${path}.${index}.templateId`, message: `${refusals.join('; ')}; the scenario ${reach}` }];
  });

export const storedTemplates = async (templates: TenantDocuments<ReminderTemplate>, tenantId: string): Promise<Map<string, ReminderTemplate>> =>
  new Map((await templates.list(tenantId)).map((t) => [t.id, t]));

/**
 * A template about to be saved: refused when it is a consumer template, or when a scenario that
 * reaches consumers sends it, and it mentions penalties. Errors name `body.subject` / `body.body`.
 */
export const consumerTemplateErrors = async (
  deps: { readonly clients: ClientRepository; readonly scenarios: readonly Scenario[] },
  tenantId: string,
  template: ReminderTemplate,
): Promise<FieldError[]> => {
  const mentions = templatePenaltyMentions(template);
  if (mentions.length === 0) return [];
  const sentBy = deps.scenarios.filter((s) => s.steps.some((step) => LANGUAGES.some((l) => templateIdForLanguage(step.templateId, l) === template.id)));
  // A thank-you and a payment plan's reminders have no consumer variant: they go to every client, consumers included.
  const purpose = templatePurpose(template.id);
  let why =
    template.kind === 'consumer' ? 'it is a template for consumers'
    : purpose === 'thank-you' ? 'the thank-you goes to every client, consumers included'
    : purpose === 'instalment' ? "a payment plan's reminders go to every client under a plan, consumers included"
    : undefined;
  for (const scenario of sentBy) {
    if (why) break;
    const reach = (await consumerReach(deps.clients, tenantId, scenario.id)) ?? (await consumerTagReach(deps.clients, tenantId, scenario));
    if (reach) why = `scenario "${scenario.id}" ${reach}`;
  }
  if (!why) return [];
  return mentions.map(({ field, mentions: found }) => ({
    path: `body.${field}`,
    message: `mentions penalties or the €40 indemnity (${found.join(', ')}), which a consumer must never receive (CPCE L111-8): ${why}`,
  }));
};
