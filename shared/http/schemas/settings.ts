import * as z from 'zod';
import type * as domain from '../../domain/settings.js';
import { cents, email, id, siren, timeZone, vatNumber } from './common.js';
import { isValidBic, isValidIban } from '../../domain/epc-qr.js';
import { HOLIDAY_REGIONS } from '../../domain/holidays.js';
import { frenchPostalCode } from './clients.js';

/** Validation and conversion only: the types are the domain's (shared/domain/settings.ts). */
export type CompanyIdentity = domain.CompanyIdentity;
export type Settings = domain.Settings;
export type SettingsInput = domain.SettingsInput;
export { defaultSettings } from '../../domain/settings.js';

export const CompanyIdentity = z.object({
  name: z.string().trim().min(1).max(200),
  legalForm: z.string().max(100).optional(),
  /** Share capital of a company, in integer cents (10 000 € = 1000000), printed with the legal form. */
  shareCapitalCents: cents.optional(),
  address: z
    .object({
      line1: z.string().min(1).max(200),
      line2: z.string().max(200).optional(),
      postalCode: z.string().min(3).max(10),
      city: z.string().min(1).max(100),
      country: z.string().length(2).default('FR'),
    })
    .strict()
    .superRefine(frenchPostalCode)
    .optional(),
  siren: siren.optional(),
  /** The register before the SIREN ("RCS Lyon", "RM Lyon", "immatriculée au RNE"), printed "RCS Lyon 123456789". */
  registration: z.string().trim().min(1).max(100).optional(),
  vatNumber: vatNumber.optional(),
  email: email.optional(),
  /** As printed on invoices and letters (`01 23 45 67 89`, `+33 1 23 45 67 89`): kept as typed, checked for 6 to 15 digits. */
  phone: z
    .string()
    .max(30)
    .refine((s) => /^\+?\d{6,15}$/.test(s.replace(/[\s.()-]/g, '')), { message: 'must be a phone number of 6 to 15 digits, e.g. 01 23 45 67 89' })
    .optional(),
  iban: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, { message: 'must be an IBAN', abort: true }).refine(isValidIban, { message: 'is not a valid IBAN (check digits)' }))
    .optional(),
  bic: z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().refine(isValidBic, { message: 'must be a BIC (bank, country, location, optional branch: 8 or 11 characters)' }))
    .optional(),
}).strict() satisfies z.ZodType<domain.CompanyIdentity>;

/** What a payment URL template may mention; each becomes the invoice's value, URL-encoded. */
export const PAYMENT_URL_VARIABLES = ['invoiceNumber', 'balance'] as const;
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** An https URL where clients pay, e.g. `https://pay.example/acme?ref={{invoiceNumber}}&amount={{balance}}`. */
export const PaymentUrlTemplate = z
  .string()
  .max(2000)
  .superRefine((template, ctx) => {
    const unknown = [...template.matchAll(VARIABLE)].map((m) => m[1]!).filter((v) => !(PAYMENT_URL_VARIABLES as readonly string[]).includes(v));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown variable ${unknown.map((v) => `{{${v}}}`).join(', ')}; use ${PAYMENT_URL_VARIABLES.map((v) => `{{${v}}}`).join(', ')}` });
      return;
    }
    const sample = template.replace(VARIABLE, 'x1');
    if (/[{}\s]/.test(sample)) {
      ctx.addIssue({ code: 'custom', message: 'must be a URL: no spaces, variables written {{name}}' });
      return;
    }
    if (!URL.canParse(sample) || new URL(sample).protocol !== 'https:' || new URL(sample).hostname === '') {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// URL' });
    }
  });

/** Owner notifications: the immediate email per alert, the daily overview and its local hour. */
export const NotificationSettings = z
  .object({
    immediate: z.boolean(),
    dailyOverview: z.boolean(),
    overviewHour: z.number().int().min(0).max(23),
  })
  .strict() satisfies z.ZodType<domain.NotificationSettings>;

/**
 * AWS End User Messaging SMS (SendTextMessage's OriginationIdentity). A sender id: 3–11 letters or
 * digits, at least one letter (AWS takes up to 11; the senderId field has always asked 3 at least). An origination
 * identity: that sender id, a phone number in E.164, a phone-number or pool id, or the ARN of one
 * of the three. "12" (neither a number nor a sender id) is refused here, not by the first SMS.
 */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/;
const ORIGINATION_IDENTITY = new RegExp(
  [
    /\+[1-9]\d{6,14}/.source,
    /(?=.*[A-Za-z])[A-Za-z0-9]{3,11}/.source,
    /(?:phone|pool)-[0-9a-fA-F]{32}/.source,
    /arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:(?:phone-number\/phone-[0-9a-fA-F]{32}|pool\/pool-[0-9a-fA-F]{32}|sender-id\/[A-Za-z0-9]{1,11}\/[A-Z]{2})/.source,
  ]
    .map((alternative) => `^(?:${alternative})$`)
    .join('|'),
);


export const Settings = z
  .object({
    company: CompanyIdentity,
    /** Where clients pay online; an invoice needs an IBAN only when this is absent. */
    paymentUrl: PaymentUrlTemplate.optional(),
    replyToEmail: email.optional(),
    remindersEnabled: z.boolean(),
    defaultScenarioId: id.optional(),
    sendHour: z.number().int().min(0).max(23),
    timezone: timeZone,
    skipWeekends: z.boolean(),
    skipHolidays: z.boolean(),
    region: z.enum(HOLIDAY_REGIONS),
    minGapDays: z.number().int().min(0).max(30),
    graceDaysAfterPayment: z.number().int().min(0).max(30),
    /** Contractual B2B penalty rate in percent per year; absent = ECB + 10 points from the rate table. */
    penaltyRatePercent: z.number().min(0).max(50).optional(),
    language: z.enum(['fr', 'en']),
    /** Days after sending a quote before its follow-up, if still unanswered; 0 turns follow-ups off. */
    quoteFollowUpDays: z.number().int().min(0).max(60),
    /** Where the owner's notifications and daily overview go; absent = the company email. */
    notifyEmail: email.optional(),
    notifications: NotificationSettings,
    /** Payment plans: courtesy reminder this many days before each instalment. */
    planCourtesyDays: z.number().int().min(1).max(30),
    /** Payment plans: reminder this many days after an unpaid instalment's due date. */
    planLateDays: z.number().int().min(1).max(30),
    /** Payment plans: an instalment unpaid more than this many days after its due date ends the plan. */
    planMissedDays: z.number().int().min(1).max(90),
    /** Steps of several invoices of one client due the same day go out as one message listing them all. */
    groupByClient: z.boolean(),
    /** SMS steps: origination identity (phone number, sender id, pool or their ARN) and the sender id shown (3–11 letters or digits, one letter at least). */
    sms: z
      .object({
        originationIdentity: z.string().regex(ORIGINATION_IDENTITY, { message: 'must be an E.164 phone number (+33612345678), a sender id (3-11 letters or digits, one letter at least), a phone-number or pool id, or the ARN of one' }).optional(),
        senderId: z.string().regex(SENDER_ID, { message: 'must be 3-11 letters or digits, with at least one letter' }).optional(),
      })
      .strict()
      .optional(),
    /** Every reminder also goes, as a blind copy, to the company's own address (`company.email`). */
    bccSelf: z.boolean(),
    /** Thank the client when an invoice becomes paid, at most once per invoice. */
    thankOnPayment: z.boolean(),
    /** Also thank on a partial payment (still one thank-you per invoice). */
    thankOnPartial: z.boolean(),
    /** Thank only for an invoice that had at least one reminder. */
    thankOnlyIfReminded: z.boolean(),
    /** Days after the last scenario step before an unpaid invoice moves to litigation; 0 = never automatically. */
    litigationAfterDays: z.number().int().min(0).max(365),
  })
  .strict() satisfies z.ZodType<domain.Settings>;

/** PUT's company: any subset, merged field by field; `null` removes an optional field (the phone, the VAT number, the BIC…). */
const { shape: company } = CompanyIdentity;
const CompanyInput = CompanyIdentity.partial().extend({
  legalForm: company.legalForm.nullable(),
  shareCapitalCents: company.shareCapitalCents.nullable(),
  registration: company.registration.nullable(),
  address: company.address.nullable(),
  siren: company.siren.nullable(),
  vatNumber: company.vatNumber.nullable(),
  email: company.email.nullable(),
  phone: company.phone.nullable(),
  iban: company.iban.nullable(),
  bic: company.bic.nullable(),
});

/**
 * PUT body: any subset; `paymentUrl: null` removes the payment URL, `notifyEmail: null` the notification address,
 * `replyToEmail: null` the reply-to address, `penaltyRatePercent: null` the contract rate, `company.<field>: null` that field.
 */
export const SettingsInput = Settings.partial()
  .extend({
    company: CompanyInput.optional(),
    paymentUrl: PaymentUrlTemplate.nullable().optional(),
    notifyEmail: email.nullable().optional(),
    replyToEmail: email.nullable().optional(),
    penaltyRatePercent: Settings.shape.penaltyRatePercent.nullable(),
    notifications: NotificationSettings.partial().optional(),
  })
  .strict() satisfies z.ZodType<domain.SettingsInput>;
