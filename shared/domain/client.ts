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

/** Who to write to at the client: reminders go to the `billing` contacts' emails (else the main address). */
export interface ClientContact {
  name: string;
  email?: string;
  /** E.164 (`+33612345678`): where SMS steps go for a `billing` contact. */
  phone?: string;
  role: 'billing' | 'other';
}

/**
 * An E.164 phone number: `+`, a country code not starting with 0, 7 to 15 digits in all. A French
 * number (+33) has exactly 9 digits after the country code, the first not 0 (`+33 06…` keeps the
 * national 0 by mistake): one short or long would fail at the SMS step, so it is refused when typed.
 */
export const E164 = /^(?:\+33[1-9]\d{8}|\+(?!33)[1-9]\d{6,14})$/;

/**
 * Whether a text sent to this number can be received: a valid E.164 number that is not a French
 * landline (+33 1…5), special-rate (+33 8) or VoIP box (+33 9) number, where a text is lost
 * silently; in France only +33 6 and +33 7 are mobiles. Such numbers stay valid phones on a client
 * or contact (to call them); the SMS step only looks past them. Other countries are not judged.
 */
export const isSmsCapable = (phone: string): boolean => E164.test(phone) && (!phone.startsWith('+33') || /^\+33[67]/.test(phone));

export interface Client {
  id: string;
  name: string;
  kind: ClientKind;
  email: string;
  ccEmails: string[];
  /** People at the client; absent on clients created before contacts existed (= none). */
  contacts?: ClientContact[];
  /** E.164: where SMS steps go when no `billing` contact has a phone. */
  phone?: string;
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
  /** Local date of `lastMessageAt` in the tenant's zone when it went; the client's gap dates `lastMessageAt` in today's zone. */
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
  contacts?: ClientContact[];
  phone?: string | null;
  address?: Address | null;
  siren?: string | null;
  vatNumber?: string | null;
  language?: Language;
  remindersEnabled?: boolean;
  scenarioId?: string | null;
  tags?: string[];
}

/** The `billing` contacts' email addresses, in order, without duplicates (case ignored). */
export const billingEmails = (client: Pick<Client, 'contacts'>): string[] => unique((client.contacts ?? []).filter((c) => c.role === 'billing' && c.email).map((c) => c.email!));

/** The `billing` contacts' phone numbers (E.164), in order, without duplicates: where SMS steps go. */
export const billingPhones = (client: Pick<Client, 'contacts'>): string[] => unique((client.contacts ?? []).filter((c) => c.role === 'billing' && c.phone).map((c) => c.phone!));

/**
 * Where an sms step goes: the first `billing` contact with a mobile phone (valid E.164, never a
 * French landline or VoIP number: `isSmsCapable`), else the client's own phone if it is one. One text per step: a second number would be a
 * second message to the same client on the same day.
 */
export const smsRecipient = (client: Pick<Client, 'contacts' | 'phone'>): string | undefined =>
  [...billingPhones(client), ...(client.phone ? [client.phone] : [])].find(isSmsCapable);

/**
 * The addresses automatic reminders go to, minus those that hard-bounced: the `billing` contacts'
 * emails when the client has working ones, else its main address (else a working copy address).
 */
export const reminderRecipients = (client: Pick<Client, 'email' | 'ccEmails' | 'contacts' | 'bouncedEmails' | 'emailStatus'>): { to: string[]; cc: string[] } => {
  const failing = new Set((client.bouncedEmails ?? []).map((e) => e.toLowerCase()));
  if (client.emailStatus === 'bouncing' && client.email) failing.add(client.email.toLowerCase());
  const ok = (e: string) => !failing.has(e.toLowerCase());
  const billing = billingEmails(client).filter(ok);
  if (billing.length > 0) {
    const taken = new Set(billing.map((e) => e.toLowerCase()));
    return { to: billing, cc: (client.ccEmails ?? []).filter((e) => ok(e) && !taken.has(e.toLowerCase())) };
  }
  const cc = (client.ccEmails ?? []).filter(ok);
  const main = client.email && ok(client.email) ? [client.email] : [];
  // When the main address fails, a working copy address becomes the recipient.
  return main.length > 0 ? { to: main, cc } : { to: cc.slice(0, 1), cc: cc.slice(1) };
};

/**
 * Why a step on `channel` cannot reach the client at all, as the send path records it (`skipped: <reason>`):
 * every address bounced (email), no mobile number (sms), no postal address (letter). Undefined when it can.
 */
export const channelBlock = (
  client: Pick<Client, 'email' | 'ccEmails' | 'contacts' | 'bouncedEmails' | 'emailStatus' | 'phone' | 'address'>,
  channel: 'email' | 'sms' | 'letter' | undefined,
): 'address_failing' | 'no_phone' | 'no_postal_address' | undefined => {
  if (channel === 'sms') return smsRecipient(client) ? undefined : 'no_phone';
  if (channel === 'letter') return client.address ? undefined : 'no_postal_address';
  return reminderRecipients(client).to.length > 0 ? undefined : 'address_failing';
};

/** Every address the client lists: main, copies and contacts (a bounce is flagged only on these). */
export const listedEmails = (client: Pick<Client, 'email' | 'ccEmails' | 'contacts'>): string[] =>
  unique([client.email, ...(client.ccEmails ?? []), ...(client.contacts ?? []).flatMap((c) => (c.email ? [c.email] : []))]);

/**
 * Copy addresses as kept: each once (case ignored, the first spelling kept), never the main address
 * again (the invoice, quote and credit-note emails copy them as they are: a repeat sent the client the
 * same email in To and Cc).
 */
export const copyAddresses = (email: string | undefined, ccEmails: readonly string[]): string[] =>
  unique(ccEmails).filter((e) => !email || e.toLowerCase() !== email.toLowerCase());

/**
 * A message's recipients with each address once, case ignored: kept where it first appears, To before
 * Cc before Bcc (an owner typing the billing address in Cc too, or his own in To and Bcc, sends one copy).
 */
export const distinctRecipients = <R extends { readonly to: readonly string[]; readonly cc: readonly string[]; readonly bcc: readonly string[] }>(r: R): R => {
  const seen = new Set<string>();
  const keep = (list: readonly string[]) =>
    list.filter((address) => {
      const key = address.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { ...r, to: keep(r.to), cc: keep(r.cc), bcc: keep(r.bcc) };
};

const unique = (values: readonly string[]): string[] => {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
