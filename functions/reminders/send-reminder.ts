/**
 * Target of every reminder schedule. The Scheduler invokes it asynchronously, at least once,
 * with ids only; the use case decides, claims and sends (exactly one email per step).
 */
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { makeSendQuoteFollowUp } from '../../shared/app/reminders/quote-follow-up.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeAutoResume } from '../../shared/app/reminder-holds.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { reminderSteps } from '../../shared/wiring-reminder-steps.js';
import { sendPathPdfRenderer as pdfRenderer } from '../../shared/wiring-pdf-send.js';
import { loggedError, logger, redactedError } from '../../shared/adapters/telemetry/powertools-logger.js';
import { traced } from '../../shared/wiring-tracing.js';
import { mailer } from '../../shared/wiring-email.js';
import { smsSender } from '../../shared/wiring-sms.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { quoteRepository } from '../../shared/wiring-quotes.js';
import { portalLinks } from '../../shared/wiring-portal-links.js';
import { metrics } from '../../shared/wiring-telemetry.js';

const ReminderEvent = z.union([
  z.object({
    tenantId: z.string().check(z.minLength(1)),
    invoiceId: z.string().check(z.minLength(1)),
    stepId: z.string().check(z.minLength(1)),
    plan: z.int().check(z.minimum(0)),
    index: z.int().check(z.minimum(0)),
    scheduledAt: z.string().check(z.minLength(1)),
    kind: z.optional(z.enum(['step', 'lease', 'plan-check'])),
    scheduledTime: z.optional(z.string()),
  }),
  z.object({
    tenantId: z.string().check(z.minLength(1)),
    quoteId: z.string().check(z.minLength(1)),
    stepId: z.literal('quote-follow-up'),
    scheduledAt: z.string().check(z.minLength(1)),
    scheduledTime: z.optional(z.string()),
  }),
  z.object({
    tenantId: z.string().check(z.minLength(1)),
    invoiceId: z.string().check(z.minLength(1)),
    kind: z.literal('resume'),
    until: z.string().check(z.minLength(1)),
    scheduledTime: z.optional(z.string()),
  }),
]);

const sendReminder = makeSendReminder({
  ...reminderReadDeps(),
  steps: reminderSteps(),
  invoices: invoiceRepository(),
  templates: wiring.templates(),
  mailer: mailer(),
  sms: smsSender(),
  pdf: pdfRenderer,
  clock: wiring.clock,
  metrics: metrics(),
  portalLinks: portalLinks(),
});

const sendQuoteFollowUp = makeSendQuoteFollowUp({
  quotes: quoteRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  mailer: mailer(),
  pdf: pdfRenderer,
});

const autoResume = makeAutoResume({ invoices: invoiceRepository(), clock: wiring.clock });

/** Lambda's own id of this invocation: the log lines of a fire carry it, as each API request's do. */
type InvocationContext = Pick<Context, 'awsRequestId'> | undefined;

export const handler = async (event: unknown, context?: InvocationContext) => {
  const lambdaRequestId = context?.awsRequestId;
  const input = ReminderEvent.parse(event);
  if ('kind' in input && input.kind === 'resume') {
    // A dated pause ends: the invoice's reminders run again (the reconciler records the new plan).
    const resumed = await autoResume(input.tenantId, input.invoiceId, input.until);
    logger.info('resume', { tenantId: input.tenantId, invoiceId: input.invoiceId, until: input.until, ...(lambdaRequestId ? { lambdaRequestId } : {}), ...resumed });
    return { ...resumed, stepId: 'resume' };
  }
  const ids = { tenantId: input.tenantId, stepId: input.stepId, ...('quoteId' in input ? { quoteId: input.quoteId } : { invoiceId: input.invoiceId }) };
  let result;
  try {
    result = await traced('send-reminder', ids, () => ('quoteId' in input ? sendQuoteFollowUp(input) : sendReminder(input)));
  } catch (error) {
    // Thrown back for the Scheduler's retry policy, said first with the ids the runtime's own line lacks.
    logger.error('reminder failed', { ...input, ...(lambdaRequestId ? { lambdaRequestId } : {}), error: loggedError(error) });
    throw redactedError(error);
  }
  logger.info('reminder', { ...input, ...(lambdaRequestId ? { lambdaRequestId } : {}), ...result });
  return result;
};
