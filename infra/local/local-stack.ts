/**
 * The local twin of the stack (DESIGN.md §3): DynamoDB Local with its stream, the SES and
 * Scheduler emulators and the API server over the route table. Production code has no
 * "if local": this module sets the same environment the CDK stack gives the Lambdas, with
 * `AWS_ENDPOINT_URL_<SERVICE>` pointing the real SDK clients at the emulators, before any
 * handler module is imported.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { routeList } from '../../shared/http/routes.js';
import { atTimeOffset } from '../../shared/time-offset.js';
import { ApiServer, lambdaContext } from './api-server.js';
import { DEFAULT_PORTS, DEFAULT_WEB_PORT, type LocalStackPorts } from './ports.js';
import { ensureTable, startDynamoDbLocal } from './dynamodb-local.js';
import { createLocalIssuer } from './local-issuer.js';
import { localControl } from './local-control.js';
import { SchedulerEmulator } from './scheduler-emulator.js';
import { startSesLocal } from './ses-local.js';
import { startSmsLocal } from './sms-local.js';
import { startSesSimulator } from './ses-simulator.js';
import { StreamPoller } from './stream-poller.js';
import { asOneInvocation } from '../../shared/adapters/dynamo/coalesce-gets.js';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const LOCAL_REGION = 'eu-west-3';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_TABLE = 'relances-local';
export const SEND_REMINDER_ARN = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:relances-local-send-reminder`;
export const SEND_OVERVIEW_ARN = `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:relances-local-send-overview`;


export interface LocalStackOptions {
  /** Where DynamoDB data, schedules and the JWT key live; undefined = in memory, nothing kept. */
  readonly dataDir?: string;
  /** 0 = any free port. Every port is named when any is: a stack left on a default port fails while `npm start` runs. */
  readonly ports?: LocalStackPorts;
  readonly quiet?: boolean;
  /** Fire due schedules on a wall-clock timer (npm start). Tests leave it off and use `/local/schedules/run`. */
  readonly fireInRealTime?: boolean;
  /** Where the web app is served, given to the functions as WEB_BASE_URL (portal links, the owner's emails); default http://localhost:5173. */
  readonly webBaseUrl?: string;
  /** SES's `Delivery` event for every email accepted, as in AWS (default: `SES_DELIVERY_EVENTS=1`, else off). */
  readonly sesDeliveryEvents?: boolean;
}

export interface LocalStack {
  readonly urls: { api: string; dynamodb: string; ses: string; scheduler: string; sms: string };
  readonly tableName: string;
  tokenFor(tenantId: string, email?: string): Promise<string>;
  /** A token signed by the local issuer with exactly these claims (e.g. none naming a tenant). */
  tokenWithClaims(claims: Record<string, unknown> & { sub: string }): Promise<string>;
  stop(): Promise<void>;
}

export { DEFAULT_PORTS, DEFAULT_WEB_PORT, type LocalStackPorts } from './ports.js';

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const info = options.quiet ? () => undefined : (message: string) => console.log(`[local] ${message}`);
  const warn = (message: string) => console.warn(`[local] ${message}`);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => warn(`stop: ${String(error)}`));
  };

  try {
    // DynamoDB Local (a JVM) is the slow part: start it first and bring the rest up meanwhile.
    const dynamoPort = ports.dynamodb === 0 ? await freePort() : ports.dynamodb;
    const dynamoStarting = startDynamoDbLocal({ port: dynamoPort, dbPath: dataDir && join(dataDir, 'dynamodb') });
    // Awaited below; until then a failure (no java) must not surface as an unhandled rejection.
    dynamoStarting.catch(() => undefined);
    cleanups.push(async () => (await dynamoStarting.catch(() => undefined))?.stop());

    const sesInbox = await startSesLocal({ port: 0 });
    cleanups.push(() => sesInbox.stop());
    // In front of it, SES's mailbox simulator: a send to bounce@ / complaint@simulator.amazonses.com
    // comes back as the configuration set's event, handed to email-events as EventBridge would.
    const ses = await explainPortInUse(
      startSesSimulator({
        port: ports.ses,
        target: sesInbox.url,
        onEvent: async (detail) =>
          (await importHandler('functions/email/email-events'))({ source: 'aws.ses', 'detail-type': `Email ${detail.eventType}`, detail }, invocation('functions/email/email-events')),
        log: warn,
        deliveryEvents: options.sesDeliveryEvents ?? process.env.SES_DELIVERY_EVENTS === '1',
      }),
      ports.ses,
      'SES_PORT',
    );
    cleanups.push(() => ses.stop());
    const sms = await explainPortInUse(startSmsLocal({ port: ports.sms }), ports.sms, 'SMS_PORT');
    cleanups.push(() => sms.stop());

    let pollers: StreamPoller[] = [];
    const scheduler: SchedulerEmulator = new SchedulerEmulator({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT,
      targets: {
        // A fire of a replayed run acts at the replayed time (SchedulerEmulator.timeOffset).
        [SEND_REMINDER_ARN]: async (input): Promise<unknown> => atTimeOffset(scheduler.timeOffset(tenantOfInput(input)), async () => (await importHandler('functions/reminders/send-reminder'))(input, invocation('functions/reminders/send-reminder'))),
        [SEND_OVERVIEW_ARN]: async (input): Promise<unknown> => atTimeOffset(scheduler.timeOffset(tenantOfInput(input)), async () => (await importHandler('functions/notifications/send-overview'))(input, invocation('functions/notifications/send-overview'))),
      },
      settle: async () => {
        // The reconciler (the first consumer): what a fire changed is re-planned before the next wave;
        // and the notifications consumer, whose notifications and payment log the daily overview reads.
        await ses.settled();
        const drained = await drainAll(pollers.filter((_, i) => i === 0 || STREAM_CONSUMERS[i] === 'functions/notifications/notify-owner')).drain();
        if (drained?.error) warn(`stream not drained: ${drained.error}`);
      },
      file: dataDir && join(dataDir, 'schedules.json'),
      log: info,
    });
    const schedulerUrl = await explainPortInUse(scheduler.listen(ports.scheduler), ports.scheduler, 'SCHEDULER_PORT');
    cleanups.push(() => scheduler.stop());

    const isAllowedOrigin = allowedOrigins();
    const api = new ApiServer({
      repoRoot: REPO_ROOT,
      routes: routeList(),
      isAllowedOrigin,
      local: (request) => control(request),
      log: info,
    });
    const apiPort = await explainPortInUse(api.listen(ports.api), ports.api, 'API_PORT');
    cleanups.push(() => api.stop());
    const apiUrl = `http://localhost:${apiPort}`;
    const issuer = await createLocalIssuer({ issuer: `${apiUrl}/local`, dataDir });

    const dynamo = await dynamoStarting;
    const urls = { api: apiUrl, dynamodb: dynamo.endpoint, ses: ses.url, scheduler: schedulerUrl, sms: sms.url };
    // The portal key (PORTAL_TOKEN_SECRET; Secrets Manager in AWS): from the environment when set,
    // else a random one per start. Links sent before a restart keep working (their hashes are
    // stored); emails after it carry the invoice's new stable link.
    const portalTokenSecret = process.env.PORTAL_TOKEN_SECRET || randomBytes(32).toString('base64url');
    Object.assign(process.env, lambdaEnvironment(urls, options.webBaseUrl, portalTokenSecret));
    await ensureTable(dynamo.endpoint, LOCAL_TABLE);

    const clientConfig = { region: LOCAL_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: dynamo.endpoint });
    const streams = new DynamoDBStreamsClient({ ...clientConfig, endpoint: dynamo.endpoint });
    // One poller per event source on the stream, as on AWS (infra/constructs: reconciler,
    // aggregates, import worker…): each gets every record, a slow one never holds another back.
    pollers = STREAM_CONSUMERS.map(
      (path) =>
        new StreamPoller({
          tableName: LOCAL_TABLE,
          region: LOCAL_REGION,
          dynamodb,
          streams,
          handler: async (event: DynamoDBStreamEvent) => inReplayedTime(event, (tenant) => scheduler.timeOffset(tenant), async (e) => (await importHandler(path))(e)),
          log: warn,
        }),
    );
    for (const p of pollers) p.start();
    cleanups.push(async () => {
      for (const p of [...pollers].reverse()) await p.stop();
      dynamodb.destroy();
      streams.destroy();
    });

    const everyConsumer = drainAll(pollers);
    // SES events of the sends made so far first: their timeline events are stream records too.
    const control = localControl({ issuer, scheduler, poller: { drain: async () => (await ses.settled(), everyConsumer.drain()) }, isAllowedOrigin, sms, ses });
    api.open(issuer);
    if (options.fireInRealTime ?? true) scheduler.startClock();
    return { urls, tableName: LOCAL_TABLE, tokenFor: (tenantId, email) => issuer.tokenFor(tenantId, email), tokenWithClaims: (claims) => issuer.tokenWithClaims(claims), stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** The environment the CDK stack gives every Lambda, pointed at the emulators. */
export const lambdaEnvironment = (
  urls: LocalStack['urls'],
  webBaseUrl = `http://localhost:${DEFAULT_WEB_PORT}`,
  portalTokenSecret = randomBytes(32).toString('base64url'),
): Record<string, string> => ({
  TABLE_NAME: LOCAL_TABLE,
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: urls.dynamodb,
  AWS_ENDPOINT_URL_SESV2: urls.ses,
  AWS_ENDPOINT_URL_SCHEDULER: urls.scheduler,
  AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: urls.sms,
  SENDER_EMAIL: 'factures@relances.local',
  SES_CONFIGURATION_SET: 'relances-local',
  SCHEDULE_GROUP: 'relances-local',
  SCHEDULER_ROLE_ARN: `arn:aws:iam::${LOCAL_ACCOUNT}:role/relances-local-scheduler`,
  SEND_REMINDER_FUNCTION_ARN: SEND_REMINDER_ARN,
  OVERVIEW_FUNCTION_ARN: SEND_OVERVIEW_ARN,
  REMINDER_DLQ_ARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:relances-local-reminder-dlq`,
  WEB_BASE_URL: webBaseUrl,
  PORTAL_TOKEN_SECRET: portalTokenSecret,
});

/** The stream's consumers, by handler module (each an event source of the table stream in CDK). */
const STREAM_CONSUMERS = ['functions/reminders/sync-schedules', 'functions/aggregates/update-aggregates', 'functions/imports/import-worker', 'functions/notifications/notify-owner', 'functions/thank-you/thank-on-payment'];

/** Drains every consumer until none has anything left (each may write what another reads). */
const drainAll = (pollers: readonly StreamPoller[]): Pick<StreamPoller, 'drain'> => ({
  drain: async () => {
    let delivered = 0;
    let quiet = false;
    for (let round = 0; round < 12; round++) {
      let roundDelivered = 0;
      for (const p of pollers) {
        const result = await p.drain();
        roundDelivered += result.delivered;
        if (result.error) return { delivered: delivered + roundDelivered, error: result.error };
      }
      delivered += roundDelivered;
      if (roundDelivered === 0) {
        // DynamoDB Local shows a write on its stream a moment after it answers: one more look
        // after a short pause, so a write made just before the drain is never missed.
        if (quiet) break;
        quiet = true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      } else quiet = false;
    }
    return { delivered };
  },
});

type AnyHandler = (event: unknown, context?: Context) => Promise<unknown>;

const tenantOfInput = (input: unknown): string | undefined => {
  const tenantId = (input as { tenantId?: unknown } | null)?.tenantId;
  return typeof tenantId === 'string' ? tenantId : undefined;
};

/** Items are keyed `T#<tenant>…` (shared/adapters/dynamo/keys.ts). */
const tenantOfRecord = (record: DynamoDBRecord): string | undefined => /^T#([^#]+)/.exec(record.dynamodb?.Keys?.PK?.S ?? '')?.[1];

/**
 * Hands a stream batch to its consumer at the time of each tenant: the wall clock, or the replayed
 * clock of a run now firing that tenant's schedules (what a fire wrote is re-planned at the fire's
 * time, as on AWS). Without a replay under way the batch goes through whole, as Lambda's would.
 */
export const inReplayedTime = async (
  event: DynamoDBStreamEvent,
  offsetOf: (tenantId: string | undefined) => number,
  handle: (event: DynamoDBStreamEvent) => Promise<unknown>,
): Promise<unknown> => {
  const byTenant = new Map<string | undefined, DynamoDBRecord[]>();
  for (const record of event.Records) {
    const tenant = tenantOfRecord(record);
    byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), record]);
  }
  if ([...byTenant.keys()].every((tenant) => offsetOf(tenant) === 0)) return handle(event);
  // Each tenant's records keep their order; a failure is reported by record, as the poller expects.
  const failures: { itemIdentifier: string }[] = [];
  for (const [tenant, records] of byTenant) {
    const result = await atTimeOffset(offsetOf(tenant), () => handle({ Records: records }));
    failures.push(...((result as { batchItemFailures?: { itemIdentifier: string }[] } | undefined)?.batchItemFailures ?? []));
  }
  return { batchItemFailures: failures };
};
/** An asynchronous invocation's context, with its own request id (as Lambda gives each one). */
const invocation = (handler: string) => {
  const started = Date.now();
  return lambdaContext(handler, randomUUID(), () => ASYNC_TIMEOUT_MS - (Date.now() - started));
};
const ASYNC_TIMEOUT_MS = 60_000;

const handlers = new Map<string, Promise<AnyHandler>>();

/** Background handlers, imported once on first use (after the environment is set). */
const importHandler = (path: string): Promise<AnyHandler> => {
  let handler = handlers.get(path);
  if (!handler) {
    // Each call is one invocation, as on AWS: its DynamoDB Gets are gathered with its own only (coalesce-gets.ts).
    handler = import(pathToFileURL(join(REPO_ROOT, `${path}.ts`)).href).then((m: { handler: AnyHandler }): AnyHandler => (event, context) => asOneInvocation(() => m.handler(event, context)));
    handlers.set(path, handler);
    handler.catch(() => handlers.delete(path));
  }
  return handler;
};

/** Origins of the deployed stack (cdk.json, or ALLOWED_ORIGINS) plus any localhost port for front-end dev servers. */
const allowedOrigins = (): ((origin: string) => boolean) => {
  let configured = process.env.ALLOWED_ORIGINS;
  if (!configured) {
    try {
      const cdk = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, string> };
      configured = cdk.context?.['relances:allowedOrigins'];
    } catch {
      configured = undefined;
    }
  }
  const list = new Set((configured ?? '').split(',').map((o) => o.trim()).filter(Boolean));
  return (origin) => list.has(origin) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/.test(origin);
};

const explainPortInUse = <T>(listening: Promise<T>, port: number, variable: string): Promise<T> =>
  listening.catch((error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use (another \`npm start\`?): set ${variable} to another port.`) : error;
  });

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
