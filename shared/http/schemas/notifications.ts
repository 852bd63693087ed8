import * as z from 'zod';
import { documentDate, id, listQuery } from './common.js';

export const NotificationListQuery = listQuery.extend({
  /** `true`: the unread ones only. */
  unread: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true').optional(),
});

export const OverviewQuery = z.object({
  /** The day (default: today in the tenant's time zone), 2000–2099 as the cockpit's `asOf`. */
  date: documentDate.optional(),
});

export const stepParams = z.object({ id, stepId: z.string().min(1).max(64).regex(/^[0-9A-Za-z_.+-]+$/, { message: 'must be a step id' }) });
