import { Template } from 'aws-cdk-lib/assertions';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { aTestStack } from '../fixtures/test-stack.js';

let stack: RelancesStack;
let template: Template;
beforeAll(() => {
  stack = aTestStack();
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
const envOf = (fnName: string) => {
  const { Ref } = stack.resolve(fnName) as { Ref: string };
  return template.findResources('AWS::Lambda::Function')[Ref]!.Properties.Environment.Variables as Record<string, unknown>;
};

describe('the owner-notifications consumer (notify-owner)', () => {
  it('is a third event source on the table stream, with bisection and its own failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: stack.resolve(stack.storage.table.tableStreamArn),
      FunctionName: stack.resolve(stack.notifications.notifyOwner.functionName),
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: stack.resolve(stack.notifications.streamFailureQueue.queueArn) } },
    });
  });

  it('may send email, and touch schedules of the reminders group only, passing exactly the scheduler role', () => {
    const statements = statementsOf(stack.notifications.notifyOwner.role!);
    expect(statements.flatMap(actionsOf)).toContain('ses:SendEmail');
    const scheduler = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('scheduler:')));
    expect(scheduler.flatMap(actionsOf)).toEqual(expect.arrayContaining(['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:GetSchedule', 'scheduler:DeleteSchedule']));
    const group = stack.reminders.scheduleGroup.scheduleGroupName;
    for (const resource of scheduler.flatMap(resourcesOf)) expect(JSON.stringify(resource)).toContain(`:schedule/${group}/*`);
    const passRole = statements.filter((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole.flatMap(resourcesOf)).toEqual([stack.resolve(stack.reminders.schedulerRole.roleArn)]);
  });

  it('is told the group, the role and the overview target', () => {
    expect(envOf(stack.notifications.notifyOwner.functionName)).toMatchObject({
      SCHEDULE_GROUP: stack.reminders.scheduleGroup.scheduleGroupName,
      SCHEDULER_ROLE_ARN: stack.resolve(stack.reminders.schedulerRole.roleArn),
      OVERVIEW_FUNCTION_ARN: stack.resolve(stack.notifications.sendOverview.functionArn),
      SENDER_EMAIL: 'factures@example.com',
    });
  });
});

describe('the daily-overview function (send-overview)', () => {
  it('may send email but never touch schedules', () => {
    const actions = statementsOf(stack.notifications.sendOverview.role!).flatMap(actionsOf);
    expect(actions).toContain('ses:SendEmail');
    expect(actions.filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toEqual([]);
    // The web app's address under the one name every function uses (the portal links' too).
    expect(envOf(stack.notifications.sendOverview.functionName).WEB_BASE_URL).toEqual(stack.resolve(stack.web.url));
    // The alerts link the invoice's page too.
    expect(envOf(stack.notifications.notifyOwner.functionName).WEB_BASE_URL).toEqual(stack.resolve(stack.web.url));
  });

  it('parks what its async retries could not deliver in the reminder DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: stack.resolve(stack.notifications.sendOverview.functionName),
      DestinationConfig: { OnFailure: { Destination: stack.resolve(stack.reminders.deadLetterQueue.queueArn) } },
    });
  });
});
