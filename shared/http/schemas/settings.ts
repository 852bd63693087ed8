import * as z from 'zod';
import type * as domain from '../../domain/settings.js';
import { email, id, timeZone } from './common.js';

/** Validation and conversion only: the types are the domain's (shared/domain/settings.ts). */
export type CompanyIdentity = domain.CompanyIdentity;
export type Settings = domain.Settings;
export type SettingsInput = domain.SettingsInput;
export { defaultSettings } from '../../domain/settings.js';

export const CompanyIdentity = z.object({
  name: z.string().trim().min(1).max(200),
  legalForm: z.string().max(100).optional(),
  address: z
    .object({
      line1: z.string().min(1).max(200),
      line2: z.string().max(200).optional(),
      postalCode: z.string().min(3).max(10),
      city: z.string().min(1).max(100),
      country: z.string().length(2).default('FR'),
    })
    .optional(),
  siren: z.string().regex(/^\d{9}$/, { message: 'must be 9 digits' }).optional(),
  vatNumber: z.string().max(20).optional(),
  email: email.optional(),
  phone: z.string().max(30).optional(),
  iban: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, { message: 'must be an IBAN' }))
    .optional(),
  bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, { message: 'must be a BIC' }).optional(),
}) satisfies z.ZodType<domain.CompanyIdentity>;

export const Settings = z
  .object({
    company: CompanyIdentity,
    replyToEmail: email.optional(),
    remindersEnabled: z.boolean(),
    defaultScenarioId: id.optional(),
    sendHour: z.number().int().min(0).max(23),
    timezone: timeZone,
    skipWeekends: z.boolean(),
    skipHolidays: z.boolean(),
    region: z.enum(['metropole', 'alsace-moselle']),
    minGapDays: z.number().int().min(0).max(30),
    graceDaysAfterPayment: z.number().int().min(0).max(30),
    /** Contractual B2B penalty rate in percent per year; absent = ECB + 10 points from the rate table. */
    penaltyRatePercent: z.number().min(0).max(50).optional(),
    language: z.enum(['fr', 'en']),
    /** Days after sending a quote before its follow-up, if still unanswered; 0 turns follow-ups off. */
    quoteFollowUpDays: z.number().int().min(0).max(60),
  })
  .strict() satisfies z.ZodType<domain.Settings>;

export const SettingsInput = Settings.partial().strict() satisfies z.ZodType<domain.SettingsInput>;
