import { Duration, Stack } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ConfigurationSet, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { RelancesFunction } from './relances-function.js';
import type { Storage } from './storage.js';

export interface EmailProps {
  /** The From address; its address or its domain must be a verified SES identity in this account and region. */
  readonly senderEmail: string;
  /** Where delivery, bounce and complaint events land on the invoice timeline. */
  readonly storage: Storage;
}

/**
 * Outgoing email: the SES configuration set every send goes through, and the path back for
 * its events (configuration set → default event bus → email-events function → timeline).
 * Only delivery-side events are published: no open or click tracking (CNIL, DOMAIN.md §1).
 */
export class Email extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly eventsFunction: RelancesFunction;
  /** Receives the events the email-events function failed to process. */
  readonly eventsDeadLetterQueue: DeadLetterQueue;
  private readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { reputationMetrics: true });
    // SES publishes to the default bus only.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(defaultBus),
      // No `Send` event: it says only that SES accepted the message, which the step's own `sent` record
      // (with its message id) already holds; subscribing would write one more timeline item and run one
      // more Lambda per email (docs/adr/0003-writes-per-reminder.md, addendum).
      events: [
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    this.eventsFunction = new RelancesFunction(this, 'EmailEventsFunction', {
      handler: 'functions/email/email-events',
      description: 'SES events of the configuration set → invoice timeline',
      environment: { TABLE_NAME: props.storage.table.tableName },
    });
    props.storage.grantReadWriteData(this.eventsFunction);

    this.eventsDeadLetterQueue = new DeadLetterQueue(this, 'EventsDeadLetterQueue');
    // EventBridge invokes the function asynchronously: the rule's DLQ only gets the events it could not hand over.
    // One the function throws on after Lambda's own retries lands in the same queue (and its alarm), not dropped.
    this.eventsFunction.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.eventsDeadLetterQueue) });
    new Rule(this, 'EmailEventsRule', {
      description: 'SES events of the Relances configuration set',
      eventBus: defaultBus,
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.eventsFunction, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: this.eventsDeadLetterQueue,
        }),
      ],
    });
  }

  /**
   * Lets `fn` send email as the sender through the configuration set, and gives it the
   * SENDER_EMAIL and SES_CONFIGURATION_SET variables it needs to do so. SES authorizes a send
   * against the sender's identity (address or domain, whichever is verified) and the
   * configuration set, so those are the only resources granted.
   */
  grantSend(fn: RelancesFunction): Grant {
    fn.addEnvironment('SENDER_EMAIL', this.senderEmail);
    fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    const stack = Stack.of(this);
    const domain = this.senderEmail.split('@')[1] ?? this.senderEmail;
    return Grant.addToPrincipal({
      grantee: fn,
      actions: ['ses:SendEmail'],
      resourceArns: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.senderEmail }),
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
      ],
    });
  }
}
