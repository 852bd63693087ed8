import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, MetricNames, SKIP_REASON_DIMENSION } from '../../shared/adapters/telemetry/metric-names.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { RelancesFunction } from './relances-function.js';

/** The id of the warning a stack without `relances:operatorEmail` gets (acknowledge it with `Annotations.acknowledgeWarning`). */
export const OPERATOR_EMAIL_WARNING = 'relances:noOperatorEmail';

export interface MonitoringProps {
  /** Who is emailed when an alarm fires (context `relances:operatorEmail`); absent, nobody is, and synth says so in a warning. */
  readonly operatorEmail?: string | undefined;
  /** The HTTP API, for its 5xx count on the dashboard. */
  readonly httpApi: HttpApi;
}

/**
 * CloudWatch alarms and one dashboard for the stack; every alarm goes to one SNS topic that
 * emails the operator. It watches every RelancesFunction and every DeadLetterQueue of the
 * stack, found by type, so a function or queue added later is watched too: create it last.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const everything = stack.node.findAll();
    const functions = everything.filter((c): c is RelancesFunction => c instanceof RelancesFunction);
    const queues = everything.filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue);

    // Alarm notifications are messages about failures, which may name tenants: encrypted at
    // rest with a key CloudWatch may use (the AWS-managed SNS key would refuse it).
    const key = new Key(this, 'TopicKey', {
      description: 'Relances alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, '*' is this key
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', { displayName: 'Relances alarms', masterKey: key, enforceSSL: true });
    if (props.operatorEmail) this.topic.addSubscription(new EmailSubscription(props.operatorEmail));
    else {
      // No placeholder address: a deploy without one says so (cdk synth/deploy print the warning; `--strict` fails on it).
      Annotations.of(this.topic).addWarningV2(
        OPERATOR_EMAIL_WARNING,
        'No relances:operatorEmail: the alarms go to a topic nobody is subscribed to. Deploy with -c relances:operatorEmail=you@your-domain, or subscribe to the topic yourself.',
      );
    }
    const notify = new SnsAction(this.topic);

    const alarm = (alarmId: string, description: string, metric: IMetric, threshold = 0) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No data means nothing failed (and no email was sent): not a reason to wake anyone.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      this.alarms.push(created);
      return created;
    };
    const custom = (metricName: string, statistic = 'Sum') =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: stack.stackName }, statistic, period: Duration.minutes(5) });

    // Messages nobody will deliver again: a person must look at each one.
    for (const queue of queues) {
      alarm(
        `${pathOf(queue).replaceAll('/', '')}NotEmpty`,
        `Dead-letter queue ${pathOf(queue)} holds messages: reminders, stream changes or email events that failed for good.`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: Duration.minutes(5) }),
      );
    }
    alarm('ReminderSendFailures', 'A reminder send failed (SES or the SMS provider refused it, or its fire was lost). The step retries within 24 h of its first failure (scheduled, reason retry), then shows failed; the `reminder` log lines with outcome failed name the invoice.', custom(MetricNames.remindersFailed));
    alarm(
      'ReminderOutcomeUnknown',
      'A reminder stopped between SES and the table: it may or may not have left. Check the step (status sending) and the SES events before resending by hand.',
      custom(MetricNames.remindersOutcomeUnknown),
    );
    // SES reviews an account from a 5 % bounce rate and may pause sending from 10 %.
    alarm(
      'SesBounceRate',
      'SES reputation: bounce rate above 4 % of sent emails (SES reviews the account at 5 %, may pause sending at 10 %).',
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
      0.04,
    );

    // Errors and throttles of every function. The reminder engine's functions get an alarm each;
    // the API's are grouped five per alarm (a metric-math alarm takes at most 10 metrics), since
    // one alarm per function would spend ~50 of the 500 resources a stack may have.
    const errorsOrThrottles = (alarmId: string, group: readonly RelancesFunction[]) => {
      const usingMetrics: Record<string, IMetric> = {};
      group.forEach((fn, i) => {
        usingMetrics[`e${i}`] = fn.metricErrors({ statistic: 'Sum', period: Duration.minutes(5) });
        usingMetrics[`t${i}`] = fn.metricThrottles({ statistic: 'Sum', period: Duration.minutes(5) });
      });
      alarm(
        alarmId,
        `Lambda errors or throttles in ${group.map(pathOf).join(', ')}.`,
        new MathExpression({ expression: Object.keys(usingMetrics).join(' + '), usingMetrics, label: 'errors + throttles', period: Duration.minutes(5) }),
      );
    };
    const apiFunctions = functions.filter((fn) => pathOf(fn).startsWith('Api/'));
    for (const fn of functions.filter((f) => !apiFunctions.includes(f))) errorsOrThrottles(`${pathOf(fn).replaceAll('/', '')}ErrorsOrThrottles`, [fn]);
    const perAlarm = 5;
    for (let start = 0; start < apiFunctions.length; start += perAlarm) {
      errorsOrThrottles(`ApiFunctionsErrorsOrThrottles${start / perAlarm + 1}`, apiFunctions.slice(start, start + perAlarm));
    }

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${stack.stackName}-operations` });
    const skippedByReason = new MathExpression({
      expression: `SEARCH('{${METRICS_NAMESPACE},service,${SKIP_REASON_DIMENSION}} MetricName="${MetricNames.remindersSkipped}" service="${stack.stackName}"', 'Sum', 3600)`,
      label: '',
      period: Duration.hours(1),
    });
    const hourly = (metricName: string, label: string) => custom(metricName).with({ period: Duration.hours(1), label });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
      new GraphWidget({
        title: 'Reminders per hour',
        width: 12,
        left: [
          hourly(MetricNames.remindersSent, 'sent'),
          hourly(MetricNames.remindersSkipped, 'skipped'),
          hourly(MetricNames.remindersFailed, 'failed'),
          hourly(MetricNames.remindersOutcomeUnknown, 'outcome unknown'),
        ],
      }),
      new GraphWidget({ title: 'Reminders skipped, by reason', width: 12, left: [skippedByReason] }),
      new GraphWidget({
        title: 'Payments recorded and bounces per hour',
        width: 12,
        left: [hourly(MetricNames.paymentsRecorded, 'payments recorded'), hourly(MetricNames.emailBounces, 'bounces')],
      }),
      new GraphWidget({
        title: 'API: requests and 5xx',
        width: 12,
        left: [props.httpApi.metricCount({ period: Duration.minutes(5) }), props.httpApi.metricServerError({ period: Duration.minutes(5) })],
      }),
      new GraphWidget({
        title: 'Dead-letter queues: messages waiting',
        width: 12,
        left: queues.map((q) => q.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', label: pathOf(q) })),
      }),
      new GraphWidget({
        title: 'SES bounce rate',
        width: 12,
        left: [new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) })],
      }),
    );
  }
}

/** A construct's path inside its stack: `Reminders/SendReminderFunction`. */
const pathOf = (construct: Construct): string => construct.node.path.split('/').slice(1).join('/');
