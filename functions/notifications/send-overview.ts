/** Fired by a tenant's recurring schedule: the daily overview email (issue 10 §5). */
import type { SendOverviewOutcome } from '../../shared/app/notifications/daily-overview.js';
import { sendDailyOverview } from '../../shared/wiring-notifications.js';

const send = sendDailyOverview();

/** `scheduledTime` is the Scheduler's `<aws.scheduler.scheduled-time>`: the day is that instant's, even on a replayed clock. */
export const handler = async (event: { kind: 'overview'; tenantId: string; scheduledTime?: string }): Promise<SendOverviewOutcome> =>
  send(event.tenantId, event.scheduledTime ? new Date(event.scheduledTime) : new Date());
