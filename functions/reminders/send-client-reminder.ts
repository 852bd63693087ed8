import { makeSendClientReminder } from '../../shared/app/reminders/client-reminders.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { created, ok } from '../../shared/http/responses.js';
import { clientRemindersRoutes as routes } from '../../shared/http/routes/client-reminders.js';
import { reminderSendDeps } from '../../shared/wiring-reminder-send.js';
import { wiring } from '../../shared/wiring.js';
import { logReminderItem } from '../../shared/http/reminder-log.js';

const sendClientReminder = makeSendClientReminder(reminderSendDeps());
export const handler = httpHandler(
  routes.sendClientReminder,
  async ({ tenantId, params, query, body, log }) => {
    const result = await sendClientReminder(tenantId, params.id, body, query.dryRun === true);
    // One line per invoice of the message (a dry run sends nothing): what became of it, as a scheduled fire's line says.
    if (!result.dryRun) for (const item of result.items) logReminderItem(log, item, result.messageId);
    return result.dryRun ? ok(result) : created(result);
  },
  wiring,
);
