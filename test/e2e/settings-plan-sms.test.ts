/**
 * Settings a later step depends on are refused when they cannot work, naming the field (problem+json):
 * a payment plan ending (planMissedDays) before its late-instalment reminder (planLateDays) would make
 * that reminder unreachable; an SMS origination identity or sender id AWS End User Messaging would refuse.
 */
import { describe, expect, it } from 'vitest';
import { freshTenant } from './fresh-tenant.js';

const refusal = (res: { status: number; type: string; json: any }) => ({
  status: res.status,
  problem: res.type.startsWith('application/problem+json'),
  paths: (res.json?.errors ?? []).map((e: { path: string }) => e.path),
});

describe('settings that cannot work are refused', () => {
  it('a plan that would end before its late-instalment reminder: 422 naming the field changed; equal delays are fine', async () => {
    const t = await freshTenant('plan-delays');
    // Defaults: late reminder 3 days after an instalment, the plan ends after 15.
    expect(refusal(await t.call('PUT', '/settings', { planMissedDays: 2 }))).toEqual({ status: 422, problem: true, paths: ['body.planMissedDays'] });
    expect(refusal(await t.call('PUT', '/settings', { planLateDays: 20 }))).toEqual({ status: 422, problem: true, paths: ['body.planLateDays'] });
    expect(refusal(await t.call('PUT', '/settings', { planLateDays: 10, planMissedDays: 5 }))).toEqual({ status: 422, problem: true, paths: ['body.planMissedDays'] });
    expect(await t.ok('GET', '/settings')).toMatchObject({ planLateDays: 3, planMissedDays: 15 });
    expect(await t.ok('PUT', '/settings', { planLateDays: 10, planMissedDays: 10 })).toMatchObject({ planLateDays: 10, planMissedDays: 10 });
    expect(await t.ok('PUT', '/settings', { planLateDays: 4 })).toMatchObject({ planLateDays: 4, planMissedDays: 10 });
  });

  it('an SMS origination identity must be an E.164 number, a sender id, a phone-number or pool id, or their ARN', async () => {
    const t = await freshTenant('sms-identity');
    for (const bad of ['12', '0612345678', '+0612345678', 'AB', 'PLOMBERIE_MARTIN', 'pool-123', 'arn:aws:sns:eu-west-3:123456789012:topic']) {
      expect(refusal(await t.call('PUT', '/settings', { sms: { originationIdentity: bad } })), bad).toEqual({ status: 400, problem: true, paths: ['body.sms.originationIdentity'] });
    }
    for (const good of [
      '+33612345678',
      'PLOMBERIE',
      'Martin33',
      'phone-0123456789abcdef0123456789abcdef',
      'pool-0123456789abcdef0123456789abcdef',
      'arn:aws:sms-voice:eu-west-3:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef',
      'arn:aws:sms-voice:eu-west-3:123456789012:pool/pool-0123456789abcdef0123456789abcdef',
      'arn:aws:sms-voice:eu-west-3:123456789012:sender-id/PLOMBERIE/FR',
    ]) {
      expect((await t.ok('PUT', '/settings', { sms: { originationIdentity: good } })).sms, good).toEqual({ originationIdentity: good });
    }
  });

  it('an SMS sender id is 3-11 letters or digits with a letter: "12" is refused naming the field', async () => {
    const t = await freshTenant('sms-sender');
    for (const bad of ['12', 'AB', 'PLOMBERIEMAR', 'Plomb rie']) {
      expect(refusal(await t.call('PUT', '/settings', { sms: { senderId: bad } })), bad).toEqual({ status: 400, problem: true, paths: ['body.sms.senderId'] });
    }
    expect((await t.ok('PUT', '/settings', { sms: { senderId: 'PLOMBERIE' } })).sms).toEqual({ senderId: 'PLOMBERIE' });
  });

  it('the company phone printed on invoices is kept as typed, and "12" is refused naming the field', async () => {
    const t = await freshTenant('company-phone');
    const company = { name: 'Plomberie Martin' };
    for (const bad of ['12', '06 12', 'téléphone', '+33 6 12 34 56 78 90 12 34']) {
      expect(refusal(await t.call('PUT', '/settings', { company: { ...company, phone: bad } })), bad).toEqual({ status: 400, problem: true, paths: ['body.company.phone'] });
    }
    for (const good of ['01 23 45 67 89', '+33 1 23 45 67 89', '04.72.00.00.00', '(0)4 72 00 00 00']) {
      expect((await t.ok('PUT', '/settings', { company: { ...company, phone: good } })).company.phone, good).toBe(good);
    }
  });
});
