/**
 * Target of every reminder schedule. The Scheduler invokes it asynchronously, at least once,
 * with ids only; the use case decides, claims and sends (exactly one email per step).
 */
import * as z from 'zod/mini';
import { makeSendQuoteFollowUp } from '../../shared/app/reminders/quote-follow-up.js';
import { makeSendReminder } from '../../shared/app/reminders/send-reminder.js';
import { makeAutoResume } from '../../shared/app/reminder-holds.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { sendPathPdfRenderer as pdfRenderer } from '../../shared/wiring-pdf-send.js';
import { logger } from '../../shared/adapters/telemetry/powertools-logger.js';
import { traced } from '../../shared/wiring-tracing.js';
import { mailer } from '../../shared/wiring-email.js';
import { smsSender } from '../../shared/wiring-sms.js';
import { wiring } from '../../shared/wiring.js';
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

const autoResume = makeAutoResume({ invoices: wiring.invoices(), clock: wiring.clock });

export const handler = async (event: unknown) => {
  const input = ReminderEvent.parse(event);
  if ('kind' in input && input.kind === 'resume') {
    // A dated pause ends: the invoice's reminders run again (the reconciler records the new plan).
    const resumed = await autoResume(input.tenantId, input.invoiceId, input.until);
    logger.info('resume', { tenantId: input.tenantId, invoiceId: input.invoiceId, until: input.until, ...resumed });
    return { ...resumed, stepId: 'resume' };
  }
  const ids = { tenantId: input.tenantId, stepId: input.stepId, ...('quoteId' in input ? { quoteId: input.quoteId } : { invoiceId: input.invoiceId }) };
  const result = await traced('send-reminder', ids, () => ('quoteId' in input ? sendQuoteFollowUp(input) : sendReminder(input)));
  logger.info('reminder', { ...input, ...result });
  return result;
};
