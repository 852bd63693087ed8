/**
 * EventBridge Scheduler emulator: the REST API subset the SDK v3 SchedulerClient calls
 * (Create/Get/Update/Delete/ListSchedules, restJson1 wire format) plus in-process firing.
 * A due schedule invokes the function mapped to its Target.Arn with Input parsed and the
 * `<aws.scheduler.…>` context attributes substituted, as the real service does; a recurring
 * cron() schedule then moves to its next occurrence.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { DEFAULT_GROUP, ScheduleStore, SchedulerApiError, type ScheduleDefinition, type StoredSchedule } from './scheduler-store.js';
import { answerLoopbackOnly } from './loopback-host.js';

export type ScheduleTarget = (input: unknown) => Promise<unknown>;

export interface SchedulerEmulatorProps {
  readonly region: string;
  readonly accountId: string;
  /** Target ARN → in-process function (the local stack maps the send-reminder Lambda ARN). */
  readonly targets: Readonly<Record<string, ScheduleTarget>>;
  /** Called before each pick and after each fire, so state written by handlers is taken into account (the stream poller's drain). */
  readonly settle?: () => Promise<unknown>;
  /** Persists schedules across restarts. */
  readonly file?: string;
  readonly log?: (message: string) => void;
  /** Fires run concurrently for schedules due at the same instant; default 8. */
  readonly parallelism?: number;
}

export interface FiredSchedule {
  readonly name: string;
  readonly group: string;
  readonly at: string;
  readonly input: unknown;
  readonly result?: unknown;
  readonly error?: string;
}

export interface PendingSchedule {
  readonly name: string;
  readonly group: string;
  readonly at: string;
  readonly expression: string;
  readonly timezone: string;
  readonly state: string;
  readonly input: unknown;
}

/** A fire that re-plans itself at a past time would otherwise loop forever. */
const MAX_FIRES_PER_RUN = 10_000;

export class SchedulerEmulator {
  readonly store: ScheduleStore;
  private server?: Server;
  private timer?: NodeJS.Timeout;
  private queue: Promise<unknown> = Promise.resolve();
  /** While a run replays the future: how far ahead of the wall clock it stands, by tenant ('*': every tenant). */
  private readonly replayOffsets = new Map<string, number>();

  constructor(private readonly props: SchedulerEmulatorProps) {
    this.store = new ScheduleStore(`arn:aws:scheduler:${props.region}:${props.accountId}`, props.file);
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    this.server = answerLoopbackOnly(createServer((req, res) => void this.serve(req, res)));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(port, host, () => resolve());
    });
    return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${(this.server.address() as AddressInfo).port}`;
  }

  /** Fires due schedules in real time while `npm start` runs (tests drive `runUntil` instead). */
  startClock(intervalMs = 2_000): void {
    const tick = async () => {
      // The stream poller runs on its own timer meanwhile: real time needs no drain before each pick.
      await this.runUntil(new Date(), { settle: false }).catch((error: unknown) => this.props.log?.(`scheduler clock: ${String(error)}`));
      this.timer = setTimeout(() => void tick(), intervalMs);
    };
    this.timer = setTimeout(() => void tick(), intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue.catch(() => undefined);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  pending(): PendingSchedule[] {
    return this.store.pending().map((s) => ({
      name: s.Name, group: s.GroupName, at: s.at, expression: s.ScheduleExpression,
      timezone: s.ScheduleExpressionTimezone ?? 'UTC', state: s.State, input: parseInput(s.Target.Input ?? ''),
    }));
  }

  /**
   * Fires, in time order, every schedule due up to `until`, as if the clock were at each one's
   * time. Schedules due at the same instant fire together with bounded parallelism, as Lambda
   * runs concurrent invocations (which is also what the per-client gap claim must withstand).
   */
  runUntil(until: Date, { settle = true, tenantId }: { settle?: boolean; tenantId?: string } = {}): Promise<FiredSchedule[]> {
    // A tenant's clock only: tests that share the emulator move their own tenant's time, not the others'.
    const inScope = (s: StoredSchedule) => tenantId === undefined || (parseInput(s.Target.Input ?? '') as { tenantId?: unknown } | null)?.tenantId === tenantId;
    const scope = tenantId ?? '*';
    return this.exclusive(async () => {
      const fired: FiredSchedule[] = [];
      let replayedAt = 0; // the replayed clock never goes back within a run
      try {
        while (fired.length < MAX_FIRES_PER_RUN) {
          // What the previous wave wrote is settled at that wave's time (its offset is still set).
          if (settle) await this.props.settle?.();
          this.store.coalesce(until, inScope);
          const pending = this.store.pending().filter(inScope);
          const next = pending[0];
          if (!next || Date.parse(next.at) > until.getTime()) return fired;
          const wave = pending.filter((s) => s.at === next.at);
          // A wave ahead of the wall clock is fired, and reacted to, at its own time (timeOffset).
          replayedAt = Math.max(replayedAt, Date.parse(next.at));
          const ahead = replayedAt - Date.now();
          if (ahead > 0) this.replayOffsets.set(scope, ahead);
          else this.replayOffsets.delete(scope);
          let cursor = 0;
          const results: (FiredSchedule | undefined)[] = new Array(wave.length);
          const worker = async () => {
            for (let i = cursor++; i < wave.length; i = cursor++) {
              // A fire of this wave may have deleted or moved another schedule of it (a grouped
              // send, a plan, a cancel): as on AWS, a deleted or updated schedule does not fire.
              if (this.store.isCurrent(wave[i]!)) results[i] = await this.fire(wave[i]!, false);
            }
          };
          await Promise.all(Array.from({ length: Math.min(this.parallelism, wave.length) }, worker));
          fired.push(...results.filter((r): r is FiredSchedule => r !== undefined));
        }
        throw new Error(`more than ${MAX_FIRES_PER_RUN} schedules fired up to ${until.toISOString()}: is a target re-planning itself in the past?`);
      } finally {
        this.replayOffsets.delete(scope);
      }
    });
  }

  /**
   * How far ahead of the wall clock a run now replaying `tenantId`'s schedules stands (ms; 0 when
   * none does). The local stack runs that tenant's fires and stream consumers at this offset, so a
   * plan recorded during a replay is made at the replayed time, as on AWS where the clock is one.
   */
  timeOffset(tenantId: string | undefined): number {
    return (tenantId !== undefined ? this.replayOffsets.get(tenantId) : undefined) ?? this.replayOffsets.get('*') ?? 0;
  }

  /** Concurrent fires of schedules due at the same instant (Lambda's concurrency, bounded). */
  private get parallelism(): number {
    return this.props.parallelism ?? 8;
  }

  private async fire(schedule: StoredSchedule, settle: boolean): Promise<FiredSchedule> {
    const at = new Date(schedule.at);
    const input = parseInput(substitute(schedule.Target.Input ?? '', schedule, at));
    // The real service considers an async Lambda invoke done once accepted: completion does not wait for the outcome.
    if (schedule.recurring) this.store.advance(schedule, at);
    else if (schedule.ActionAfterCompletion === 'DELETE') this.store.delete(schedule.Name, schedule.GroupName);
    else this.store.markCompleted(schedule, at);
    const base = { name: schedule.Name, group: schedule.GroupName, at: schedule.at, input };
    const target = this.props.targets[schedule.Target.Arn];
    let outcome: FiredSchedule;
    if (!target) {
      outcome = { ...base, error: `no local target for ${schedule.Target.Arn}` };
    } else {
      try {
        outcome = { ...base, result: await target(input) };
      } catch (error) {
        outcome = { ...base, error: error instanceof Error ? error.message : String(error) };
      }
    }
    this.props.log?.(`fired ${schedule.Name} (${schedule.at})${outcome.error ? ` — failed: ${outcome.error}` : ''}`);
    if (settle) await this.props.settle?.();
    return outcome;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://scheduler');
      const body = await readJson(req);
      const match = /^\/schedules(?:\/([^/]+))?$/.exec(url.pathname);
      if (!match) return send(res, 404, { Message: `Unknown operation ${req.method} ${url.pathname}` }, 'UnknownOperationException');
      const name = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
      const q = url.searchParams;
      if (name === undefined && req.method === 'GET') return send(res, 200, this.list(q));
      if (name === undefined) return send(res, 405, { Message: 'Method not allowed' }, 'UnknownOperationException');
      const group = (body.GroupName as string | undefined) ?? q.get('groupName') ?? DEFAULT_GROUP;
      switch (req.method) {
        case 'POST':
          return send(res, 200, { ScheduleArn: this.store.create(name, group, body as unknown as ScheduleDefinition).Arn });
        case 'PUT':
          return send(res, 200, { ScheduleArn: this.store.update(name, group, body as unknown as ScheduleDefinition).Arn });
        case 'GET':
          return send(res, 200, describe(this.store.get(name, group)));
        case 'DELETE':
          this.store.delete(name, group);
          return send(res, 200, {});
        default:
          return send(res, 405, { Message: 'Method not allowed' }, 'UnknownOperationException');
      }
    } catch (error) {
      if (error instanceof SchedulerApiError) return send(res, error.status, { Message: error.message }, error.type);
      this.props.log?.(`scheduler emulator: ${error instanceof Error ? error.stack : String(error)}`);
      send(res, 500, { Message: 'Internal error' }, 'InternalServerException');
    }
  }

  private list(q: URLSearchParams) {
    const max = Number(q.get('MaxResults') ?? 100);
    if (!Number.isInteger(max) || max < 1 || max > 100) throw new SchedulerApiError('ValidationException', 400, 'MaxResults must be between 1 and 100');
    const all = this.store.list({ group: q.get('ScheduleGroup') ?? undefined, namePrefix: q.get('NamePrefix') ?? undefined, state: q.get('State') ?? undefined });
    const start = Number(q.get('NextToken') ? Buffer.from(q.get('NextToken')!, 'base64url').toString() : 0);
    const page = all.slice(start, start + max);
    return {
      Schedules: page.map((s) => ({ Arn: s.Arn, Name: s.Name, GroupName: s.GroupName, State: s.State, CreationDate: s.CreationDate, LastModificationDate: s.LastModificationDate, Target: { Arn: s.Target.Arn } })),
      ...(start + max < all.length ? { NextToken: Buffer.from(String(start + max)).toString('base64url') } : {}),
    };
  }
}

const describe = (s: StoredSchedule) => ({
  Arn: s.Arn, Name: s.Name, GroupName: s.GroupName, State: s.State, ScheduleExpression: s.ScheduleExpression,
  ScheduleExpressionTimezone: s.ScheduleExpressionTimezone, Description: s.Description, StartDate: s.StartDate, EndDate: s.EndDate,
  KmsKeyArn: s.KmsKeyArn, Target: s.Target, FlexibleTimeWindow: s.FlexibleTimeWindow, ActionAfterCompletion: s.ActionAfterCompletion ?? 'NONE',
  CreationDate: s.CreationDate, LastModificationDate: s.LastModificationDate,
});

/** The context attributes, e.g. scheduled-time `2026-03-22T08:00:00Z` (no milliseconds, like the service). */
const substitute = (input: string, schedule: StoredSchedule, at: Date): string =>
  input
    .replaceAll('<aws.scheduler.scheduled-time>', at.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.schedule-arn>', schedule.Arn)
    .replaceAll('<aws.scheduler.execution-id>', randomBytes(8).toString('hex'))
    .replaceAll('<aws.scheduler.attempt-number>', '1');

const parseInput = (input: string): unknown => {
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
};

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SchedulerApiError('ValidationException', 400, 'Request body is not valid JSON');
  }
};

const send = (res: ServerResponse, status: number, body: unknown, errorType?: string): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomBytes(16).toString('hex'),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
};
