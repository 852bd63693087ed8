import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeList } from '../../shared/http/routes.js';

const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const everyRoute = readme.slice(readme.indexOf('## Every route'), readme.indexOf('\n## ', readme.indexOf('## Every route') + 3));

describe('README documents every route (DESIGN: README and OpenAPI name every route)', () => {
  it('has its "Every route" section', () => {
    expect(everyRoute.startsWith('## Every route')).toBe(true);
    expect(everyRoute).toContain('| feature | routes |');
  });

  it('lists each route of the table as `METHOD path` in that section, and no route the table lacks', () => {
    const table = routeList().map((r) => `${r.method} ${r.path}`);
    const missing = table.filter((r) => !everyRoute.includes(`\`${r}\``));
    expect(missing).toEqual([]);
    const listed = [...everyRoute.matchAll(/^\| [a-z-]+ \| (.+) \|$/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z]+ \/[^`]*)`/g)].map((x) => x[1]!));
    expect(listed.filter((r) => !table.includes(r))).toEqual([]);
    expect(listed.length).toBe(table.length);
  });
});
