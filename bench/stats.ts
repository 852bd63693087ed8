/** Small helpers shared by the benchmarks: percentiles, formatting, and the printed tables. */

export interface Table {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly notes?: readonly string[];
  /** Issue 12's targets this table measures: `npm run bench` gathers them into one summary at the end. */
  readonly targets?: readonly Target[];
}

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly limit: string;
  readonly met: boolean;
  /** Why it is not met, said under the summary when it is not (issue 12: "the note says which is not and why, with the measured figure"). */
  readonly whyMissed?: string;
}

/** How a child benchmark hands its targets to `npm run bench` (one line each on stdout, not shown). */
export const TARGET_LINE = '::relances-target::';

export const formatTargets = (targets: readonly Target[]): string =>
  formatTable({
    title: 'Targets (issue 12), this run',
    headers: ['target', 'measured', 'limit', 'status'],
    rows: targets.map((t) => [t.target, t.measured, t.limit, t.met ? 'met' : '**missed**']),
    notes: targets.filter((t) => !t.met).map((t) => `Missed: ${t.target}, ${t.measured} (limit ${t.limit}): ${t.whyMissed ?? 'no reason recorded; see docs/benchmarks.md'}.`),
  });

/** Nearest-rank percentile of an ascending-sorted sample (p in 0..100). */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
};

export const sortedCopy = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export const median = (values: readonly number[]): number => percentile(sortedCopy(values), 50);

/** Fixed significant digits, without scientific notation: 0.0123, 1.23, 123, 12345. */
export const num = (value: number, digits = 3): string => {
  if (!Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
};

export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export const formatTable = ({ title, headers, rows, notes = [] }: Table): string => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [`### ${title}`, '', line(headers), rule, ...rows.map(line), ...(notes.length ? ['', ...notes] : []), ''].join('\n');
};

/** Milliseconds since `start` (a performance.now() reading). */
export const since = (start: number): number => performance.now() - start;

/** Keeps a value alive so the optimiser cannot drop the work that produced it. */
let sink: unknown;
export const consume = (value: unknown): void => {
  sink = value;
};
export const sunk = (): unknown => sink;
