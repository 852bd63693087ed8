/**
 * AWS End User Messaging SMS stand-in: answers `SendTextMessage` (the AWS JSON 1.0 protocol the
 * real SDK client speaks, pointed here by AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2) and keeps the
 * texts in memory, listed at `GET /local/sms` on the API server (and `GET /messages` here).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerLoopbackOnly } from './loopback-host.js';

export interface CapturedSms {
  readonly messageId: string;
  readonly to: string;
  readonly text: string;
  readonly originationIdentity?: string;
  readonly messageType?: string;
  readonly context?: Record<string, string>;
  /** Wall-clock instant the stand-in received it. */
  readonly receivedAt: string;
}

export interface SmsLocal {
  readonly url: string;
  messages(): readonly CapturedSms[];
  /** Numbers that replied STOP: sends to them are refused as the real service refuses them. */
  setOptedOut(numbers: readonly string[]): void;
  optedOut(): readonly string[];
  stop(): Promise<void>;
}

const TARGET = 'PinpointSMSVoiceV2.SendTextMessage';
const E164 = /^\+[1-9]\d{6,14}$/;

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
  });

export const startSmsLocal = async ({ port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<SmsLocal> => {
  const captured: CapturedSms[] = [];
  let optedOut = new Set<string>();
  const server: Server = answerLoopbackOnly(createServer(async (request, response) => {
    const reply = (status: number, body: unknown, type = 'application/x-amz-json-1.0') => {
      response.writeHead(status, { 'content-type': type });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && request.url === '/messages') return reply(200, { items: captured }, 'application/json');
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || target !== TARGET) return reply(400, { __type: 'UnknownOperationException', message: `the stand-in only answers ${TARGET}` });
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(await readBody(request)) as Record<string, unknown>;
    } catch {
      return reply(400, { __type: 'ValidationException', message: 'body is not JSON' });
    }
    const to = String(input.DestinationPhoneNumber ?? '');
    // As the real service does: a number that is not E.164 is refused.
    if (!E164.test(to)) return reply(400, { __type: 'ValidationException', message: `DestinationPhoneNumber ${to} is not E.164` });
    // As the real service does for a number on the opt-out list (its owner replied STOP).
    if (optedOut.has(to)) return reply(400, { __type: 'ConflictException', message: 'Conflict Occurred - Reason="DESTINATION_PHONE_NUMBER_OPTED_OUT"', Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT', ResourceType: 'opt-out-list', ResourceId: 'Default' });
    const message: CapturedSms = {
      messageId: randomUUID(),
      to,
      text: String(input.MessageBody ?? ''),
      ...(typeof input.OriginationIdentity === 'string' ? { originationIdentity: input.OriginationIdentity } : {}),
      ...(typeof input.MessageType === 'string' ? { messageType: input.MessageType } : {}),
      ...(input.Context && typeof input.Context === 'object' ? { context: input.Context as Record<string, string> } : {}),
      receivedAt: new Date().toISOString(),
    };
    captured.push(message);
    return reply(200, { MessageId: message.messageId });
  }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    messages: () => captured,
    setOptedOut: (numbers) => {
      optedOut = new Set(numbers);
    },
    optedOut: () => [...optedOut],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
