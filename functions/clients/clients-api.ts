import { handler as createClient } from './create-client.js';
import { handler as listClients } from './list-clients.js';
import { handler as getStatement } from './get-statement.js';
import { handler as getClient } from './get-client.js';
import { handler as updateClient } from './update-client.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the clients routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(createClient, listClients, getStatement, getClient, updateClient);
