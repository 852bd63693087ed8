import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type DeadLetterQueue as RedriveTarget } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

/**
 * Where failed deliveries wait for a person: encrypted, TLS only, kept the SQS maximum of
 * 14 days. Its senders are services (Scheduler, Lambda, EventBridge), not another queue.
 * One that a function consumes (the reminder DLQ) passes what it could not handle on to another.
 */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string, props: { readonly visibilityTimeout?: Duration; readonly deadLetterQueue?: RedriveTarget } = {}) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      ...props,
    });
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself a dead-letter queue (for Scheduler, Lambda or EventBridge, which cdk-nag cannot see); nothing consumes it automatically.',
      },
    ]);
  }
}
