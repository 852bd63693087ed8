import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// A newcomer clicks the README's links and opens the files it names: a file renamed or removed
// with its mention left behind fails here. Checks the README and docs/: relative Markdown links and
// images, in-page anchors (`#section`, GitHub's slugs) and every repository path written in the text
// (`test/e2e/path-ids.test.ts`, `shared/http/routes.ts`, …), globs and placeholders left out.
const root = resolve(import.meta.dirname, '../..');
const docs = ['README.md', ...readdirSync(resolve(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's heading anchor: lower case, punctuation but `-` and `_` dropped, each space a `-`. */
const slug = (heading: string): string =>
  heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

const PATH = /(?:^|[\s`(,])((?:test|web|shared|functions|infra|scripts|bench|docs|templates|\.ci)\/[\w./[\]-]+?\.(?:ts|tsx|md|json|mjs|js|css|html|png|csv|yml|sh|java))(?=[`\s),:;]|$)/gm;

const brokenReferences = (file: string, text: string, exists: (path: string) => boolean): string[] => {
  const bad: string[] = [];
  const here = dirname(resolve(root, file));
  for (const m of text.matchAll(/\]\(([^)\s]+)\)|<img [^>]*src="([^"]+)"/g)) {
    const target = (m[1] ?? m[2])!.split('#')[0]!;
    if (target && !/^[a-z]+:/.test(target) && !exists(resolve(here, target))) bad.push(`${file}: link ${target}`);
  }
  const anchors = new Set([...text.matchAll(/^#+ (.*)$/gm)].map((m) => slug(m[1]!)));
  for (const m of text.matchAll(/\]\(#([^)]+)\)/g)) if (!anchors.has(m[1]!)) bad.push(`${file}: anchor #${m[1]}`);
  for (const m of text.matchAll(PATH)) if (!exists(resolve(root, m[1]!))) bad.push(`${file}: path ${m[1]}`);
  return [...new Set(bad)];
};

describe('links and file names in the README and docs/', () => {
  it('finds what it checks', () => {
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
    expect([...readme.matchAll(PATH)].length).toBeGreaterThan(100);
    expect(docs).toContain('docs/benchmarks.md');
  });

  it('reports a missing file, a dead link and an unknown anchor', () => {
    const text = '# Known issues\nsee [x](docs/nope.md), `test/e2e/gone.test.ts` and [y](#known-issues), [z](#nowhere)';
    expect(brokenReferences('README.md', text, existsSync)).toEqual([
      'README.md: link docs/nope.md',
      'README.md: anchor #nowhere',
      'README.md: path docs/nope.md',
      'README.md: path test/e2e/gone.test.ts',
    ]);
  });

  it.each(docs)('%s points only to files and sections that exist', (file) => {
    expect(brokenReferences(file, readFileSync(resolve(root, file), 'utf8'), existsSync)).toEqual([]);
  });
});
