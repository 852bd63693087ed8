import { Match, Template } from 'aws-cdk-lib/assertions';
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

describe('the SES configuration set', () => {
  it('publishes delivery-side events to the default event bus: no send event, no open or click tracking', () => {
    const destinations = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    expect(destinations).toHaveLength(1);
    const { ConfigurationSetName, EventDestination } = destinations[0]!.Properties;
    expect(ConfigurationSetName).toEqual(stack.resolve(stack.email.configurationSet.configurationSetName));
    expect(JSON.stringify(EventDestination.EventBridgeDestination.EventBusArn)).toContain(':event-bus/default');
    expect([...EventDestination.MatchingEventTypes].sort()).toEqual(
      ['delivery', 'bounce', 'complaint', 'reject', 'deliveryDelay', 'renderingFailure'].sort(),
    );
  });
});

describe('the email events rule', () => {
  it('sends SES events of this configuration set to the email-events function, with a DLQ', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [stack.resolve(stack.email.configurationSet.configurationSetName)] } } },
      },
      Targets: [
        Match.objectLike({
          Arn: stack.resolve(stack.email.eventsFunction.functionArn),
          DeadLetterConfig: { Arn: stack.resolve(stack.email.eventsDeadLetterQueue.queueArn) },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
        }),
      ],
    });
  });

  it('keeps an event the function failed on after its own retries in that DLQ (EventBridge invokes it asynchronously: without a destination Lambda drops it)', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: stack.resolve(stack.email.eventsFunction.functionName),
      DestinationConfig: { OnFailure: { Destination: stack.resolve(stack.email.eventsDeadLetterQueue.queueArn) } },
    });
  });

  it('lets only EventBridge invoke the email-events function', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: stack.resolve(stack.email.eventsFunction.functionArn),
      Principal: 'events.amazonaws.com',
    });
  });
});
