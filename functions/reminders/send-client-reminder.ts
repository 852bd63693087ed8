import { makeSendClientReminder } from '../../shared/app/reminders/client-reminders.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created, ok } from '../../shared/http/responses.js';
import { clientRemindersRoutes as routes } from '../../shared/http/routes/client-reminders.js';
import { reminderSendDeps } from '../../shared/wiring-reminder-send.js';
import { wiring } from '../../shared/wiring.js';

const sendClientReminder = makeSendClientReminder(reminderSendDeps());
export const handler = httpHandler(
  routes.sendClientReminder,
  async ({ tenantId, params, query, body }) => {
    const result = await sendClientReminder(tenantId, params.id, body, query.dryRun === true);
    return result.dryRun ? ok(result) : created(result);
  },
  wiring,
);
