import { Duration } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { RelancesFunction } from './relances-function.js';
import type { Storage } from './storage.js';

export interface AggregatesProps {
  /** The single table: its stream feeds the consumer, which writes the aggregate items back into it. */
  readonly storage: Storage;
}

/**
 * The read side's figures (cockpit, client balances): a second consumer of the table stream,
 * independent of the schedule reconciler, so a slow or failing one never holds the other back.
 */
export class Aggregates extends Construct {
  readonly updateAggregates: RelancesFunction;
  /** Stream batches the consumer gave up on (after retries and bisection); `npm run aggregates:rebuild` repairs. */
  readonly streamFailureQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: AggregatesProps) {
    super(scope, id);
    const { table } = props.storage;
    this.streamFailureQueue = new DeadLetterQueue(this, 'StreamFailureQueue');
    this.updateAggregates = new RelancesFunction(this, 'UpdateAggregatesFunction', {
      handler: 'functions/aggregates/update-aggregates',
      description: 'Table stream → client and tenant aggregates (cockpit, client balances)',
      timeout: Duration.seconds(60),
      environment: { TABLE_NAME: table.tableName },
    });
    this.updateAggregates.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // Updates are idempotent (per-invoice contribution snapshots): a retried batch never double counts.
        retryAttempts: 10,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.streamFailureQueue),
      }),
    );
    props.storage.grantReadWriteData(this.updateAggregates);
    if (this.updateAggregates.role) {
      NagSuppressions.addResourceSuppressions(
        this.updateAggregates.role,
        [{ id: 'AwsSolutions-IAM5', reason: 'dynamodb:ListStreams (added by the stream event source) has no resource-level permission; it only lists stream ARNs.', appliesTo: ['Resource::*'] }],
        true,
      );
    }
  }
}
