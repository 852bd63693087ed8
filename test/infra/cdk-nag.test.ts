import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { SynthesisMessage } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { aTestStack } from '../fixtures/test-stack.js';

let annotations: Annotations;
beforeAll(() => {
  const stack = aTestStack();
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
