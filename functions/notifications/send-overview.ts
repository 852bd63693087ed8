/** Fired by a tenant's recurring schedule: the daily overview email (issue 10 §5). */
import type { Context } from 'aws-lambda';
import type { SendOverviewOutcome } from '../../shared/app/notifications/daily-overview.js';
import { loggedError, logger, redactedError } from '../../shared/adapters/telemetry/powertools-logger.js';
import { sendDailyOverview } from '../../shared/wiring-notifications.js';

const send = sendDailyOverview();

/**
 * `scheduledTime` is the Scheduler's `<aws.scheduler.scheduled-time>`: the day is that instant's, even on a replayed clock.
 * One JSON line per fire with the tenant and Lambda's request id (the owner's address stays out of it).
 */
export const handler = async (event: { kind: 'overview'; tenantId: string; scheduledTime?: string }, context?: Pick<Context, 'awsRequestId'>): Promise<SendOverviewOutcome> => {
  const ids = { tenantId: event.tenantId, ...(event.scheduledTime ? { scheduledTime: event.scheduledTime } : {}), ...(context?.awsRequestId ? { lambdaRequestId: context.awsRequestId } : {}) };
  try {
    const outcome = await send(event.tenantId, event.scheduledTime ? new Date(event.scheduledTime) : new Date());
    logger.info('overview', { ...ids, ...outcome });
    return outcome;
  } catch (error) {
    logger.error('overview failed', { ...ids, error: loggedError(error) });
    throw redactedError(error);
  }
};
