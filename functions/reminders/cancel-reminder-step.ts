import { makeCancelReminderStep } from '../../shared/app/reminders/cancel-step.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const cancelStep = makeCancelReminderStep({ invoices: invoiceRepository(), steps: wiring.steps(), clock: wiring.clock });
export const handler = httpHandler(routes.cancelReminderStep, async ({ tenantId, params }) => ok(await cancelStep(tenantId, params.id, params.stepId)));
