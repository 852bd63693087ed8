import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ConflictException, CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ListSchedulesCommand,
  ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand, ValidationException, type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { SchedulerEmulator } from '../../infra/local/scheduler-emulator.js';

const TARGET_ARN = 'arn:aws:lambda:eu-west-3:000000000000:function:test-target';
const GROUP = 'relances-test';

const aSchedule = (name: string, at: string, overrides: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
  Name: name,
  GroupName: GROUP,
  ScheduleExpression: `at(${at})`,
  ScheduleExpressionTimezone: 'Europe/Paris',
  FlexibleTimeWindow: { Mode: 'OFF' },
  ActionAfterCompletion: 'DELETE',
  Target: {
    Arn: TARGET_ARN,
    RoleArn: 'arn:aws:iam::000000000000:role/scheduler',
    Input: JSON.stringify({ invoiceId: name, scheduledTime: '<aws.scheduler.scheduled-time>' }),
    RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 },
    DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-3:000000000000:dlq' },
  },
  ...overrides,
});

const clientFor = (endpoint: string) =>
  new SchedulerClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

describe('Scheduler emulator, driven by the real SDK client', () => {
  const received: unknown[] = [];
  let replan: ((input: { invoiceId: string }) => Promise<void>) | undefined;
  const emulator = new SchedulerEmulator({
    region: 'eu-west-3',
    accountId: '000000000000',
    targets: {
      [TARGET_ARN]: async (input) => {
        received.push(input);
        await replan?.(input as { invoiceId: string });
        return { outcome: 'sent' };
      },
    },
  });
  let scheduler: SchedulerClient;

  beforeAll(async () => {
    scheduler = clientFor(await emulator.listen(0));
  });
  afterAll(async () => {
    scheduler.destroy();
    await emulator.stop();
  });

  it('creates, refuses a duplicate, reads, replaces, lists by prefix and deletes a schedule', async () => {
    const created = await scheduler.send(new CreateScheduleCommand(aSchedule('inv-1-step-a-r1', '2026-06-15T09:00:00')));
    expect(created.ScheduleArn).toBe(`arn:aws:scheduler:eu-west-3:000000000000:schedule/${GROUP}/inv-1-step-a-r1`);

    await expect(scheduler.send(new CreateScheduleCommand(aSchedule('inv-1-step-a-r1', '2026-06-15T09:00:00')))).rejects.toBeInstanceOf(ConflictException);

    const got = await scheduler.send(new GetScheduleCommand({ Name: 'inv-1-step-a-r1', GroupName: GROUP }));
    expect(got).toMatchObject({
      Name: 'inv-1-step-a-r1', GroupName: GROUP, State: 'ENABLED', ScheduleExpression: 'at(2026-06-15T09:00:00)',
      ScheduleExpressionTimezone: 'Europe/Paris', ActionAfterCompletion: 'DELETE', FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: TARGET_ARN, RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 }, DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-3:000000000000:dlq' } },
    });
    expect(got.CreationDate).toBeInstanceOf(Date);

    await scheduler.send(new UpdateScheduleCommand(aSchedule('inv-1-step-a-r1', '2026-06-16T10:30:00', { ActionAfterCompletion: 'NONE' })));
    const updated = await scheduler.send(new GetScheduleCommand({ Name: 'inv-1-step-a-r1', GroupName: GROUP }));
    expect(updated).toMatchObject({ ScheduleExpression: 'at(2026-06-16T10:30:00)', ActionAfterCompletion: 'NONE' });
    await expect(scheduler.send(new UpdateScheduleCommand(aSchedule('missing', '2026-06-16T10:30:00')))).rejects.toBeInstanceOf(ResourceNotFoundException);

    await scheduler.send(new CreateScheduleCommand(aSchedule('inv-1-step-b-r1', '2026-07-01T09:00:00')));
    await scheduler.send(new CreateScheduleCommand(aSchedule('inv-2-step-a-r1', '2026-07-01T09:00:00')));
    await scheduler.send(new CreateScheduleCommand({ ...aSchedule('inv-1-elsewhere', '2026-07-01T09:00:00'), GroupName: 'other-group' }));
    const listed = await scheduler.send(new ListSchedulesCommand({ NamePrefix: 'inv-1-', GroupName: GROUP }));
    expect(listed.Schedules?.map((s) => s.Name)).toEqual(['inv-1-step-a-r1', 'inv-1-step-b-r1']);
    expect(listed.Schedules?.[0]).toMatchObject({ GroupName: GROUP, State: 'ENABLED', Target: { Arn: TARGET_ARN } });

    const page1 = await scheduler.send(new ListSchedulesCommand({ GroupName: GROUP, MaxResults: 2 }));
    expect(page1.Schedules).toHaveLength(2);
    const page2 = await scheduler.send(new ListSchedulesCommand({ GroupName: GROUP, MaxResults: 2, NextToken: page1.NextToken }));
    expect(page2.Schedules?.map((s) => s.Name)).toEqual(['inv-2-step-a-r1']);
    expect(page2.NextToken).toBeUndefined();

    await scheduler.send(new DeleteScheduleCommand({ Name: 'inv-1-step-a-r1', GroupName: GROUP }));
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'inv-1-step-a-r1', GroupName: GROUP }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const notFound = await scheduler.send(new DeleteScheduleCommand({ Name: 'inv-1-step-a-r1', GroupName: GROUP })).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect((notFound as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    expect((notFound as ResourceNotFoundException).message).toContain('inv-1-step-a-r1');

    for (const name of ['inv-1-step-b-r1', 'inv-2-step-a-r1']) await scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: GROUP }));
    await scheduler.send(new DeleteScheduleCommand({ Name: 'inv-1-elsewhere', GroupName: 'other-group' }));
  });

  it('rejects invalid names, expressions and time zones with ValidationException', async () => {
    const invalid = [
      aSchedule('has a space', '2026-06-15T09:00:00'),
      aSchedule('x'.repeat(65), '2026-06-15T09:00:00'),
      aSchedule('bad-date', '2026-02-30T09:00:00'),
      aSchedule('bad-format', '2026-06-15 09:00'),
      aSchedule('bad-zone', '2026-06-15T09:00:00', { ScheduleExpressionTimezone: 'Europe/Atlantis' }),
      aSchedule('bad-retry', '2026-06-15T09:00:00', { Target: { ...aSchedule('x', '2026-06-15T09:00:00').Target!, RetryPolicy: { MaximumRetryAttempts: 500 } } }),
    ];
    for (const input of invalid) {
      const error = await scheduler.send(new CreateScheduleCommand(input)).catch((e: unknown) => e);
      expect(error, input.Name).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
    }
  });

  it('fires a past Paris schedule with its UTC time substituted, then deletes it', async () => {
    received.length = 0;
    // 9:00 in Paris on 2025-01-15 is 08:00 UTC (winter time).
    await scheduler.send(new CreateScheduleCommand(aSchedule('winter-step', '2025-01-15T09:00:00')));
    // Summer: 9:00 in Paris is 07:00 UTC; kept after completion (NONE).
    await scheduler.send(new CreateScheduleCommand(aSchedule('summer-step', '2025-07-15T09:00:00', { ActionAfterCompletion: 'NONE' })));
    await scheduler.send(new CreateScheduleCommand(aSchedule('future-step', '2099-01-01T09:00:00')));

    const fired = await emulator.runUntil(new Date());

    expect(fired.map((f) => [f.name, f.at])).toEqual([
      ['winter-step', '2025-01-15T08:00:00.000Z'],
      ['summer-step', '2025-07-15T07:00:00.000Z'],
    ]);
    expect(received).toEqual([
      { invoiceId: 'winter-step', scheduledTime: '2025-01-15T08:00:00Z' },
      { invoiceId: 'summer-step', scheduledTime: '2025-07-15T07:00:00Z' },
    ]);
    expect(fired[0]?.result).toEqual({ outcome: 'sent' });
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'winter-step', GroupName: GROUP }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(scheduler.send(new GetScheduleCommand({ Name: 'summer-step', GroupName: GROUP }))).resolves.toMatchObject({ Name: 'summer-step' });
    expect(emulator.pending().map((p) => p.name)).toEqual(['future-step']);
    expect(await emulator.runUntil(new Date())).toEqual([]);
    for (const name of ['summer-step', 'future-step']) await scheduler.send(new DeleteScheduleCommand({ Name: name, GroupName: GROUP }));
  });

  it('moves one tenant’s clock only when runUntil names a tenant', async () => {
    received.length = 0;
    const of = (tenantId: string, name: string) =>
      aSchedule(name, '2025-02-03T09:00:00', { Target: { ...aSchedule(name, '2025-02-03T09:00:00').Target!, Input: JSON.stringify({ tenantId, invoiceId: name }) } });
    await scheduler.send(new CreateScheduleCommand(of('tenant-a', 'a-step')));
    await scheduler.send(new CreateScheduleCommand(of('tenant-b', 'b-step')));

    expect((await emulator.runUntil(new Date('2025-02-04T00:00:00Z'), { tenantId: 'tenant-a' })).map((f) => f.name)).toEqual(['a-step']);
    expect(emulator.pending().map((p) => p.name)).toEqual(['b-step']);
    expect((await emulator.runUntil(new Date('2025-02-04T00:00:00Z'))).map((f) => f.name)).toEqual(['b-step']);
    expect(received.map((r) => (r as { invoiceId: string }).invoiceId)).toEqual(['a-step', 'b-step']);
  });

  it('takes into account schedules re-planned by a fire, in time order', async () => {
    received.length = 0;
    replan = async ({ invoiceId }) => {
      if (invoiceId === 'step-1') await scheduler.send(new CreateScheduleCommand(aSchedule('step-2', '2025-03-10T09:00:00')));
    };
    await scheduler.send(new CreateScheduleCommand(aSchedule('step-1', '2025-03-01T09:00:00')));
    await scheduler.send(new CreateScheduleCommand(aSchedule('step-3', '2025-03-20T09:00:00')));

    const fired = await emulator.runUntil(new Date('2025-03-31T00:00:00Z'));
    replan = undefined;

    expect(fired.map((f) => f.name)).toEqual(['step-1', 'step-2', 'step-3']);
    expect(emulator.pending()).toEqual([]);
  });

  it('does not fire a schedule of its wave that an earlier fire deleted or moved (a grouped send), and the run completes', async () => {
    // One worker, so the order is known: the first fire deletes one sibling and moves another.
    const names: string[] = [];
    let client: SchedulerClient | undefined;
    const single = new SchedulerEmulator({
      region: 'eu-west-3',
      accountId: '000000000000',
      parallelism: 1,
      targets: {
        [TARGET_ARN]: async (input) => {
          const { invoiceId } = input as { invoiceId: string };
          names.push(invoiceId);
          if (invoiceId === 'wave-a') {
            await client!.send(new DeleteScheduleCommand({ Name: 'wave-b', GroupName: GROUP }));
            await client!.send(new UpdateScheduleCommand(aSchedule('wave-c', '2025-04-09T09:00:00')));
          }
          return { outcome: 'sent' };
        },
      },
    });
    client = clientFor(await single.listen(0));
    try {
      for (const name of ['wave-a', 'wave-b', 'wave-c']) await client.send(new CreateScheduleCommand(aSchedule(name, '2025-04-02T09:00:00')));
      const fired = await single.runUntil(new Date('2025-04-05T00:00:00Z'));
      expect(fired.map((f) => f.name)).toEqual(['wave-a']);
      expect(single.pending().map((p) => [p.name, p.at])).toEqual([['wave-c', '2025-04-09T07:00:00.000Z']]);
      expect((await single.runUntil(new Date('2025-04-30T00:00:00Z'))).map((f) => f.name)).toEqual(['wave-c']);
      expect(names).toEqual(['wave-a', 'wave-c']);
    } finally {
      client.destroy();
      await single.stop();
    }
  });

  it('reports a target that throws, and still completes the schedule', async () => {
    replan = async () => {
      throw new Error('SES is down');
    };
    await scheduler.send(new CreateScheduleCommand(aSchedule('failing-step', '2025-02-01T09:00:00')));
    const fired = await emulator.runUntil(new Date());
    replan = undefined;
    expect(fired).toEqual([expect.objectContaining({ name: 'failing-step', error: 'SES is down' })]);
    expect(emulator.pending()).toEqual([]);
  });
});

describe('Scheduler of the local stack, over /local/schedules', () => {
  const api = () => inject('apiUrl');

  it('lists pending schedules and fires them up to a given instant', async () => {
    const scheduler = clientFor(inject('schedulerEndpoint'));
    const unmapped = 'arn:aws:lambda:eu-west-3:000000000000:function:not-local';
    const schedule = aSchedule('local-ctl-1', '2024-12-02T09:00:00');
    await scheduler.send(new CreateScheduleCommand({ ...schedule, Target: { ...schedule.Target!, Arn: unmapped } }));
    scheduler.destroy();

    const listed = (await (await fetch(`${api()}/local/schedules`)).json()) as { items: { name: string; at: string; timezone: string; input: unknown }[] };
    expect(listed.items.find((i) => i.name === 'local-ctl-1')).toEqual(expect.objectContaining({
      group: GROUP, at: '2024-12-02T08:00:00.000Z', expression: 'at(2024-12-02T09:00:00)', timezone: 'Europe/Paris',
      input: { invoiceId: 'local-ctl-1', scheduledTime: '<aws.scheduler.scheduled-time>' },
    }));

    const res = await fetch(`${api()}/local/schedules/run`, { method: 'POST', body: JSON.stringify({ until: '2024-12-02T08:00:00Z' }) });
    expect(res.status).toBe(200);
    const { fired } = (await res.json()) as { fired: { name: string; input: unknown; error?: string }[] };
    expect(fired.find((f) => f.name === 'local-ctl-1')).toEqual(expect.objectContaining({
      input: { invoiceId: 'local-ctl-1', scheduledTime: '2024-12-02T08:00:00Z' },
      error: `no local target for ${unmapped}`,
    }));
    const after = (await (await fetch(`${api()}/local/schedules`)).json()) as { items: { name: string }[] };
    expect(after.items.map((i) => i.name)).not.toContain('local-ctl-1');
  });

  it('refuses a run without a valid instant', async () => {
    const res = await fetch(`${api()}/local/schedules/run`, { method: 'POST', body: JSON.stringify({ until: 'next tuesday' }) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('names the bad field: no until, a day that does not exist (never rolled into March), a bad tenant, an unknown field', async () => {
    const run = async (body: unknown) => {
      const res = await fetch(`${api()}/local/schedules/run`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      return ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    };
    expect(await run({})).toEqual(['body.until']);
    expect(await run({ until: '2026-02-30T00:00:00Z' })).toEqual(['body.until']);
    expect(await run({ until: '2026-03-01' })).toEqual(['body.until']);
    expect(await run({ until: '2026-03-01T00:00:00Z', tenantId: 5 })).toEqual(['body.tenantId']);
    expect(await run({ until: '2026-03-01T00:00:00Z', tenant: 'acme' })).toEqual(['body.tenant']);
  });
});

describe('Scheduler emulator: a run that replays the future', () => {
  it('stands at each wave’s time for the tenant it replays, never goes back, and returns to the wall clock after the run', async () => {
    const seen: { at: string; mine: number; other: number; all: number }[] = [];
    const emulator: SchedulerEmulator = new SchedulerEmulator({
      region: 'eu-west-3',
      accountId: '000000000000',
      targets: {
        [TARGET_ARN]: async (input) => {
          const { scheduledTime } = input as { scheduledTime: string };
          seen.push({ at: scheduledTime, mine: emulator.timeOffset('t1'), other: emulator.timeOffset('t2'), all: emulator.timeOffset(undefined) });
          return { outcome: 'sent' };
        },
      },
    });
    const client = clientFor(await emulator.listen(0));
    try {
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 19);
      const input = (name: string) => JSON.stringify({ tenantId: 't1', invoiceId: name, scheduledTime: '<aws.scheduler.scheduled-time>' });
      for (const [name, days] of [['past', -2], ['ahead-10', 10], ['ahead-40', 40]] as const) {
        await client.send(new CreateScheduleCommand(aSchedule(name, inDays(days), { ScheduleExpressionTimezone: 'UTC', Target: { ...aSchedule(name, '').Target!, Input: input(name) } })));
      }
      await emulator.runUntil(new Date(Date.now() + 60 * 86_400_000), { tenantId: 't1' });

      expect(seen).toHaveLength(3);
      const [past, ten, forty] = seen as [(typeof seen)[0], (typeof seen)[0], (typeof seen)[0]];
      // A wave behind the wall clock runs at the wall clock; one ahead, at its own time (± 1 s).
      expect(past.mine).toBe(0);
      for (const [wave, days] of [[ten, 10], [forty, 40]] as const) {
        expect(Math.abs(Date.now() + wave.mine - Date.parse(wave.at))).toBeLessThan(5_000);
        expect(wave.mine).toBeGreaterThan((days - 1) * 86_400_000);
      }
      // Only the replayed tenant's time moves (a run without tenant would move everyone's).
      expect(seen.map((s) => [s.other, s.all])).toEqual([[0, 0], [0, 0], [0, 0]]);
      expect(emulator.timeOffset('t1')).toBe(0);
    } finally {
      client.destroy();
      await emulator.stop();
    }
  });
});
