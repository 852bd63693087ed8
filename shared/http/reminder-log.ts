import type { RequestLog } from './http-handler.js';

/**
 * The log line of one invoice of a reminder sent by hand for a client or a batch (client-reminders): its id, what became
 * of it and why, the message's id; the request's own ids come with `log`. Never the addresses or the text.
 */
export const logReminderItem = (
  log: RequestLog,
  item: { readonly invoiceId: string; readonly status: string; readonly reason?: string },
  messageId?: string,
): void =>
  log('reminder', { invoiceId: item.invoiceId, outcome: item.status, manual: true, ...(item.reason ? { reason: item.reason } : {}), ...(messageId && item.status === 'sent' ? { messageId } : {}) });
