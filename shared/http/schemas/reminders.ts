import * as z from 'zod';
import type { TemplateInput as TemplateInputType } from '../../domain/default-templates.js';
import type { ScenarioInput as ScenarioInputType } from '../../domain/scenario.js';
import { businessDate, instant } from './common.js';
import { tags } from './clients.js';

/** Step ids like the built-ins' `j-5`, `j+1`: they end up in schedule names, where `+` becomes `_`. */
const slug = z.string().regex(/^[a-z0-9][a-z0-9+-]{0,15}$/, { message: 'must be 1-16 lowercase letters, digits, dashes or plus signs' });
const docId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be 1-48 lowercase letters, digits or dashes' });

export const ScenarioStepSchema = z
  .object({
    id: slug,
    offsetDays: z.number().int().min(-60).max(365),
    anchor: z.enum(['due', 'previous']).default('due'),
    templateId: docId,
    /** How the step reaches the client: email (default), sms (short text with the pay link, 08:00–20:00, never Sundays or holidays), letter (a mise en demeure PDF to post by registered mail). */
    channel: z.enum(['email', 'sms', 'letter']).default('email'),
  })
  .strict();

export const ScenarioInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    steps: z.array(ScenarioStepSchema).min(1).max(12),
    /** Client categories this scenario applies to (a client without a scenario of its own, first matching tag wins). */
    tags: tags.optional(),
  })
  .strict() satisfies z.ZodType<ScenarioInputType>;
export type ScenarioInput = ScenarioInputType;
export const ScenarioCreate = ScenarioInput.extend({ id: docId.optional() }).strict();
/** PUT: the fields given replace the scenario's (`{ tags }` alone binds it to client categories); at least one. */
export const ScenarioUpdate = ScenarioInput.partial()
  .strict()
  .refine((u) => u.name !== undefined || u.steps !== undefined || u.tags !== undefined, { message: 'give at least one of name, steps, tags' });

export const TemplateInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    language: z.enum(['fr', 'en']),
    kind: z.enum(['business', 'consumer']).optional(),
    tone: z.enum(['courtesy', 'reminder', 'firm', 'formal-notice']).default('reminder'),
    subject: z.string().trim().min(1).max(200),
    body: z.string().trim().min(1).max(10_000),
    attachInvoicePdf: z.boolean().default(true),
    letter: z.boolean().default(false),
  })
  .strict() satisfies z.ZodType<TemplateInputType>;
export type TemplateInput = TemplateInputType;
export const TemplateCreate = TemplateInput.extend({ id: docId.optional() }).strict();

/** `language`: the variables written in that language rather than the saved template's (the editor's language choice, not saved yet). */
export const PreviewInput = z.object({ invoiceId: z.string().min(1).max(64), language: z.enum(['fr', 'en']).optional() }).strict();
export const TestSendInput = z.object({ invoiceId: z.string().min(1).max(64).optional(), to: z.email().optional() }).strict();

export const ManualReminderInput = z
  .object({
    templateId: docId.optional(),
    /** Send even within the client's minimum gap (the owner decides); never overrides the one-per-day rule. */
    force: z.boolean().optional(),
  })
  .strict();

export const LetterPostedInput = z
  .object({
    /** The registered mail number (recommandé), e.g. `1A 234 567 8901 2`; one with no letter nor digit is a slip of the keyboard. */
    trackingNumber: z.string().trim().min(1).max(40).refine((s) => /[\p{L}\p{N}]/u.test(s), { message: 'must contain a letter or a digit' }).optional(),
  })
  .strict();

/**
 * A whole local day (`from` = its start, `to` = its end, in the tenant's time zone) or an exact instant, in
 * 2000–2099 as the other dates (`to=9999-12-31` answered 500: no local day after year 9999).
 */
const dayOrInstant = z
  .union([businessDate, instant], {
    error: 'must be a date YYYY-MM-DD (a whole day in your time zone) or an ISO-8601 instant',
  })
  .refine((v) => v >= '2000' && v < '2100', { message: 'must be between 2000-01-01 and 2099-12-31' });
export const SimulationQuery = z.object({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});