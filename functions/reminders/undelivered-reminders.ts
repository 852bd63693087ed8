/**
 * Consumer of the reminder dead-letter queue (SQS event source on sync-schedules, infra/constructs/reminders.ts):
 * each message is a schedule's fire that never finished, from Lambda's async `onFailure` destination
 * (`{ requestContext, requestPayload, responseContext, responsePayload }`, `requestPayload` the schedule's
 * input) or from the Scheduler's own DLQ (the body is the schedule's input). The step it names goes
 * through the send path's failure path (shared/app/reminders/undelivered-fire.ts).
 *
 * A message that names no invoice step (a daily overview, a quote follow-up, a paused invoice's resume,
 * a plan check) or cannot be read, and one whose handling throws, is reported as a batch item failure:
 * SQS gives it again, then moves it to the failure queue, whose alarm tells the operator. Never a loop.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { makeRecordUndeliveredFire, type UndeliveredFire, type UndeliveredFireDeps } from '../../shared/app/reminders/undelivered-fire.js';
import { loggedError, logger } from '../../shared/adapters/telemetry/powertools-logger.js';

const StepFire = z.object({
  tenantId: z.string().check(z.minLength(1)),
  invoiceId: z.string().check(z.minLength(1)),
  stepId: z.string().check(z.minLength(1)),
  plan: z.int().check(z.minimum(0)),
  index: z.int().check(z.minimum(0)),
  scheduledAt: z.string().check(z.minLength(1)),
  kind: z.optional(z.enum(['step', 'lease', 'plan-check'])),
});

/** The step a dead-lettered message names, or why it names none. */
export const stepOfMessage = (body: string): { fire: UndeliveredFire } | { unreadable: string } => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { unreadable: 'not_json' };
  }
  // Lambda's async destination record wraps the invocation's payload; the Scheduler's DLQ message is the payload.
  const payload = parsed && typeof parsed === 'object' && 'requestPayload' in parsed && 'requestContext' in parsed ? (parsed as { requestPayload: unknown }).requestPayload : parsed;
  const step = StepFire.safeParse(payload);
  if (!step.success) return { unreadable: 'not_a_step' };
  if (step.data.kind === 'plan-check') return { unreadable: 'plan_check' };
  const { tenantId, invoiceId, plan, index, scheduledAt, kind } = step.data;
  return { fire: { tenantId, invoiceId, plan, index, scheduledAt, ...(kind === 'lease' ? { kind } : {}) } };
};

export const makeUndeliveredHandler = (deps: UndeliveredFireDeps) => {
  const record = makeRecordUndeliveredFire(deps);
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    const passOn = (message: SQSRecord) => batchItemFailures.push({ itemIdentifier: message.messageId });
    for (const message of event.Records) {
      const source = message.messageAttributes?.ERROR_CODE ? 'scheduler' : 'lambda';
      const step = stepOfMessage(message.body);
      if ('unreadable' in step) {
        // Ids only in the log: the body may be anything.
        logger.warn('undelivered message names no step', { messageId: message.messageId, reason: step.unreadable, source });
        passOn(message);
        continue;
      }
      try {
        const outcome = await record(step.fire);
        logger.info('undelivered reminder', { messageId: message.messageId, source, ...step.fire, ...outcome });
      } catch (error) {
        logger.error('undelivered reminder not recorded', { messageId: message.messageId, source, ...step.fire, error: loggedError(error) });
        passOn(message);
      }
    }
    return { batchItemFailures };
  };
};
