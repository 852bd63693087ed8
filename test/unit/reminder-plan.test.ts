import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../../shared/domain/dates.js';
import { planReminders, type PlanInput, type PlannedStep } from '../../shared/domain/reminder-plan.js';
import { coveredByManual, planNewSteps } from '../../shared/domain/reminder-steps.js';
import { isSendDay, type SendCalendar } from '../../shared/domain/send-calendar.js';
import { localDateTimeOf, utcToZoned } from '../../shared/domain/zoned-time.js';
import { validateScenario, type ScenarioStep } from '../../shared/domain/scenario.js';
import { scenarioFieldErrors } from '../../shared/app/reminders/scenarios.js';
import { B2B_DEFAULT_SCENARIO, B2C_DEFAULT_SCENARIO, defaultScenarioFor } from '../../shared/domain/default-scenarios.js';
import { aPlanInput, aScenario, aStep, anInvoice, parisCalendar, parisTime, sent } from '../fixtures/plan-fixtures.js';

const brief = (steps: PlannedStep[]) => steps.map((s) => [s.stepId, s.state, s.localTime ?? s.reason ?? null]);
const scheduled = (steps: PlannedStep[]) => steps.filter((s) => s.state === 'scheduled');

describe('planReminders: the default B2B scenario', () => {
  it('schedules 4 steps on business days at 09:00 Paris for an invoice due in 10 days sent today', () => {
    // Mon 2 Mar 2026, due Thu 12 Mar; J-5 is Sat 7 Mar → Mon 9 Mar.
    const plan = planReminders(aPlanInput());
    expect(brief(plan)).toEqual([
      ['j-5', 'scheduled', '2026-03-09T09:00:00'],
      ['j+1', 'scheduled', '2026-03-13T09:00:00'],
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
    expect(plan.map((s) => s.scheduledAt)).toEqual([
      '2026-03-09T08:00:00.000Z',
      '2026-03-13T08:00:00.000Z',
      '2026-03-20T08:00:00.000Z',
      '2026-03-27T08:00:00.000Z',
    ]);
    expect(plan.map((s) => s.templateId)).toEqual(['courtesy', 'reminder', 'firm', 'formal-notice']);
  });

  it('moves to 07:00Z once Paris is on summer time (29 Mar 2026)', () => {
    const plan = planReminders(aPlanInput({ invoice: anInvoice({ dueDate: '2026-03-19', sentAt: parisTime('2026-03-02T08:00').toISOString() }) }));
    expect(plan.map((s) => [s.localTime, s.scheduledAt])).toEqual([
      ['2026-03-16T09:00:00', '2026-03-16T08:00:00.000Z'],
      ['2026-03-20T09:00:00', '2026-03-20T08:00:00.000Z'],
      ['2026-03-27T09:00:00', '2026-03-27T08:00:00.000Z'],
      ['2026-04-03T09:00:00', '2026-04-03T07:00:00.000Z'],
    ]);
  });

  it('moves back to 08:00Z after the 25 Oct 2026 change', () => {
    const plan = planReminders(aPlanInput({ invoice: anInvoice({ dueDate: '2026-10-22', sentAt: parisTime('2026-10-01T08:00').toISOString() }), now: parisTime('2026-10-01T08:00') }));
    expect(plan.map((s) => s.scheduledAt)).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-23T07:00:00.000Z',
      '2026-10-30T08:00:00.000Z',
      '2026-11-06T08:00:00.000Z',
    ]);
  });

  it('sends a step landing on Tue 14 Jul 2026 on Wed 15 Jul at 09:00 Paris', () => {
    const now = parisTime('2026-07-01T08:00');
    const plan = planReminders(aPlanInput({ now, invoice: anInvoice({ dueDate: '2026-07-13', sentAt: now.toISOString() }) }));
    expect(plan[1]).toMatchObject({ stepId: 'j+1', nominalDate: '2026-07-14', localTime: '2026-07-15T09:00:00', scheduledAt: '2026-07-15T07:00:00.000Z' });
  });

  it('sends a Saturday step on Monday, or Tuesday when Monday is a holiday', () => {
    const now = parisTime('2026-03-20T08:00');
    const plan = planReminders(aPlanInput({ now, invoice: anInvoice({ dueDate: '2026-04-03', sentAt: now.toISOString() }) }));
    expect(plan[1]).toMatchObject({ nominalDate: '2026-04-04', localTime: '2026-04-07T09:00:00' }); // Easter Monday 6 Apr
    const saturday = planReminders(aPlanInput({ now, invoice: anInvoice({ dueDate: '2026-04-10', sentAt: now.toISOString() }) }));
    expect(saturday[1]).toMatchObject({ nominalDate: '2026-04-11', localTime: '2026-04-13T09:00:00' });
  });

  it('keeps the due date itself: a J+0 step on a due Sunday goes out Monday, J+1 then Tuesday', () => {
    const now = parisTime('2026-03-02T08:00');
    const scenario = aScenario([aStep({ id: 'j0', offsetDays: 0 }), aStep({ id: 'j1', offsetDays: 1 })]);
    const plan = planReminders(aPlanInput({ now, scenario, minGapDays: 0, invoice: anInvoice({ dueDate: '2026-03-15', sentAt: now.toISOString() }) }));
    expect(plan.map((s) => s.localTime)).toEqual(['2026-03-16T09:00:00', '2026-03-17T09:00:00']);
  });

  it('never gives the at() local time a month off by one', () => {
    const now = parisTime('2026-01-20T08:00');
    const plan = planReminders(aPlanInput({ now, invoice: anInvoice({ dueDate: '2026-01-30', sentAt: now.toISOString() }) }));
    expect(plan.map((s) => s.localTime?.slice(0, 10))).toEqual(['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16']);
  });
});

describe('planReminders: a before-due step whose day runs into the due date', () => {
  const scenario = aScenario([aStep({ id: 'j-1', offsetDays: -1, templateId: 'courtesy' }), aStep({ id: 'j+3', offsetDays: 3, templateId: 'reminder' })]);

  it('goes out on the last send day before the due date (J-1 of an invoice due on a Monday: the Friday)', () => {
    const now = parisTime('2026-11-26T08:00');
    const plan = planReminders(aPlanInput({ now, scenario, invoice: anInvoice({ dueDate: '2026-12-14', sentAt: now.toISOString() }) }));
    expect(brief(plan)).toEqual([
      ['j-1', 'scheduled', '2026-12-11T09:00:00'],
      ['j+3', 'scheduled', '2026-12-17T09:00:00'],
    ]);
  });

  it('goes before a holiday and a weekend (instalment-like J-3 due Monday 28 Dec 2026, Christmas on the Friday)', () => {
    const now = parisTime('2026-11-26T08:00');
    const j3 = aScenario([aStep({ id: 'j-3', offsetDays: -3, templateId: 'courtesy' }), aStep({ id: 'j+1', offsetDays: 1, templateId: 'reminder' })]);
    const plan = planReminders(aPlanInput({ now, scenario: j3, invoice: anInvoice({ dueDate: '2026-12-28', sentAt: now.toISOString() }) }));
    expect(brief(plan)[0]).toEqual(['j-3', 'scheduled', '2026-12-24T09:00:00']);
  });

  // What is recorded (planNewSteps): a before-due step never scheduled on or after the due date.
  const recorded = (now: Date, lastMessageToClientAt?: string) =>
    planNewSteps({ scenario, dueDate: '2026-12-14', calendar: parisCalendar(), now, minGapDays: 3, graceDaysAfterPayment: 3, ...(lastMessageToClientAt ? { lastMessageToClientAt } : {}) }, 1, []);

  it('is recorded on the Friday, and skipped when that send day has passed (sent on the Saturday before a Monday due date)', () => {
    expect(recorded(parisTime('2026-12-10T10:00'))[0]).toMatchObject({ stepId: 'j-1', state: 'scheduled', localTime: '2026-12-11T09:00:00' });
    expect(recorded(parisTime('2026-12-12T10:00'))[0]).toMatchObject({ stepId: 'j-1', state: 'skipped', reason: 'due_passed' });
  });

  it('never goes back before the client gap (a message to the client on the Thursday, gap 3 days)', () => {
    // The gap allows Sunday 13 at the earliest, the next send day is the due date itself: no courtesy.
    expect(recorded(parisTime('2026-12-09T10:00'), parisTime('2026-12-10T09:00').toISOString())[0]).toMatchObject({ stepId: 'j-1', state: 'skipped', reason: 'due_passed' });
  });
});

describe('planReminders: a before-due step pushed past the due date by the client gap', () => {
  it('is skipped and delays nothing: the caught-up J+1 goes out once the gap allows', () => {
    // Due Fri 6 Nov 2026, sent Thu 26 Nov; the client got a message that morning (gap 3 days).
    const now = new Date('2026-11-26T06:00:00.000Z');
    const plan = planNewSteps(
      { scenario: B2B_DEFAULT_SCENARIO, dueDate: '2026-11-06', calendar: parisCalendar(), now, minGapDays: 3, graceDaysAfterPayment: 3, lastMessageToClientAt: '2026-11-26T05:59:00.000Z' },
      1,
      [],
    );
    expect(plan.map((s) => [s.stepId, s.state, s.localTime ?? s.reason])).toEqual([
      ['j-5', 'skipped', 'due_passed'],
      ['j+1', 'scheduled', '2026-11-30T09:00:00'], // Sun 29 Nov is the gap's end: Monday 30 (it was 7 Dec)
      ['j+8', 'scheduled', '2026-12-07T09:00:00'],
      ['j+15', 'scheduled', '2026-12-14T09:00:00'],
    ]);
  });
});

describe('planReminders: catch-up', () => {
  // Due Mon 2 Mar 2026; the invoice is sent Thu 12 Mar at 10:00, after that day's 09:00 window.
  const input = aPlanInput({
    now: parisTime('2026-03-12T10:00'),
    invoice: anInvoice({ dueDate: '2026-03-02', sentAt: parisTime('2026-03-12T10:00').toISOString() }),
  });

  it('skips J-5, sends J+1 at the next window, and keeps J+8 and J+15 spaced from it', () => {
    expect(brief(planReminders(input))).toEqual([
      ['j-5', 'skipped', 'due_passed'],
      ['j+1', 'scheduled', '2026-03-13T09:00:00'],
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
    expect(planReminders(input)[1]?.reason).toBe('catch-up');
  });

  it('sends the first missed step the same day when the plan starts before the send hour', () => {
    const early = { ...input, now: parisTime('2026-03-12T08:30'), invoice: { ...input.invoice, sentAt: parisTime('2026-03-12T08:30').toISOString() } };
    expect(planReminders(early)[1]?.localTime).toBe('2026-03-12T09:00:00');
  });

  it('keeps J+8 and J+15 where they were when the owner cancels the catch-up J+1 (its slot holds; no message counted)', () => {
    const cancelled = planReminders({
      ...input,
      now: parisTime('2026-03-12T11:00'),
      history: [{ stepId: 'j-5', state: 'skipped' }, { stepId: 'j+1', state: 'cancelled', reason: 'owner_cancelled', at: parisTime('2026-03-13T09:00').toISOString() }],
    });
    expect(brief(cancelled).slice(2)).toEqual([
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
    // A step cancelled for another reason (a pause, a payment) does not hold a slot.
    const paused = planReminders({ ...input, now: parisTime('2026-03-12T11:00'), history: [{ stepId: 'j-5', state: 'skipped' }, { stepId: 'j+1', state: 'cancelled', at: parisTime('2026-03-13T09:00').toISOString() }] });
    expect(paused[2]?.localTime).toBe('2026-03-13T09:00:00');
  });

  it('gives the same dates when replanned after J+1 went out', () => {
    const replan = planReminders({
      ...input,
      now: parisTime('2026-03-13T09:01'),
      history: [{ stepId: 'j-5', state: 'skipped' }, sent('j+1', parisTime('2026-03-13T09:00'))],
    });
    expect(brief(replan)).toEqual([
      ['j-5', 'skipped', null],
      ['j+1', 'sent', '2026-03-13T09:00:00'],
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
  });

  it('keeps the later steps where they were when a caught-up step is skipped when it fires', () => {
    // J+1 was caught up to Fri 13 Mar (11 days after its calendar date) and skipped when it fired
    // (the address bounces): J+8 and J+15 keep their spacing from it, they do not catch up at once.
    const replan = planReminders({
      ...input,
      now: parisTime('2026-03-13T09:01'),
      history: [{ stepId: 'j-5', state: 'skipped' }, { stepId: 'j+1', state: 'skipped', at: parisTime('2026-03-13T09:00').toISOString() }],
    });
    expect(brief(replan).slice(2)).toEqual([
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
  });

  it('catches up steps missed while paused, relative to now', () => {
    // Plan started on time; J+1 went out; paused until Wed 25 Mar: J+8 (9 Mar) was missed.
    const resumed = planReminders(
      aPlanInput({
        now: parisTime('2026-03-25T12:00'),
        invoice: anInvoice({ dueDate: '2026-03-02', sentAt: parisTime('2026-02-20T08:00').toISOString() }),
        history: [sent('j-5', parisTime('2026-02-25T09:00')), sent('j+1', parisTime('2026-03-03T09:00'))],
      }),
    );
    expect(brief(resumed).slice(2)).toEqual([
      ['j+8', 'scheduled', '2026-03-26T09:00:00'],
      ['j+15', 'scheduled', '2026-04-02T09:00:00'],
    ]);
  });

  it('skips before-due steps whose time passed before now and no after-due step', () => {
    const plan = planReminders(aPlanInput({ now: parisTime('2026-03-30T10:00'), invoice: anInvoice({ dueDate: '2026-03-02' }) }));
    expect(plan.map((s) => s.state)).toEqual(['skipped', 'scheduled', 'scheduled', 'scheduled']);
  });
});

describe('planReminders: spacing rules', () => {
  const now = parisTime('2026-03-02T08:00');
  const due = anInvoice({ dueDate: '2026-03-10', sentAt: now.toISOString() }); // Tuesday

  it('never puts two steps of one invoice on the same local day', () => {
    // J+4 (Sat) and J+5 (Sun) both move to Monday: the later one goes on Tuesday.
    const scenario = aScenario([aStep({ id: 'a', offsetDays: 4 }), aStep({ id: 'b', offsetDays: 1, anchor: 'previous' })]);
    const plan = planReminders(aPlanInput({ now, scenario, invoice: due, minGapDays: 0 }));
    expect(plan.map((s) => s.localTime)).toEqual(['2026-03-16T09:00:00', '2026-03-17T09:00:00']);
  });

  it('keeps the minimum gap between two messages, counting the last message to the client', () => {
    const scenario = aScenario([aStep({ id: 'a', offsetDays: 1 }), aStep({ id: 'b', offsetDays: 2 })]);
    expect(planReminders(aPlanInput({ now, scenario, invoice: due })).map((s) => s.localTime)).toEqual([
      '2026-03-11T09:00:00',
      '2026-03-16T09:00:00', // 14 Mar + weekend
    ]);
    const afterOther = planReminders(
      aPlanInput({ now, scenario, invoice: due, minGapDays: 2, lastMessageToClientAt: parisTime('2026-03-10T09:00').toISOString() }),
    );
    expect(afterOther.map((s) => s.localTime)).toEqual(['2026-03-12T09:00:00', '2026-03-16T09:00:00']);
  });

  it('lets the client gap push a courtesy step without holding the overdue reminders back after the due date', () => {
    // Sent Mon 2 Mar, due Thu 12 Mar. Another invoice's message reached the client on Sat 7 Mar: J-5
    // (Mon 9 Mar) waits for the 3-day gap (Tue 10 Mar); J+1 stays on Fri 13 Mar, three days after it.
    const plan = planReminders(aPlanInput({ lastMessageToClientAt: parisTime('2026-03-07T09:00').toISOString() }));
    expect(brief(plan)).toEqual([
      ['j-5', 'scheduled', '2026-03-10T09:00:00'],
      ['j+1', 'scheduled', '2026-03-13T09:00:00'],
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
    // Recorded sent on its delayed day, the re-plan keeps the same dates.
    const replanned = planReminders(aPlanInput({ now: parisTime('2026-03-10T10:00'), history: [sent('j-5', parisTime('2026-03-10T09:00'))] }));
    expect(brief(replanned).slice(1)).toEqual(brief(plan).slice(1));
  });

  it('waits for the grace window after a payment, and later steps keep their spacing', () => {
    // Due Tue 10 Mar; J+8 is Wed 18 Mar. A partial payment on Tue 17 Mar, 3 grace days → Fri 20 Mar.
    const at = (paidAt: string) =>
      planReminders(
        aPlanInput({
          now: parisTime(paidAt),
          invoice: { ...due, lastPaymentAt: parisTime(paidAt).toISOString() },
          history: [sent('j-5', parisTime('2026-03-05T09:00')), sent('j+1', parisTime('2026-03-11T09:00'))],
          graceDaysAfterPayment: 3,
        }),
      ).slice(2);
    expect(brief(at('2026-03-17T15:00'))).toEqual([
      ['j+8', 'scheduled', '2026-03-20T09:00:00'],
      ['j+15', 'scheduled', '2026-03-27T09:00:00'],
    ]);
    // Paid Wed 18 → Sat 21 → Mon 23 Mar; J+15 then keeps its 7 days: Mon 30 Mar.
    expect(brief(at('2026-03-18T08:00'))).toEqual([
      ['j+8', 'scheduled', '2026-03-23T09:00:00'],
      ['j+15', 'scheduled', '2026-03-30T09:00:00'],
    ]);
    // A payment long before does not move anything.
    expect(brief(at('2026-03-12T08:00'))[0]).toEqual(['j+8', 'scheduled', '2026-03-18T09:00:00']);
  });

  it('does not carry a weekend move over to the next steps', () => {
    // J-5 on Sat 7 Mar goes out Mon 9 Mar, J+1 stays on Fri 13 Mar (tested above); same for a J+1 on Saturday.
    const now = parisTime('2026-03-02T08:00');
    const plan = planReminders(aPlanInput({ now, invoice: anInvoice({ dueDate: '2026-03-13', sentAt: now.toISOString() }) }));
    expect(plan.map((s) => s.localTime)).toEqual(['2026-03-09T09:00:00', '2026-03-16T09:00:00', '2026-03-23T09:00:00', '2026-03-30T09:00:00']);
  });

  it('anchors a "previous" step on the date the previous step actually went out', () => {
    const scenario = aScenario([aStep({ id: 'a', offsetDays: 1 }), aStep({ id: 'b', offsetDays: 7, anchor: 'previous' })]);
    const plan = planReminders(
      aPlanInput({ now: parisTime('2026-03-13T10:00'), scenario, invoice: due, history: [sent('a', parisTime('2026-03-13T09:00'))] }),
    );
    expect(plan[1]?.localTime).toBe('2026-03-20T09:00:00');
  });
});

describe('planReminders: inputs', () => {
  it('starts the plan at now when the invoice has no sentAt', () => {
    const now = parisTime('2026-03-12T10:00');
    const plan = planReminders(aPlanInput({ now, invoice: anInvoice({ dueDate: '2026-03-02' }) }));
    expect(brief(plan).slice(0, 2)).toEqual([
      ['j-5', 'skipped', 'due_passed'],
      ['j+1', 'scheduled', '2026-03-13T09:00:00'],
    ]);
  });

  it('keeps a step the user cancelled and plans the others', () => {
    const plan = planReminders(aPlanInput({ history: [{ stepId: 'j+1', state: 'cancelled' }] }));
    expect(plan.map((s) => s.state)).toEqual(['scheduled', 'cancelled', 'scheduled', 'scheduled']);
  });

  it('skips Good Friday for an Alsace-Moselle calendar only', () => {
    const now = parisTime('2026-03-20T08:00');
    const invoice = anInvoice({ dueDate: '2026-04-02', sentAt: now.toISOString() }); // J+1 = Good Friday 3 Apr
    expect(planReminders(aPlanInput({ now, invoice }))[1]?.localTime).toBe('2026-04-03T09:00:00');
    const alsace = planReminders(aPlanInput({ now, invoice, calendar: parisCalendar({ region: 'alsace-moselle' }) }));
    expect(alsace[1]?.localTime).toBe('2026-04-07T09:00:00');
  });

  it('lists only the scenario steps, but counts a message from a removed step for the minimum gap', () => {
    const plan = planReminders(aPlanInput({ history: [sent('old-step', parisTime('2026-03-09T09:00'))] }));
    expect(plan.map((s) => s.stepId)).toEqual(['j-5', 'j+1', 'j+8', 'j+15']);
    // The gap pushes J-5 from Mon 9 to Thu 12 Mar, the due date itself: skipped, delaying nothing.
    expect(plan[0]).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    expect(plan[1]?.localTime).toBe('2026-03-13T09:00:00');
  });
});

describe('planReminders: nothing scheduled when reminders must stop', () => {
  it.each([
    ['paid', { status: 'paid' as const, balanceCents: 0 }],
    ['paid', { status: 'partially_paid' as const, balanceCents: 0 }],
    ['cancelled', { status: 'cancelled' as const }],
    ['draft', { status: 'draft' as const }],
    ['paused', { remindersPaused: true }],
    ['disputed', { disputed: true }],
  ])('cancels every pending step with reason %s', (reason, overrides) => {
    const input = aPlanInput();
    const plan = planReminders({ ...input, invoice: { ...input.invoice, ...overrides } });
    expect(plan.map((s) => [s.state, s.reason])).toEqual(Array(4).fill(['cancelled', reason]));
  });

  it('keeps the recorded state of steps already in history', () => {
    const input = aPlanInput();
    const plan = planReminders({
      ...input,
      invoice: { ...input.invoice, status: 'paid', balanceCents: 0 },
      history: [sent('j-5', parisTime('2026-03-09T09:00')), { stepId: 'j+1', state: 'failed', at: parisTime('2026-03-13T09:00').toISOString() }],
    });
    expect(plan.map((s) => s.state)).toEqual(['sent', 'failed', 'cancelled', 'cancelled']);
    expect(plan[0]).toMatchObject({ scheduledAt: '2026-03-09T08:00:00.000Z', localTime: '2026-03-09T09:00:00' });
  });
});

// ---------- properties ----------

const zones = ['Europe/Paris', 'America/Martinique', 'Indian/Reunion', 'Pacific/Noumea', 'America/New_York'];
const arbCalendar: fc.Arbitrary<SendCalendar> = fc.record({
  sendHour: fc.integer({ min: 6, max: 20 }), // outside any DST gap
  timeZone: fc.constantFrom(...zones),
  skipWeekends: fc.boolean(),
  skipHolidays: fc.boolean(),
  region: fc.constantFrom('metropole' as const, 'alsace-moselle' as const),
});
const arbSteps: fc.Arbitrary<ScenarioStep[]> = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 20 }), previous: fc.boolean() }), { minLength: 1, maxLength: 6 })
  .chain((gaps) =>
    fc.integer({ min: -30, max: 10 }).map((first) => {
      let offset = first;
      return gaps.map(({ gap, previous }, i): ScenarioStep => {
        if (i > 0) offset += gap;
        const anchor = i > 0 && previous ? 'previous' : 'due';
        return { id: `s${i}`, templateId: `t${i}`, anchor, offsetDays: anchor === 'previous' ? gap : offset };
      });
    }),
  );
const HOUR = 3_600_000;
const arbInput: fc.Arbitrary<PlanInput> = fc
  .record({
    calendar: arbCalendar,
    steps: arbSteps,
    due: fc.integer({ min: 0, max: 365 * 3 }).map((n) => addDays('2025-01-01', n)),
    startHours: fc.integer({ min: -40 * 24, max: 40 * 24 }),
    nowHours: fc.integer({ min: 0, max: 30 * 24 }),
    minGapDays: fc.integer({ min: 0, max: 5 }),
    graceDaysAfterPayment: fc.integer({ min: 0, max: 5 }),
    paymentHours: fc.option(fc.integer({ min: -10 * 24, max: 30 * 24 })),
    lastMessageHours: fc.option(fc.integer({ min: -10 * 24, max: 10 * 24 })),
  })
  .map((r) => {
    const dueMs = Date.parse(`${r.due}T12:00:00Z`);
    const start = new Date(dueMs + r.startHours * HOUR);
    const iso = (h: number) => new Date(dueMs + h * HOUR).toISOString();
    return {
      invoice: {
        ...anInvoice({ dueDate: r.due, sentAt: start.toISOString() }),
        ...(r.paymentHours !== null && { lastPaymentAt: iso(r.paymentHours) }),
      },
      scenario: aScenario(r.steps),
      calendar: r.calendar,
      history: [],
      now: new Date(start.getTime() + r.nowHours * HOUR),
      minGapDays: r.minGapDays,
      graceDaysAfterPayment: r.graceDaysAfterPayment,
      ...(r.lastMessageHours !== null && { lastMessageToClientAt: iso(r.lastMessageHours) }),
    };
  });

describe('planReminders: properties', () => {
  const localDay = (step: PlannedStep, tz: string) => utcToZoned(new Date(step.scheduledAt ?? ''), tz).date;

  it('never schedules two steps of one invoice on the same local day, and keeps the minimum gap', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const days = scheduled(planReminders(input)).map((s) => localDay(s, input.calendar.timeZone));
        expect(new Set(days).size).toBe(days.length);
        days.slice(1).forEach((day, i) => expect(daysBetween(days[i] ?? '', day)).toBeGreaterThanOrEqual(Math.max(1, input.minGapDays ?? 3)));
        if (input.lastMessageToClientAt && days[0]) {
          const last = utcToZoned(new Date(input.lastMessageToClientAt), input.calendar.timeZone).date;
          expect(daysBetween(last, days[0])).toBeGreaterThanOrEqual(input.minGapDays ?? 3);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('schedules nothing within the grace window after a payment', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        if (!input.invoice.lastPaymentAt) return;
        const paidOn = utcToZoned(new Date(input.invoice.lastPaymentAt), input.calendar.timeZone).date;
        for (const step of scheduled(planReminders(input))) {
          const gap = daysBetween(paidOn, localDay(step, input.calendar.timeZone));
          expect(gap < 0 || gap >= (input.graceDaysAfterPayment ?? 3)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('puts every scheduledAt on a send day at the send hour, with a matching at() local time', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const tz = input.calendar.timeZone;
        for (const step of scheduled(planReminders(input))) {
          const instant = new Date(step.scheduledAt ?? '');
          const local = utcToZoned(instant, tz);
          expect(isSendDay(local.date, input.calendar)).toBe(true);
          expect(local.time).toBe(`${String(input.calendar.sendHour).padStart(2, '0')}:00:00`);
          expect(step.localTime).toBe(localDateTimeOf(instant, tz));
          expect(instant.getUTCSeconds() + instant.getUTCMilliseconds()).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('schedules steps in chronological order, never before now, and never skips an after-due step', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planReminders(input);
        const times = scheduled(plan).map((s) => Date.parse(s.scheduledAt ?? ''));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
        times.forEach((t) => expect(t).toBeGreaterThan(input.now.getTime()));
        plan.filter((s) => s.nominalDate >= input.invoice.dueDate).forEach((s) => expect(s.state).toBe('scheduled'));
        plan.filter((s) => s.state === 'skipped').forEach((s) => expect(s.reason).toBe('due_passed'));
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic and keeps the remaining dates when the first scheduled step fires', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planReminders(input);
        expect(planReminders(input)).toEqual(plan);
        const first = plan.findIndex((s) => s.state === 'scheduled');
        const fired = plan[first];
        if (!fired?.scheduledAt) return;
        const history = plan.slice(0, first).map((s) => ({ stepId: s.stepId, state: 'skipped' as const }));
        // As the engine re-plans (replanScheduled): the steps still scheduled are pending, not entering the plan (a
        // courtesy step an earlier one pushed past its own day was not missed).
        const replan = planReminders({
          ...input,
          now: new Date(Date.parse(fired.scheduledAt) + 60_000),
          history: [...history, sent(fired.stepId, fired.scheduledAt)],
          pending: new Set(plan.slice(first + 1).filter((s) => s.state === 'scheduled').map((s) => s.stepId)),
        });
        expect(replan.slice(first + 1)).toEqual(plan.slice(first + 1));
      }),
      { numRuns: 500 },
    );
  });

  it('plans the B2C scenario like the B2B one, with consumer templates', () => {
    const plan = planReminders(aPlanInput({ scenario: B2C_DEFAULT_SCENARIO }));
    expect(plan.map((s) => s.templateId)).toEqual(['courtesy-consumer', 'reminder-consumer', 'firm-consumer', 'formal-notice-consumer']);
    expect(plan.map((s) => s.localTime)).toEqual(planReminders(aPlanInput()).map((s) => s.localTime));
  });
});

describe('planReminders: fixtures sanity', () => {
  it('uses the Paris calendar by default', () => {
    expect(parisCalendar()).toMatchObject({ sendHour: 9, timeZone: 'Europe/Paris', skipWeekends: true, skipHolidays: true });
  });
});

describe('validateScenario', () => {
  it('accepts the built-in scenarios', () => {
    expect(validateScenario(B2B_DEFAULT_SCENARIO)).toEqual([]);
    expect(validateScenario(B2C_DEFAULT_SCENARIO)).toEqual([]);
  });

  it('reports an empty scenario', () => {
    expect(validateScenario(aScenario([]))).toEqual(['the scenario has no steps']);
  });

  it('reports duplicate ids, a first step after "previous", non-positive "previous" offsets and out-of-range offsets', () => {
    const problems = validateScenario(
      aScenario([
        aStep({ id: 'a', offsetDays: 2, anchor: 'previous' }),
        aStep({ id: 'a', offsetDays: 0, anchor: 'previous' }),
        aStep({ id: 'c', offsetDays: 400 }),
        aStep({ id: 'd', offsetDays: -61 }),
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('first step cannot be relative'),
        expect.stringContaining('duplicate step id "a"'),
        expect.stringContaining('at least 1 day'),
        expect.stringContaining('offset 400 is outside'),
        expect.stringContaining('offset -61 is outside'),
      ]),
    );
  });

  it('reports steps listed out of chronological order', () => {
    const problems = validateScenario(aScenario([aStep({ id: 'a', offsetDays: 8 }), aStep({ id: 'b', offsetDays: 1 })]));
    expect(problems).toEqual([expect.stringContaining('step 2 (b): must come at least 1 day after')]);
  });

  it('reports a letter step on or before the due date: a mise en demeure by registered post demands a debt already due', () => {
    // On the local stack a letter step at J-3 produced « … des sommes suivantes, dont l'échéance est dépassée » three days before it was.
    const early = aScenario([aStep({ id: 'lettre', offsetDays: -3, templateId: 'formal-notice', channel: 'letter' })]);
    expect(validateScenario(early)).toEqual([expect.stringMatching(/^step 1 \(lettre\): a letter .* can only go after the due date/)]);
    expect(scenarioFieldErrors(early)).toEqual([{ path: 'body.steps.0.offsetDays', message: expect.stringContaining('can only go after the due date') }]);
    // Relative to a step before the due date, it is before the due date too; J+1 and later are fine.
    expect(validateScenario(aScenario([aStep({ id: 'a', offsetDays: -5 }), aStep({ id: 'b', offsetDays: 5, anchor: 'previous', channel: 'letter' })]))).toEqual([
      expect.stringContaining('step 2 (b): a letter'),
    ]);
    expect(validateScenario(aScenario([aStep({ id: 'a', offsetDays: -5 }), aStep({ id: 'b', offsetDays: 6, anchor: 'previous', channel: 'letter' })]))).toEqual([]);
    expect(validateScenario(aScenario([aStep({ id: 'lettre', offsetDays: 0, channel: 'letter' })]))).toHaveLength(1);
  });

  it('maps defaultScenarioFor by client kind', () => {
    expect(defaultScenarioFor('business').id).toBe('b2b-default');
    expect(defaultScenarioFor('consumer').id).toBe('b2c-default');
  });
});

describe('coveredByManual: the pending steps a manual reminder stands for', () => {
  const NOW = '2026-11-26T08:30:00.000Z';
  const inDays = (days: number) => new Date(Date.parse('2026-11-26T08:00:00.000Z') + days * 86_400_000).toISOString();
  const step = (index: number, stepId: string, templateId: string, days: number, state: 'scheduled' | 'sent' | 'skipped' = 'scheduled', channel?: 'sms' | 'letter') =>
    ({ index, stepId, templateId, state, scheduledAt: inDays(days), ...(channel ? { channel } : {}) }) as const;
  const plan = [step(0, 'j-5', 'courtesy', -20, 'skipped'), step(1, 'j+1', 'reminder', 0), step(2, 'j+8', 'firm', 7), step(3, 'j+15', 'formal-notice', 14), step(4, 'escalate', 'escalate', 29)];

  it('is the next step when the manual reminder used its template', () => {
    expect(coveredByManual(plan, 'reminder', NOW).map((s) => s.stepId)).toEqual(['j+1']);
  });

  it('takes the gentler pending steps before a firmer one whenever they are due, the firmer one only within 8 days, never the escalation', () => {
    expect(coveredByManual(plan, 'formal-notice', NOW).map((s) => s.stepId)).toEqual(['j+1', 'j+8']);
    expect(coveredByManual(plan, 'formal-notice', inDays(7)).map((s) => s.stepId)).toEqual(['j+1', 'j+8', 'j+15']);
    expect(coveredByManual(plan, 'firm', NOW).map((s) => s.stepId)).toEqual(['j+1', 'j+8']);
  });

  it('leaves a courtesy step weeks ahead: the client still hears of the due date when it comes', () => {
    expect(coveredByManual([step(0, 'j-5', 'courtesy', 20), step(1, 'j+1', 'reminder', 26)], 'courtesy', NOW)).toEqual([]);
    expect(coveredByManual([step(0, 'j-5', 'courtesy', 2), step(1, 'j+1', 'reminder', 8)], 'courtesy', NOW).map((s) => s.stepId)).toEqual(['j-5']);
  });

  it('is nothing for a gentler template, an owner’s own template, or a template only an SMS or letter step uses', () => {
    expect(coveredByManual(plan, 'courtesy', NOW)).toEqual([]);
    expect(coveredByManual(plan, 'mon-modele', NOW)).toEqual([]);
    expect(coveredByManual([step(1, 'sms', 'reminder', 1, 'scheduled', 'sms'), step(2, 'lettre', 'formal-notice', 2, 'scheduled', 'letter')], 'formal-notice', NOW)).toEqual([]);
  });

  it('covers only the first pending step of a template the scenario uses twice', () => {
    expect(coveredByManual([step(1, 'j+1', 'reminder', 1), step(2, 'j+5', 'reminder', 5)], 'reminder', NOW).map((s) => s.stepId)).toEqual(['j+1']);
  });
});

describe('planNewSteps after the scenario was edited', () => {
  const steps = (...ids: [string, number][]) => aScenario(ids.map(([id, offsetDays]) => aStep({ id, offsetDays, templateId: 'reminder' })));
  const input = (scenario: ReturnType<typeof aScenario>) => ({ scenario, dueDate: '2026-11-02', calendar: parisCalendar(), now: parisTime('2026-11-10T10:00'), minGapDays: 3, graceDaysAfterPayment: 3 });
  // Plan 1 followed [a J+1, b J+5, c J+10, d J+20]: b went out, the others were cancelled `replanned` by the edit.
  const recorded = [
    { plan: 1, index: 0, stepId: 'a', state: 'sent' as const, sentAt: '2026-11-03T08:00:00.000Z', at: '2026-11-03T08:00:00.000Z', nominalDate: '2026-11-03' },
    { plan: 1, index: 1, stepId: 'b', state: 'sent' as const, sentAt: '2026-11-09T08:00:00.000Z', at: '2026-11-09T08:00:00.000Z', nominalDate: '2026-11-07' },
    { plan: 1, index: 2, stepId: 'c', state: 'cancelled' as const, reason: 'replanned', at: '2026-11-10T09:00:00.000Z', nominalDate: '2026-11-12' },
    { plan: 1, index: 3, stepId: 'd', state: 'cancelled' as const, reason: 'replanned', at: '2026-11-10T09:00:00.000Z', nominalDate: '2026-11-22' },
  ];

  it('never repeats a step sent when a step was inserted before it', () => {
    const next = planNewSteps(input(steps(['a', 1], ['x', 3], ['b', 5], ['c', 10], ['d', 20])), 2, recorded);
    expect(next.map((s) => s.stepId)).toEqual(['c', 'd']);
  });

  it('never drops the step after one the edit removed once it was sent', () => {
    const next = planNewSteps(input(steps(['a', 1], ['c', 10], ['d', 20])), 2, recorded);
    expect(next.map((s) => s.stepId)).toEqual(['c', 'd']);
  });

  it('never repeats the text the client got when another scenario applies (a category given to the client)', () => {
    // The default scenario's J+1 (reminder) and J+8 (firm) went out; the category's has g1 reminder J+3, g2 firm J+12, g3 formal notice J+25.
    const sent = [
      { plan: 1, index: 1, stepId: 'j+1', templateId: 'reminder', state: 'sent' as const, sentAt: '2026-11-03T08:00:00.000Z', at: '2026-11-03T08:00:00.000Z', nominalDate: '2026-11-03' },
      { plan: 1, index: 2, stepId: 'j+8', templateId: 'firm', state: 'sent' as const, sentAt: '2026-11-10T08:00:00.000Z', at: '2026-11-10T08:00:00.000Z', nominalDate: '2026-11-10' },
    ];
    const category = aScenario([aStep({ id: 'g1', offsetDays: 3, templateId: 'reminder' }), aStep({ id: 'g2', offsetDays: 12, templateId: 'firm' }), aStep({ id: 'g3', offsetDays: 25, templateId: 'formal-notice' })]);
    expect(planNewSteps(input(category), 2, sent).map((s) => s.stepId)).toEqual(['g3']);
  });

  it('keeps the steps after one removed when every step has the same text', () => {
    const same = [{ ...recorded[1]!, templateId: 'reminder' }];
    expect(planNewSteps(input(steps(['a', 1], ['c', 10], ['d', 20])), 2, same).map((s) => s.stepId)).toEqual(['c', 'd']);
  });
});

describe('planNewSteps after a stop (pause resumed, payment removed)', () => {
  const scenario = aScenario([
    aStep({ id: 'j+1', offsetDays: 1, templateId: 'reminder' }),
    aStep({ id: 'j+8', offsetDays: 8, templateId: 'firm' }),
    aStep({ id: 'j+15', offsetDays: 15, templateId: 'formal-notice' }),
  ]);
  const input = { scenario, dueDate: '2026-11-02', calendar: parisCalendar(), now: parisTime('2026-11-05T10:00'), minGapDays: 3, graceDaysAfterPayment: 3 };
  // Plan 1: J+1 went out, the owner cancelled J+8, then the invoice was paused (J+15 cancelled `paused`).
  const recorded = [
    { plan: 1, index: 0, stepId: 'j+1', state: 'sent' as const, sentAt: '2026-11-03T08:00:00.000Z', at: '2026-11-03T08:00:00.000Z', nominalDate: '2026-11-03' },
    { plan: 1, index: 1, stepId: 'j+8', state: 'cancelled' as const, reason: 'owner_cancelled', scheduledAt: '2026-11-10T08:00:00.000Z', at: '2026-11-04T09:00:00.000Z', nominalDate: '2026-11-10' },
    { plan: 1, index: 2, stepId: 'j+15', state: 'cancelled' as const, reason: 'paused', at: '2026-11-04T10:00:00.000Z', nominalDate: '2026-11-17' },
  ];

  it('never brings back a step the owner cancelled, and spaces the next one from its slot', () => {
    const next = planNewSteps(input, 2, recorded);
    expect(next.map((s) => [s.stepId, s.state])).toEqual([['j+15', 'scheduled']]);
    // 7 days after the cancelled J+8's slot (Tue 10/11), 09:00 Paris: Tue 17/11.
    expect(next[0]!.scheduledAt).toBe('2026-11-17T08:00:00.000Z');
  });

  it('plans every step after the last sent when none was cancelled by the owner', () => {
    const paused = recorded.map((r) => (r.index === 1 ? { ...r, reason: 'paused' } : r));
    expect(planNewSteps(input, 2, paused).map((s) => s.stepId)).toEqual(['j+8', 'j+15']);
  });
});

describe('planReminders: a text re-planned between the 07:00 send hour and the 08:00 opening of the SMS window', () => {
  // Send hour 07:00 Paris; a text may go from 08:00 (shared/domain/sms-window.ts). Tue 3 Mar 2026 is a send day.
  const calendar = parisCalendar({ sendHour: 7 });
  const scenario = aScenario([aStep({ id: 'texto', offsetDays: 1, templateId: 'sms-reminder', channel: 'sms' })]);
  const invoice = anInvoice({ dueDate: '2026-03-02', sentAt: parisTime('2026-02-01T07:00').toISOString() });

  it('goes at 08:00 the same day when the re-plan runs at 07:30, not at 08:00 the next day', () => {
    const plan = planReminders(aPlanInput({ invoice, scenario, calendar, now: parisTime('2026-03-03T07:30') }));
    expect(brief(plan)).toEqual([['texto', 'scheduled', '2026-03-03T08:00:00']]);
  });

  it('is the same plan at 06:59 (before the send hour) and at 07:59: the day of the text does not depend on the re-plan’s minute', () => {
    const at = (time: string) => brief(planReminders(aPlanInput({ invoice, scenario, calendar, now: parisTime(`2026-03-03T${time}`) })));
    expect(at('06:59')).toEqual([['texto', 'scheduled', '2026-03-03T08:00:00']]);
    expect(at('07:59')).toEqual(at('06:59'));
  });

  it('goes the next send day once 08:00 has passed too', () => {
    const plan = planReminders(aPlanInput({ invoice, scenario, calendar, now: parisTime('2026-03-03T08:00') }));
    expect(brief(plan)).toEqual([['texto', 'scheduled', '2026-03-04T08:00:00']]);
  });
});

describe('planReminders: texts of a tenant sending at 21:00, past the SMS window', () => {
  // Due Mon 2 Mar 2026: J+1, J+8 and J+15 are Tuesdays, each text going at 08:00 the Wednesday after.
  const calendar = parisCalendar({ sendHour: 21 });
  const text = (id: string, offsetDays: number) => aStep({ id, offsetDays, templateId: 'sms-reminder', channel: 'sms' });
  const scenario = aScenario([text('t1', 1), text('t8', 8), text('t15', 15)]);
  const invoice = anInvoice({ dueDate: '2026-03-02', sentAt: parisTime('2026-02-01T09:00').toISOString() });

  it('keeps them a week apart: the window’s move to the next morning is no delay the later texts carry', () => {
    const plan = planReminders(aPlanInput({ invoice, scenario, calendar, now: parisTime('2026-02-01T09:00') }));
    // Each carried a day more: 03-04, 03-12, 03-20.
    expect(brief(plan)).toEqual([
      ['t1', 'scheduled', '2026-03-04T08:00:00'],
      ['t8', 'scheduled', '2026-03-11T08:00:00'],
      ['t15', 'scheduled', '2026-03-18T08:00:00'],
    ]);
  });

  it('keeps the spacing once the first text went out at 08:00 the next morning', () => {
    const history = [sent('t1', parisTime('2026-03-04T08:00'))];
    const plan = planReminders(aPlanInput({ invoice, scenario, calendar, history, now: parisTime('2026-03-04T08:01') }));
    expect(brief(plan).slice(1)).toEqual([
      ['t8', 'scheduled', '2026-03-11T08:00:00'],
      ['t15', 'scheduled', '2026-03-18T08:00:00'],
    ]);
  });
});
