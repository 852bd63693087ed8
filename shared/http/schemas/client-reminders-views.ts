/** The response schemas of client-reminders.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import { businessDate } from './common.js';

export const ItemStatus = z.enum(['sent', 'skipped', 'failed', 'would_send']);
export const ClientReminderView = z.object({
  clientId: z.string(),
  dryRun: z.boolean(),
  messageId: z.string().optional(),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  attachments: z.array(z.object({ fileName: z.string(), size: z.number().int() })),
  notAttached: z.array(z.string()),
  gapUntil: businessDate.optional(),
  items: z.array(z.object({ invoiceId: z.string(), number: z.string().optional(), status: ItemStatus, reason: z.string().optional() })),
});
export const BatchReminderView = z.object({
  items: z.array(z.object({ invoiceId: z.string(), status: z.enum(['sent', 'skipped', 'failed']), reason: z.string().optional() })),
  totals: z.object({ sent: z.number().int(), skipped: z.number().int(), failed: z.number().int() }),
});
