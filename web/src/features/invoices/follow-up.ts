/** The follow-up tabs, each one filter of `GET /invoices` (served by a Query on the API side). */
import { addDaysIso } from '../../lib/dates';
import type { InvoiceQuery } from './api';

export const TABS = ['toChase', 'overdue', 'partial', 'reminded', 'notReminded', 'dueSoon', 'litigation', 'drafts', 'all'] as const;
export type Tab = (typeof TABS)[number];

export const DUE_SOON_DAYS = 7;

export const tabQuery = (tab: Tab, today: string): InvoiceQuery => {
  switch (tab) {
    case 'toChase':
      return { overdue: 'true', reminded: 'false' };
    case 'overdue':
      return { status: 'overdue' };
    case 'partial':
      return { status: 'partially_paid' };
    case 'reminded':
      return { reminded: 'true' };
    // Awaiting payment, partially paid included (status=sent would leave those out).
    case 'notReminded':
      return { open: 'true', reminded: 'false' };
    case 'dueSoon':
      return { open: 'true', dueFrom: today, dueTo: addDaysIso(today, DUE_SOON_DAYS) };
    case 'litigation':
      return { status: 'litigation' };
    case 'drafts':
      return { status: 'draft' };
    case 'all':
      return {};
  }
};

export const isTab = (value: string | null): value is Tab => (TABS as readonly string[]).includes(value ?? '');

/** Sorts the API offers (amount, days late and last reminder run descending, client ascending). */
export const SORTS = ['dueDate', '-dueDate', 'amount', 'daysLate', 'client', 'lastReminder'] as const;

/** Lateness buckets, the same as the cockpit's aging bars. */
export const LATENESS = ['1to30', '31to60', '61to90', '90'] as const;
export const latenessQuery = (bucket: (typeof LATENESS)[number] | ''): InvoiceQuery => {
  switch (bucket) {
    case '1to30':
      return { minDaysLate: 1, maxDaysLate: 30 };
    case '31to60':
      return { minDaysLate: 31, maxDaysLate: 60 };
    case '61to90':
      return { minDaysLate: 61, maxDaysLate: 90 };
    case '90':
      return { minDaysLate: 91 };
    case '':
      return {};
  }
};
