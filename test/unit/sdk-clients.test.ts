import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient, withoutSdkLogging } from '../../shared/clients.js';

const names = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().map((n) => n.split(' ')[0]);

describe('SDK clients', () => {
  it('carry no logger middleware (it filters a copy of every input and output for a no-op logger)', () => {
    expect(names(new DynamoDBClient({ region: 'eu-west-3' }))).toContain('loggerMiddleware');
    expect(names(withoutSdkLogging(new DynamoDBClient({ region: 'eu-west-3' })))).not.toContain('loggerMiddleware');
    expect(names(documentClient())).not.toContain('loggerMiddleware');
  });
});
