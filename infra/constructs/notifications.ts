import { Duration } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { Email } from './email.js';
import { RelancesFunction } from './relances-function.js';
import type { Reminders } from './reminders.js';
import type { Storage } from './storage.js';

export interface NotificationsProps {
  /** The single table: its stream feeds the consumer, which writes notifications back into it. */
  readonly storage: Storage;
  /** Both functions email the owner. */
  readonly email: Email;
  /** The schedule group, the scheduler role and its dead-letter queue: the daily overviews are schedules of that group. */
  readonly reminders: Reminders;
  /** The web app's address (`WEB_BASE_URL`, as for the portal links), for the links of the overview and alert emails. */
  readonly webBaseUrl?: string;
}

/**
 * The owner's notifications (issue 10 §5): a consumer of the table stream turns timeline events
 * into notifications and emails and keeps each tenant's recurring daily-overview schedule, which
 * invokes send-overview every morning through the scheduler role.
 */
export class Notifications extends Construct {
  readonly notifyOwner: RelancesFunction;
  readonly sendOverview: RelancesFunction;
  /** Stream batches the consumer gave up on (after retries and bisection). */
  readonly streamFailureQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { storage, email, reminders } = props;
    const { table } = storage;

    this.sendOverview = new RelancesFunction(this, 'SendOverviewFunction', {
      handler: 'functions/notifications/send-overview',
      description: 'Fired by a tenant\'s recurring schedule: the daily overview email',
      timeout: Duration.seconds(60),
      environment: { TABLE_NAME: table.tableName, ...(props.webBaseUrl ? { WEB_BASE_URL: props.webBaseUrl } : {}) },
    });
    // The Scheduler invokes asynchronously: what still fails after Lambda's retries is parked with the undeliverable reminders.
    this.sendOverview.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(reminders.deadLetterQueue) });
    storage.grantReadWriteData(this.sendOverview);
    email.grantSend(this.sendOverview);
    // The scheduler role may invoke exactly this function too (the unqualified ARN: schedules target $LATEST).
    this.sendOverview.grantInvokeLatestVersion(reminders.schedulerRole);

    this.streamFailureQueue = new DeadLetterQueue(this, 'StreamFailureQueue');
    this.notifyOwner = new RelancesFunction(this, 'NotifyOwnerFunction', {
      handler: 'functions/notifications/notify-owner',
      description: 'Table stream → owner notifications and emails, payments by day, daily-overview schedules',
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: table.tableName,
        SCHEDULE_GROUP: reminders.scheduleGroup.scheduleGroupName,
        SCHEDULER_ROLE_ARN: reminders.schedulerRole.roleArn,
        SEND_REMINDER_FUNCTION_ARN: reminders.sendReminder.functionArn,
        OVERVIEW_FUNCTION_ARN: this.sendOverview.functionArn,
        REMINDER_DLQ_ARN: reminders.deadLetterQueue.queueArn,
        // Each alert email links the invoice's page in the web app.
        ...(props.webBaseUrl ? { WEB_BASE_URL: props.webBaseUrl } : {}),
      },
    });
    this.notifyOwner.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 50,
        // Notifications are created once per event id and emailed once: a retried batch adds nothing.
        retryAttempts: 10,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.streamFailureQueue),
      }),
    );
    storage.grantReadWriteData(this.notifyOwner);
    email.grantSend(this.notifyOwner);
    // Only the daily overviews: create, update and delete within the group; never list.
    reminders.scheduleGroup.grantReadSchedules(this.notifyOwner);
    reminders.scheduleGroup.grantWriteSchedules(this.notifyOwner);
    reminders.scheduleGroup.grantDeleteSchedules(this.notifyOwner);
    reminders.schedulerRole.grantPassRole(this.notifyOwner.grantPrincipal);

    if (this.notifyOwner.role) {
      NagSuppressions.addResourceSuppressions(
        this.notifyOwner.role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason: 'Schedule names are per tenant and made at run time; schedule/<group>/* is the narrowest scope, and only this group.',
            appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:scheduler:.*:schedule\\/.+\\/\\*$/g' }],
          },
          { id: 'AwsSolutions-IAM5', reason: 'dynamodb:ListStreams (added by the stream event source) has no resource-level permission; it only lists stream ARNs.', appliesTo: ['Resource::*'] },
        ],
        true,
      );
    }
  }
}
