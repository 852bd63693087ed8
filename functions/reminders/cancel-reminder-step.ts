import { makeGetReminderPlan } from '../../shared/app/reminders/reminder-plan-view.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { makeCancelReminderStep } from '../../shared/app/reminders/cancel-step.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

// A step the plan shows but the stream has not recorded yet (just sent) answers 409; one it never will, 404.
const cancelStep = makeCancelReminderStep({ invoices: invoiceRepository(), steps: wiring.steps(), clock: wiring.clock, shownPlan: makeGetReminderPlan({ ...reminderReadDeps(), clock: wiring.clock }) });
export const handler = httpHandler(routes.cancelReminderStep, async ({ tenantId, params }) => ok(await cancelStep(tenantId, params.id, params.stepId)));
