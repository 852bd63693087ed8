import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../web/scripts/openapi-types.js';

describe('the web app’s generated API types', () => {
  it('match the route table: run `npm run gen:api` after changing a route or schema', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    const fresh = await generateApiTypes();
    expect(committed === fresh, 'web/src/api/schema.d.ts is stale: run `npm run gen:api`').toBe(true);
  }, 60_000);
});
