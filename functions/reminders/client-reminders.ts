import { byRoute } from '../../shared/http/http-handler.js';
import { handler as sendClientReminder } from './send-client-reminder.js';
import { handler as sendBatchReminders } from './send-batch-reminders.js';

/** The Lambda behind the reminder routes that send several invoices at once (PDFs, SES): one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(sendClientReminder, sendBatchReminders);
