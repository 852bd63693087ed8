/**
 * A tenant's settings: its legal identity (printed on every document) and its reminder program.
 * The HTTP schema in shared/http/schemas/settings.ts validates against this type.
 */
import type { Address, Language } from './client.js';
import type { HolidayRegion } from './holidays.js';

export interface CompanyIdentity {
  name: string;
  legalForm?: string;
  /** Share capital in integer cents, printed with the legal form ("SARL au capital de 10 000,00 €", C. com. R123-237). */
  shareCapitalCents?: number;
  address?: Address;
  siren?: string;
  /** The register and its city as printed before the SIREN ("RCS Lyon", "RM Lyon", "immatriculée au RNE"): "RCS Lyon 123456789". */
  registration?: string;
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
  /** Where the owner's notifications and daily overview go; absent = the company email. */
  notifyEmail?: string;
  notifications: NotificationSettings;
  /** Payment plans: courtesy reminder this many days before each instalment. */
  planCourtesyDays: number;
  /** Payment plans: reminder this many days after an unpaid instalment's due date. */
  planLateDays: number;
  /** Payment plans: an instalment unpaid more than this many days after its due date ends the plan. */
  planMissedDays: number;
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
  /** Thank the client when an invoice becomes paid (template `thank-you`), at most once per invoice. */
  thankOnPayment: boolean;
  /** Also thank on a partial payment (still at most one thank-you per invoice). */
  thankOnPartial: boolean;
  /** Thank only for an invoice that received at least one reminder. */
  thankOnlyIfReminded: boolean;
  /** Days after the last scenario step before an unpaid invoice moves to `litigation`; 0 = never automatically. */
  litigationAfterDays: number;
}

/** The owner's notifications (issue 10 §5): each can be switched off. */
export interface NotificationSettings {
  /** An email to the owner for each notification (bounce, dispute, failed step…). */
  immediate: boolean;
  /** The daily overview email, at `overviewHour` local time (tenant time zone). */
  dailyOverview: boolean;
  /** 0–23. */
  overviewHour: number;
}

/**
 * Any subset of the settings; `paymentUrl: null` removes the payment URL, `notifyEmail: null` the notification address,
 * `replyToEmail: null` the reply-to address, `penaltyRatePercent: null` the contract rate (the legal one then applies).
 * `company` too is any subset of its fields, merged over the current identity (`{ company: { iban } }` keeps the name);
 * `null` removes an optional one (`{ company: { phone: null } }`: a field left out is kept, so it could not be emptied).
 */
export type SettingsInput = Partial<Omit<Settings, 'paymentUrl' | 'notifyEmail' | 'notifications' | 'company' | 'replyToEmail' | 'penaltyRatePercent'>> & {
  company?: { name?: string } & { [K in Exclude<keyof CompanyIdentity, 'name'>]?: CompanyIdentity[K] | null };
  paymentUrl?: string | null;
  notifyEmail?: string | null;
  replyToEmail?: string | null;
  penaltyRatePercent?: number | null;
  notifications?: Partial<NotificationSettings>;
};

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { immediate: true, dailyOverview: true, overviewHour: 7 };

/**
 * Where a client's reply to any message goes: `replyToEmail`, else the company email, else the owner's
 * notification address. Without any of them the reply would reach the platform's sender address, read by nobody.
 */
export const replyToOf = (settings: Pick<Settings, 'replyToEmail' | 'company' | 'notifyEmail'>): string | undefined =>
  settings.replyToEmail ?? settings.company.email ?? settings.notifyEmail;

/** The name settings start with: a placeholder, not a legal identity (sending an invoice refuses it). */
export const PLACEHOLDER_COMPANY_NAME = 'Mon entreprise';

/** The company's name in a message's language: the placeholder reads "My company" in English (a preview or test send before the name is given). */
export const companyNameIn = (name: string, language: Language): string => (name === PLACEHOLDER_COMPANY_NAME && language === 'en' ? 'My company' : name);

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
  notifications: { ...DEFAULT_NOTIFICATION_SETTINGS },
  planCourtesyDays: 3,
  planLateDays: 3,
  planMissedDays: 15,
  groupByClient: true,
  bccSelf: false,
  thankOnPayment: true,
  thankOnPartial: false,
  thankOnlyIfReminded: false,
  litigationAfterDays: 15,
});
