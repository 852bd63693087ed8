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

describe('cdk-nag AwsSolutions on `npx cdk synth` without credentials (README: it works offline)', () => {
  for (const [what, env] of [
    ['no account, a region', { region: 'us-east-1' }],
    ['neither account nor region', {}],
  ] as const) {
    it(`reports no unsuppressed error with ${what} (the ARNs carry tokens)`, () => {
      const stack = aTestStack(undefined, env);
      Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
      expect(describeFindings(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')))).toEqual([]);
    });
  }
});
