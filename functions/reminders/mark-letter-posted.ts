import { makeMarkLetterPosted } from '../../shared/app/reminders/letters.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { letterSteps } from '../../shared/wiring-letter-steps.js';

const markLetterPosted = makeMarkLetterPosted({ steps: letterSteps(), invoices: invoiceRepository(), clock: wiring.clock });
export const handler = httpHandler(routes.markLetterPosted, async ({ tenantId, params, body }) => ok(await markLetterPosted(tenantId, params.id, params.stepId, body)));
