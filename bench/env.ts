/**
 * The environment every benchmark runs in, set by bench/run.ts before anything else loads (the children it spawns
 * inherit it). An explicit value always wins.
 *
 * - NODE_ENV=production: the PDF functions run React's production build on Lambda (infra/constructs/relances-function.ts,
 *   `pdf: true`) and `npm start` does too (infra/local/production-env.ts). Left unset, `npm run bench pdf` measured the
 *   development build instead: 3.37× raw pdfkit at load ≈ 14 on 2026-11-27, a target missed by a figure Lambda never sees.
 * - The functions' JSON log lines and embedded-metric lines are what Lambda hands to CloudWatch: a run of 1,000 reminders
 *   printed over 3,000 of them around its tables. Warnings and errors still show; POWERTOOLS_LOG_LEVEL=INFO or
 *   POWERTOOLS_METRICS_DISABLED=false bring the rest back.
 */
export const BENCH_ENV_DEFAULTS = {
  NODE_ENV: 'production',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

export const applyBenchEnv = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => {
  for (const [name, value] of Object.entries(BENCH_ENV_DEFAULTS)) env[name] ??= value;
  return env;
};

applyBenchEnv();
