import { BusyError, ConflictError } from './errors.js';

/** How a use case retries an optimistic-concurrency conflict: bounded, exponential, full jitter. */
export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected so unit tests run without waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Ten attempts with full jitter let ~20 writers racing on one invoice all land (each round at
 * least one wins, jitter spreads the rest) while a request never waits more than ~2.5 s.
 */
export const defaultRetryPolicy: RetryPolicy = { attempts: 10, baseDelayMs: 10, maxDelayMs: 500 };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again on a ConflictError (another writer changed the item it read). `work`
 * must re-read its state each time, so every business rule is checked against the version
 * actually written. Out of attempts, the caller gets a 503 to retry later: the request itself
 * did not conflict with anything, the table was only busy.
 */
export const retryOnConflict = async <T>(work: (attempt: number) => Promise<T>, policy: RetryPolicy = defaultRetryPolicy): Promise<T> => {
  const sleep = policy.sleep ?? wait;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      if (attempt >= policy.attempts) throw new BusyError(`Gave up after ${attempt} concurrent-write conflicts`);
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.floor(random() * ceiling));
    }
  }
};
