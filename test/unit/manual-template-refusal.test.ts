import { describe, expect, it } from 'vitest';
import { manualTemplateRefusal } from '../../shared/domain/default-templates.js';

describe('manualTemplateRefusal (which templates an owner may send by hand as a reminder)', () => {
  it.each(['courtesy', 'reminder', 'firm-en', 'formal-notice-consumer', 'mon-modele'])('takes the reminder template %s', (id) => {
    expect(manualTemplateRefusal(id, false)).toBeUndefined();
  });

  it.each(['sms-reminder', 'sms-reminder-en', 'thank-you', 'thank-you-partial', 'thank-you-en'])('refuses %s, plan or not', (id) => {
    expect(manualTemplateRefusal(id, false)).toMatch(/text message|thanks/);
    expect(manualTemplateRefusal(id, true)).toBe(manualTemplateRefusal(id, false));
  });

  it.each(['instalment-courtesy', 'instalment-late', 'instalment-late-en'])('takes %s only while a payment plan runs', (id) => {
    expect(manualTemplateRefusal(id, false)).toContain('no payment plan is running');
    expect(manualTemplateRefusal(id, true)).toBeUndefined();
  });
});
