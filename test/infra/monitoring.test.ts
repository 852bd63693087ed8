import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, MetricNames } from '../../shared/adapters/telemetry/metric-names.js';
import { DeadLetterQueue } from '../../infra/constructs/dead-letter-queue.js';
import { OPERATOR_EMAIL_WARNING } from '../../infra/constructs/monitoring.js';
import { RelancesFunction } from '../../infra/constructs/relances-function.js';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { aTestStack } from '../fixtures/test-stack.js';

let stack: RelancesStack;
let template: Template;
let alarms: Record<string, { Properties: Record<string, any> }>;
beforeAll(() => {
  stack = aTestStack();
  // The (slow) dependency-cycle check runs once, in api.test.ts.
  template = Template.fromStack(stack, { skipCyclicalDependenciesCheck: true });
  alarms = template.findResources('AWS::CloudWatch::Alarm') as typeof alarms;
});

const relancesFunctions = () => stack.node.findAll().filter((c): c is RelancesFunction => c instanceof RelancesFunction);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const topicRef = () => stack.resolve(stack.monitoring.topic.topicArn);
/** Every metric an alarm reads (a single metric, or each metric of a metric-math alarm). */
const metricsOf = (alarm: { Properties: Record<string, any> }) =>
  alarm.Properties.MetricName
    ? [{ Namespace: alarm.Properties.Namespace, MetricName: alarm.Properties.MetricName, Dimensions: alarm.Properties.Dimensions ?? [] }]
    : (alarm.Properties.Metrics as { MetricStat?: { Metric: Record<string, any> } }[]).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
const alarmsOn = (namespace: string, metricName: string, dimension?: { Name: string; Value: unknown }) =>
  Object.values(alarms).filter((a) =>
    metricsOf(a).some(
      (m) => m.Namespace === namespace && m.MetricName === metricName && (!dimension || (m.Dimensions as unknown[]).some((d) => same(d, dimension))),
    ),
  );

describe('the alarm topic', () => {
  it('is encrypted with a rotated key that CloudWatch may use, and refuses publishing without TLS', () => {
    const key = stack.resolve(stack.monitoring.topic.masterKey!.keyArn);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: key });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow' }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topicRef()],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('emails the operator given as context', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: topicRef() });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('relances:operatorEmail'))).toEqual([]);
  });

  it('without an operator address subscribes nobody and says so in a synth warning (no placeholder address in cdk.json)', () => {
    const bare = aTestStack(undefined, undefined, null);
    Template.fromStack(bare, { skipCyclicalDependenciesCheck: true }).resourceCountIs('AWS::SNS::Subscription', 0);
    const warnings = Annotations.fromStack(bare).findWarning('*', Match.stringLikeRegexp('No relances:operatorEmail'));
    expect(warnings.map((w) => w.id)).toEqual([`/${bare.stackName}/Monitoring/AlarmTopic`]);
    expect(String(warnings[0]!.entry.data)).toContain(OPERATOR_EMAIL_WARNING);
    // `cdk deploy` without `-c relances:operatorEmail=...` gets no address from cdk.json: it would subscribe a placeholder.
    const context = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;
    expect(context).not.toHaveProperty('relances:operatorEmail');
  });

  it('receives every alarm of the stack', () => {
    expect(Object.keys(alarms).length).toBeGreaterThanOrEqual(10);
    const silent = Object.entries(alarms).filter(([, a]) => !same(a.Properties.AlarmActions, [topicRef()])).map(([id]) => id);
    expect(silent).toEqual([]);
  });
});

describe('the alarms', () => {
  it('fire when any dead-letter queue holds a message', () => {
    const queues = stack.node.findAll().filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue);
    expect(queues).toEqual(expect.arrayContaining([stack.reminders.deadLetterQueue, stack.reminders.streamFailureQueue, stack.email.eventsDeadLetterQueue]));
    for (const queue of queues) {
      const watching = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { Name: 'QueueName', Value: stack.resolve(queue.queueName) });
      expect(watching, queue.node.path).toHaveLength(1);
      expect(watching[0]!.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Statistic: 'Maximum' });
    }
  });

  it('fire on one failed reminder and on one reminder of unknown outcome, from the metrics the functions publish', () => {
    const service = { Name: 'service', Value: stack.stackName };
    for (const metric of [MetricNames.remindersFailed, MetricNames.remindersOutcomeUnknown]) {
      const watching = alarmsOn(METRICS_NAMESPACE, metric, service);
      expect(watching, metric).toHaveLength(1);
      expect(watching[0]!.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Statistic: 'Sum', TreatMissingData: 'notBreaching' });
    }
    // RemindersFailed counts every failed attempt, a retry's too: the operator is told the step may be scheduled again, not failed yet.
    const [failed] = alarmsOn(METRICS_NAMESPACE, MetricNames.remindersFailed, service);
    expect(failed!.Properties.AlarmDescription).toMatch(/retries within 24 h .*then shows failed/);
  });

  it('fire before SES reviews the account for bounces (5 %)', () => {
    const [bounce] = alarmsOn('AWS/SES', 'Reputation.BounceRate');
    expect(bounce!.Properties.Threshold).toBeLessThan(0.05);
  });

  it('watch the errors and the throttles of every function of the stack', () => {
    // Every RelancesFunction; CDK's own deploy-time custom resources (web assets) fail the deploy instead.
    const functions = relancesFunctions().map((fn) => (stack.resolve(fn.functionName) as { Ref: string }).Ref);
    expect(functions.length).toBeGreaterThan(25);
    const unwatched = functions.flatMap((logicalId) =>
      ['Errors', 'Throttles']
        .filter((metric) => alarmsOn('AWS/Lambda', metric, { Name: 'FunctionName', Value: { Ref: logicalId } }).length !== 1)
        .map((metric) => `${logicalId} ${metric}`),
    );
    expect(unwatched).toEqual([]);
  });

  it('give the reminder engine functions an alarm of their own', () => {
    for (const fn of [stack.reminders.sendReminder, stack.reminders.syncSchedules, stack.email.eventsFunction]) {
      const [alarm] = alarmsOn('AWS/Lambda', 'Errors', { Name: 'FunctionName', Value: stack.resolve(fn.functionName) });
      expect(metricsOf(alarm!), fn.node.path).toHaveLength(2);
    }
  });
});

describe('the functions', () => {
  it('name the stack as the service of their logs and metrics (the alarms’ dimension)', () => {
    const resources = template.findResources('AWS::Lambda::Function');
    const functions = relancesFunctions().map((fn) => resources[(stack.resolve(fn.functionName) as { Ref: string }).Ref]!);
    expect(functions.length).toBeGreaterThan(25);
    const unnamed = functions.filter((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME !== stack.stackName);
    expect(unnamed).toHaveLength(0);
  });

  it('trace the send path with X-Ray', () => {
    const sendReminder = stack.node.tryFindChild('Reminders')!.node.tryFindChild('SendReminderFunction')!;
    expect(sendReminder).toBe(stack.reminders.sendReminder);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Description: Match.stringLikeRegexp('claim the step'),
      TracingConfig: { Mode: 'Active' },
    });
  });
});

describe('the dashboard', () => {
  it('is one for the stack, with the reminder metrics and the alarms', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const metric of Object.values(MetricNames)) expect(body).toContain(metric);
    for (const id of Object.keys(alarms)) expect(body).toContain(id);
    expect(dashboards[0]!.Properties.DashboardName).toBe(`${stack.stackName}-operations`);
  });
});
