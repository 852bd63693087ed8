/**
 * A bounded micro-benchmark loop for pure functions: warm-up, then timed single calls for the
 * latency percentiles and timed batches for the throughput. Bounded by count and by time.
 */
import { consume, percentile, sortedCopy } from './stats.js';

export interface MicroOptions {
  /** Calls before measuring, so the JIT has settled. */
  readonly warmup?: number;
  /** Single calls timed one by one (latency). */
  readonly samples?: number;
  /** Wall-clock cap for each phase, ms. */
  readonly maxMs?: number;
  /** Calls per batch for the throughput phase. */
  readonly batch?: number;
}

export interface MicroResult {
  readonly opsPerSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly samples: number;
}

export const micro = (fn: () => unknown, { warmup = 2_000, samples = 20_000, maxMs = 2_000, batch = 200 }: MicroOptions = {}): MicroResult => {
  let deadline = performance.now() + maxMs;
  for (let i = 0; i < warmup && performance.now() < deadline; i += 1) consume(fn());

  const latencies: number[] = [];
  deadline = performance.now() + maxMs;
  while (latencies.length < samples && performance.now() < deadline) {
    const t = performance.now();
    consume(fn());
    latencies.push((performance.now() - t) * 1000);
  }

  let calls = 0;
  const start = performance.now();
  deadline = start + maxMs;
  while (calls < samples * 2 && performance.now() < deadline) {
    for (let i = 0; i < batch; i += 1) consume(fn());
    calls += batch;
  }
  const elapsedMs = performance.now() - start;

  const sorted = sortedCopy(latencies);
  return { opsPerSec: (calls / elapsedMs) * 1000, p50Us: percentile(sorted, 50), p99Us: percentile(sorted, 99), samples: sorted.length };
};
