import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScheduleStore } from '../../infra/local/scheduler-store.js';

const dir = mkdtempSync(join(tmpdir(), 'relances-schedules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const definition = (minute: number) => ({
  ScheduleExpression: `at(2026-12-0${1 + (minute % 5)}T09:${String(minute).padStart(2, '0')}:00)`,
  ScheduleExpressionTimezone: 'Europe/Paris',
  FlexibleTimeWindow: { Mode: 'OFF' as const },
  ActionAfterCompletion: 'DELETE' as const,
  Target: { Arn: 'arn:aws:lambda:eu-west-3:000000000000:function:send-reminder', RoleArn: 'arn:aws:iam::000000000000:role/scheduler', Input: '{}' },
});

describe('the Scheduler emulator store on disk', () => {
  it('appends one journal line per change instead of rewriting every schedule, and replays it after a restart', () => {
    const file = join(dir, 'schedules.json');
    const store = new ScheduleStore('arn:aws:scheduler:eu-west-3:000000000000', file);
    for (let i = 0; i < 50; i++) store.create(`s-${i}`, 'relances-local', definition(i));
    for (let i = 0; i < 10; i++) store.delete(`s-${i}`, 'relances-local');
    expect(readFileSync(`${file}.journal`, 'utf8').trim().split('\n')).toHaveLength(60);

    const restarted = new ScheduleStore('arn:aws:scheduler:eu-west-3:000000000000', file);
    expect(restarted.pending().map((s) => s.Name).sort()).toEqual(store.pending().map((s) => s.Name).sort());
    expect(restarted.pending()).toHaveLength(40);
    // The restart compacted the journal into the snapshot.
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(40);
  });
});
