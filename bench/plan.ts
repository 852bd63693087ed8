/** `plan`: the pure reminder planner and the invoice totals, in-process. */
import { planReminders } from '../shared/domain/reminder-plan.js';
import { invoiceTotals, type InvoiceLine } from '../shared/domain/invoice.js';
import { VAT_RATES } from '../shared/domain/money.js';
import { aPlanInput, parisTime, sent } from '../test/fixtures/plan-fixtures.js';
import { micro, type MicroResult } from './micro.js';
import { num, type Table } from './stats.js';

/** 50 lines over every VAT rate, with fractional quantities, as a long artisan invoice. */
const fiftyLines = (): InvoiceLine[] =>
  Array.from({ length: 50 }, (_, i) => ({
    description: `Ligne ${i + 1} — fourniture et pose`,
    quantity: [1, 2.5, 0.75, 12, 3.125][i % 5]!,
    unitPriceCents: 1_990 + i * 137,
    vatRate: VAT_RATES[i % VAT_RATES.length]!,
  }));

const row = (name: string, r: MicroResult): string[] => [name, num(r.opsPerSec), num(r.p50Us), num(r.p99Us), String(r.samples)];

export const runPlan = async (): Promise<Table[]> => {
  // B2B default scenario: 4 steps (J-5, J+1, J+8, J+15), Paris business-day calendar.
  const fresh = aPlanInput();
  const midway = aPlanInput({
    now: parisTime('2026-03-16T10:00'),
    history: [sent('j-5', parisTime('2026-03-06T09:00')), sent('j+1', parisTime('2026-03-13T09:00'))],
  });
  if (planReminders(fresh).length !== 4) throw new Error('plan: expected 4 planned steps for the B2B scenario');
  const lines = fiftyLines();

  return [
    {
      title: 'plan — pure domain functions (in-process, single thread)',
      headers: ['function', 'ops/s', 'p50 µs', 'p99 µs', 'samples'],
      rows: [
        row('planReminders, 4 steps, just sent', micro(() => planReminders(fresh))),
        row('planReminders, 4 steps, 2 already sent', micro(() => planReminders(midway))),
        row('invoiceTotals, 50 lines', micro(() => invoiceTotals(lines))),
      ],
      notes: ['p50/p99 are single timed calls (include ~0.1 µs timer overhead); ops/s is from batches of 200.'],
    },
  ];
};
