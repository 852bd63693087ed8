import { copyAddresses, listedEmails, type ClientInput, type ClientPatch, type Client } from '../domain/client.js';
import type { ReminderTemplate } from '../domain/default-templates.js';
import type { Scenario } from '../domain/scenario.js';
import { BusinessRuleError, NotFoundError } from './errors.js';
import type { ClientRepository, Clock, IdGenerator, PageRequest, TenantDocuments } from './ports.js';
import { consumerStepErrors, storedTemplates } from './reminders/consumer-templates.js';
import { reminderRecipients, resolveScenario } from './reminders/reminder-context.js';

export interface ClientDeps {
  readonly clients: ClientRepository;
  readonly scenarios: TenantDocuments<Scenario>;
  /** A consumer's own scenario may not send templates mentioning penalties (consumer-templates.ts). */
  readonly templates: TenantDocuments<ReminderTemplate>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * A client's own scenario must exist (built-in or the tenant's), or its reminders would silently
 * fall back; a consumer's must send no template that mentions penalties or the €40 (CPCE L111-8).
 * `path` names the field that made the pairing (the scenario, or the kind on a patch).
 */
const checkScenario = async (
  { scenarios, templates }: Pick<ClientDeps, 'scenarios' | 'templates'>,
  tenantId: string,
  client: { kind: Client['kind']; scenarioId?: string | null | undefined; tags?: readonly string[] | null | undefined },
  path: string,
) => {
  if (!client.scenarioId) return checkTaggedScenario({ scenarios, templates }, tenantId, client, path);
  const scenario = await resolveScenario(scenarios, tenantId, client.scenarioId);
  if (!scenario) {
    throw new BusinessRuleError('unknown-scenario', 'The scenario does not exist', [{ path: 'body.scenarioId', message: 'no such scenario' }]);
  }
  if (client.kind !== 'consumer') return;
  await refusePenalties(templates, tenantId, scenario, path);
};

/**
 * Without a scenario of its own, a consumer gets the scenario of its first tag bound to one
 * (README "Client categories"): that one must not claim penalties either, or every reminder would
 * be skipped (`template_mentions_penalties`) and the invoice reach litigation unreminded.
 * `path` is the tag's (`body.tags.N`) unless the kind made the pairing (`body.kind`).
 */
const checkTaggedScenario = async (
  { scenarios, templates }: Pick<ClientDeps, 'scenarios' | 'templates'>,
  tenantId: string,
  client: { kind: Client['kind']; tags?: readonly string[] | null | undefined },
  path: string,
) => {
  const tags = client.tags ?? [];
  if (client.kind !== 'consumer' || tags.length === 0) return;
  const bound = (await scenarios.list(tenantId)).filter((s) => (s.tags ?? []).length > 0);
  const index = tags.findIndex((tag) => bound.some((s) => s.tags!.includes(tag)));
  if (index < 0) return;
  const scenario = bound.find((s) => s.tags!.includes(tags[index]!))!;
  await refusePenalties(templates, tenantId, scenario, path === 'body.kind' ? path : `body.tags.${index}`, `tag "${tags[index]}" chooses`);
};

const refusePenalties = async (templates: ClientDeps['templates'], tenantId: string, scenario: Scenario, path: string, how = 'would be') => {
  const errors = consumerStepErrors(scenario, await storedTemplates(templates, tenantId), `${how} the scenario of this consumer client`);
  if (errors.length > 0) {
    throw new BusinessRuleError(
      'penalties-for-consumer',
      `Scenario "${scenario.id}" sends templates that mention penalties: a consumer client cannot have it`,
      errors.map((e) => ({ path, message: `${e.path.replace(/^body\./, '')}: ${e.message}` })),
    );
  }
};

export const makeCreateClient = ({ clients, scenarios, templates, clock, ids }: ClientDeps) =>
  async (tenantId: string, input: ClientInput): Promise<Client> => {
    await checkScenario({ scenarios, templates }, tenantId, input, 'body.scenarioId');
    const now = clock.now().toISOString();
    const client: Client = { ...input, ccEmails: copyAddresses(input.email, input.ccEmails ?? []), id: ids.next(), emailStatus: 'ok', createdAt: now, updatedAt: now };
    await clients.create(tenantId, client);
    return client;
  };

export const makeGetClient = ({ clients }: Pick<ClientDeps, 'clients'>) =>
  async (tenantId: string, id: string): Promise<Client> => {
    const client = await clients.get(tenantId, id);
    if (!client) throw new NotFoundError('Client');
    return client;
  };

/** `null` clears an optional field; a new email address resets a bouncing status. */
export const makeUpdateClient = ({ clients, scenarios, templates, clock }: Pick<ClientDeps, 'clients' | 'scenarios' | 'templates' | 'clock'>) =>
  async (tenantId: string, id: string, patch: ClientPatch): Promise<Client> => {
    const current = await makeGetClient({ clients })(tenantId, id);
    // Checked when the patch sets a scenario, or turns a client with its own scenario into a consumer.
    // Also when it sets tags, or clears the own scenario, of a consumer (its tags then choose).
    if (patch.scenarioId !== undefined || patch.tags !== undefined || (patch.kind === 'consumer' && current.kind !== 'consumer')) {
      const scenarioId = patch.scenarioId === undefined ? current.scenarioId : patch.scenarioId;
      const tags = patch.tags === undefined ? current.tags : patch.tags;
      const path = patch.scenarioId ? 'body.scenarioId' : patch.kind === 'consumer' && current.kind !== 'consumer' ? 'body.kind' : 'body.tags';
      await checkScenario({ scenarios, templates }, tenantId, { kind: patch.kind ?? current.kind, scenarioId, tags }, path);
    }
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    if (next.ccEmails !== undefined) next.ccEmails = copyAddresses(next.email as string | undefined, next.ccEmails as string[]);
    if (patch.email && patch.email !== current.email) next.emailStatus = 'ok';
    // A bounced copy address stays flagged only while the client still lists it. So does a main address that
    // bounced and was replaced, when a contact or a copy still holds it: the new main address is the fix, not that one.
    const listed = new Set(listedEmails(next as unknown as Client).map((e) => e.toLowerCase()));
    const replacedBouncing = current.emailStatus === 'bouncing' && current.email && patch.email && patch.email.toLowerCase() !== current.email.toLowerCase() ? [current.email] : [];
    const flagged = [...(current.bouncedEmails ?? []), ...replacedBouncing];
    const bounced = flagged
      .filter((e, i) => flagged.findIndex((f) => f.toLowerCase() === e.toLowerCase()) === i)
      .filter((e) => listed.has(e.toLowerCase()) && e.toLowerCase() !== String(next.email).toLowerCase());
    if (bounced.length > 0) next.bouncedEmails = bounced;
    else delete next.bouncedEmails;
    // A complaint stops reminders until they go to other addresses: a new main address lifts it when the
    // reminders go there, not when they go to billing contacts (the one who complained would get them again).
    if (current.complained) {
      const to = (c: Client) => reminderRecipients(c).to.map((e) => e.toLowerCase()).sort().join(',');
      if (to(next as unknown as Client) !== to(current)) delete next.complained;
    }
    next.updatedAt = clock.now().toISOString();
    const updated = next as unknown as Client; // every key of a ClientPatch is a key of Client
    await clients.replace(tenantId, updated, current.updatedAt);
    return updated;
  };
