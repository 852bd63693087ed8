import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The clock of the code running inside `atTimeOffset`: the wall clock moved by an offset. Only the
 * local stack sets one, while its simulated clock replays a tenant's future (infra/local): the
 * fires of that run, and the stream consumers reacting to them, then act at the replayed time as
 * they would on AWS, where there is one clock. Everywhere else (and on AWS) the offset is 0.
 */
const offsets = new AsyncLocalStorage<number>();

export const atTimeOffset = <T>(offsetMs: number, work: () => T): T => (offsetMs === 0 ? work() : offsets.run(offsetMs, work));

export const clockNow = (): Date => new Date(Date.now() + (offsets.getStore() ?? 0));
