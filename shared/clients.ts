/**
 * AWS SDK clients, created once per execution environment and injected into adapters.
 * Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE> variables (the local stack
 * sets them), so no code here branches on "local".
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';

const memo = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const documentClient = memo(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 5 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  }),
);
/** SES calls per reminder fire, the SDK's own retries (with backoff) included; the step's retries come later, hours apart. */
export const SES_MAX_ATTEMPTS = 3;
export const sesClient = memo(() => new SESv2Client({ maxAttempts: SES_MAX_ATTEMPTS }));
export const schedulerClient = memo(() => new SchedulerClient({ maxAttempts: 5 }));
