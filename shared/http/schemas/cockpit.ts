import { z } from 'zod';
import { businessDate, id } from './common.js';

export const CockpitQuery = z.object({ asOf: businessDate.optional() });

const int = z.number().int();
const periods = z.object({ month: int, quarter: int, year: int });

export const CockpitView = z.object({
  asOf: businessDate,
  currency: z.literal('EUR'),
  outstandingCents: int,
  overdueCents: int,
  openInvoices: int,
  overdueInvoices: int,
  aging: z.array(z.object({ bucket: z.enum(['not_due', '1_30', '31_60', '61_90', '90_plus']), balanceCents: int, count: int })),
  invoicedCents: periods,
  collectedCents: periods,
  dsoDays: z.number().nullable(),
  avgDaysToPay: z.number().nullable(),
  forecast: z.array(z.object({ weekStart: businessDate, expectedCents: int })),
  topLateClients: z.array(z.object({ clientId: id, name: z.string(), overdueCents: int, balanceCents: int, overdueInvoices: int, oldestDaysLate: int })),
  reminders: z.object({
    sentThisMonth: int,
    steps: z.array(z.object({ stepId: z.string(), sent: int, paidWithin7Days: int, share: z.number() })),
    medianDaysFirstReminderToPayment: z.number().nullable(),
    bounces: int,
  }),
});
