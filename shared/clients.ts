/**
 * The DynamoDB client, created once per execution environment and injected into adapters.
 * Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE> variables (the local stack
 * sets them), so no code here branches on "local".
 *
 * Only DynamoDB lives here because every function uses it. The SESv2 and Scheduler clients
 * are created in shared/wiring-email.ts and shared/wiring-scheduler.ts: importing an SDK
 * client package costs tens of milliseconds of INIT, so a function that never sends or
 * schedules must not import them (checked by test/infra/bundle-budget.test.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { coalesceGets } from './adapters/dynamo/coalesce-gets.js';

/** A value built on first use, then shared (one SDK client per execution environment). */
export const memo = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/**
 * Drops the SDK's logger middleware: with no logger configured it still builds, on every call, a
 * copy of the whole input and output filtered for sensitive fields, then hands it to a no-op
 * logger (a measurable share of the CPU of a reminder; our own logs carry what operations need).
 */
export const withoutSdkLogging = <T extends { middlewareStack: { remove(name: string): boolean } }>(client: T): T => {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
};

/** Consistent Gets issued together leave as one BatchGetItem (shared/adapters/dynamo/coalesce-gets.ts). */
export const documentClient = memo(() =>
  coalesceGets(
    DynamoDBDocumentClient.from(withoutSdkLogging(new DynamoDBClient({ maxAttempts: 5 })), {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
  ),
);
/** SES calls per reminder fire, the SDK's own retries (with backoff) included; the step's retries come later, hours apart. Used by shared/wiring-email.ts. */
export const SES_MAX_ATTEMPTS = 3;
