/**
 * A grouped message in a firmer tone stands for the overdue member's next step with that text (within 8 days)
 * and the gentler ones before it: once. The send path records them `skipped: group_sent`; the reconciler then
 * re-applies the coverage only if that write is missing (`stepsSentInGroup`). It took the step already skipped
 * for done and covered the next step with the same text as well: on the local stack an invoice whose J+0 went out
 * in a client's firm message had its J+1 *and* its J+2 (both firm) skipped, the dry run showing J+2 going out. The
 * dry run did the same for a message of three invoices (its coverage applied again as each invoice joined it).
 */
import { describe, expect, it } from 'vitest';
import { stepsSentInGroup } from '../../shared/app/reminders/manual-coverage.js';
import { replayClientRules, type PlannedSend } from '../../shared/app/reminders/simulation-client-rules.js';
import { DEFAULT_SEND_CALENDAR, sendInstant } from '../../shared/domain/send-calendar.js';
import type { StepRecordItem } from '../../shared/domain/step.js';

const SENT_AT = '2026-12-07T08:00:00.000Z';
const step = (index: number, stepId: string, templateId: string, scheduledAt: string, more: Partial<StepRecordItem> = {}): StepRecordItem => ({
  plan: 1, index, stepId, templateId, state: 'scheduled', at: '2026-11-27T16:00:00.000Z', scheduledAt, attempts: 0, ...more,
});
// Due Saturday 5 December: J-3 and J+0 went out in the client's firm messages; J+0's firm message stands for J+1 (firm).
const plan = (j1: Partial<StepRecordItem>): StepRecordItem[] => [
  step(0, 'j-3', 'courtesy', '2026-12-03T08:00:00.000Z', { state: 'sent', at: '2026-12-03T08:00:00.000Z', sentAt: '2026-12-03T08:00:00.000Z' }),
  step(1, 'j0', 'reminder', '2026-12-07T08:00:00.000Z', { state: 'sent', at: SENT_AT, sentAt: SENT_AT, groupCovers: 'firm' }),
  step(2, 'j+1', 'firm', '2026-12-10T08:00:00.000Z', j1),
  step(3, 'j+2', 'firm', '2026-12-14T08:00:00.000Z'),
  step(4, 'j+20', 'formal-notice', '2027-01-04T08:00:00.000Z'),
  step(5, 'escalate', 'escalate', '2027-01-19T08:00:00.000Z'),
];

describe('the coverage of a firmer grouped message, re-applied by the reconciler', () => {
  it('names the step the message stands for while the send path has not skipped it', () => {
    expect(stepsSentInGroup(plan({})).map((s) => s.stepId)).toEqual(['j+1']);
  });

  it('covers nothing more once that step is skipped: the next step with the same text still goes', () => {
    expect(stepsSentInGroup(plan({ state: 'skipped', reason: 'group_sent', at: SENT_AT })).map((s) => s.stepId)).toEqual([]);
  });
});

describe('the dry run of the same coverage, in a message of three invoices', () => {
  // Monday 2 March 2026, 09:00 Paris. a (long overdue): its firm step; b (due the Friday before): its first reminder,
  // then two firm steps; c (not due yet): its courtesy step. One message, in a's firm tone.
  const at = (date: string) => sendInstant(date, DEFAULT_SEND_CALENDAR).toISOString();
  const send = (invoiceId: string, rank: number, date: string, templateId: string, dueDate: string): PlannedSend => ({
    invoiceId, invoiceLabel: `F-${invoiceId}`, rank, channel: 'email', templateId, tone: templateId as PlannedSend['tone'], at: at(date), dueDate,
  });
  const sends = [
    send('a', 2, '2026-03-02', 'firm', '2026-02-10'),
    send('b', 1, '2026-03-02', 'reminder', '2026-02-27'),
    send('b', 2, '2026-03-05', 'firm', '2026-02-27'),
    send('b', 3, '2026-03-09', 'firm', '2026-02-27'),
    send('c', 0, '2026-03-02', 'courtesy', '2026-03-06'),
  ];

  it('skips the one step the firm message stands for, whatever the number of invoices joining it after', () => {
    const out = replayClientRules(sends, { calendar: DEFAULT_SEND_CALENDAR, minGapDays: 0, groupByClient: true });
    expect(out[0]!.groupedWith).toEqual(['F-b', 'F-c']);
    expect(out.map((r) => r.skipped)).toEqual([undefined, undefined, 'group_sent', undefined, undefined]);
    expect(out[3]!.at).toBe(at('2026-03-09'));
  });
});
