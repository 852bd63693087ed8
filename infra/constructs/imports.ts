import { Duration } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { RelancesFunction } from './relances-function.js';
import type { Storage } from './storage.js';

export interface ImportsProps {
  /** The single table: import chunks arrive by its stream, invoices are written back into it. */
  readonly storage: Storage;
}

/**
 * The import worker (issue 9 §5): a third consumer of the table stream, invoked only for the
 * chunk items of large imports (an event filter), so it costs nothing the rest of the time.
 */
export class Imports extends Construct {
  readonly importWorker: RelancesFunction;
  /** Chunks the worker gave up on; the job stays `running` and the user can upload the same file again (nothing is written twice). */
  readonly failureQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ImportsProps) {
    super(scope, id);
    const { table } = props.storage;
    this.failureQueue = new DeadLetterQueue(this, 'ImportFailureQueue');
    this.importWorker = new RelancesFunction(this, 'ImportWorkerFunction', {
      handler: 'functions/imports/import-worker',
      description: 'Table stream (import chunk inserts) → the chunk’s invoices written, the job’s progress counted',
      // 100 invoices 8 at a time: a few seconds on DynamoDB; room for throttling back-off.
      timeout: Duration.minutes(5),
      memorySize: 512,
      environment: { TABLE_NAME: table.tableName },
    });
    this.importWorker.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 2,
        // Rows already written are left as they are and a chunk is counted once: a retry is safe.
        retryAttempts: 5,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.failureQueue),
        filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { entityType: { S: FilterRule.isEqual('import_chunk') } } } })],
      }),
    );
    props.storage.grantReadWriteData(this.importWorker);
    if (this.importWorker.role) {
      NagSuppressions.addResourceSuppressions(
        this.importWorker.role,
        [{ id: 'AwsSolutions-IAM5', reason: 'dynamodb:ListStreams (added by the stream event source) has no resource-level permission; it only lists stream ARNs.', appliesTo: ['Resource::*'] }],
        true,
      );
    }
  }
}
