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

export const ScenarioView = z.object({
  id: z.string(),
  name: z.string(),
  steps: z.array(ScenarioStepSchema),
  tags: z.array(z.string()),
  builtIn: z.boolean(),
  customized: z.boolean(),
});

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

export const TemplateView = TemplateInput.extend({ id: z.string(), builtIn: z.boolean(), customized: z.boolean() });

export const PreviewInput = z.object({ invoiceId: z.string().min(1).max(64) }).strict();
export const PreviewView = z.object({
  subject: z.string(),
  body: z.string(),
  variables: z.record(z.string(), z.string()),
  /** Business clients only: late penalties to date, the rate applying and its source (a missing semester is `estimated`). */
  penalties: z
    .object({
      amountCents: z.number().int(),
      days: z.number().int(),
      ratePercent: z.number(),
      rateSource: z.enum(['table', 'contract', 'estimated']),
      indemnityCents: z.number().int(),
    })
    .optional(),
});

export const TestSendInput = z.object({ invoiceId: z.string().min(1).max(64).optional(), to: z.email().optional() }).strict();

export const ManualReminderInput = z
  .object({
    templateId: docId.optional(),
    /** Send even within the client's minimum gap (the owner decides); never overrides the one-per-day rule. */
    force: z.boolean().optional(),
  })
  .strict();

export const PlannedStepView = z.object({
  stepId: z.string(),
  templateId: z.string(),
  /** `to_post`: a letter produced and waiting to be posted (POST …/posted closes it `sent`); `done`: the escalation to litigation carried out. */
  state: z.enum(['scheduled', 'sending', 'to_post', 'sent', 'skipped', 'cancelled', 'failed', 'done']),
  channel: z.enum(['email', 'sms', 'letter']),
  /** The plan this step belongs to (1 = the first; a new plan starts after a stop clears, e.g. a payment removed). */
  plan: z.number().int().optional(),
  /** Position in the scenario (0-based). */
  index: z.number().int().optional(),
  /** Meant for before the due date: never sent on or after it. */
  beforeDue: z.boolean().optional(),
  scheduledAt: instant.optional(),
  sentAt: instant.optional(),
  messageId: z.string().optional(),
  recipients: z.array(z.string()).optional(),
  /** Why the step is skipped, cancelled or failed, or why it moved (`catch-up`, `gap`, `same_day`, `order`, `retry`). */
  reason: z.string().optional(),
  attempts: z.number().int().optional(),
  lastError: z.string().optional(),
  manual: z.boolean().optional(),
  /** A projection (draft invoice or no plan recorded yet), not a recorded step. */
  projected: z.boolean().optional(),
  /** Payment-plan steps (plan ≥ 1000): the instalment (0-based) and which of its reminders. */
  instalment: z.number().int().optional(),
  planStep: z.enum(['courtesy', 'late']).optional(),
  /** Letter steps: when the owner posted it, and the registered mail number. */
  postedAt: instant.optional(),
  trackingNumber: z.string().optional(),
  /** Letter steps: SHA-256 of the PDF produced (GET …/letter.pdf renders the same bytes). */
  letterSha256: z.string().optional(),
});

/** A step of an invoice's plan in a path: `/invoices/{id}/reminders/{stepId}/…`. */
export const StepParams = z.object({ id: z.string().min(1).max(64), stepId: z.string().min(1).max(64) }).strict();

export const LetterPostedInput = z
  .object({
    /** The registered mail number (recommandé), e.g. `1A 234 567 8901 2`. */
    trackingNumber: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

export const LetterToPostView = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  stepId: z.string(),
  clientName: z.string(),
  /** Where to post it. */
  address: z.object({ line1: z.string(), line2: z.string().optional(), postalCode: z.string(), city: z.string(), country: z.string() }).optional(),
  /** What the letter claims: balances, plus penalties and the €40 for a business. */
  amountCents: z.number().int(),
  producedAt: instant,
  letterSha256: z.string(),
  /** The letter's PDF (this API, relative URL). */
  pdfUrl: z.string(),
});

/** A whole local day (`from` = its start, `to` = its end, in the tenant's time zone) or an exact instant. */
const dayOrInstant = z.union([businessDate, instant], {
  error: 'must be a date YYYY-MM-DD (a whole day in your time zone) or an ISO-8601 instant',
});
export const SimulationQuery = z.object({
  from: dayOrInstant.optional(),
  to: dayOrInstant.optional(),
});
export const SimulationView = z.object({
  from: instant,
  to: instant,
  items: z.array(
    z.object({
      clientId: z.string(),
      clientName: z.string(),
      invoiceId: z.string(),
      invoiceNumber: z.string().optional(),
      stepId: z.string(),
      templateId: z.string(),
      channel: z.enum(['email', 'sms', 'letter']),
      /** `escalate`: the invoice moves to litigation (nothing is sent). */
      action: z.enum(['send', 'skip', 'escalate']),
      at: instant.optional(),
      /** The scenario planning this invoice and the rule that chose it: `client`, `tag:<tag>` or `default`. */
      scenarioId: z.string(),
      scenarioRule: z.string(),
      reason: z.string().optional(),
    }),
  ),
});
