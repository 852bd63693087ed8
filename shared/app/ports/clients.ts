/** Ports — The client aggregate's repository. */
import type { Client } from '../../domain/client.js';
import type { Page, PageRequest } from './system.js';

export interface ClientRepository {
  create(tenantId: string, client: Client): Promise<void>;
  get(tenantId: string, id: string): Promise<Client | undefined>;
  /** Replaces the item if it still has `expectedUpdatedAt` (optimistic concurrency). */
  replace(tenantId: string, client: Client, expectedUpdatedAt: string): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<Client>>;
  /** Records a reminder sent to the client (keeps the latest instant; never bumps `updatedAt`). */
  recordMessage(tenantId: string, clientId: string, at: string): Promise<void>;
}
