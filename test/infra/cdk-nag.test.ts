import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { SynthesisMessage } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { RelancesStack } from '../../infra/relances-stack.js';

let annotations: Annotations;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new RelancesStack(app, 'Relances', {
    env: { account: '123456789012', region: 'eu-west-3' },
    senderEmail: 'factures@example.com',
    allowedOrigins: ['https://app.example.fr'],
  });
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  annotations = Annotations.fromStack(stack);
});

const describeFindings = (findings: SynthesisMessage[]) =>
  findings.map((f) => `${f.id}: ${String(f.entry.data).split('\n')[0]}`);

describe('cdk-nag AwsSolutions', () => {
  it('reports no error that is neither fixed nor suppressed with a reason', () => {
    expect(describeFindings(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')))).toEqual([]);
  });

  it('reports no warning that is neither fixed nor suppressed with a reason', () => {
    expect(describeFindings(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')))).toEqual([]);
  });
});
