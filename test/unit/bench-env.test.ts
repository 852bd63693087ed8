import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBenchEnv } from '../../bench/env.js';

// `npm run bench pdf` measured React's development build (NODE_ENV unset): 3.37× raw pdfkit, a missed target, while the
// PDF functions run the production build on Lambda (NODE_ENV=production, infra/constructs/relances-function.ts).
describe('the benchmarks’ environment', () => {
  it('runs React in production, as the PDF functions do on Lambda, and keeps the functions’ log lines quiet', () => {
    expect(applyBenchEnv({})).toEqual({ NODE_ENV: 'production', POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' });
  });

  it('leaves a value given explicitly as it is', () => {
    expect(applyBenchEnv({ NODE_ENV: 'development', POWERTOOLS_LOG_LEVEL: 'INFO' })).toMatchObject({ NODE_ENV: 'development', POWERTOOLS_LOG_LEVEL: 'INFO' });
  });

  it('is set by bench/run.ts before anything else is imported (its children inherit it)', () => {
    const run = readFileSync(resolve(import.meta.dirname, '../../bench/run.ts'), 'utf8');
    const imports = [...run.matchAll(/^import\s.*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]);
    expect(imports[0]).toBe('./env.js');
  });
});
