/**
 * `PUT /settings` merges the company identity field by field (README "Bad input": `PUT /settings { company: { phone } }`):
 * a newcomer who adds the IBAN the invoice send asks for (422 naming settings.company.iban) sends just that,
 * and keeps the name, address and SIREN given before. It used to be a 400 naming body.company.name.
 */
import { describe, expect, it } from 'vitest';
import { freshTenant } from './fresh-tenant.js';

describe('PUT /settings with part of the company', () => {
  it('keeps the fields not given, still checks the ones given, and refuses unknown ones', async () => {
    const t = await freshTenant('company-merge');
    const address = { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes', country: 'FR' };
    await t.ok('PUT', '/settings', { company: { name: 'Plomberie Martin', siren: '123456782', address } });

    const withIban = await t.call('PUT', '/settings', { company: { iban: 'FR76 3000 6000 0112 3456 7890 189' } });
    expect(withIban.status).toBe(200);
    expect(withIban.json.company).toEqual({ name: 'Plomberie Martin', siren: '123456782', address, iban: 'FR7630006000011234567890189' });
    expect((await t.ok('PUT', '/settings', { company: { phone: '01 23 45 67 89' } })).company).toMatchObject({ name: 'Plomberie Martin', iban: 'FR7630006000011234567890189', phone: '01 23 45 67 89' });

    for (const [company, path] of [
      [{ name: '' }, 'body.company.name'],
      [{ phone: '12' }, 'body.company.phone'],
      [{ iban: 'FR77 3000 6000 0112 3456 7890 189' }, 'body.company.iban'],
    ] as const) {
      const res = await t.call('PUT', '/settings', { company });
      expect(res.status, JSON.stringify(company)).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    }
    expect((await t.call('PUT', '/settings', { company: { nom: 'Plomberie' } })).status).toBe(400);
    expect((await t.ok('GET', '/settings')).company).toMatchObject({ name: 'Plomberie Martin', siren: '123456782', phone: '01 23 45 67 89' });
  });

  it('removes an optional field given as null (a field left out is kept, so an emptied phone stayed on the invoices), never the name', async () => {
    const t = await freshTenant('company-null');
    await t.ok('PUT', '/settings', {
      company: { name: 'Plomberie Martin', siren: '123456782', phone: '01 23 45 67 89', bic: 'BNPAFRPP', vatNumber: 'FR11123456782' },
      replyToEmail: 'compta@plomberie.test',
      penaltyRatePercent: 12,
    });
    const cleared = await t.ok('PUT', '/settings', { company: { phone: null, bic: null }, replyToEmail: null, penaltyRatePercent: null });
    expect(cleared.company).toEqual({ name: 'Plomberie Martin', siren: '123456782', vatNumber: 'FR11123456782' });
    expect(cleared).not.toHaveProperty('replyToEmail');
    expect(cleared).not.toHaveProperty('penaltyRatePercent');
    expect(await t.ok('GET', '/settings')).toMatchObject({ company: { name: 'Plomberie Martin', siren: '123456782', vatNumber: 'FR11123456782' } });
    expect((await t.ok('GET', '/settings')).company).not.toHaveProperty('phone');

    const noName = await t.call('PUT', '/settings', { company: { name: null } });
    expect(noName.status).toBe(400);
    expect(noName.json.errors.map((e: { path: string }) => e.path)).toEqual(['body.company.name']);
  });
});
