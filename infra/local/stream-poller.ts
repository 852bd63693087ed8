/**
 * The DynamoDB stream → Lambda event source mapping, locally: polls DynamoDB Local's stream
 * and hands batches (≤ 100 records, Lambda's shape) to the handler. A failed batch is retried
 * as is, with backoff, until it succeeds (at-least-once, in order per shard, like Lambda);
 * `batchItemFailures` restarts the batch at the first failed record.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand,
  TrimmedDataAccessException, type AttributeValue, type _Record, type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<unknown>;

export interface StreamPollerProps {
  readonly tableName: string;
  readonly region: string;
  readonly handler: StreamHandler;
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly intervalMs?: number;
  readonly batchSize?: number;
  readonly log?: (message: string) => void;
}

interface ShardState {
  readonly shardId: string;
  readonly parentShardId?: string;
  iterator?: string;
  lastSequenceNumber?: string;
  /** A batch read but not yet handled successfully: retried as is. */
  pending?: DynamoDBRecord[];
  closed: boolean;
}

export interface DrainResult {
  readonly delivered: number;
  /** Set when a batch still fails after the drain's own retries; the poller keeps retrying it. */
  readonly error?: string;
}

const MAX_BACKOFF_MS = 30_000;

export class StreamPoller {
  private streamArn?: string;
  private readonly shards = new Map<string, ShardState>();
  private timer?: NodeJS.Timeout;
  private queue: Promise<unknown> = Promise.resolve();
  private failures = 0;
  private stopped = false;

  constructor(private readonly props: StreamPollerProps) {}

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      let delay = this.props.intervalMs ?? 250;
      try {
        await this.exclusive(() => this.pollAll());
        this.failures = 0;
      } catch (error) {
        this.failures++;
        delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.failures - 1));
        // Log the first failure of a batch and then every tenth retry: a broken handler must not flood the console.
        if (this.failures === 1 || this.failures % 10 === 0) this.props.log?.(`stream batch failed (attempt ${this.failures}, retrying in ${delay} ms): ${describe(error)}`);
      }
      if (!this.stopped) this.timer = setTimeout(() => void loop(), delay);
    };
    this.timer = setTimeout(() => void loop(), 0);
  }

  /**
   * Stops polling: the batch in the handler's hands finishes, the rest of the stream is left where it
   * is (a poll reads each shard to its end, so waiting for it would hand over a whole backlog first:
   * 9.5 min after a 5,000-invoice import). Records left are delivered again from the stream's start
   * by the next poller on the same table (at least once, as Lambda).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue.catch(() => undefined);
  }

  /** Delivers everything written so far (and what the handler writes in turn) before resolving. */
  drain(attempts = 3): Promise<DrainResult> {
    return this.exclusive(async () => {
      let delivered = 0;
      for (let round = 0; round < 50; round++) {
        let count = 0;
        for (let attempt = 1; ; attempt++) {
          try {
            count = await this.pollAll();
            break;
          } catch (error) {
            if (attempt >= attempts) return { delivered, error: describe(error) };
            await sleep(100 * attempt);
          }
        }
        delivered += count;
        if (count === 0) return { delivered };
      }
      return { delivered, error: 'the stream did not settle after 50 rounds' };
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads every shard to its current end; returns how many records the handler took. */
  private async pollAll(): Promise<number> {
    if (!this.streamArn) {
      const { Table } = await this.props.dynamodb.send(new DescribeTableCommand({ TableName: this.props.tableName }));
      this.streamArn = Table?.LatestStreamArn;
      if (!this.streamArn) return 0;
    }
    for (const shard of await this.listShards()) {
      if (!this.shards.has(shard.ShardId!)) this.shards.set(shard.ShardId!, { shardId: shard.ShardId!, parentShardId: shard.ParentShardId, closed: false });
    }
    let handled = 0;
    for (const shard of this.shards.values()) {
      if (this.stopped) break;
      // A child shard waits until its parent is read to the end, so each key stays in order.
      const parent = shard.parentShardId ? this.shards.get(shard.parentShardId) : undefined;
      if (shard.closed || (parent && !parent.closed)) continue;
      handled += await this.readShard(shard);
    }
    return handled;
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.props.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  private async readShard(shard: ShardState): Promise<number> {
    let handled = 0;
    for (;;) {
      if (this.stopped) return handled;
      if (!shard.pending) {
        const records = await this.readBatch(shard);
        if (records === undefined) return handled;
        if (records.length === 0) return handled;
        shard.pending = records;
      }
      handled += await this.deliver(shard);
    }
  }

  /** Next records of a shard; undefined when the shard is closed and read to its end. */
  private async readBatch(shard: ShardState): Promise<DynamoDBRecord[] | undefined> {
    for (let attempt = 0; ; attempt++) {
      shard.iterator ??= await this.iteratorFor(shard);
      try {
        const { Records = [], NextShardIterator } = await this.props.streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: this.props.batchSize ?? 100 }));
        shard.iterator = NextShardIterator;
        if (!NextShardIterator) shard.closed = true;
        if (Records.length > 0) shard.lastSequenceNumber = Records.at(-1)!.dynamodb?.SequenceNumber;
        return Records.length === 0 && shard.closed ? undefined : Records.map((r) => this.toLambdaRecord(r));
      } catch (error) {
        // Iterators expire after 15 minutes; data older than 24 h is trimmed: start again from what we have.
        if (attempt > 0 || !(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
        shard.iterator = undefined;
        if (error instanceof TrimmedDataAccessException) shard.lastSequenceNumber = undefined;
      }
    }
  }

  private async iteratorFor(shard: ShardState): Promise<string | undefined> {
    const { ShardIterator } = await this.props.streams.send(new GetShardIteratorCommand({
      StreamArn: this.streamArn,
      ShardId: shard.shardId,
      ...(shard.lastSequenceNumber
        ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequenceNumber }
        : { ShardIteratorType: 'TRIM_HORIZON' }),
    }));
    return ShardIterator;
  }

  private async deliver(shard: ShardState): Promise<number> {
    const records = shard.pending!;
    const result = await this.props.handler({ Records: records });
    const failures = (result as { batchItemFailures?: { itemIdentifier: string }[] } | undefined)?.batchItemFailures ?? [];
    if (failures.length > 0) {
      const first = records.findIndex((r) => failures.some((f) => f.itemIdentifier === r.dynamodb?.SequenceNumber));
      shard.pending = records.slice(Math.max(0, first));
      throw new Error(`handler reported ${failures.length} failed record(s)`);
    }
    shard.pending = undefined;
    return records.length;
  }

  private toLambdaRecord(record: _Record): DynamoDBRecord {
    const d = record.dynamodb ?? {};
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: record.eventVersion ?? '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: this.props.region,
      dynamodb: {
        ApproximateCreationDateTime: d.ApproximateCreationDateTime ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) : undefined,
        Keys: toLambdaImage(d.Keys),
        NewImage: toLambdaImage(d.NewImage),
        OldImage: toLambdaImage(d.OldImage),
        SequenceNumber: d.SequenceNumber,
        SizeBytes: d.SizeBytes,
        StreamViewType: d.StreamViewType,
      },
      eventSourceARN: this.streamArn,
    };
  }
}

/**
 * SDK attribute values carry bytes as Uint8Array; Lambda's JSON event carries them base64-encoded.
 * DynamoDB Local's stream writes an empty map as `{}` (no type; the table itself holds `{"M":{}}`,
 * and so does a stream record on AWS): untyped, it would make `unmarshall` throw "No value
 * defined" in every consumer and stop the stream (an event without data, a declined plan request
 * without a reason). It is given its type back.
 */
const toLambdaValue = (value: AttributeValue): LambdaAttributeValue => {
  if (Object.keys(value).length === 0) return { M: {} };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M)! };
  return value as LambdaAttributeValue;
};

const toLambdaImage = (image: Record<string, AttributeValue> | undefined): Record<string, LambdaAttributeValue> | undefined =>
  image === undefined ? undefined : Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)]));

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
