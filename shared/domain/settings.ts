/**
 * A tenant's settings: its legal identity (printed on every document) and its reminder program.
 * The HTTP schema in shared/http/schemas/settings.ts validates against this type.
 */
import type { Address, Language } from './client.js';
import type { HolidayRegion } from './holidays.js';

export interface CompanyIdentity {
  name: string;
  legalForm?: string;
  address?: Address;
  siren?: string;
  vatNumber?: string;
  email?: string;
  phone?: string;
  /** Normalised: no spaces, upper case. */
  iban?: string;
  bic?: string;
}

export interface SmsSettings {
  originationIdentity?: string;
  senderId?: string;
}

export interface Settings {
  company: CompanyIdentity;
  /** Where clients pay online: an https URL template (`{{invoiceNumber}}`, `{{balance}}`); an invoice needs an IBAN only without it. */
  paymentUrl?: string;
  replyToEmail?: string;
  remindersEnabled: boolean;
  defaultScenarioId?: string;
  /** Local hour (0–23) reminders go out at. */
  sendHour: number;
  /** IANA time zone: days, send hours and lateness are counted there. */
  timezone: string;
  skipWeekends: boolean;
  skipHolidays: boolean;
  region: HolidayRegion;
  /** Never two messages to one client within this many days. */
  minGapDays: number;
  graceDaysAfterPayment: number;
  /** Contractual B2B penalty rate in percent per year; absent = ECB + 10 points from the rate table. */
  penaltyRatePercent?: number;
  language: Language;
  /** Days after sending a quote before its follow-up, if still unanswered; 0 turns follow-ups off. */
  quoteFollowUpDays: number;
  /** Steps of several invoices of one client due the same day go out as one message listing them all. */
  groupByClient: boolean;
  /**
   * SMS steps (AWS End User Messaging SMS): the origination identity (phone number, sender id,
   * pool, or their ARN) and the alphanumeric sender id shown to the client (used as the
   * origination identity when none is set). Absent = the account's default.
   */
  sms?: SmsSettings;
  /** Every reminder also goes, as a blind copy, to the company's own address (`company.email`). */
  bccSelf: boolean;
}

/** Any subset of the settings; `paymentUrl: null` removes the payment URL. */
export type SettingsInput = Partial<Omit<Settings, 'paymentUrl'>> & { paymentUrl?: string | null };

/** The name settings start with: a placeholder, not a legal identity (sending an invoice refuses it). */
export const PLACEHOLDER_COMPANY_NAME = 'Mon entreprise';

export const defaultSettings = (): Settings => ({
  company: { name: PLACEHOLDER_COMPANY_NAME },
  remindersEnabled: true,
  sendHour: 9,
  timezone: 'Europe/Paris',
  skipWeekends: true,
  skipHolidays: true,
  region: 'metropole',
  minGapDays: 3,
  graceDaysAfterPayment: 3,
  language: 'fr',
  quoteFollowUpDays: 7,
  groupByClient: true,
  bccSelf: false,
});
