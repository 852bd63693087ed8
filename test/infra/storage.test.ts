import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { aTestStack } from '../fixtures/test-stack.js';
import { GSIS, TTL_ATTRIBUTE } from '../../shared/adapters/dynamo/table-definition.js';

let template: Template;
beforeAll(() => {
  // Skips esbuild for this stack (dummy assets): the assertions are about the template.
  const stack = aTestStack();
  // The (slow) dependency-cycle check runs once, in api.test.ts.
  template = Template.fromStack(stack, { skipCyclicalDependenciesCheck: true });
});

describe('the stack as a whole', () => {
  it('stays well under CloudFormation’s 500-resource limit (6 resources per function, 1 per extra route of a feature Lambda)', () => {
    const count = Object.keys(template.toJSON().Resources).length;
    // 456 with one Lambda per route; 289 once the light routes of a feature share a Lambda
    // (docs/adr/0001-feature-lambdas.md). New light routes join their feature's Lambda.
    expect(count).toBeLessThan(420);
  });
});

describe('the single table', () => {
  it('is keyed by PK (hash) and SK (range), both strings', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it.each(GSIS)('has the $indexName index of table-definition.ts with its string keys, all attributes projected', (gsi) => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: gsi.indexName,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]),
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: gsi.partitionKey, AttributeType: 'S' },
        { AttributeName: gsi.sortKey, AttributeType: 'S' },
      ]),
    });
  });

  it('streams new and old images to the schedule reconciler', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('keeps point-in-time recovery, deletion protection and the TTL attribute', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).not.toHaveLength(0);
    for (const table of tables) {
      expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });
});
