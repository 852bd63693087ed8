/**
 * Owner notifications (issue 10 §5): what the owner must know without looking, derived from the
 * invoice timeline. Events the owner made himself (a pause, a dispute he recorded) never notify him.
 */
import type { Settings } from './settings.js';

export const NOTIFICATION_KINDS = ['bounce', 'complaint', 'dispute', 'promise', 'paid_claim', 'send_failed', 'unknown_outcome', 'plan_request', 'plan_missed', 'litigation', 'step_skipped'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Skip reasons that need the owner: the client lacks what the step's channel needs (a mobile number
 * for a text, a postal address for a letter). Every other skip is the owner's own doing or the
 * invoice's state (paid, paused, disputed…), or already alerted (a bouncing address: `bounce`).
 */
export const ALERTING_SKIP_REASONS: readonly string[] = ['no_phone', 'no_postal_address'];

/** Small facts of the event worth showing (a promised date, a dispute reason, the bounced address). */
export type NotificationDetail = Readonly<Record<string, string | number | boolean>>;

export interface Notification {
  /** The id of the timeline event it comes from (one notification per event, whatever the stream repeats). */
  readonly id: string;
  readonly tenantId: string;
  /** When the event happened. */
  readonly at: string;
  readonly kind: NotificationKind;
  readonly invoiceId: string;
  readonly invoiceNumber?: string;
  readonly clientName: string;
  /** The invoice's client: where the owner fixes what a skipped step lacked (absent on notifications filed before it was kept). */
  readonly clientId?: string;
  readonly read: boolean;
  readonly readAt?: string;
  readonly detail?: NotificationDetail;
  /** The immediate email: `pending` until tried, then `sent`, `failed`, or `off` (switched off or no address). */
  readonly email: 'pending' | 'sent' | 'failed' | 'off';
}

/** The timeline event as the stream shows it. */
export interface TimelineEventImage {
  readonly type: string;
  readonly at: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** The facts an alert carries (`detail`): the web app names each one (web/src/features/notifications/texts.ts). */
export const DETAIL_FIELDS = ['date', 'reference', 'reason', 'stepId', 'instalments', 'until', 'bounceType', 'note', 'cause', 'held', 'creditNote'] as const;

const detailOf = (data: Readonly<Record<string, unknown>> = {}): NotificationDetail | undefined => {
  const detail: Record<string, string | number | boolean> = {};
  for (const field of DETAIL_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') detail[field] = value;
  }
  // A plan request lists its instalments: the owner is told how many.
  if (Array.isArray(data.instalments)) detail.instalments = data.instalments.length;
  // A missed instalment's date is its due date.
  if (detail.date === undefined && typeof data.dueDate === 'string') detail.date = data.dueDate;
  const recipients = data.recipients;
  if (Array.isArray(recipients) && recipients.length > 0) detail.recipients = recipients.filter((r) => typeof r === 'string').join(', ');
  return Object.keys(detail).length > 0 ? detail : undefined;
};

/**
 * The kind of notification a timeline event makes, or undefined when it tells the owner nothing
 * new: a transient bounce (SES retries it), an automatic litigation switch is news but one the
 * owner asked for is not, and the events the owner wrote himself.
 */
export const notificationKindOf = (event: TimelineEventImage): NotificationKind | undefined => {
  const data = event.data ?? {};
  switch (event.type) {
    // A grouped reminder's bounce or complaint is on each of its invoices' timelines; only the lead's (no `groupOf`) alerts the owner.
    case 'email.bounced':
      return data.bounceType === 'Transient' || data.groupOf ? undefined : 'bounce';
    case 'email.complained':
      return data.groupOf ? undefined : 'complaint';
    case 'portal.disputed':
      return 'dispute';
    case 'portal.promised':
      return 'promise';
    case 'portal.paid_claimed':
      return 'paid_claim';
    case 'owner.alerted':
      return data.reason === 'send_failed' || data.reason === 'unknown_outcome' ? data.reason : undefined;
    // A credit note SES refused: issued all the same, the client never got it (`detail.creditNote` names it).
    case 'credit_note.email_failed':
      return 'send_failed';
    case 'plan.requested':
      return 'plan_request';
    // The plan ended on an instalment missed for good: the invoice's own reminders take over.
    case 'instalment.missed':
      return 'plan_missed';
    case 'invoice.litigation':
      return data.auto === true ? 'litigation' : undefined;
    // A step the client's details keep from going out (its skip is recorded once: one alert per step).
    case 'reminder.skipped':
      return typeof data.reason === 'string' && ALERTING_SKIP_REASONS.includes(data.reason) ? 'step_skipped' : undefined;
    default:
      return undefined;
  }
};

/** What a notification is made of, before the invoice's number and client are looked up. */
export const notificationFacts = (event: TimelineEventImage): { kind: NotificationKind; at: string; detail?: NotificationDetail } | undefined => {
  const kind = notificationKindOf(event);
  if (!kind) return undefined;
  const detail = detailOf(event.data);
  return { kind, at: event.at, ...(detail ? { detail } : {}) };
};

/** Where the owner's notifications go: `notifyEmail`, else the company address; undefined = nowhere. */
export const ownerEmailOf = (settings: Pick<Settings, 'notifyEmail' | 'company'>): string | undefined => settings.notifyEmail ?? settings.company.email;

/** The EventBridge Scheduler cron of the daily overview: every day at `hour`:00 in the schedule's time zone. */
export const overviewCron = (hour: number): string => `cron(0 ${hour} * * ? *)`;
