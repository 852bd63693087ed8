/** The response schemas of clients.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import type * as domain from '../../domain/client.js';
import { id } from './common.js';
import { address, clientFields, contacts } from './clients.js';

export const Client = z.object({
  id,
  ...clientFields,
  contacts: contacts.optional(),
  address: address.optional(),
  emailStatus: z.enum(['ok', 'bouncing']),
  /** Copy addresses that hard-bounced (the main address is `emailStatus`); automatic reminders leave them out. */
  bouncedEmails: z.array(z.string()).optional(),
  /** The client marked a reminder as spam: nothing automatic goes to them any more. */
  complained: z.boolean().optional(),
  /** Last reminder sent to this client, any invoice: the minimum gap between two messages counts from it. */
  lastMessageAt: z.string().optional(),
  /** Local date of `lastMessageAt` in the tenant's zone when it went; the client's gap dates `lastMessageAt` in today's zone. */
  lastMessageDate: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<domain.Client>;
