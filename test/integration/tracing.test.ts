import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

/**
 * Powertools Tracer as it runs in Lambda with active tracing: the X-Ray SDK streams each closed
 * subsegment to the daemon's UDP address, here a socket of this test on 127.0.0.1 (the trace
 * header is the one Lambda sets for an invocation).
 */
type XrayDocument = { id: string; name: string; parent_id?: string; annotations?: Record<string, string>; aws?: { table_name?: string; operation?: string }; fault?: boolean; error?: boolean };

describe('the send path, traced with X-Ray (Powertools Tracer)', () => {
  let socket: Socket;
  /** Answers every SESv2 call as SES does in its sandbox for a recipient not verified: 400 MessageRejected, quoting the address. */
  let ses: Server;
  const documents: XrayDocument[] = [];
  const lambdaEnv: Record<string, string> = {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: 'relances-send-reminder',
    LAMBDA_TASK_ROOT: '/var/task',
    _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    SENDER_EMAIL: 'factures@relances.local',
  };
  const before: Record<string, string | undefined> = {};

  beforeAll(async () => {
    socket = createSocket('udp4');
    socket.on('message', (message) => {
      for (const line of message.toString().split('\n')) {
        const document = JSON.parse(line) as Partial<XrayDocument>;
        if (document.name) documents.push(document as XrayDocument);
      }
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    lambdaEnv.AWS_XRAY_DAEMON_ADDRESS = `127.0.0.1:${socket.address().port}`;
    ses = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected', 'x-amzn-requestid': 'ses-refusal-1' });
        res.end(JSON.stringify({ message: 'Email address is not verified. The following identities failed the check in region EU-WEST-3: refused@client.example' }));
      });
    });
    await new Promise<void>((resolve) => ses.listen(0, '127.0.0.1', resolve));
    lambdaEnv.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${(ses.address() as { port: number }).port}`;
    for (const [key, value] of Object.entries(lambdaEnv)) {
      before[key] = process.env[key];
      process.env[key] = value;
    }
    // The Tracer reads its environment when shared/wiring-tracing.ts is loaded.
    vi.resetModules();
  });
  afterAll(() => {
    socket?.close();
    ses?.close();
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('puts the DynamoDB calls of a send under one `## send-reminder` subsegment annotated with its ids', async () => {
    const { traced, tracer } = await import('../../shared/wiring-tracing.js');
    const { documentClient } = await import('../../shared/clients.js');
    expect(tracer.isTracingEnabled()).toBe(true);
    await traced('send-reminder', { tenantId: 't-trace', invoiceId: 'inv-trace-1', stepId: 'j+1', quoteId: undefined }, () =>
      documentClient().send(new GetCommand({ TableName: 'no-such-table', Key: { PK: 'a', SK: 'b' } })).catch(() => undefined),
    );
    await vi.waitFor(() => expect(documents.find((d) => d.annotations?.invoiceId === 'inv-trace-1')).toBeDefined(), { timeout: 5_000 });
    const send = documents.find((d) => d.annotations?.invoiceId === 'inv-trace-1')!;
    expect(send).toMatchObject({ name: '## send-reminder', parent_id: '53995c3f42cd8ad8' });
    expect(send.annotations).toEqual({ tenantId: 't-trace', invoiceId: 'inv-trace-1', stepId: 'j+1' });
    await vi.waitFor(() => expect(documents.find((d) => d.name === 'DynamoDB' && d.aws?.table_name === 'no-such-table')).toBeDefined(), { timeout: 5_000 });
    expect(documents.find((d) => d.name === 'DynamoDB' && d.aws?.table_name === 'no-such-table')!.parent_id).toBe(send.id);
  });

  it('records a failed send on its subsegment without the address the error quotes, and throws the error back as it was', async () => {
    const { traced } = await import('../../shared/wiring-tracing.js');
    const refused = new Error('SES SendEmail failed: The following identities failed the check in region EU-WEST-3: refused@client.example');
    await expect(
      traced('send-reminder', { tenantId: 't-trace', invoiceId: 'inv-trace-2', stepId: 'j+8' }, () => Promise.reject(refused)),
    ).rejects.toBe(refused);
    await vi.waitFor(() => expect(documents.find((d) => d.annotations?.invoiceId === 'inv-trace-2')).toBeDefined(), { timeout: 5_000 });
    const failed = documents.find((d) => d.annotations?.invoiceId === 'inv-trace-2')!;
    expect(failed.fault || failed.error).toBe(true);
    expect(JSON.stringify(failed)).toContain('<redacted>');
    expect(JSON.stringify(failed)).not.toContain('refused@client.example');
  });

  it("records SES's refusal on the SESv2 subsegment without the address it quotes, and gives the mailer SES's message as it was", async () => {
    const { traced } = await import('../../shared/wiring-tracing.js');
    const { mailer } = await import('../../shared/wiring-email.js');
    let thrown: unknown;
    await traced('send-reminder', { tenantId: 't-trace', invoiceId: 'inv-trace-3', stepId: 'j+15' }, () =>
      mailer().send({ to: ['refused@client.example'], subject: 'Relance', text: 'Bonjour' }).catch((error: unknown) => {
        thrown = error;
      }),
    );
    // The owner is told which address failed (the step's lastError): the caller's error is SES's own.
    expect((thrown as Error).message).toContain('refused@client.example');
    await vi.waitFor(() => expect(documents.find((d) => d.name === 'SESv2' && d.aws?.operation === 'SendEmail')).toBeDefined(), { timeout: 10_000 });
    const call = documents.find((d) => d.name === 'SESv2' && d.aws?.operation === 'SendEmail')!;
    expect(call.fault || call.error).toBe(true);
    expect(JSON.stringify(call)).toContain('<redacted>');
    expect(JSON.stringify(call)).not.toContain('refused@client.example');
  });
});
