/**
 * The SMS sender, for send-reminder only: its client is created here so that no other function
 * imports @aws-sdk/client-pinpoint-sms-voice-v2 (INIT cost; see shared/clients.ts). Locally,
 * AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 points it at the stand-in (infra/local/sms-local.ts).
 */
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { EndUserMessagingSmsSender } from './adapters/sms/end-user-messaging-sms-sender.js';
import { memo, SES_MAX_ATTEMPTS } from './clients.js';

// Same budget as email: the SDK's own retries and the step's retries together stay bounded.
export const smsClient = memo(() => new PinpointSMSVoiceV2Client({ maxAttempts: SES_MAX_ATTEMPTS }));
export const smsSender = memo(() => new EndUserMessagingSmsSender(smsClient()));
