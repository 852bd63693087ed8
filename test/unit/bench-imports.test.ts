import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A benchmark that starts a local stack gets TABLE_NAME and the endpoints from it, so nothing it imports at the top may
// read the environment first: a static import of a shared/wiring*.ts module (it loads the config at import) made
// `npm run bench reminders`, `batch` and `overview` die at once with "Invalid environment: TABLE_NAME is required"
// (2026-11-27 03:29 to 17:20 UTC). Each benchmark module is imported as bench/run.ts does, in a fresh process without
// the stack's environment.
const root = resolve(import.meta.dirname, '../..');
const run = readFileSync(resolve(root, 'bench/run.ts'), 'utf8');
const modules = [...run.matchAll(/await import\('\.\/([\w-]+)\.js'\)/g)].map((m) => m[1]!);

describe('benchmark modules load before their local stack sets the environment', () => {
  it('finds the benchmarks bench/run.ts lists', () => {
    expect(modules).toEqual(expect.arrayContaining(['reminders', 'batch-reminders', 'overview', 'import', 'read-units', 'api']));
  });

  it('imports every one of them without TABLE_NAME', () => {
    const env = { ...process.env };
    for (const name of Object.keys(env)) if (name === 'TABLE_NAME' || name.startsWith('AWS_ENDPOINT_URL')) delete env[name];
    const script = `for (const m of ${JSON.stringify(modules)}) {
      try { await import('./bench/' + m + '.ts'); } catch (e) { console.log(m + ': ' + (e instanceof Error ? e.message : e)); }
    }`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
    expect(child.error).toBeUndefined();
    expect(child.stdout.trim()).toBe('');
    expect(child.status).toBe(0);
  }, 130_000);
});
