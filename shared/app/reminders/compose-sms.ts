import { E164, billingPhones, type Client } from '../../domain/client.js';
import { renderTemplate } from '../../domain/template-render.js';
import type { OutgoingSms } from '../ports.js';
import { reminderVariables, type ReminderMaterial } from './compose-reminder.js';

/**
 * Where an sms step goes: the first `billing` contact with a valid E.164 phone, else the
 * client's own phone. One text per step: a second number would be a second message to the
 * same client on the same day.
 */
export const smsRecipient = (client: Pick<Client, 'contacts' | 'phone'>): string | undefined =>
  [...billingPhones(client), ...(client.phone ? [client.phone] : [])].find((phone) => E164.test(phone));

/**
 * The text of an sms step: its template's body rendered on one line. Without a payment URL in
 * the settings, the pay link becomes the transfer reference (or the company's phone or email).
 */
export const composeSms = (m: Omit<ReminderMaterial, 'payments'>, to: string): OutgoingSms => {
  const vars = reminderVariables(m);
  const fallback = vars.iban
    ? m.client.language === 'en'
      ? `transfer to IBAN ${vars.iban}, reference ${vars.invoiceNumber}.`
      : `virement IBAN ${vars.iban}, référence ${vars.invoiceNumber}.`
    : vars.companyPhone || vars.companyEmail;
  const text = renderTemplate(m.template.body, { ...vars, paymentLink: vars.paymentLink || fallback }).replace(/\s+/g, ' ').trim();
  const sms = m.settings.sms;
  const originationIdentity = sms?.originationIdentity ?? sms?.senderId;
  return { to, text, ...(originationIdentity ? { originationIdentity } : {}) };
};
