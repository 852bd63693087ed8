import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeList } from '../../shared/http/routes.js';

// A newcomer follows the README's prose as much as its route table: every `METHOD /path` it names
// anywhere (walk-through, sections, tables) must be a route of the table, or one of the local
// stack's own `/local/*` control routes (infra/local/local-control.ts). A renamed route left in
// the prose fails here, not at the newcomer's curl.
const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const localControl = readFileSync(resolve(import.meta.dirname, '../../infra/local/local-control.ts'), 'utf8');
const localRoutes = [...localControl.matchAll(/case '((?:GET|POST) \/local\/[^']+)'/g)].map((m) => m[1]!);

const routes = routeList().map((r) => ({ method: r.method, path: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));
const isRoute = (method: string, path: string) => routes.some((r) => r.method === method && r.path.test(path)) || localRoutes.includes(`${method} ${path}`);

describe('routes named in the README', () => {
  const mentions = [...new Set([...readme.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s?[(]*)/g)].map((m) => `${m[1]} ${m[2]}`))];

  it('finds the routes the README names and the local control routes', () => {
    expect(mentions.length).toBeGreaterThan(80);
    expect(localRoutes).toEqual(expect.arrayContaining(['GET /local/schedules', 'POST /local/schedules/run', 'GET /local/sms']));
  });

  it('names only routes that exist', () => {
    expect(mentions.filter((m) => !isRoute(m.split(' ')[0]!, m.split(' ')[1]!))).toEqual([]);
  });
});
