import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Runs a transaction and reports which items' conditions failed (by index), instead of
 * throwing, so callers can tell "someone else numbered first" from "the invoice changed".
 */
export const transactWrite = async (
  db: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<{ ok: true } | { ok: false; failedConditions: number[] }> => {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      // TransactionConflict (another transaction on the same items) is retryable like a failed condition.
      if (failed.length > 0 || reasons.some((r) => r.Code === 'TransactionConflict')) {
        return { ok: false, failedConditions: failed };
      }
    }
    throw error;
  }
};

/** Removes the table's key attributes from an item read back. */
export const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, entityType, expiresAt, ...rest } = item;
  void [PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, entityType, expiresAt];
  return rest as T;
};
