/** The response schemas of notifications.ts (for /openapi.json only: the API functions never build them). */
import * as z from 'zod';
import { NOTIFICATION_KINDS } from '../../domain/notification.js';
import { businessDate, cents, instant } from './common.js';

export const NotificationView = z.object({
  /** The id of the timeline event it comes from. */
  id: z.string(),
  /** When the event happened. */
  at: instant,
  kind: z.enum(NOTIFICATION_KINDS),
  invoiceId: z.string(),
  invoiceNumber: z.string().optional(),
  clientName: z.string(),
  /** The invoice's client (the screen links a skipped step's alert to it, to add the missing number or address); absent on older notifications. */
  clientId: z.string().optional(),
  read: z.boolean(),
  readAt: instant.optional(),
  /** Facts of the event: `date` (promise, "j'ai payé"), `reason` (dispute), `reference`, `recipients` (bounce), `stepId`, `instalments`. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export const ReadAllResult = z.object({ marked: z.number().int(), remaining: z.boolean() });
export const invoiceRef = { invoiceId: z.string(), invoiceNumber: z.string().optional(), clientName: z.string() };
export const OverviewView = z.object({
  date: businessDate,
  timezone: z.string(),
  /** Steps going out that day, each with the route that cancels it. */
  reminders: z.array(
    z.object({
      ...invoiceRef,
      stepId: z.string(),
      templateId: z.string(),
      /** A text or a letter step (absent: an email); a letter step produces the letter the owner then posts. */
      channel: z.enum(['sms', 'letter']).optional(),
      scheduledAt: instant,
      cancel: z.object({ method: z.literal('POST'), path: z.string() }),
      /** The step cannot reach the client on its channel as the client stands: every email address bounced, no mobile, no postal address (it will be `skipped` with that reason). */
      undeliverable: z.enum(['address_failing', 'no_phone', 'no_postal_address']).optional(),
      /**
       * The client rules of the send path will send it on a later day (as `GET /reminders/simulation` shows it): when,
       * and why (`gap`: the client gets another message within `minGapDays`; `same_day`, `order`). Not going out that day.
       */
      postponedTo: instant.optional(),
      postponedBy: z.string().optional(),
      /** A courtesy step the client rules push onto its due date: skipped (`due_passed`) when it fires, not going out at all. */
      skippedBy: z.enum(['due_passed']).optional(),
    }),
  ),
  /** Letter steps waiting to be posted (`to_post`). */
  letters: z.array(
    z.object({
      ...invoiceRef,
      stepId: z.string(),
      templateId: z.string(),
      since: instant,
      /** A letter listing several invoices of the client: listed once, by its first step; posting any of its steps closes them all. */
      letterId: z.string().optional(),
      invoiceNumbers: z.array(z.string()).optional(),
    }),
  ),
  /** Payments dated the day before. */
  payments: z.array(z.object({ ...invoiceRef, paymentId: z.string(), amountCents: cents, method: z.string() })),
  /** Open invoices due the day before: overdue from that day. */
  newlyOverdue: z.array(z.object({ ...invoiceRef, dueDate: businessDate, balanceCents: cents })),
  /** Unread notifications, newest first (at most 50). */
  alerts: z.array(NotificationView),
});
