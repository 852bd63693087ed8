import { Duration } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { Email } from './email.js';
import { RelancesFunction } from './relances-function.js';
import type { Storage } from './storage.js';

export interface ThankYouProps {
  /** The single table: invoice changes arrive by its stream; the once-per-invoice claim is written back into it. */
  readonly storage: Storage;
  /** The thank-you is an email from the tenant's sender identity. */
  readonly email: Email;
}

/**
 * The thank-you after payment (issue 13 §2): a consumer of the table stream invoked only for
 * invoice items that are paid or partially paid (an event filter), in a function of its own so
 * that SES stays out of the aggregates and reconciler bundles.
 */
export class ThankYou extends Construct {
  readonly thankOnPayment: RelancesFunction;
  /** Batches the consumer gave up on (SES down for a day): the thank-you is simply not sent. */
  readonly failureQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: ThankYouProps) {
    super(scope, id);
    const { table } = props.storage;
    this.failureQueue = new DeadLetterQueue(this, 'ThankYouFailureQueue');
    this.thankOnPayment = new RelancesFunction(this, 'ThankOnPaymentFunction', {
      handler: 'functions/thank-you/thank-on-payment',
      description: 'Table stream (paid invoices) → one thank-you email per invoice',
      timeout: Duration.seconds(60),
      environment: { TABLE_NAME: table.tableName },
    });
    this.thankOnPayment.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        // The claim is a conditional write: a retried batch sends nothing twice.
        retryAttempts: 5,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.failureQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('MODIFY'),
            dynamodb: { NewImage: { entityType: { S: FilterRule.isEqual('invoice') }, status: { S: FilterRule.or('paid', 'partially_paid') } } },
          }),
        ],
      }),
    );
    props.storage.grantReadWriteData(this.thankOnPayment);
    props.email.grantSend(this.thankOnPayment);
    if (this.thankOnPayment.role) {
      NagSuppressions.addResourceSuppressions(
        this.thankOnPayment.role,
        [{ id: 'AwsSolutions-IAM5', reason: 'dynamodb:ListStreams (added by the stream event source) has no resource-level permission; it only lists stream ARNs.', appliesTo: ['Resource::*'] }],
        true,
      );
    }
  }
}
