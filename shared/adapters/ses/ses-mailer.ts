import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { UpstreamError } from '../../app/errors.js';
import type { Mailer, OutgoingEmail } from '../../app/ports.js';
import { attachmentFileName } from '../../domain/attachment-name.js';
import { stepTagValue } from '../../domain/step-tag.js';
import { textToHtml } from '../../domain/template-render.js';

/** SES tag values allow only [A-Za-z0-9_\-.@]; ids already fit, anything else is replaced. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_\-.@]/g, '_').slice(0, 256) || '_';

/** A subject is one header line: a line break typed in a company name or an owner's subject is a space. */
const oneLine = (subject: string) => subject.replace(/\s*[\r\n]+\s*/g, ' ').trim();


/** RFC 2047 display name, so "Plomberie Martin & Fils" survives any mail client. */
const fromAddress = (name: string | undefined, address: string) =>
  name ? `=?UTF-8?B?${Buffer.from(name).toString('base64')}?= <${address}>` : address;

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly sender: string,
    private readonly configurationSet?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      const out = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: fromAddress(email.fromName, this.sender),
          Destination: { ToAddresses: [...email.to], CcAddresses: email.cc && email.cc.length > 0 ? [...email.cc] : undefined, BccAddresses: email.bcc && email.bcc.length > 0 ? [...email.bcc] : undefined },
          ReplyToAddresses: email.replyTo ? [email.replyTo] : undefined,
          ConfigurationSetName: this.configurationSet,
          EmailTags: Object.entries(email.tags ?? {}).map(([Name, Value]) => ({ Name, Value: tagValue(Name === 'step' ? stepTagValue(Value) : Value) })),
          Content: {
            Simple: {
              Subject: { Data: oneLine(email.subject), Charset: 'UTF-8' },
              Body: {
                Text: { Data: email.text, Charset: 'UTF-8' },
                // Every message has an HTML part: one written as text only gets it from its text (links clickable).
                Html: { Data: email.html ?? textToHtml(email.text), Charset: 'UTF-8' },
              },
              Attachments: email.attachments?.map((a) => ({
                FileName: attachmentFileName(a.fileName),
                ContentType: a.contentType,
                RawContent: a.content,
                ContentDisposition: 'ATTACHMENT',
                ContentTransferEncoding: 'BASE64',
              })),
            },
          },
        }),
      );
      if (!out.MessageId) throw new Error('SES returned no MessageId');
      return { messageId: out.MessageId };
    } catch (error) {
      throw new UpstreamError(`SES SendEmail failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
