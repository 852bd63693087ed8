import { createHash } from 'node:crypto';
import { overviewCron } from '../../domain/notification.js';
import type { RecurringScheduler, SettingsRepository } from '../ports.js';

/** Deterministic per tenant and within the Scheduler's 64 characters of [0-9A-Za-z-_.] (tenant ids may hold `@`). */
export const overviewScheduleName = (tenantId: string): string => `ov-${createHash('sha256').update(tenantId).digest('hex').slice(0, 40)}`;

/**
 * Keeps the tenant's one recurring daily-overview schedule in step with its settings: created when
 * the tenant first saves them, updated when the hour or the time zone changes, deleted when the
 * overview is switched off. Reads the settings as they are now, so a repeated or late stream
 * record converges on the same schedule.
 */
export const makeSyncOverviewSchedule = ({ settings, scheduler }: { settings: SettingsRepository; scheduler: RecurringScheduler }) =>
  async (tenantId: string): Promise<'put' | 'deleted'> => {
    const current = await settings.get(tenantId);
    const name = overviewScheduleName(tenantId);
    if (!current.notifications.dailyOverview) {
      await scheduler.delete(name);
      return 'deleted';
    }
    await scheduler.putRecurring({
      name,
      cron: overviewCron(current.notifications.overviewHour),
      timeZone: current.timezone,
      input: { kind: 'overview', tenantId },
      description: 'Relances daily overview',
    });
    return 'put';
  };
