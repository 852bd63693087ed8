/** A bounded HTTP load loop: N requests by C workers, capped in wall-clock time, loopback only. */
import { num, percentile, sortedCopy } from './stats.js';

export interface Reply {
  readonly status: number;
  readonly json: any;
}

export interface LoadResult {
  readonly name: string;
  readonly latencies: number[];
  readonly wallMs: number;
  readonly firstMs: number;
  readonly errors: string[];
}

/** One authenticated JSON call to the local API; the base URL must be a loopback one. */
export const client = (base: string, token: string) => {
  const host = new URL(base).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`api bench: refusing non-loopback host ${host}`);
  return async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
};

/**
 * Runs `request(i, worker)` for i in 0..count-1 over `concurrency` workers; worker w takes
 * i = w, w + concurrency, … so a caller can give each worker its own resources. Stops early at
 * `maxMs`. A non-2xx reply is an error (kept, at most 5 messages).
 */
export const load = async (
  name: string,
  { count, concurrency, maxMs = 60_000 }: { count: number; concurrency: number; maxMs?: number },
  request: (i: number, worker: number) => Promise<Reply>,
): Promise<LoadResult> => {
  const latencies: number[] = new Array<number>(count).fill(Number.NaN);
  const errors: string[] = [];
  const start = performance.now();
  const deadline = start + maxMs;
  const worker = async (w: number) => {
    for (let i = w; i < count && performance.now() < deadline; i += concurrency) {
      const t = performance.now();
      const reply = await request(i, w).catch((error: unknown) => ({ status: 0, json: String(error) }));
      latencies[i] = performance.now() - t;
      if (reply.status < 200 || reply.status >= 300) {
        if (errors.length < 5) errors.push(`${name} #${i}: ${reply.status} ${JSON.stringify(reply.json).slice(0, 300)}`);
        else errors.push('');
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const wallMs = performance.now() - start;
  return { name, latencies: latencies.filter((l) => !Number.isNaN(l)), wallMs, firstMs: latencies[0] ?? Number.NaN, errors };
};

export const loadRow = (r: LoadResult, concurrency: number): string[] => {
  const sorted = sortedCopy(r.latencies);
  return [
    r.name,
    `${r.latencies.length}×${concurrency}`,
    num(r.firstMs),
    num(percentile(sorted, 50)),
    num(percentile(sorted, 95)),
    num(percentile(sorted, 99)),
    num((r.latencies.length / r.wallMs) * 1000),
    String(r.errors.length),
  ];
};

export const LOAD_HEADERS = ['request', 'n×conc', 'first ms', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'errors'] as const;
