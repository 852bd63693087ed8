/**
 * The state of the EventBridge Scheduler emulator: one-time `at()` and recurring `cron()` schedules per group, with
 * the validation the real service applies to what Relances sends. Shapes follow the REST
 * API's JSON members (ScheduleExpression, Target { Arn, RoleArn, Input, … }) so the HTTP
 * layer can pass them through; timestamps are epoch seconds, as the SDK (restJson1) expects.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { atExpressionToUtc, isValidTimeZone, nextCronOccurrence, parseCronExpression } from './local-time.js';

export interface ScheduleTargetDefinition {
  readonly Arn: string;
  readonly RoleArn: string;
  readonly Input?: string;
  readonly RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
  readonly DeadLetterConfig?: { Arn?: string };
  readonly [other: string]: unknown;
}

export interface ScheduleDefinition {
  readonly ScheduleExpression: string;
  readonly ScheduleExpressionTimezone?: string;
  readonly Target: ScheduleTargetDefinition;
  readonly FlexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  readonly ActionAfterCompletion?: string;
  readonly State?: string;
  readonly Description?: string;
  readonly StartDate?: number;
  readonly EndDate?: number;
  readonly KmsKeyArn?: string;
  readonly ClientToken?: string;
}

export interface StoredSchedule extends ScheduleDefinition {
  readonly Name: string;
  readonly GroupName: string;
  readonly Arn: string;
  readonly State: string;
  readonly CreationDate: number;
  readonly LastModificationDate: number;
  /** The UTC instant the at() expression designates; for a cron(), its next occurrence. */
  readonly at: string;
  /** A cron() schedule: it stays after firing and moves to its next occurrence. */
  readonly recurring?: boolean;
  /** Set once a one-time schedule kept after completion (ActionAfterCompletion NONE) has fired. */
  readonly completedAt?: string;
}

export class SchedulerApiError extends Error {
  constructor(readonly type: 'ValidationException' | 'ConflictException' | 'ResourceNotFoundException', readonly status: number, message: string) {
    super(message);
  }
}

const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
export const DEFAULT_GROUP = 'default';

const invalid = (message: string) => new SchedulerApiError('ValidationException', 400, message);

const validateName = (kind: string, name: string): void => {
  if (!NAME.test(name)) throw invalid(`${kind} '${name}' must be 1-64 characters of [0-9a-zA-Z-_.]`);
};

/** Validates a definition and returns the UTC instant it (next) fires at, after `now` for a cron(). */
const validate = (definition: ScheduleDefinition, now: Date): { at: Date; recurring: boolean } => {
  const { ScheduleExpression: expression, ScheduleExpressionTimezone: zone, Target: target } = definition;
  if (typeof expression !== 'string') throw invalid('ScheduleExpression is required');
  if (zone !== undefined && !isValidTimeZone(zone)) throw invalid(`Invalid ScheduleExpressionTimezone '${zone}'`);
  const cron = expression.startsWith('cron(') ? parseCronExpression(expression) : undefined;
  if (expression.startsWith('cron(') && !cron) throw invalid(`Invalid Schedule Expression ${expression}: cron(minutes hours day-of-month month day-of-week year), one of the days '?' (L, W and # are not emulated)`);
  const next = cron && nextCronOccurrence(cron, now, zone);
  if (cron && !next) throw invalid(`Schedule Expression ${expression} has no occurrence in the next five years`);
  const at = next ?? atExpressionToUtc(expression, zone);
  // rate() is valid for the real service; Relances creates one-time at() schedules and the daily overview's cron().
  if (!at) throw invalid(`Invalid Schedule Expression ${expression}: the local emulator accepts at(yyyy-mm-ddThh:mm:ss) and cron(…) only`);
  if (!target || typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string') throw invalid('Target.Arn and Target.RoleArn are required');
  const mode = definition.FlexibleTimeWindow?.Mode;
  if (mode !== 'OFF' && mode !== 'FLEXIBLE') throw invalid('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE');
  if (definition.ActionAfterCompletion !== undefined && !['NONE', 'DELETE'].includes(definition.ActionAfterCompletion)) throw invalid('ActionAfterCompletion must be NONE or DELETE');
  if (definition.State !== undefined && !['ENABLED', 'DISABLED'].includes(definition.State)) throw invalid('State must be ENABLED or DISABLED');
  const retry = target.RetryPolicy;
  if (retry?.MaximumEventAgeInSeconds !== undefined && (retry.MaximumEventAgeInSeconds < 60 || retry.MaximumEventAgeInSeconds > 86_400)) throw invalid('RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400');
  if (retry?.MaximumRetryAttempts !== undefined && (retry.MaximumRetryAttempts < 0 || retry.MaximumRetryAttempts > 185)) throw invalid('RetryPolicy.MaximumRetryAttempts must be between 0 and 185');
  return { at, recurring: cron !== undefined };
};

export class ScheduleStore {
  private readonly schedules = new Map<string, StoredSchedule>();

  /**
   * `file`: where schedules survive a restart (the local stack's data dir); in memory otherwise.
   * Changes are appended to `<file>.journal` (one line each, so 1,000 fires are 1,000 small
   * appends, not 1,000 rewrites of the whole set); at start the journal is replayed over the
   * snapshot and both are compacted into the snapshot.
   */
  constructor(private readonly arnPrefix: string, private readonly file?: string) {
    if (!file) return;
    try {
      for (const schedule of JSON.parse(readFileSync(file, 'utf8')) as StoredSchedule[]) this.schedules.set(key(schedule.GroupName, schedule.Name), schedule);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const journal = `${file}.journal`;
    if (existsSync(journal)) {
      for (const line of readFileSync(journal, 'utf8').split('\n')) {
        if (!line) continue;
        let entry: { put?: StoredSchedule; del?: string };
        try {
          entry = JSON.parse(line) as { put?: StoredSchedule; del?: string };
        } catch {
          break; // a line cut by a crash ends the journal
        }
        if (entry.put) this.schedules.set(key(entry.put.GroupName, entry.put.Name), entry.put);
        if (entry.del) this.schedules.delete(entry.del);
      }
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify([...this.schedules.values()], null, 1));
    writeFileSync(journal, '');
  }

  create(name: string, group: string, definition: ScheduleDefinition): StoredSchedule {
    validateName('Name', name);
    validateName('GroupName', group);
    const existing = this.schedules.get(key(group, name));
    // A retried call carries the same ClientToken: the real service answers it idempotently.
    if (existing && definition.ClientToken !== undefined && existing.ClientToken === definition.ClientToken) return existing;
    if (existing) throw new SchedulerApiError('ConflictException', 409, `Schedule ${name} already exists.`);
    return this.put(name, group, definition, nowSeconds());
  }

  update(name: string, group: string, definition: ScheduleDefinition): StoredSchedule {
    const existing = this.get(name, group);
    return this.put(name, group, definition, existing.CreationDate);
  }

  get(name: string, group: string): StoredSchedule {
    const schedule = this.schedules.get(key(group, name));
    if (!schedule) throw new SchedulerApiError('ResourceNotFoundException', 404, `Schedule ${name} does not exist.`);
    return schedule;
  }

  /** Still the stored version: not deleted, updated or fired since it was read. */
  isCurrent(schedule: StoredSchedule): boolean {
    return this.schedules.get(key(schedule.GroupName, schedule.Name)) === schedule;
  }

  delete(name: string, group: string): void {
    this.get(name, group);
    this.schedules.delete(key(group, name));
    this.save({ del: key(group, name) });
  }

  /** A recurring schedule fired at `firedAt`: it moves to its next occurrence after it. */
  advance(schedule: StoredSchedule, firedAt: Date): void {
    if (this.schedules.get(key(schedule.GroupName, schedule.Name)) !== schedule) return;
    const spec = parseCronExpression(schedule.ScheduleExpression)!;
    const next = nextCronOccurrence(spec, firedAt, schedule.ScheduleExpressionTimezone);
    const moved = next ? { ...schedule, at: next.toISOString() } : { ...schedule, completedAt: firedAt.toISOString() };
    this.schedules.set(key(schedule.GroupName, schedule.Name), moved);
    this.save({ put: moved });
  }

  /**
   * A jump of the simulated clock to `until` fires each recurring schedule once, at its last
   * occurrence up to `until`, not once per day skipped: a daily overview of each of 80 skipped
   * days is no news, and 80 fires per tenant would make every long replay crawl. (The real
   * service never jumps: its clock fires every occurrence.)
   */
  coalesce(until: Date, inScope: (schedule: StoredSchedule) => boolean = () => true): void {
    for (const schedule of this.pending()) {
      if (!schedule.recurring || !inScope(schedule) || Date.parse(schedule.at) > until.getTime()) continue;
      const spec = parseCronExpression(schedule.ScheduleExpression)!;
      let last = new Date(schedule.at);
      for (let i = 0; i < 10_000; i++) {
        const next = nextCronOccurrence(spec, last, schedule.ScheduleExpressionTimezone);
        if (!next || next.getTime() > until.getTime()) break;
        last = next;
      }
      if (last.toISOString() === schedule.at) continue;
      const moved = { ...schedule, at: last.toISOString() };
      this.schedules.set(key(schedule.GroupName, schedule.Name), moved);
      this.save({ put: moved });
    }
  }

  markCompleted(schedule: StoredSchedule, at: Date): void {
    if (this.schedules.get(key(schedule.GroupName, schedule.Name)) !== schedule) return;
    const completed = { ...schedule, completedAt: at.toISOString() };
    this.schedules.set(key(schedule.GroupName, schedule.Name), completed);
    this.save({ put: completed });
  }

  list(filter: { group?: string; namePrefix?: string; state?: string } = {}): StoredSchedule[] {
    return [...this.schedules.values()]
      .filter((s) => (filter.group === undefined || s.GroupName === filter.group) &&
        (filter.namePrefix === undefined || s.Name.startsWith(filter.namePrefix)) &&
        (filter.state === undefined || s.State === filter.state))
      .sort((a, b) => (a.GroupName + '/' + a.Name).localeCompare(b.GroupName + '/' + b.Name));
  }

  /** Enabled schedules still to fire, earliest first (ties by name, for a stable order). */
  pending(): StoredSchedule[] {
    return [...this.schedules.values()]
      .filter((s) => s.State === 'ENABLED' && s.completedAt === undefined)
      .sort((a, b) => a.at.localeCompare(b.at) || a.Name.localeCompare(b.Name));
  }

  private put(name: string, group: string, definition: ScheduleDefinition, created: number): StoredSchedule {
    const { at, recurring } = validate(definition, new Date());
    const schedule: StoredSchedule = {
      ...definition,
      Name: name,
      GroupName: group,
      Arn: `${this.arnPrefix}:schedule/${group}/${name}`,
      State: definition.State ?? 'ENABLED',
      CreationDate: created,
      LastModificationDate: nowSeconds(),
      at: at.toISOString(),
      ...(recurring ? { recurring: true } : {}),
    };
    this.schedules.set(key(group, name), schedule);
    this.save({ put: schedule });
    return schedule;
  }

  private save(entry: { put?: StoredSchedule; del?: string }): void {
    if (this.file) appendFileSync(`${this.file}.journal`, `${JSON.stringify(entry)}\n`);
  }
}

const key = (group: string, name: string) => `${group}/${name}`;
const nowSeconds = () => Date.now() / 1000;
