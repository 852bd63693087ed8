import { Template } from 'aws-cdk-lib/assertions';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { aTestStack } from '../fixtures/test-stack.js';
import { routeList } from '../../shared/http/routes.js';
import { stackFunctions } from '../../infra/constructs/function-bundling.js';
import { RelancesFunction } from '../../infra/constructs/relances-function.js';

let stack: RelancesStack;
let template: Template;
beforeAll(() => {
  stack = aTestStack();
  // The (slow) dependency-cycle check runs once, in api.test.ts.
  template = Template.fromStack(stack, { skipCyclicalDependenciesCheck: true });
});

/** Our functions: all but aws-cdk-lib's own bucket-deployment function, which uploads the web app (test/infra/web.test.ts). */
const lambdas = () => Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
const props = (fn: NodejsFunction): Record<string, any> => {
  const { Ref } = stack.resolve(fn.functionName) as { Ref: string };
  return template.findResources('AWS::Lambda::Function')[Ref]!.Properties;
};
type Statement = { Action: string | string[]; Resource: unknown };
const statementsOf = (fn: NodejsFunction): Statement[] => {
  const role = stack.resolve(fn.role!.roleName);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify(role)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
};
const actionsOf = (s: Statement): string[] => [s.Action].flat();

const emailFunctions = () => [
  ...routeList().filter((r) => r.email).map((r) => stack.api.functions.get(r.handler)!),
  stack.reminders.sendReminder,
];

describe('every Lambda', () => {
  it('has one function per route handler module, plus the background handlers', () => {
    const handlers = new Set(routeList().map((r) => r.handler));
    expect([...stack.api.functions.keys()].sort()).toEqual([...handlers].sort());
    const ours = [...stack.api.functions.values(), stack.reminders.sendReminder, stack.reminders.syncSchedules, stack.email.eventsFunction, stack.aggregates.updateAggregates, stack.imports.importWorker, stack.notifications.notifyOwner, stack.notifications.sendOverview, stack.thankYou.thankOnPayment];
    expect(lambdas().map(([id]) => id).sort()).toEqual(ours.map((fn) => (stack.resolve(fn.functionName) as { Ref: string }).Ref).sort());
  });

  it('runs Node.js 22 on arm64', () => {
    for (const [, fn] of lambdas()) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
  });

  it('logs to its own log group, which has a retention period', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    for (const [, fn] of lambdas()) {
      const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref as string;
      expect(logGroups[logGroupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('knows the table and enables source-mapped stack traces', () => {
    for (const [, fn] of lambdas()) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        TABLE_NAME: stack.resolve(stack.storage.table.tableName),
        NODE_OPTIONS: '--enable-source-maps',
      });
    }
  });

  it('has no managed policy: its role may only write its own logs, plus its grants', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('functions that send email', () => {
  it('get the sender address and the configuration set', () => {
    for (const fn of emailFunctions()) {
      expect(props(fn).Environment.Variables).toMatchObject({
        SENDER_EMAIL: 'factures@example.com',
        SES_CONFIGURATION_SET: stack.resolve(stack.email.configurationSet.configurationSetName),
      });
    }
  });

  it('may send only as the sender identity, through the configuration set', () => {
    for (const fn of emailFunctions()) {
      const ses = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses).toHaveLength(1);
      expect(ses[0]!.Action).toBe('ses:SendEmail');
      const resources = JSON.stringify(ses[0]!.Resource);
      expect(resources).toContain(':identity/factures@example.com');
      expect(resources).toContain(':identity/example.com');
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toContain('*');
    }
  });

  it('are the only ones allowed to send', () => {
    const senders = new Set(emailFunctions());
    for (const fn of [...stack.api.functions.values(), stack.reminders.syncSchedules, stack.email.eventsFunction]) {
      if (senders.has(fn)) continue;
      expect(statementsOf(fn).flatMap(actionsOf).filter((a) => a.startsWith('ses:'))).toEqual([]);
      expect(props(fn).Environment.Variables.SENDER_EMAIL).toBeUndefined();
    }
  });
});

describe('rendering functions', () => {
  it('run React in production mode (NODE_ENV=production), and only they', () => {
    const rendering = new Set(stackFunctions().filter((f) => f.pdf).map((f) => f.handler));
    const ours = stack.node.findAll().filter((c): c is RelancesFunction => c instanceof RelancesFunction);
    expect(rendering.has('functions/reminders/send-reminder') && rendering.has('functions/invoices/get-invoice-pdf')).toBe(true);
    expect(ours.filter((fn) => rendering.has(fn.handlerModule)).length).toBe(rendering.size);
    for (const fn of ours) {
      expect([fn.handlerModule, props(fn).Environment.Variables.NODE_ENV]).toEqual([fn.handlerModule, rendering.has(fn.handlerModule) ? 'production' : undefined]);
    }
  });

  it('get more memory and a timeout under the API Gateway limit', () => {
    for (const route of routeList().filter((r) => r.heavy)) {
      const fn = props(stack.api.functions.get(route.handler)!);
      expect(fn.MemorySize).toBeGreaterThanOrEqual(1024);
      expect(fn.Timeout).toBeLessThan(30);
    }
  });
});
