import { describe, expect, it } from 'vitest';
import { nextCronOccurrence, parseCronExpression } from '../../infra/local/local-time.js';
import { ScheduleStore } from '../../infra/local/scheduler-store.js';
import { simulatedEvents } from '../../infra/local/ses-simulator.js';

const next = (expression: string, after: string, zone?: string) => nextCronOccurrence(parseCronExpression(expression)!, new Date(after), zone)?.toISOString();

describe('cron() expressions of the Scheduler emulator', () => {
  it('fires every day at the hour in the time zone, across both DST changes', () => {
    expect(next('cron(0 7 * * ? *)', '2026-03-28T06:30:00Z', 'Europe/Paris')).toBe('2026-03-29T05:00:00.000Z'); // Sunday of spring forward: 07:00 CEST
    expect(next('cron(0 7 * * ? *)', '2026-03-28T05:30:00Z', 'Europe/Paris')).toBe('2026-03-28T06:00:00.000Z'); // 07:00 CET, same day
    expect(next('cron(0 7 * * ? *)', '2026-10-25T04:59:00Z', 'Europe/Paris')).toBe('2026-10-25T06:00:00.000Z'); // fall back: 07:00 CET again
    expect(next('cron(0 7 * * ? *)', '2026-03-28T06:00:00Z', 'Europe/Paris')).toBe('2026-03-29T05:00:00.000Z'); // strictly after
  });

  it('reads lists, ranges, steps and names; day-of-week 1 is Sunday', () => {
    expect(next('cron(30 8 ? * MON-FRI *)', '2026-11-27T09:00:00Z')).toBe('2026-11-30T08:30:00.000Z'); // Friday after 08:30 → Monday
    expect(next('cron(0 18 ? * 1 *)', '2026-11-25T00:00:00Z')).toBe('2026-11-29T18:00:00.000Z'); // the Sunday
    expect(next('cron(*/15 * * * ? *)', '2026-11-25T10:07:00Z')).toBe('2026-11-25T10:15:00.000Z');
    expect(next('cron(0 9 1 JAN,JUL ? *)', '2026-02-01T00:00:00Z')).toBe('2026-07-01T09:00:00.000Z');
    expect(next('cron(0 9 1 1 ? 2020)', '2026-02-01T00:00:00Z')).toBeUndefined();
  });

  it.each(['cron(0 7 * * * *)', 'cron(0 7 ? * ? *)', 'cron(0 25 * * ? *)', 'cron(0 7 L * ? *)', 'cron(0 7 ? * 2#1 *)', 'cron(0 7 * *)', 'rate(1 day)'])('refuses %s', (expression) => {
    expect(parseCronExpression(expression)).toBeUndefined();
  });
});

describe('a recurring schedule in the emulator store', () => {
  const definition = { ScheduleExpression: 'cron(0 7 * * ? *)', ScheduleExpressionTimezone: 'Europe/Paris', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 'arn:fn', RoleArn: 'arn:role' } };

  it('waits for its next occurrence, stays after firing, and fires once for a jump of many days', () => {
    const store = new ScheduleStore('arn:aws:scheduler:eu-west-3:0');
    const created = store.create('ov-1', 'g', definition);
    expect(created.recurring).toBe(true);
    expect(Date.parse(created.at)).toBeGreaterThan(Date.now());
    const until = new Date(Date.parse(created.at) + 10 * 86_400_000 + 3_600_000);
    store.coalesce(until);
    const [due] = store.pending();
    // The last 07:00 Paris up to `until`, not the first: one fire for the whole jump.
    expect(Date.parse(due!.at)).toBeGreaterThan(until.getTime() - 86_400_000);
    expect(Date.parse(due!.at)).toBeLessThanOrEqual(until.getTime());
    store.advance(due!, new Date(due!.at));
    const [after] = store.pending();
    expect(Date.parse(after!.at)).toBeGreaterThan(until.getTime());
    expect(store.list()).toHaveLength(1);
  });

  it('refuses a cron() it cannot run, naming it', () => {
    const store = new ScheduleStore('arn:aws:scheduler:eu-west-3:0');
    expect(() => store.create('ov-2', 'g', { ...definition, ScheduleExpression: 'cron(0 7 L * ? *)' })).toThrow(/cron\(0 7 L \* \? \*\)/);
  });
});

describe('the local SES mailbox simulator', () => {
  const send = (to: string[], cc: string[] = []) => ({ Destination: { ToAddresses: to, CcAddresses: cc }, EmailTags: [{ Name: 'tenant', Value: 't1' }, { Name: 'invoice', Value: 'i1' }] });
  const now = new Date('2026-11-25T10:00:00Z');

  it('answers a send to bounce@simulator.amazonses.com with a permanent bounce of that address, carrying the message tags', () => {
    expect(simulatedEvents(send(['bounce@simulator.amazonses.com'], ['boss@client.test']), 'm1', now)).toEqual([{
      eventType: 'Bounce',
      mail: { messageId: 'm1', timestamp: now.toISOString(), destination: ['bounce@simulator.amazonses.com', 'boss@client.test'], tags: { tenant: ['t1'], invoice: ['i1'] } },
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'bounce@simulator.amazonses.com' }], timestamp: now.toISOString() },
    }]);
  });

  it('answers complaint@ with a complaint, and any other address with nothing', () => {
    expect(simulatedEvents(send(['complaint@simulator.amazonses.com']), 'm2', now).map((e) => e.eventType)).toEqual(['Complaint']);
    expect(simulatedEvents(send(['compta@client.test']), 'm3', now)).toEqual([]);
  });

  it('with deliveryEvents, publishes the Delivery event of every accepted message for the recipients that did not bounce', () => {
    expect(simulatedEvents(send(['compta@client.test'], ['boss@client.test']), 'm4', now, { deliveryEvents: true })).toEqual([{
      eventType: 'Delivery',
      mail: { messageId: 'm4', timestamp: now.toISOString(), destination: ['compta@client.test', 'boss@client.test'], tags: { tenant: ['t1'], invoice: ['i1'] } },
      delivery: { recipients: ['compta@client.test', 'boss@client.test'], timestamp: now.toISOString() },
    }]);
    expect(simulatedEvents(send(['bounce@simulator.amazonses.com'], ['boss@client.test']), 'm5', now, { deliveryEvents: true }).map((e) => [e.eventType, e.delivery?.recipients])).toEqual([
      ['Delivery', ['boss@client.test']],
      ['Bounce', undefined],
    ]);
    expect(simulatedEvents(send(['bounce@simulator.amazonses.com']), 'm6', now, { deliveryEvents: true }).map((e) => e.eventType)).toEqual(['Bounce']);
  });
});
