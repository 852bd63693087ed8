import type { Clock, InvoiceRepository, ReminderScheduler, TimelineRecord } from '../ports.js';
import { loadReminderContext, planFor, scheduleName, schedulePrefix, type ReminderReadDeps } from './reminder-context.js';

export interface ReconcileDeps extends ReminderReadDeps {
  readonly scheduler: ReminderScheduler;
  readonly invoices: InvoiceRepository;
  readonly clock: Clock;
}

export interface ReconcileResult {
  readonly created: string[];
  readonly deleted: string[];
}

/**
 * Makes the Scheduler hold exactly one schedule per future step of the invoice's plan:
 * derives the desired schedules from DynamoDB state with the pure planner, then creates the
 * missing ones and deletes the obsolete ones. Idempotent, so the stream may deliver twice;
 * a stale schedule that fires anyway finds the step changed and sends nothing.
 */
export const makeReconcileSchedules = (deps: ReconcileDeps) =>
  async (tenantId: string, invoiceId: string): Promise<ReconcileResult> => {
    const now = deps.clock.now();
    const [ctx, existing] = await Promise.all([
      loadReminderContext(deps, tenantId, invoiceId),
      deps.scheduler.list(schedulePrefix(invoiceId)),
    ]);
    const desired = new Map(
      (ctx ? planFor(ctx, now) : [])
        .filter((s) => s.state === 'scheduled' && s.scheduledAt && s.localTime)
        .map((s) => [scheduleName(invoiceId, s.stepId, s.scheduledAt!), s]),
    );
    const existingNames = new Set(existing.map((s) => s.name));
    const deleted = [...existingNames].filter((name) => !desired.has(name));
    const toCreate = [...desired].filter(([name]) => !existingNames.has(name));

    await Promise.all(deleted.map((name) => deps.scheduler.delete(name)));
    await Promise.all(
      toCreate.map(([name, step]) =>
        deps.scheduler.create({
          name,
          localTime: step.localTime!,
          timeZone: ctx!.settings.timezone,
          input: { tenantId, invoiceId, stepId: step.stepId, scheduledAt: step.scheduledAt! },
          description: `Relances ${ctx!.invoice.number ?? invoiceId} step ${step.stepId}`,
        }),
      ),
    );

    const at = now.toISOString();
    const events: TimelineRecord[] = [
      ...toCreate.map(([, s]) => ({ at, type: 'reminder.scheduled', data: { stepId: s.stepId, templateId: s.templateId, scheduledAt: s.scheduledAt } })),
      ...deleted.map((name) => ({ at, type: 'reminder.unscheduled', data: { schedule: name } })),
    ];
    if (ctx && events.length > 0) await deps.invoices.appendEvents(tenantId, invoiceId, events);
    return { created: toCreate.map(([name]) => name), deleted };
  };
