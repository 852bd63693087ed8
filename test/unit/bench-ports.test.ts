import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A benchmark starts its own local stack beside a running `npm start` (README: `npm run bench -- overview`).
// A port it leaves out takes its default (SMS_PORT 8007): `npm run bench overview` died with
// "Port 8007 is already in use" whenever another stack was up. Every stack a script starts names
// every port of LocalStackPorts, 0 for a free one.
const root = resolve(import.meta.dirname, '../..');
const portsModule = readFileSync(join(root, 'infra/local/ports.ts'), 'utf8');
const portNames = [.../interface LocalStackPorts \{([^}]*)\}/.exec(portsModule)![1]!.matchAll(/(\w+): number/g)].map((m) => m[1]!);

const stackCalls = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(root, dir, f), 'utf8').matchAll(/startLocalStack\(\{[^)]*?ports: \{([^}]*)\}/g)].map((m) => ({ file: `${dir}/${f}`, ports: m[1]! })));

describe('benchmarks start their local stack on free ports', () => {
  it('knows the ports a local stack opens', () => {
    expect(portNames).toEqual(['api', 'dynamodb', 'ses', 'scheduler', 'sms']);
  });

  it('names every port in each benchmark that starts a stack', () => {
    const calls = stackCalls('bench');
    expect(calls.map((c) => c.file)).toEqual(expect.arrayContaining(['bench/overview.ts', 'bench/reminders.ts']));
    const missing = calls.flatMap(({ file, ports }) => portNames.filter((p) => !new RegExp(`\\b${p}:`).test(ports)).map((p) => `${file}: ${p}`));
    expect(missing).toEqual([]);
  });
});
