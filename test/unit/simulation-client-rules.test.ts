import { describe, expect, it } from 'vitest';
import { replayClientRules, type ClientRules, type PlannedSend } from '../../shared/app/reminders/simulation-client-rules.js';
import { DEFAULT_SEND_CALENDAR, sendInstant } from '../../shared/domain/send-calendar.js';

// 2026-03-02 is a Monday; messages go at 09:00 Paris (08:00 UTC in March).
const at = (date: string) => sendInstant(date, DEFAULT_SEND_CALENDAR).toISOString();
const rules = (over: Partial<ClientRules> = {}): ClientRules => ({ calendar: DEFAULT_SEND_CALENDAR, minGapDays: 3, groupByClient: true, ...over });
const send = (invoiceId: string, rank: number, date: string, over: Partial<PlannedSend> = {}): PlannedSend => ({
  invoiceId, invoiceLabel: `F-${invoiceId}`, rank, channel: 'email', templateId: 'reminder', at: at(date), ...over,
});

describe('the client rules replayed over a dry run', () => {
  it('puts two invoices of a client due the same day in one message, naming each other', () => {
    const out = replayClientRules([send('a', 1, '2026-03-02'), send('b', 1, '2026-03-02'), send('c', 1, '2026-03-02')], rules());
    expect(out.map((r) => r.at)).toEqual([at('2026-03-02'), at('2026-03-02'), at('2026-03-02')]);
    expect(out[0]!.groupedWith).toEqual(['F-b', 'F-c']);
    expect(out[2]!.groupedWith).toEqual(['F-a', 'F-b']);
    expect(out.every((r) => r.movedBy === undefined)).toBe(true);
  });

  it('places a step carried by a gap move as the planner does: the gap after the moved step, at the send hour, then a text’s window', () => {
    // Sending at 21:00: J+1 (Tue 3) moved past the gap to Thu 5; the text of J+2 carried to Fri 6 21:00 would wait for
    // Mon 9 08:00 and pass the gap, but the engine's re-plan puts it on the gap's day (Sun 8 → Mon 9) at 21:00, then
    // the texts' window: Tue 10 08:00 (CET: 07:00 UTC).
    const calendar = { ...DEFAULT_SEND_CALENDAR, sendHour: 21 };
    const at21 = (date: string) => sendInstant(date, calendar).toISOString();
    const steps = [
      send('a', 1, '2026-03-03', { at: at21('2026-03-03'), nominalDate: '2026-03-03', dueDate: '2026-03-02' }),
      send('a', 2, '2026-03-05', { at: '2026-03-05T07:00:00.000Z', channel: 'sms', templateId: 'sms-reminder', nominalDate: '2026-03-04', dueDate: '2026-03-02' }),
    ];
    const out = replayClientRules(steps, rules({ calendar, lastMessageDate: '2026-03-02' }));
    expect(out.map((r) => r.at)).toEqual([at21('2026-03-05'), '2026-03-10T07:00:00.000Z']);
  });

  it('moves the second invoice past the gap when grouping is off', () => {
    const out = replayClientRules([send('a', 1, '2026-03-02'), send('b', 1, '2026-03-02')], rules({ groupByClient: false }));
    expect(out[0]).toEqual({ at: at('2026-03-02') });
    expect(out[1]).toEqual({ at: at('2026-03-05'), movedBy: 'gap' });
  });

  it('gives a window several invoices contend for to the most overdue one when grouping is off, whatever their order', () => {
    // Listed newest first (the order their schedules might fire in): the oldest due date goes first, then each gap.
    const out = replayClientRules(
      [send('c', 1, '2026-03-02', { dueDate: '2026-02-20' }), send('b', 1, '2026-03-02', { dueDate: '2026-02-10' }), send('a', 1, '2026-03-02', { dueDate: '2026-01-25' })],
      rules({ groupByClient: false }),
    );
    // a on Monday 2, b past the gap on Thursday 5, c past it on Sunday 8, a send day later: Monday 9.
    expect(out.map((r) => r.at)).toEqual([at('2026-03-09'), at('2026-03-05'), at('2026-03-02')]);
    expect(out[2]).toEqual({ at: at('2026-03-02') });
  });

  it('on the same due date gives the window to the more advanced step, then to the lower number', () => {
    const out = replayClientRules(
      [send('a', 1, '2026-03-02', { dueDate: '2026-02-10', position: 1 }), send('b', 2, '2026-03-02', { dueDate: '2026-02-10', position: 2 }), send('c', 2, '2026-03-02', { dueDate: '2026-02-10', position: 2 })],
      rules({ groupByClient: false }),
    );
    // b (J+8) before c (J+8, a higher number) before a (J+1).
    expect(out.map((r) => r.movedBy)).toEqual(['gap', undefined, 'gap']);
    expect(out[1]!.at < out[2]!.at && out[2]!.at < out[0]!.at).toBe(true);
  });

  it('sends both the same day when the gap is 0 and grouping is off', () => {
    const out = replayClientRules([send('a', 1, '2026-03-02'), send('b', 1, '2026-03-02')], rules({ groupByClient: false, minGapDays: 0 }));
    expect(out.map((r) => r.at)).toEqual([at('2026-03-02'), at('2026-03-02')]);
    expect(out.some((r) => r.groupedWith)).toBe(false);
  });

  it('moves a message within the gap of the previous one to the first send day after it, where it joins the message due then', () => {
    // a: J+1 on Monday; b: its own step on Tuesday (within 3 days) → Thursday, with c's step of Thursday.
    const out = replayClientRules([send('a', 1, '2026-03-02'), send('b', 1, '2026-03-03'), send('c', 1, '2026-03-05')], rules());
    expect(out[1]).toEqual({ at: at('2026-03-05'), movedBy: 'gap', groupedWith: ['F-c'] });
    expect(out[2]).toEqual({ at: at('2026-03-05'), groupedWith: ['F-b'] });
  });

  it('counts the gap from the client’s last message, and lands on a send day (not a weekend)', () => {
    // Last message on Wednesday 4 March: Friday 6 is within 3 days → Saturday 7 → Monday 9.
    const out = replayClientRules([send('a', 2, '2026-03-06')], rules({ lastMessageDate: '2026-03-04' }));
    expect(out[0]).toEqual({ at: at('2026-03-09'), movedBy: 'gap' });
  });

  it('keeps an invoice’s steps in scenario order, one a day, each past the gap', () => {
    // a's J+1 (Mon 2) is moved past the gap to Wed 4, where a's next step falls: it goes later (Thu 5 is within the gap: Mon 9).
    const out = replayClientRules([send('a', 2, '2026-03-04'), send('a', 1, '2026-03-02')], rules({ lastMessageDate: '2026-03-01' }));
    expect(out[1]).toEqual({ at: at('2026-03-04'), movedBy: 'gap' });
    expect(out[0]).toEqual({ at: at('2026-03-09'), movedBy: 'gap' });
  });

  it('carries an invoice’s later steps with an after-due step the gap delays, keeping their spacing, as the engine re-plans them', () => {
    // b due Sun 1: its J+1 (Mon 2) waits past a's message of Mon 2 → Thu 5, 3 days late; its J+8 (Mon 9) keeps 7 days
    // from it → Thu 12; its step anchored 2 days after the J+8 → Sat 14 → Mon 16; its J+30 (Tue 31) → Fri 3 April.
    const due = { dueDate: '2026-03-01' };
    const out = replayClientRules(
      [
        send('a', 1, '2026-03-02'),
        send('b', 1, '2026-03-02', { ...due, nominalDate: '2026-03-02' }),
        send('b', 2, '2026-03-09', { ...due, nominalDate: '2026-03-09' }),
        send('b', 3, '2026-03-11', { ...due, nominalDate: '2026-03-11', afterPreviousDays: 2 }),
        send('b', 4, '2026-03-31', { ...due, nominalDate: '2026-03-31' }),
      ],
      rules({ groupByClient: false }),
    );
    expect(out.slice(1)).toEqual([
      { at: at('2026-03-05'), movedBy: 'gap' },
      { at: at('2026-03-12'), movedBy: 'gap' },
      { at: at('2026-03-16'), movedBy: 'gap' },
      { at: at('2026-04-03'), movedBy: 'gap' },
    ]);
  });

  it('carries nothing from a courtesy step the gap delays before the due date, nor from a step carried onto a weekend’s Monday', () => {
    // A J-5 pushed 3 days (due Fri 6): its J+1 stays on Sat 7 → Mon 9 (the plan's own day).
    const courtesy = replayClientRules(
      [send('a', 1, '2026-03-02'), send('b', 1, '2026-03-02', { dueDate: '2026-03-06', nominalDate: '2026-03-01', noSendFrom: '2026-03-06' }), send('b', 2, '2026-03-09', { dueDate: '2026-03-06', nominalDate: '2026-03-07' })],
      rules({ groupByClient: false }),
    );
    expect(courtesy.slice(1)).toEqual([{ at: at('2026-03-05'), movedBy: 'gap' }, { at: at('2026-03-09') }]);
    // b's J+1 (Mon 2) → Thu 5 (+3): its J+8 (Mon 9 → Thu 12), its J+10 (Wed 11 → Sat 14 → Mon 16): going out on Monday,
    // later than its Saturday only by the send calendar, it moves nothing more (its J+20 stays 3 days late, Tue 24, not Thu 26).
    const due = { dueDate: '2026-03-01' };
    const weekend = replayClientRules(
      [
        send('a', 1, '2026-03-02'),
        send('b', 1, '2026-03-02', { ...due, nominalDate: '2026-03-02' }),
        send('b', 2, '2026-03-09', { ...due, nominalDate: '2026-03-09' }),
        send('b', 3, '2026-03-11', { ...due, nominalDate: '2026-03-11' }),
        send('b', 4, '2026-03-23', { ...due, nominalDate: '2026-03-21' }),
      ],
      rules({ groupByClient: false }),
    );
    expect(weekend.slice(1).map((r) => r.at)).toEqual([at('2026-03-05'), at('2026-03-12'), at('2026-03-16'), at('2026-03-24')]);
  });

  it('sends an earlier step first when its own schedule comes after a later step’s', () => {
    const out = replayClientRules([send('a', 2, '2026-03-02'), send('a', 1, '2026-03-03')], rules({ minGapDays: 0 }));
    expect(out[1]).toEqual({ at: at('2026-03-03') });
    expect(out[0]).toEqual({ at: at('2026-03-04'), movedBy: 'order' });
  });

  it('never groups an instalment reminder with scenario steps, nor two channels', () => {
    const out = replayClientRules(
      [send('a', 1, '2026-03-02'), send('b', 1, '2026-03-02', { templateId: 'instalment-courtesy' }), send('c', 1, '2026-03-02', { channel: 'sms' })],
      rules({ minGapDays: 0 }),
    );
    expect(out.map((r) => r.groupedWith)).toEqual([undefined, undefined, undefined]);
    // The text waits a minute past the email of the day (send-reminder.ts `emailDueFirst`).
    expect(out.map((r) => r.at)).toEqual([at('2026-03-02'), at('2026-03-02'), new Date(Date.parse(at('2026-03-02')) + 60_000).toISOString()]);
    expect(out[2]!.movedBy).toBe('email_first');
  });

  it('grouping on, gives a window an instalment reminder and another invoice\'s step contend for to the most overdue invoice, whatever their order', () => {
    // ADR 0006: a plan's reminder is never grouped, so it contends for the client's gap as an ungrouped step does (ADR 0005).
    const plan = { templateId: 'instalment-courtesy', dueDate: '2026-02-25', position: 0 };
    const scenario = { dueDate: '2026-02-10', position: 1 };
    for (const order of [[0, 1], [1, 0]]) {
      const sends = [send('p', 0, '2026-03-02', plan), send('s', 1, '2026-03-02', scenario)];
      const out = replayClientRules(order.map((i) => sends[i]!), rules());
      const byId = new Map(order.map((i, k) => [sends[i]!.invoiceId, out[k]!]));
      // The scenario's invoice is the more overdue: its step goes on Monday, the plan's reminder past the gap (Thursday).
      expect(byId.get('s')).toEqual({ at: at('2026-03-02') });
      expect(byId.get('p')).toEqual({ at: at('2026-03-05'), movedBy: 'gap' });
    }
    // The plan's invoice more overdue: its reminder takes the window.
    const out = replayClientRules([send('s', 1, '2026-03-02', scenario), send('p', 0, '2026-03-02', { ...plan, dueDate: '2026-01-31' })], rules());
    expect(out).toEqual([{ at: at('2026-03-05'), movedBy: 'gap' }, { at: at('2026-03-02') }]);
  });

  it('ranks an instalment reminder by its instalment\'s date, not its invoice\'s, grouped or not, whatever the order', () => {
    // ADR 0006 addendum, the README example: an instalment due Thu 5 March on an invoice due 20 March, another invoice due
    // Sat 7 March whose J-5 goes the same morning. The instalment is due first: its courtesy reminder takes the window.
    const plan = { templateId: 'instalment-courtesy', dueDate: '2026-03-20', instalmentDue: '2026-03-05', noSendFrom: '2026-03-05', position: 0 };
    const j5 = { templateId: 'courtesy', dueDate: '2026-03-07', noSendFrom: '2026-03-07', position: 0 };
    for (const groupByClient of [true, false]) {
      for (const order of [[0, 1], [1, 0]]) {
        const sends = [send('p', 0, '2026-03-02', plan), send('s', 0, '2026-03-02', j5)];
        const out = replayClientRules(order.map((i) => sends[i]!), rules({ groupByClient }));
        const byId = new Map(order.map((i, k) => [sends[i]!.invoiceId, out[k]!]));
        expect(byId.get('p'), `grouped ${groupByClient}`).toEqual({ at: at('2026-03-02') });
        // The J-5 waits for the gap, still before its due date.
        expect(byId.get('s'), `grouped ${groupByClient}`).toEqual({ at: at('2026-03-05'), movedBy: 'gap' });
      }
    }
    // A plan on a long-overdue invoice (31 Jan) whose instalment is not due yet yields to an invoice 5 days overdue, and the
    // gap pushes its courtesy reminder onto its instalment's date: skipped, as the engine does.
    const out = replayClientRules([send('p', 0, '2026-03-02', { ...plan, dueDate: '2026-01-31' }), send('s', 1, '2026-03-02', { dueDate: '2026-02-25', position: 1 })], rules());
    expect(out).toEqual([{ at: at('2026-03-05'), movedBy: 'gap', skipped: 'due_passed' }, { at: at('2026-03-02') }]);
  });

  it('grouping on, ranks the steps that go as one message by their most overdue member against an instalment reminder', () => {
    // a (due 10 Feb) outranks the plan's p (due 20 Feb), which outranks b (due 25 Feb): a's message takes b along, p waits.
    const out = replayClientRules(
      [
        send('b', 1, '2026-03-02', { dueDate: '2026-02-25', position: 1 }),
        send('p', 0, '2026-03-02', { templateId: 'instalment-late', dueDate: '2026-02-20', position: 1 }),
        send('a', 1, '2026-03-02', { dueDate: '2026-02-10', position: 1 }),
      ],
      rules(),
    );
    expect(out).toEqual([
      { at: at('2026-03-02'), groupedWith: ['F-a'] },
      { at: at('2026-03-05'), movedBy: 'gap' },
      { at: at('2026-03-02'), groupedWith: ['F-b'] },
    ]);
  });

  it('produces a letter after the day\'s text and email, as the engine does (send-reminder.ts `messageDueFirst`)', () => {
    const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
    // The letter listed first still goes last: a minute past the text, itself a minute past the email.
    const zero = replayClientRules([send('a', 1, '2026-03-02', { channel: 'letter' }), send('b', 1, '2026-03-02', { channel: 'sms' }), send('c', 1, '2026-03-02')], rules({ minGapDays: 0 }));
    expect(zero).toEqual([{ at: plus(at('2026-03-02'), 2), movedBy: 'email_first' }, { at: plus(at('2026-03-02'), 1), movedBy: 'email_first' }, { at: at('2026-03-02') }]);
    const textOnly = replayClientRules([send('a', 1, '2026-03-02', { channel: 'letter' }), send('b', 1, '2026-03-02', { channel: 'sms' })], rules({ minGapDays: 0 }));
    expect(textOnly[0]).toEqual({ at: plus(at('2026-03-02'), 1), movedBy: 'text_first' });
    // With a gap, the text takes the window and the letter moves past it (it used to be the other way round in the run).
    const gap = replayClientRules([send('a', 1, '2026-03-02', { channel: 'letter' }), send('b', 1, '2026-03-02', { channel: 'sms' })], rules());
    expect(gap).toEqual([{ at: at('2026-03-05'), movedBy: 'gap' }, { at: at('2026-03-02') }]);
  });

  it('sends a text due before the day\'s email after it, at the next slot allowed for texts when that is past 20:00', () => {
    // Emails at 20:00 Paris (19:00 UTC in March), the text's own step at 08:00: 20:01 is past the window → Tuesday 08:00.
    const evening = { ...DEFAULT_SEND_CALENDAR, sendHour: 20 };
    const morning = '2026-03-02T07:00:00.000Z';
    const out = replayClientRules(
      [send('a', 1, '2026-03-02', { at: sendInstant('2026-03-02', evening).toISOString() }), send('b', 1, '2026-03-02', { channel: 'sms', at: morning })],
      rules({ calendar: evening, minGapDays: 0 }),
    );
    expect(out[0]).toEqual({ at: '2026-03-02T19:00:00.000Z' });
    expect(out[1]).toEqual({ at: '2026-03-03T07:00:00.000Z', movedBy: 'email_first' });
    // A text after the email already: as it is.
    const later = replayClientRules([send('a', 1, '2026-03-02'), send('b', 1, '2026-03-02', { channel: 'sms', at: '2026-03-02T12:00:00.000Z' })], rules({ minGapDays: 0 }));
    expect(later[1]).toEqual({ at: '2026-03-02T12:00:00.000Z' });
  });

  it('keeps a text moved past the gap inside the texts\' window', () => {
    const evening = { ...DEFAULT_SEND_CALENDAR, sendHour: 21 };
    const out = replayClientRules([send('b', 1, '2026-03-02', { channel: 'sms', at: '2026-03-02T09:00:00.000Z' })], rules({ calendar: evening, lastMessageDate: '2026-03-01' }));
    // Gap of 3 from Sunday 1 → Wednesday 4 at 21:00 Paris, past 20:00 → Thursday 5 at 08:00 Paris.
    expect(out[0]).toEqual({ at: '2026-03-05T07:00:00.000Z', movedBy: 'gap' });
  });
});

describe('an overdue invoice grouped into a firmer message', () => {
  // a: its mise en demeure on Monday 16 March; b (due Friday 13): its first reminder the same day, then firm and mise en demeure.
  const sends = [
    send('a', 3, '2026-03-16', { templateId: 'formal-notice', tone: 'formal-notice', dueDate: '2026-03-01' }),
    send('b', 1, '2026-03-16', { templateId: 'reminder', tone: 'reminder', dueDate: '2026-03-13' }),
    send('b', 2, '2026-03-23', { templateId: 'firm', tone: 'firm', dueDate: '2026-03-13' }),
    send('b', 3, '2026-03-30', { templateId: 'formal-notice', tone: 'formal-notice', dueDate: '2026-03-13' }),
  ];

  it('skips its gentler later step (group_sent), as the engine records it, and keeps its own mise en demeure', () => {
    const out = replayClientRules(sends, rules());
    expect(out.map((r) => r.skipped)).toEqual([undefined, undefined, 'group_sent', undefined]);
    expect(out[1]!.groupedWith).toEqual(['F-a']);
    expect(out[3]!.at).toBe(at('2026-03-30'));
  });

  it('skips nothing for an invoice not due yet in the message, nor without tones', () => {
    const notDue = sends.map((s) => (s.invoiceId === 'b' ? { ...s, dueDate: '2026-03-16' } : s));
    expect(replayClientRules(notDue, rules()).some((r) => r.skipped)).toBe(false);
    const toneless = sends.map(({ tone: _tone, ...s }) => s);
    expect(replayClientRules(toneless, rules()).some((r) => r.skipped)).toBe(false);
  });
});

describe('a before-due step the client rules push onto its due date', () => {
  it('is not sent: skipped with due_passed, as the send path would', () => {
    // b's courtesy step on Tue 3 is within the gap of a's message of Mon 2: moved to Thu 5, its due date.
    const out = replayClientRules([send('a', 1, '2026-03-02'), send('b', 0, '2026-03-03', { templateId: 'courtesy', noSendFrom: '2026-03-05' })], rules());
    expect(out[1]).toEqual({ at: at('2026-03-05'), movedBy: 'gap', skipped: 'due_passed' });
  });

  it('still goes when the move keeps it before the due date', () => {
    const out = replayClientRules([send('a', 1, '2026-03-02'), send('b', 0, '2026-03-03', { templateId: 'courtesy', noSendFrom: '2026-03-06' })], rules());
    expect(out[1]).toEqual({ at: at('2026-03-05'), movedBy: 'gap' });
  });
});
