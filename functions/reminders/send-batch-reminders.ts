import { makeFollowUpList } from '../../shared/app/aggregates/follow-up-list.js';
import { makeSendBatchReminders } from '../../shared/app/reminders/batch-reminders.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { clientRemindersRoutes as routes } from '../../shared/http/routes/client-reminders.js';
import { reminderSendDeps } from '../../shared/wiring-reminder-send.js';
import { wiring } from '../../shared/wiring.js';
import { rowExtras } from '../../shared/wiring-aggregates.js';
import { logReminderItem } from '../../shared/http/reminder-log.js';

const sendBatch = makeSendBatchReminders({
  ...reminderSendDeps(),
  // Grouping the ids by client: one BatchGetItem per 100 invoices (each client's are read again when it is started).
  invoicesByIds: (tenantId, ids) => wiring.invoiceRows().invoices(tenantId, ids),
  list: makeFollowUpList({ invoices: wiring.invoices(), rows: wiring.invoiceRows(), aggregates: rowExtras(), settings: wiring.settings(), clock: wiring.clock }),
});
export const handler = httpHandler(
  routes.sendBatchReminders,
  async ({ tenantId, body, log }) => {
    const result = await sendBatch(tenantId, body);
    // One line per invoice: sent, skipped or failed, and why (the alarm on failed reminders leads here).
    for (const item of result.items) logReminderItem(log, item);
    return ok(result);
  },
  wiring,
);
