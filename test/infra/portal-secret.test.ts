import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaEnvironment } from '../../infra/local/local-stack.js';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { loadConfig } from '../../shared/config.js';
import { routeList } from '../../shared/http/routes.js';
import { aTestStack } from '../fixtures/test-stack.js';

let stack: RelancesStack;
let template: Template;
beforeAll(() => {
  stack = aTestStack();
  template = Template.fromStack(stack);
});

type Resource = { Properties: Record<string, any> };
const functions = () => Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>);
const logicalId = (token: string) => (stack.resolve(token) as { Ref: string }).Ref;
/** Statements of every policy attached to a function's role. */
const statementsOf = (fn: Resource): { Action: string | string[]; Resource: unknown }[] => {
  const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
};
const actionsOf = (s: { Action: string | string[] }) => [s.Action].flat();

describe('the client-portal secret', () => {
  it('is one generated Secrets Manager secret (64 letters and digits)', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false } });
  });

  it('is given (PORTAL_SECRET_ARN, read access) to exactly the functions that issue portal links', () => {
    const secretRef = stack.resolve(stack.portalSecret.secret.secretArn);
    const issuing = new Set([
      logicalId(stack.reminders.sendReminder.functionName),
      ...[...new Set(routeList().filter((r) => r.portalLinks).map((r) => r.handler))].map((h) => logicalId(stack.api.functions.get(h)!.functionName)),
    ]);
    // Sending an invoice, a reminder (scheduled, now, to a client, in batch), re-issuing a link, answering a plan request.
    expect(issuing.size).toBe(6);
    for (const [id, fn] of functions()) {
      const env = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const reads = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
      if (issuing.has(id)) {
        expect(env.PORTAL_SECRET_ARN, id).toEqual(secretRef);
        expect(reads.length, id).toBe(1);
        expect(actionsOf(reads[0]!)).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
        expect(reads[0]!.Resource).toEqual(secretRef);
      } else {
        expect(env, id).not.toHaveProperty('PORTAL_SECRET_ARN');
        expect(reads, id).toEqual([]);
      }
    }
  });

  it('locally is PORTAL_TOKEN_SECRET, a random one per start unless given, which the config accepts', () => {
    const urls = { api: 'http://localhost:1', dynamodb: 'http://localhost:2', ses: 'http://localhost:3', scheduler: 'http://localhost:4', sms: 'http://localhost:5' };
    const [a, b] = [lambdaEnvironment(urls), lambdaEnvironment(urls)];
    expect(a.PORTAL_TOKEN_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b.PORTAL_TOKEN_SECRET).not.toBe(a.PORTAL_TOKEN_SECRET);
    expect(lambdaEnvironment(urls, undefined, 'x'.repeat(40)).PORTAL_TOKEN_SECRET).toBe('x'.repeat(40));
    expect(loadConfig(a).PORTAL_TOKEN_SECRET).toBe(a.PORTAL_TOKEN_SECRET);
    expect(() => loadConfig({ ...a, PORTAL_TOKEN_SECRET: 'short' })).toThrow(/PORTAL_TOKEN_SECRET/);
  });
});
