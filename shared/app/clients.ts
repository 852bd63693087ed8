import type { ClientInput, ClientPatch, Client } from '../http/schemas/clients.js';
import type { Scenario } from '../domain/scenario.js';
import { BusinessRuleError, NotFoundError } from './errors.js';
import type { ClientRepository, Clock, IdGenerator, PageRequest, TenantDocuments } from './ports.js';
import { resolveScenario } from './reminders/reminder-context.js';

export interface ClientDeps {
  readonly clients: ClientRepository;
  readonly scenarios: TenantDocuments<Scenario>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A client's own scenario must exist (built-in or the tenant's), or its reminders would silently fall back. */
const checkScenario = async (scenarios: TenantDocuments<Scenario>, tenantId: string, scenarioId: string | null | undefined) => {
  if (scenarioId && !(await resolveScenario(scenarios, tenantId, scenarioId))) {
    throw new BusinessRuleError('unknown-scenario', 'The scenario does not exist', [{ path: 'body.scenarioId', message: 'no such scenario' }]);
  }
};

export const makeCreateClient = ({ clients, scenarios, clock, ids }: ClientDeps) =>
  async (tenantId: string, input: ClientInput): Promise<Client> => {
    await checkScenario(scenarios, tenantId, input.scenarioId);
    const now = clock.now().toISOString();
    const client: Client = { ...input, id: ids.next(), emailStatus: 'ok', createdAt: now, updatedAt: now };
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
export const makeUpdateClient = ({ clients, scenarios, clock }: Pick<ClientDeps, 'clients' | 'scenarios' | 'clock'>) =>
  async (tenantId: string, id: string, patch: ClientPatch): Promise<Client> => {
    const current = await makeGetClient({ clients })(tenantId, id);
    await checkScenario(scenarios, tenantId, patch.scenarioId);
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    if (patch.email && patch.email !== current.email) {
      next.emailStatus = 'ok';
      delete next.complained;
    }
    // A bounced copy address stays flagged only while the client still lists it.
    const listed = new Set([next.email, ...((next.ccEmails as string[] | undefined) ?? [])].map((e) => String(e).toLowerCase()));
    const bounced = (current.bouncedEmails ?? []).filter((e) => listed.has(e.toLowerCase()) && e.toLowerCase() !== String(next.email).toLowerCase());
    if (bounced.length > 0) next.bouncedEmails = bounced;
    else delete next.bouncedEmails;
    next.updatedAt = clock.now().toISOString();
    await clients.replace(tenantId, next as Client, current.updatedAt);
    return next as Client;
  };
