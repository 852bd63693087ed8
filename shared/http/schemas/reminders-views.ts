/** The response schemas of reminders.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import { instant } from './common.js';
import { ScenarioStepSchema, TemplateInput } from './reminders.js';

export const ScenarioView = z.object({
  id: z.string(),
  name: z.string(),
  steps: z.array(ScenarioStepSchema),
  tags: z.array(z.string()),
  builtIn: z.boolean(),
  customized: z.boolean(),
});
export const TemplateView = TemplateInput.extend({
  id: z.string(),
  builtIn: z.boolean(),
  customized: z.boolean(),
  /** `reminder`: what the owner sends by hand; the others are the engine's own (texts, payment plans, thanks). */
  purpose: z.enum(['reminder', 'sms', 'instalment', 'thank-you']),
});
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
  /**
   * A `scheduled` step the client rules of the send path will send on a later day than `scheduledAt` (the client's
   * `minGapDays` after another message, one step a day per invoice, scenario order), as `GET /reminders/simulation`
   * computes it: when it is expected to go out, and why (`gap`, `same_day`, `order`). Or on an earlier day
   * (`courtesy_skipped`): a courtesy step before it will be skipped (the gap pushes it onto its due date), and the
   * re-plan then no longer keeps the gap after it. `scheduledAt` stays as recorded.
   */
  expectedAt: instant.optional(),
  movedBy: z.string().optional(),
  /** A scheduled courtesy step the client rules push onto its due date (the client's gap after another message): the engine will skip it `due_passed`, it never goes out. */
  expectedSkip: z.enum(['due_passed']).optional(),
  /** Payment-plan steps (plan ≥ 1000): the instalment (0-based) and which of its reminders. */
  instalment: z.number().int().optional(),
  planStep: z.enum(['courtesy', 'late']).optional(),
  /** Letter steps: when the owner posted it, and the registered mail number. */
  postedAt: instant.optional(),
  trackingNumber: z.string().optional(),
  /** Letter steps: SHA-256 of the PDF produced (GET …/letter.pdf renders the same bytes). */
  letterSha256: z.string().optional(),
  /** A letter listing several invoices of the client (settings `groupByClient`): one envelope for all its steps; posting one closes them all. */
  letterId: z.string().optional(),
  letterInvoices: z.array(z.string()).optional(),
});
export const LetterToPostView = z.object({
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  stepId: z.string(),
  /** A letter listing several invoices of the client (settings `groupByClient`): listed once; posting any of its steps closes them all. */
  letterId: z.string().optional(),
  invoiceNumbers: z.array(z.string()).optional(),
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
      /** A skip's reason; for a send placed later than its own schedule by the client rules: `gap`, `same_day`, `order`, `email_first` (a text or a letter after the same day's email) or `text_first` (a letter after the same day's text); earlier: `courtesy_skipped` (a courtesy step before it is skipped `due_passed`, and the engine's re-plan no longer keeps the gap after it). */
      reason: z.string().optional(),
      /** A send moved by the client rules: when its own schedule put it. */
      plannedAt: instant.optional(),
      /** A send going out in one message with the client's other invoices (settings `groupByClient`): their numbers. */
      groupedWith: z.array(z.string()).optional(),
    }),
  ),
});
