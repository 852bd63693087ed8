import * as z from 'zod';
import type * as domain from '../../domain/client.js';
import { E164 } from '../../domain/client.js';
import { email, id, siren, vatNumber } from './common.js';

/** Validation and conversion only: the types are the domain's (shared/domain/client.ts). */
export type Address = domain.Address;
export type Client = domain.Client;
export type ClientInput = domain.ClientInput;
export type ClientPatch = domain.ClientPatch;

/** A French address (the default country, overseas included) has a 5-digit code postal: a letter posted to "ABC" never arrives. */
export const frenchPostalCode = (a: { postalCode: string; country: string }, ctx: z.RefinementCtx) => {
  if (a.country === 'FR' && !/^\d{5}$/.test(a.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'must be 5 digits in France (e.g. 75011)' });
};

export const address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  postalCode: z.string().regex(/^[0-9A-Z -]{3,10}$/, { message: 'must be a postal code' }),
  city: z.string().min(1).max(100),
  country: z.string().length(2, { message: 'must be an ISO 3166 alpha-2 code' }).default('FR'),
}).strict().superRefine(frenchPostalCode) satisfies z.ZodType<domain.Address>;

/**
 * A client category: lowercase letters (accents allowed), digits, dashes, e.g. `grand-compte`, `particulier-fidèle`.
 * Trimmed, lower-cased and composed (NFC: an accent pasted as a letter and a combining mark is the one `è`) first, so
 * `Grand-Compte` and `grand-compte` are the same category (for clients and for the scenarios bound to them); any other
 * character stays a 400 naming the tag.
 */
export const tag = z.string().trim().toLowerCase().normalize('NFC').regex(/^[\p{Ll}\p{N}][\p{Ll}\p{N}_-]{0,39}$/u, { message: 'must be 1-40 lowercase letters, digits, dashes or underscores' });
export const tags = z.array(tag).max(20).refine((t) => new Set(t).size === t.length, { message: 'must not repeat a tag' });

/** A phone number in E.164; spaces, dots, dashes and brackets are removed first (`+33 6 12 34 56 78`). */
export const phoneE164 = z
  .string()
  .max(30)
  .transform((s) => s.replace(/[\s.()-]/g, ''))
  .pipe(z.string().regex(E164, { message: 'must be an E.164 phone number, e.g. +33612345678' }));

const contact = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: email.optional(),
    phone: phoneE164.optional(),
    role: z.enum(['billing', 'other']),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.email && !c.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'a contact needs an email or a phone' });
  }) satisfies z.ZodType<domain.ClientContact>;

export const contacts = z.array(contact).max(20);

export const clientFields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['business', 'consumer']),
  email,
  ccEmails: z.array(email).max(10).default([]),
  /** Reminders go to the `billing` contacts' emails (else `email`); SMS steps to their phones. */
  contacts: contacts.default([]),
  /** E.164 mobile number; SMS steps go here when no billing contact has a phone. */
  phone: phoneE164.optional(),
  address: address.optional(),
  siren: siren.optional(),
  vatNumber: vatNumber.optional(),
  language: z.enum(['fr', 'en']).default('fr'),
  remindersEnabled: z.boolean().default(true),
  scenarioId: id.nullable().optional(),
  /** Client categories, in order of precedence: the first one bound to a scenario chooses it. */
  tags: tags.default([]),
};

export const ClientInput = z.object(clientFields).strict() satisfies z.ZodType<domain.ClientInput>;

export const ClientPatch = z
  .object({
    name: clientFields.name,
    kind: clientFields.kind,
    email: clientFields.email,
    ccEmails: z.array(email).max(10),
    contacts,
    phone: phoneE164.nullable(),
    address: address.nullable(),
    siren: clientFields.siren.unwrap().nullable(),
    vatNumber: vatNumber.nullable(),
    language: z.enum(['fr', 'en']),
    remindersEnabled: z.boolean(),
    scenarioId: id.nullable(),
    tags,
  })
  .partial()
  .strict() satisfies z.ZodType<domain.ClientPatch>;

/** What the table keeps on a client item for the engine alone (the gap claim's holder and the values it gives back, the partition's tenant): never answered. */
const INTERNAL_CLIENT_FIELDS = ['tenantId', 'claimHolder', 'claimPrevAt', 'claimPrevDate'] as const;
export const publicClient = <T extends object>(client: T): T => {
  const shown = { ...client } as Record<string, unknown>;
  for (const field of INTERNAL_CLIENT_FIELDS) delete shown[field];
  return shown as T;
};
