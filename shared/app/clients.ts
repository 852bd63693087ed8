import type { ClientInput, ClientPatch, Client } from '../http/schemas/clients.js';
import { NotFoundError } from './errors.js';
import type { ClientRepository, Clock, IdGenerator, PageRequest } from './ports.js';

export interface ClientDeps {
  readonly clients: ClientRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export const makeCreateClient = ({ clients, clock, ids }: ClientDeps) =>
  async (tenantId: string, input: ClientInput): Promise<Client> => {
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
export const makeUpdateClient = ({ clients, clock }: Pick<ClientDeps, 'clients' | 'clock'>) =>
  async (tenantId: string, id: string, patch: ClientPatch): Promise<Client> => {
    const current = await makeGetClient({ clients })(tenantId, id);
    const next: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    if (patch.email && patch.email !== current.email) next.emailStatus = 'ok';
    next.updatedAt = clock.now().toISOString();
    await clients.replace(tenantId, next as Client, current.updatedAt);
    return next as Client;
  };

export const makeListClients = ({ clients }: Pick<ClientDeps, 'clients'>) =>
  (tenantId: string, page: PageRequest) => clients.list(tenantId, page);
