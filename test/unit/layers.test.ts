import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Layers (STYLE.md): handlers → use cases over ports → pure domain; the HTTP edge only validates. */
const root = resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  (readdirSync(join(root, dir), { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f)).map((f) => join(dir, f));

/** Every module a file imports (static `import`/`export … from`, dynamic `import()`), as repository paths or package names. */
const importsOf = (file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specifiers.map((s) => (s.startsWith('.') ? relative(root, resolve(dirname(join(root, file)), s)) : s));
};

const violations = (dir: string, forbidden: (target: string) => boolean) =>
  sources(dir).flatMap((file) => importsOf(file).filter(forbidden).map((target) => `${file} → ${target}`));

describe('layers', () => {
  it('finds the imports it checks (the scanner itself works)', () => {
    expect(importsOf('shared/app/settings.ts')).toEqual(expect.arrayContaining(['shared/domain/settings.js', 'shared/app/errors.js']));
    expect(importsOf('shared/http/schemas/clients.ts')).toEqual(expect.arrayContaining(['zod', 'shared/domain/client.js']));
  });

  it('use cases (shared/app) never import the HTTP edge, adapters, handlers or AWS SDKs', () => {
    expect(violations('shared/app', (t) => /^shared\/(http|adapters)\//.test(t) || t.startsWith('functions/') || t.startsWith('@aws-sdk/') || t === 'zod')).toEqual([]);
  });

  it('the domain (shared/domain) imports nothing but itself', () => {
    expect(violations('shared/domain', (t) => !t.startsWith('shared/domain/'))).toEqual([]);
  });

  it('adapters (shared/adapters) never import the HTTP edge', () => {
    expect(violations('shared/adapters', (t) => t.startsWith('shared/http/'))).toEqual([]);
  });

  it('handlers import their feature’s route table, never the joined one (each bundle carries only its feature’s schemas)', () => {
    const handlers = sources('functions');
    expect(handlers.filter((f) => importsOf(f).some((t) => t.startsWith('shared/http/routes/'))).length).toBeGreaterThan(80);
    expect(violations('functions', (t) => t === 'shared/http/routes.js')).toEqual([]);
  });
});

