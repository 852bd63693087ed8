/**
 * The floor of `npm run bench bundle`: the least a Lambda of this stack can import, a bare
 * DynamoDB GetItem through the document client, bundled exactly like the real functions.
 * Cold-import ratios are against this, measured in the same run on the same machine.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { id: string }) =>
  (await documents.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { PK: event.id, SK: event.id } }))).Item;
