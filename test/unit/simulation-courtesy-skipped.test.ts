/**
 * The dry run after a courtesy step the client's gap pushes onto its due date. The invoice's steps are recorded at least
 * `minGapDays` apart (J+1 the gap after the J-5). When the J-5 fires within the gap of another invoice's message and the
 * gap would put it on its due date, the engine skips it (`due_passed`, send-reminder.ts `moveTo`) and the re-plan that
 * follows places J+1 and the later steps without that gap (nothing went out): J+1 on its own day. The dry run kept them
 * where they were recorded, a day late (seen on the local stack on 2026-11-28: J+1 shown on 5 January, sent on the 4th,
 * J+8 and J+15 a day earlier than shown as well). Here the engine itself runs over the same in-memory tables and
 * sends what the dry run said, on the days it said.
 */
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/dates.js';
import { DEFAULT_SEND_CALENDAR, sendInstant } from '../../shared/domain/send-calendar.js';
import { replayClientRules, type PlannedSend } from '../../shared/app/reminders/simulation-client-rules.js';
import { engineWorld as world } from '../fixtures/engine-world.js';

const TZ = 'Europe/Paris';
const day = (instant: string) => localDate(new Date(instant), TZ);

describe('the dry run of the steps after a courtesy step the client gap skips', () => {
  it('dates J+1, J+8 and J+15 as the engine re-plans them, and the engine sends them then', async () => {
    // 28 November 2026, the default scenario (J-5, J+1, J+8, J+15), one client, 7 days between two messages, each
    // invoice its own messages. a, due 9 December: J-5 on 4 December, J+1 on the 11th (the gap after it), J+8 on the
    // 18th, J+15 (Christmas, then the weekend) on Monday 28 December. b, due Sunday 3 January: J-5 on Tuesday 29
    // December, within a's gap; the gap would put it on 4 January, past its due date: skipped. Its J+1 was recorded on
    // 5 January (the gap after its J-5): the engine re-plans it on its own day, Monday 4 January (28 December + 7).
    const w = await world('2026-11-28T10:00:00.000Z', { minGapDays: 7, groupByClient: false });
    await w.send('a', '2026-12-09');
    await w.send('b', '2027-01-03');
    const recorded = (await w.steps.list('acme', 'b')).map((r) => [r.stepId, day(r.scheduledAt!)]);
    expect(recorded).toEqual([['j-5', '2026-12-29'], ['j+1', '2027-01-05'], ['j+8', '2027-01-12'], ['j+15', '2027-01-19'], ['escalate', '2027-02-03']]);

    const { items } = await w.simulate('acme', { from: '2026-11-28', to: '2027-02-28' });
    const shown = (id: string) => items.filter((i) => i.invoiceId === id).map((i) => [i.stepId, i.action === 'skip' ? `skipped ${i.reason}` : `${i.action === 'send' ? 'sent' : 'done'} ${day(i.at!)}`]);
    expect(shown('a')).toEqual([['j-5', 'sent 2026-12-04'], ['j+1', 'sent 2026-12-11'], ['j+8', 'sent 2026-12-18'], ['j+15', 'sent 2026-12-28'], ['escalate', 'done 2027-01-12']]);
    expect(shown('b')).toEqual([['j-5', 'skipped due_passed'], ['j+1', 'sent 2027-01-04'], ['j+8', 'sent 2027-01-11'], ['j+15', 'sent 2027-01-18'], ['escalate', 'done 2027-02-02']]);
    // Said so: earlier than recorded, because the courtesy step sends nothing.
    expect(items.find((i) => i.invoiceId === 'b' && i.stepId === 'j+1')).toMatchObject({ reason: 'courtesy_skipped', plannedAt: sendInstant('2027-01-05', DEFAULT_SEND_CALENDAR).toISOString() });
    // The invoice's plan says when it goes too (`expectedAt`), as the dry run computes it.
    const plan = await w.plan('acme', 'b');
    expect(plan.filter((s) => s.stepId !== 'j-5').map((s) => [s.stepId, s.expectedAt && day(s.expectedAt), s.movedBy])).toEqual([
      ['j+1', '2027-01-04', 'courtesy_skipped'],
      ['j+8', '2027-01-11', 'courtesy_skipped'],
      ['j+15', '2027-01-18', 'courtesy_skipped'],
      ['escalate', '2027-02-02', 'courtesy_skipped'],
    ]);
    expect(plan.find((s) => s.stepId === 'j-5')?.expectedSkip).toBe('due_passed');
    // The morning overview of 4 January lists it going out, and the one of the 5th, the day it was recorded on, no longer does.
    expect((await w.overview('acme', '2027-01-04')).reminders.map((r) => [r.invoiceId, r.stepId, day(r.scheduledAt)])).toEqual([['b', 'j+1', '2027-01-04']]);
    expect((await w.overview('acme', '2027-01-05')).reminders).toEqual([]);
    expect((await w.overview('acme', '2026-12-29')).reminders.map((r) => [r.invoiceId, r.stepId, r.skippedBy])).toEqual([['b', 'j-5', 'due_passed']]);

    await w.runUntil('2027-02-28T23:00:00.000Z');
    for (const id of ['a', 'b']) expect(await w.outcome(id), id).toEqual(shown(id));
  });

  // A second invoice due 6 to 13 days after the first, grouped or not: its J-5 falls within the gap of the first's J+1
  // (skipped, or sent before its due date) or not; whatever happens, the dry run says what the engine then does.
  for (const groupByClient of [false, true]) {
    it(`agrees with the engine step for step whichever day the second invoice is due (${groupByClient ? 'grouped' : 'not grouped'})`, async () => {
      const skipped: number[] = [];
      for (let k = 6; k <= 13; k++) {
        const w = await world('2026-11-28T10:00:00.000Z', { minGapDays: 7, groupByClient });
        await w.send('a', '2026-12-09');
        await w.send('b', addDays('2026-12-09', k));
        const { items } = await w.simulate('acme', { from: '2026-11-28', to: '2027-03-31' });
        const shown = (id: string) => items.filter((i) => i.invoiceId === id).map((i) => [i.stepId, i.action === 'skip' ? `skipped ${i.reason}` : `${i.action === 'send' ? 'sent' : 'done'} ${day(i.at!)}`]);
        if (shown('b')[0]?.[1] === 'skipped due_passed') skipped.push(k);
        await w.runUntil('2027-03-31T20:00:00.000Z');
        for (const id of ['a', 'b']) expect(await w.outcome(id), `${id}, b due 9 December + ${k}`).toEqual(shown(id));
      }
      // The case at hand is among them.
      expect(skipped.length).toBeGreaterThan(0);
    });
  }
});

describe('the client rules replayed after a courtesy step they skip', () => {
  // 2026-03-02 is a Monday; messages go at 09:00 Paris (08:00 UTC in March).
  const at = (date: string) => sendInstant(date, DEFAULT_SEND_CALENDAR).toISOString();
  const send = (invoiceId: string, rank: number, date: string, over: Partial<PlannedSend> = {}): PlannedSend => ({
    invoiceId, invoiceLabel: `F-${invoiceId}`, rank, channel: 'email', templateId: 'reminder', at: at(date), ...over,
  });
  const rules = { calendar: DEFAULT_SEND_CALENDAR, minGapDays: 7, groupByClient: false };

  it('brings the later steps to where the engine re-plans them, then applies the client rules to them', () => {
    // a's J+1 on Monday 2 March; b (due Monday 9) has its J-5 on Wednesday 4 (within the gap: pushed to the 9th, its due
    // date: skipped), its J+1 recorded on Wednesday 11 (the gap after its J-5), re-planned on Tuesday 10, its own day.
    const sends = [
      send('a', 1, '2026-03-02', { dueDate: '2026-03-01' }),
      send('b', 0, '2026-03-04', { templateId: 'courtesy', dueDate: '2026-03-09', noSendFrom: '2026-03-09' }),
      send('b', 1, '2026-03-11', { dueDate: '2026-03-09', nominalDate: '2026-03-10', courtesySkippedAt: at('2026-03-10') }),
      send('b', 2, '2026-03-18', { dueDate: '2026-03-09', nominalDate: '2026-03-17', courtesySkippedAt: at('2026-03-17') }),
    ];
    const out = replayClientRules(sends, rules);
    expect(out[1]).toMatchObject({ skipped: 'due_passed' });
    expect(out[2]).toEqual({ at: at('2026-03-10'), movedBy: 'courtesy_skipped' });
    expect(out[3]).toEqual({ at: at('2026-03-17'), movedBy: 'courtesy_skipped' });
    // Without the engine's re-plan (the steps kept where they were recorded) they stay a day late: what the dry run said before.
    const recorded = replayClientRules(sends.map(({ courtesySkippedAt: _, ...s }) => s), rules);
    expect(recorded.slice(2).map((r) => r.at)).toEqual([at('2026-03-11'), at('2026-03-18')]);
  });

  it('moves a re-planned step still within the client’s gap past it, carrying the next one as the engine’s plan does', () => {
    // a's message on Tuesday 3 March holds the client until the 10th: b's J+1, re-planned on Monday 9 (its own day), goes on
    // Tuesday 10, a day after its own day, and J+8 (nominal Monday 16) keeps its spacing: Tuesday 17.
    const sends = [
      send('a', 1, '2026-03-03', { dueDate: '2026-03-02' }),
      send('b', 0, '2026-03-04', { templateId: 'courtesy', dueDate: '2026-03-08', noSendFrom: '2026-03-08' }),
      send('b', 1, '2026-03-11', { dueDate: '2026-03-08', nominalDate: '2026-03-09', courtesySkippedAt: at('2026-03-09') }),
      send('b', 2, '2026-03-18', { dueDate: '2026-03-08', nominalDate: '2026-03-16', courtesySkippedAt: at('2026-03-16') }),
    ];
    const out = replayClientRules(sends, rules);
    expect(out[1]).toMatchObject({ skipped: 'due_passed' });
    expect(out[2]).toEqual({ at: at('2026-03-10'), movedBy: 'gap' });
    expect(out[3]).toEqual({ at: at('2026-03-17'), movedBy: 'gap' });
  });
});
