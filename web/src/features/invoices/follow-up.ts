/** The follow-up tabs, each one filter of `GET /invoices` (served by a Query on the API side). */
import { addDaysIso } from '../../lib/dates';
import type { InvoiceQuery } from './api';

export const TABS = ['toChase', 'overdue', 'partial', 'reminded', 'notReminded', 'dueSoon', 'drafts', 'all'] as const;
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
    case 'notReminded':
      return { status: 'sent', reminded: 'false' };
    case 'dueSoon':
      return { status: 'sent', overdue: 'false', dueFrom: today, dueTo: addDaysIso(today, DUE_SOON_DAYS) };
    case 'drafts':
      return { status: 'draft' };
    case 'all':
      return {};
  }
};

export const isTab = (value: string | null): value is Tab => (TABS as readonly string[]).includes(value ?? '');
