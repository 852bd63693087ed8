import { beforeAll, describe, expect, it } from 'vitest';
import { aConsumerClientInput } from '../fixtures/api-fixtures.js';
import { freshTenant, type FreshTenant } from './fresh-tenant.js';

/** A French number has 9 digits after +33: one short or long cannot receive an SMS step, so it is refused when typed. */
let t: FreshTenant;
beforeAll(async () => {
  t = await freshTenant('phone');
});

const create = (phone: string, n: number) => t.call('POST', '/clients', aConsumerClientInput({ email: `p${n}@phone.test`, phone }));

describe('a client phone number', () => {
  it('keeps a valid number as E.164, spaces and dots removed', async () => {
    const res = await Promise.all(['+33 6 12 34 56 78', '+33.7.12.34.56.78', '+32 470 12 34 56', '+262 692 12 34 56'].map(create));
    expect(res.map((r) => [r.status, r.json.phone])).toEqual([
      [201, '+33612345678'],
      [201, '+33712345678'],
      [201, '+32470123456'],
      [201, '+262692123456'],
    ]);
  });

  it('refuses with 400 naming body.phone a +33 number without its 9 digits, or a national number', async () => {
    for (const [i, phone] of ['+3361234', '+336123456789', '+33 06 12 34 56 78', '06 12 34 56 78'].entries()) {
      const res = await create(phone, 10 + i);
      expect([res.status, res.json.errors], phone).toEqual([400, [{ path: 'body.phone', message: 'must be an E.164 phone number, e.g. +33612345678' }]]);
    }
    expect((await t.ok('GET', '/clients?limit=100')).items).toHaveLength(4); // those of the test above only
  });
});
