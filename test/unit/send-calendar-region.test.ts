import { describe, expect, it } from 'vitest';
import { sendCalendarFor } from '../../shared/app/reminders/reminder-context.js';
import { isSendDay } from '../../shared/domain/send-calendar.js';
import { defaultSettings } from '../../shared/domain/settings.js';
import { aClient } from '../fixtures/fakes.js';

/** Which public holidays a client's reminders skip: its own region by postal code, unless the tenant set one. */
describe('the holidays a client’s reminders skip', () => {
  const at = (postalCode: string) => aClient({ address: { line1: '1 rue du Port', postalCode, city: 'X', country: 'FR' } });

  it('follows the client’s overseas postal code: no reminder on La Réunion’s 20 December, one in Paris', () => {
    const settings = defaultSettings();
    const reunion = sendCalendarFor(settings, at('97400'));
    expect(reunion.region).toBe('reunion');
    // Sunday 20 December 2026 would be skipped anyway: 2027's is a Monday.
    expect(isSendDay('2027-12-20', reunion)).toBe(false);
    expect(isSendDay('2027-12-20', sendCalendarFor(settings, at('75011')))).toBe(true);
  });

  it('takes the tenant’s region for every client when it set one', () => {
    const settings = { ...defaultSettings(), region: 'martinique' as const };
    const calendar = sendCalendarFor(settings, at('75011'));
    expect(calendar.region).toBe('martinique');
    expect(isSendDay('2026-05-22', calendar)).toBe(false);
    expect(isSendDay('2026-05-22', sendCalendarFor(defaultSettings(), at('75011')))).toBe(true);
  });

  it('follows a client in Nouméa (988xx) or Papeete (987xx): no reminder on 24 September there, nor on 5 March in Tahiti', () => {
    const settings = defaultSettings();
    expect(isSendDay('2027-09-24', sendCalendarFor(settings, at('98800')))).toBe(false);
    expect(isSendDay('2027-03-05', sendCalendarFor(settings, at('98714')))).toBe(false);
    expect(isSendDay('2027-09-24', sendCalendarFor(settings, at('75011')))).toBe(true);
  });
});
