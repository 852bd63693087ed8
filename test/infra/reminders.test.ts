import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { aTestStack } from '../fixtures/test-stack.js';

let stack: RelancesStack;
let template: Template;
beforeAll(() => {
  stack = aTestStack();
  // The (slow) dependency-cycle check runs once, in api.test.ts.
  template = Template.fromStack(stack, { skipCyclicalDependenciesCheck: true });
});

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (s: Statement): string[] => [s.Action].flat();
const resourcesOf = (s: Statement): unknown[] => [s.Resource].flat();
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const statementsOf = (role: IRole): Statement[] => {
  const ref = stack.resolve(role.roleName);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => same(r, ref)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
};
const logicalIdOf = (token: string): string => {
  const resolved = stack.resolve(token) as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return resolved.Ref ?? resolved['Fn::GetAtt']![0];
};

describe('the schedule group', () => {
  it('exists, one per stack', () => {
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: stack.reminders.scheduleGroup.scheduleGroupName });
  });
});

describe('the scheduler role', () => {
  it('can be assumed only by EventBridge Scheduler acting for this account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: Match.absent(),
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          },
        ],
      },
    });
  });

  it('can invoke the send-reminder and send-overview functions and nothing else', () => {
    const statements = statementsOf(stack.reminders.schedulerRole);
    const invoke = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')));
    expect([...new Set(invoke.flatMap(actionsOf))]).toEqual(['lambda:InvokeFunction']);
    // The function ARNs themselves, or their $LATEST qualifier: never another function, version or wildcard.
    const arns = [stack.reminders.sendReminder, stack.notifications.sendOverview].map((fn) => stack.resolve(fn.functionArn));
    const allowed = arns.flatMap((arn) => [arn, { 'Fn::Join': ['', [arn, ':$LATEST']] }]);
    for (const arn of arns) expect(invoke.flatMap(resourcesOf)).toContainEqual(arn);
    for (const resource of invoke.flatMap(resourcesOf)) expect(allowed).toContainEqual(resource);
  });

  it('may send only to the reminder dead-letter queue, and has no other permission', () => {
    const statements = statementsOf(stack.reminders.schedulerRole);
    const others = statements.filter((s) => !actionsOf(s).every((a) => a.startsWith('lambda:')));
    expect(others.flatMap(actionsOf).every((a) => a.startsWith('sqs:'))).toBe(true);
    expect(others.flatMap(resourcesOf)).toEqual([stack.resolve(stack.reminders.deadLetterQueue.queueArn)]);
  });
});

describe('the schedule reconciler (sync-schedules)', () => {
  const scheduleArn = () => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:scheduler:eu-west-3:123456789012:schedule/${stack.reminders.scheduleGroup.scheduleGroupName}/*`]],
  });

  it('may create, update, get and delete schedules of its group only', () => {
    const all = statementsOf(stack.reminders.syncSchedules.role!).filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    // ListSchedules has no resource-level permission in IAM: it is the one action on '*', alone in its statement.
    const listing = all.filter((s) => resourcesOf(s).includes('*'));
    expect(listing.map((s) => [actionsOf(s), resourcesOf(s)])).toEqual([[['scheduler:ListSchedules'], ['*']]]);
    const scheduler = all.filter((s) => !listing.includes(s));
    expect(scheduler.flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:GetSchedule', 'scheduler:DeleteSchedule']),
    );
    for (const resource of scheduler.flatMap(resourcesOf)) expect(resource).toEqual(scheduleArn());
  });

  it('may pass exactly the scheduler role', () => {
    const passRole = statementsOf(stack.reminders.syncSchedules.role!).filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole.flatMap(resourcesOf)).toEqual([stack.resolve(stack.reminders.schedulerRole.roleArn)]);
  });

  it('is told the group, the role, the target function and the DLQ', () => {
    const { Ref } = stack.resolve(stack.reminders.syncSchedules.functionName) as { Ref: string };
    expect(template.findResources('AWS::Lambda::Function')[Ref]!.Properties.Environment.Variables).toMatchObject({
      SCHEDULE_GROUP: stack.reminders.scheduleGroup.scheduleGroupName,
      SCHEDULER_ROLE_ARN: stack.resolve(stack.reminders.schedulerRole.roleArn),
      SEND_REMINDER_FUNCTION_ARN: stack.resolve(stack.reminders.sendReminder.functionArn),
      REMINDER_DLQ_ARN: stack.resolve(stack.reminders.deadLetterQueue.queueArn),
    });
  });

  it('reads the table stream with retries, bisection and a failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(stack.storage.table.tableStreamArn),
      FunctionName: stack.resolve(stack.reminders.syncSchedules.functionName),
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: stack.resolve(stack.reminders.streamFailureQueue.queueArn) } },
    });
  });
});

describe('the reminder DLQ consumer (sync-schedules)', () => {
  it('reads the reminder DLQ and reports each message it could not handle, not the whole batch', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(stack.reminders.deadLetterQueue.queueArn),
      FunctionName: stack.resolve(stack.reminders.syncSchedules.functionName),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('may receive and delete the DLQ’s messages', () => {
    const sqs = statementsOf(stack.reminders.syncSchedules.role!).filter((s) => actionsOf(s).includes('sqs:ReceiveMessage'));
    expect(sqs.flatMap(actionsOf)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(sqs.flatMap(resourcesOf)).toEqual([stack.resolve(stack.reminders.deadLetterQueue.queueArn)]);
  });

  it('passes what it cannot handle to a failure queue after a few tries, and no batch is given twice while in progress', () => {
    const dlq = template.findResources('AWS::SQS::Queue')[logicalIdOf(stack.reminders.deadLetterQueue.queueArn)]!.Properties;
    expect(dlq.RedrivePolicy).toEqual({ deadLetterTargetArn: stack.resolve(stack.reminders.undeliveredFailureQueue.queueArn), maxReceiveCount: 5 });
    const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(stack.reminders.syncSchedules.functionArn)]!.Properties;
    expect(dlq.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (fn.Timeout as number));
  });

  it('the failure queue has its own alarm', () => {
    const id = logicalIdOf(stack.reminders.undeliveredFailureQueue.queueArn);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a.Properties.Dimensions ?? []).includes(id));
    expect(alarms).toHaveLength(1);
  });
});

describe('the send-reminder function', () => {
  it('has room to render a PDF: 1 GB and a minute', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('Fired by a schedule'),
      MemorySize: 1024,
      Timeout: 60,
    });
  });

  it('parks what its async retries could not deliver in the reminder DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: stack.resolve(stack.reminders.sendReminder.functionName),
      DestinationConfig: { OnFailure: { Destination: stack.resolve(stack.reminders.deadLetterQueue.queueArn) } },
    });
  });
});

describe('dead-letter queues', () => {
  it('are encrypted and refuse requests without TLS', () => {
    const queues = [stack.reminders.deadLetterQueue, stack.reminders.undeliveredFailureQueue, stack.reminders.streamFailureQueue, stack.email.eventsDeadLetterQueue];
    for (const queue of queues) {
      const id = logicalIdOf(queue.queueArn);
      expect(template.findResources('AWS::SQS::Queue')[id]!.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('IAM across the stack', () => {
  // Actions AWS does not let us scope to a resource.
  const unscopable = ['dynamodb:ListStreams', 'scheduler:ListSchedules', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

  it('grants Resource "*" only for actions that cannot be scoped', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    const star = statements.filter((s) => s.Effect === 'Allow' && resourcesOf(s).includes('*'));
    expect(star.flatMap(actionsOf).filter((a) => !unscopable.includes(a))).toEqual([]);
  });

  it('never allows iam:PassRole on a wildcard', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    for (const s of statements.filter((s) => actionsOf(s).includes('iam:PassRole'))) {
      expect(JSON.stringify(s.Resource)).not.toContain('*');
    }
  });
});

describe('the aggregates consumer', () => {
  it('is a second event source on the table stream, with bisection and its own failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(stack.storage.table.tableStreamArn),
      FunctionName: stack.resolve(stack.aggregates.updateAggregates.functionName),
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: stack.resolve(stack.aggregates.streamFailureQueue.queueArn) } },
    });
  });

  it('may not send email nor touch schedules', () => {
    const actions = statementsOf(stack.aggregates.updateAggregates.role!).flatMap(actionsOf);
    expect(actions.some((a) => a.startsWith('dynamodb:'))).toBe(true);
    expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('scheduler:'))).toEqual([]);
  });
});

describe('texting (sms steps)', () => {
  it('only send-reminder may call sms-voice:SendTextMessage, on this account and region’s identities', () => {
    const texting = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.PolicyDocument.Statement as Statement[]).some((s) => actionsOf(s).some((a) => a.startsWith('sms-voice:'))),
    );
    expect(texting).toHaveLength(1);
    const statements = statementsOf(stack.reminders.sendReminder.role!).filter((s) => actionsOf(s).some((a) => a.startsWith('sms-voice:')));
    expect(statements.flatMap(actionsOf)).toEqual(['sms-voice:SendTextMessage']);
    const resources = JSON.stringify(statements.flatMap(resourcesOf));
    for (const kind of ['phone-number', 'sender-id', 'pool', 'opt-out-list']) expect(resources).toContain(`:sms-voice:${stack.region}:${stack.account}:${kind}/*`);
    expect(resources.match(/:sms-voice:/g)).toHaveLength(4);
    expect(resources).not.toContain('"Resource":"*"');
  });
});
