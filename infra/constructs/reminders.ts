import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import type { Email } from './email.js';
import type { PortalSecret } from './portal-secret.js';
import { RelancesFunction } from './relances-function.js';
import type { Storage } from './storage.js';

export interface RemindersProps {
  /** The single table; its stream feeds the schedule reconciler. */
  readonly storage: Storage;
  /** Reminders are emails sent through this configuration set. */
  readonly email: Email;
  /** The web app's address: reminder emails link to the client portal at `<webBaseUrl>/p/<token>`. */
  readonly webBaseUrl?: string;
  /** The key portal links are derived from: send-reminder issues each invoice's stable link. */
  readonly portalSecret?: PortalSecret;
}

/**
 * The reminder engine (DESIGN.md §1): the table stream feeds sync-schedules, which keeps one
 * one-time schedule per invoice step in the schedule group; each schedule invokes
 * send-reminder through the scheduler role, and whatever cannot be delivered lands in the
 * dead-letter queue.
 */
/** IAM's resource for actions that support no resource-level permission (documented per use). */
const UNSCOPABLE_ACTION_RESOURCE = '*';

export class Reminders extends Construct {
  readonly scheduleGroup: ScheduleGroup;
  /** Assumed by EventBridge Scheduler: may only invoke send-reminder and dead-letter to the DLQ. */
  readonly schedulerRole: Role;
  /**
   * Reminders that neither the Scheduler nor Lambda's async retries could deliver. sync-schedules consumes it:
   * each step named is failed or retried as the send path does (functions/reminders/undelivered-reminders.ts).
   */
  readonly deadLetterQueue: DeadLetterQueue;
  /** What that consumer could not handle (no step named, unreadable, its own errors): for a person, alarmed. */
  readonly undeliveredFailureQueue: DeadLetterQueue;
  /** Stream batches the reconciler gave up on (after retries and bisection). */
  readonly streamFailureQueue: DeadLetterQueue;
  readonly sendReminder: RelancesFunction;
  readonly syncSchedules: RelancesFunction;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const { storage, email } = props;
    const { table } = storage;

    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', {
      // Schedules are derived state, rebuilt from the table by the reconciler.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.undeliveredFailureQueue = new DeadLetterQueue(this, 'UndeliveredFailureQueue');
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      // At least 6 × the consumer's timeout (Lambda's rule for an SQS source), so a batch in progress is not given twice.
      visibilityTimeout: Duration.minutes(6),
      deadLetterQueue: { queue: this.undeliveredFailureQueue, maxReceiveCount: 5 },
    });
    this.streamFailureQueue = new DeadLetterQueue(this, 'StreamFailureQueue');

    this.sendReminder = new RelancesFunction(this, 'SendReminderFunction', {
      handler: 'functions/reminders/send-reminder',
      description: 'Fired by a schedule: re-read, claim the step, render, email',
      environment: { TABLE_NAME: table.tableName, ...(props.webBaseUrl ? { WEB_BASE_URL: props.webBaseUrl } : {}) },
      pdf: true,
      memorySize: 1024,
      timeout: Duration.seconds(60),
      tracing: true,
    });
    // The Scheduler invokes asynchronously: Lambda's own retries add to the Scheduler's,
    // and what still fails is parked with the undeliverable schedules.
    this.sendReminder.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    storage.grantReadWriteData(this.sendReminder);
    email.grantSend(this.sendReminder);
    props.portalSecret?.grantIssue(this.sendReminder);
    this.grantSendText(this.sendReminder);

    const stack = Stack.of(this);
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'EventBridge Scheduler: invokes send-reminder, dead-letters to the reminder DLQ',
      // Confused-deputy guard: only schedules of this account may assume it.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
    });
    // The unqualified ARN only: schedules target $LATEST, never a version or alias.
    this.sendReminder.grantInvokeLatestVersion(this.schedulerRole);
    this.deadLetterQueue.grantSendMessages(this.schedulerRole);

    this.syncSchedules = new RelancesFunction(this, 'SyncSchedulesFunction', {
      handler: 'functions/reminders/sync-schedules',
      description: 'Table stream → create/delete the reminder schedules of each changed invoice',
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: table.tableName,
        SCHEDULE_GROUP: this.scheduleGroup.scheduleGroupName,
        SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
        SEND_REMINDER_FUNCTION_ARN: this.sendReminder.functionArn,
        REMINDER_DLQ_ARN: this.deadLetterQueue.queueArn,
      },
    });
    this.syncSchedules.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        // A failed reconcile is retried by the stream (DESIGN.md §1); a poison record is
        // isolated by bisection, then parked in the failure queue instead of blocking the shard.
        retryAttempts: 10,
        bisectBatchOnError: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.streamFailureQueue),
      }),
    );
    // Undelivered fires: the step each names is failed or retried (the send path's failure path), the owner told.
    this.syncSchedules.addEventSource(new SqsEventSource(this.deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }));
    // Plans read scenarios and settings, and the reconciler records scheduled steps.
    storage.grantReadWriteData(this.syncSchedules);
    this.scheduleGroup.grantReadSchedules(this.syncSchedules);
    this.scheduleGroup.grantWriteSchedules(this.syncSchedules);
    this.scheduleGroup.grantDeleteSchedules(this.syncSchedules);
    this.schedulerRole.grantPassRole(this.syncSchedules.grantPrincipal);
    // The reconciler lists an invoice's schedules by name prefix within the group. IAM offers no
    // resource-level permission for scheduler:ListSchedules, so a group ARN would be refused.
    this.syncSchedules.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: [UNSCOPABLE_ACTION_RESOURCE] }));

    if (this.sendReminder.role) {
      NagSuppressions.addResourceSuppressions(
        this.sendReminder.role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'sms-voice:SendTextMessage for sms steps: the origination identity (phone number, sender id or pool) is a tenant setting chosen at run time, so each identity type is granted within this account and region only; opt-out lists are checked by the service.',
            // Region and account are tokens (`<AWS::Region>`, `<AWS::AccountId>`) when `npx cdk synth` runs without credentials.
            appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:sms-voice:([a-z0-9-]+|<AWS::Region>):(\\d{12}|<AWS::AccountId>):(phone-number|sender-id|pool|opt-out-list)\\/\\*$/g' }],
          },
        ],
        true,
      );
    }

    if (this.syncSchedules.role) {
      NagSuppressions.addResourceSuppressions(
        this.syncSchedules.role,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason: 'Schedule names are per invoice step and made at run time; schedule/<group>/* is the narrowest scope, and only this group.',
            appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:scheduler:.*:schedule\\/.+\\/\\*$/g' }],
          },
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'dynamodb:ListStreams (added by the stream event source) and scheduler:ListSchedules have no resource-level permissions; they only list names/ARNs.',
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );
    }
  }

  /**
   * AWS End User Messaging SMS (`sms-voice`): only send-reminder texts. Its resources are the
   * origination identities and opt-out lists of this account and region.
   */
  private grantSendText(fn: RelancesFunction): void {
    const stack = Stack.of(this);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['sms-voice:SendTextMessage'],
        resources: ['phone-number', 'sender-id', 'pool', 'opt-out-list'].map((resource) => stack.formatArn({ service: 'sms-voice', resource, resourceName: '*' })),
      }),
    );
  }
}
