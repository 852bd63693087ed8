/** Ports — The owner's notifications, the payment log of each day and the daily overview's ledger. */
import type { Notification } from '../../domain/notification.js';
import type { Page, PageRequest } from './system.js';

export interface NotificationRepository {
  /** Stores it unless one with its id exists (a repeated or late stream record); `created` says which. */
  create(notification: Notification): Promise<{ readonly created: boolean; readonly notification: Notification }>;
  get(tenantId: string, id: string): Promise<Notification | undefined>;
  /** Records what became of the immediate email. */
  setEmail(tenantId: string, id: string, email: Notification['email']): Promise<void>;
  /** Newest first; `unread` reads the unread ones only (their own index, not a filter). */
  list(tenantId: string, filter: { readonly unread?: boolean }, page: PageRequest): Promise<Page<Notification>>;
  /** Marks it read (once: a second call keeps the first `readAt`); undefined when there is no such notification. */
  markRead(tenantId: string, id: string, at: string): Promise<Notification | undefined>;
  /**
   * Claims the daily overview of `date` (at most one email per tenant and day, whatever the
   * Scheduler repeats); false when it was already claimed.
   */
  claimOverview(tenantId: string, date: string, at: string): Promise<boolean>;
  /** Gives the day's claim back (the email failed: a retry of the fire may send it). */
  releaseOverview(tenantId: string, date: string): Promise<void>;
}

/** A payment as the daily overview lists it, filed under its date. */
export interface PaymentLogEntry {
  readonly date: string;
  readonly invoiceId: string;
  readonly paymentId: string;
  readonly invoiceNumber?: string;
  readonly clientName: string;
  readonly amountCents: number;
  readonly method: string;
}

/** Payments by date across a tenant's invoices (kept from the stream; the overview reads one day). */
export interface PaymentLog {
  put(tenantId: string, entry: PaymentLogEntry): Promise<void>;
  remove(tenantId: string, entry: Pick<PaymentLogEntry, 'date' | 'invoiceId' | 'paymentId'>): Promise<void>;
  onDate(tenantId: string, date: string): Promise<PaymentLogEntry[]>;
}
