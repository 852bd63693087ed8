/**
 * A client of the tenant (the debtor). The HTTP schemas in shared/http/schemas/clients.ts
 * validate against these types; use cases and adapters only ever see these.
 */
import type { ClientKind } from './invoice.js';

export type Language = 'fr' | 'en';

export interface Address {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  /** ISO 3166 alpha-2. */
  country: string;
}

export interface Client {
  id: string;
  name: string;
  kind: ClientKind;
  email: string;
  ccEmails: string[];
  address?: Address;
  siren?: string;
  vatNumber?: string;
  language: Language;
  remindersEnabled: boolean;
  /** Null or absent: the tenant's default scenario. */
  scenarioId?: string | null;
  /** Client categories (`grand-compte`, `particulier-fidèle`): a scenario bound to one of them applies when the client has none of its own. */
  tags?: string[];
  /** `bouncing` after a hard bounce or complaint: reminders stop until the address changes. */
  emailStatus: 'ok' | 'bouncing';
  /** Last reminder sent to this client, any invoice: the minimum gap between two messages counts from it. */
  lastMessageAt?: string;
  /** Local date of `lastMessageAt` in the tenant's zone: the gap claim's condition compares it. */
  lastMessageDate?: string;
  /** Copy addresses that hard-bounced (the main address is `emailStatus`); automatic reminders leave them out. */
  bouncedEmails?: string[];
  /** The client marked a reminder as spam: nothing automatic goes to them any more. */
  complained?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What creating a client takes (defaults applied). */
export type ClientInput = Omit<Client, 'id' | 'emailStatus' | 'lastMessageAt' | 'lastMessageDate' | 'bouncedEmails' | 'complained' | 'createdAt' | 'updatedAt'>;

/** A partial change; `null` clears an optional field. */
export interface ClientPatch {
  name?: string;
  kind?: ClientKind;
  email?: string;
  ccEmails?: string[];
  address?: Address | null;
  siren?: string | null;
  vatNumber?: string | null;
  language?: Language;
  remindersEnabled?: boolean;
  scenarioId?: string | null;
  tags?: string[];
}
