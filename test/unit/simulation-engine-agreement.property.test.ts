/**
 * The dry run against the engine, drawn at random: two to four invoices of one client sent on 28 November 2026, due
 * from 20 days before to 25 days after, the default scenario (J-5, J+1, J+8, J+15, the escalation), a gap of 0 to 10
 * days, grouped or not, a send hour in the morning or at 21:00, in Paris, Nouméa or Cayenne. `GET /reminders/simulation`
 * over the next 120 days, then the engine (send path and re-plans, the stream as on AWS) runs the clock over the same
 * tables: every step the dry run lists ends as it said, sent on the day it said, skipped for the reason it gave, the move
 * to litigation on its day. (test/unit/simulation-courtesy-skipped.test.ts holds the examples; this looks for others.)
 * Left out: the steps after one a firmer grouped message stood for (`group_sent`), with a gap of 10 days, which the dry
 * run dates a few days late (README, Known issues).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { engineWorld as world } from '../fixtures/engine-world.js';

describe('the dry run and the engine, drawn at random', () => {
  it('agree on every step: when it goes, or why it does not', { timeout: 600_000 }, async () => {
    let compared = 0;
    let courtesySkipped = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -20, max: 25 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(0, 3, 5, 7, 10),
        fc.boolean(),
        fc.constantFrom('Europe/Paris', 'Pacific/Noumea', 'America/Cayenne'),
        fc.constantFrom(7, 9, 21),
        async (dues, minGapDays, groupByClient, timezone, sendHour) => {
          const now = '2026-11-28T10:00:00.000Z';
          const w = await world(now, { minGapDays, groupByClient, timezone, sendHour });
          const day = (instant: string) => localDate(new Date(instant), timezone);
          const today = localDate(new Date(now), timezone);
          for (const [i, due] of dues.entries()) await w.send(`i${i}`, addDays(today, due));
          const { items } = await w.simulate('acme', { from: today, to: addDays(today, 120) });
          await w.runUntil(new Date(Date.parse(now) + 119 * 86_400_000).toISOString());
          for (const [i] of dues.entries()) {
            let shown = items.filter((item) => item.invoiceId === `i${i}`).map((item) => [item.stepId, item.action === 'skip' ? `skipped ${item.reason}` : `${item.action === 'send' ? 'sent' : 'done'} ${day(item.at!)}`]);
            const covered = shown.findIndex(([, what]) => what === 'skipped group_sent');
            if (covered >= 0 && minGapDays > 7) shown = shown.slice(0, covered + 1);
            courtesySkipped += items.filter((item) => item.invoiceId === `i${i}` && item.reason === 'courtesy_skipped').length;
            const engine = await w.outcome(`i${i}`);
            expect(shown.map(([stepId]) => engine.find(([s]) => s === stepId) ?? [stepId, 'not recorded']), JSON.stringify({ dues, minGapDays, groupByClient, timezone, sendHour, invoice: i })).toEqual(shown);
            compared += shown.length;
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60), seed: Number(process.env.PROPERTY_SEED ?? 20261128) },
    );
    // The draws reach the case this file is about, and compare many steps.
    expect(courtesySkipped).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(500);
  });
});
