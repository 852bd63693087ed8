import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ulid } from 'ulid';

/** The local stack's DynamoDB Local table, through the document client the adapters use. */
export const localTable = () => {
  const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  return { db: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }), tableName: inject('tableName') };
};

/** A tenant of its own per test file, so files never see each other's items. */
export const freshTenant = (label: string) => `${label}-${ulid().toLowerCase()}`;
