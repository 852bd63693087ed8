/**
 * The mailer, for the functions that send email (routes flagged `email`, send-reminder).
 * Its SESv2 client is created here, not in shared/clients.ts, so that no other function
 * imports @aws-sdk/client-sesv2 (INIT cost; see shared/clients.ts).
 */
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from './adapters/ses/ses-mailer.js';
import { memo, SES_MAX_ATTEMPTS, withoutSdkLogging } from './clients.js';
import { required } from './config.js';
import { wiring } from './wiring.js';

export const sesClient = memo(() => withoutSdkLogging(new SESv2Client({ maxAttempts: SES_MAX_ATTEMPTS })));
export const mailer = memo(() => new SesMailer(sesClient(), required(wiring.config, 'SENDER_EMAIL'), wiring.config.SES_CONFIGURATION_SET));
