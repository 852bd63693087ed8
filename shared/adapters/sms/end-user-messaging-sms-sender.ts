import { SendTextMessageCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { UpstreamError } from '../../app/errors.js';
import { SmsOptedOutError, type OutgoingSms, type SmsSender } from '../../app/ports.js';

/**
 * AWS End User Messaging SMS (the `pinpoint-sms-voice-v2` API). Reminders are TRANSACTIONAL
 * texts (not marketing); `Context` carries the ids back in delivery events.
 */
export class EndUserMessagingSmsSender implements SmsSender {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly configurationSet?: string,
  ) {}

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    try {
      const out = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: sms.to,
          MessageBody: sms.text,
          MessageType: 'TRANSACTIONAL',
          ...(sms.originationIdentity ? { OriginationIdentity: sms.originationIdentity } : {}),
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
          ...(sms.tags ? { Context: { ...sms.tags } } : {}),
        }),
      );
      if (!out.MessageId) throw new Error('SendTextMessage returned no MessageId');
      return { messageId: out.MessageId };
    } catch (error) {
      // A number on the opt-out list (ConflictException, Reason DESTINATION_PHONE_NUMBER_OPTED_OUT): refused for good.
      if ((error as { name?: string }).name === 'ConflictException' && (error as { Reason?: string }).Reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT') {
        throw new SmsOptedOutError(sms.to, { cause: error });
      }
      throw new UpstreamError(`SMS SendTextMessage failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
