/**
 * The dry run's client rules over a client with many invoices and grouping off: each window goes to the most overdue
 * invoice and every other pending step moves past the gap, round after round, the pending steps sorted by day each
 * time. The day of each instant was formatted (Intl) at every comparison: 30 invoices took 28 s on the local stack
 * for one `GET /invoices/{id}/reminders` (and the overview), past API Gateway's 29 s. Measured on the replay alone.
 */
import { describe, expect, it } from 'vitest';
import { replayClientRules, type PlannedSend } from '../../shared/app/reminders/simulation-client-rules.js';
import { addDays } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, sendInstant } from '../../shared/domain/send-calendar.js';

const at = (date: string) => sendInstant(date, DEFAULT_SEND_CALENDAR).toISOString();

describe('the client rules replayed over 30 ungrouped invoices of one client', () => {
  it('answers in well under a second of work, every step placed, three days apart at least', () => {
    const sends: PlannedSend[] = [];
    // Due every other day from 2026-01-02, each with J+1, J+8 and J+15 (the first ones caught up on Monday 2 March).
    for (let i = 0; i < 30; i++) {
      const due = addDays('2026-01-02', 2 * i);
      [1, 8, 15].forEach((offset, rank) => {
        const nominal = addDays(due, offset);
        sends.push({ invoiceId: `i${i}`, invoiceLabel: `F-${i}`, rank, position: rank + 1, channel: 'email', templateId: 'reminder', at: at(nominal < '2026-03-02' ? '2026-03-02' : nominal), dueDate: due, nominalDate: nominal });
      });
    }
    const started = process.hrtime.bigint();
    const out = replayClientRules(sends, { calendar: DEFAULT_SEND_CALENDAR, minGapDays: 3, groupByClient: false });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(out.filter((r) => r !== undefined)).toHaveLength(sends.length);
    const days = [...new Set(out.filter((r) => !r.skipped).map((r) => r.at.slice(0, 10)))].sort();
    for (let i = 1; i < days.length; i++) expect(addDays(days[i - 1]!, 3) <= days[i]!, `${days[i - 1]} then ${days[i]}`).toBe(true);
    // 28 s before (about 8 million day formats); a few hundred milliseconds after, even on a loaded machine.
    expect(ms, `replay took ${ms.toFixed(0)} ms`).toBeLessThan(4_000);
  });
});
