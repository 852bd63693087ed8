import { makeGetReminderPlan } from '../../shared/app/reminders/reminder-plan-view.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { reminderReadDeps } from '../../shared/wiring-reminders.js';
import { wiring } from '../../shared/wiring.js';

const getReminderPlan = makeGetReminderPlan({ ...reminderReadDeps(), clock: wiring.clock, templates: wiring.templates() });
export const handler = httpHandler(routes.reminderPlan, async ({ tenantId, params }) => ok({ items: await getReminderPlan(tenantId, params.id) }));
