import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AggregateStore, ListRowExtras } from '../../app/aggregates/ports.js';
import { contributionKey, invoiceIdOfPk } from './keys.js';

type Item = Record<string, unknown>;

/**
 * Each invoice's client name, last reminder and next step as the follow-up list shows them, read from the
 * invoices' contribution items (BatchGetItem, 100 at a time). A module of its own so that a function that
 * lists invoices but never updates aggregates (client-reminders' batch filter) does not bundle the whole
 * DynamoAggregateStore.
 */
export const rowExtrasOf = async (db: DynamoDBDocumentClient, tableName: string, tenantId: string, invoiceIds: readonly string[]): Promise<Map<string, ListRowExtras>> => {
  const out = new Map<string, ListRowExtras>();
  const ids = [...new Set(invoiceIds)];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Item[] | undefined = ids.slice(i, i + 100).map((id) => contributionKey(tenantId, id));
    for (let round = 0; keys && keys.length > 0 && round < 10; round++) {
      const res = await db.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'PK, lastReminder, nextStep, #row.clientName', ExpressionAttributeNames: { '#row': 'row' } } } }),
      );
      for (const item of res.Responses?.[tableName] ?? []) {
        const id = invoiceIdOfPk(String(item.PK));
        const name = (item.row as { clientName?: string } | undefined)?.clientName;
        out.set(id, {
          ...(name ? { clientName: name } : {}),
          ...(item.lastReminder ? { lastReminder: item.lastReminder as ListRowExtras['lastReminder'] } : {}),
          ...(item.nextStep ? { nextStep: item.nextStep as ListRowExtras['nextStep'] } : {}),
        });
      }
      keys = res.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined;
    }
  }
  return out;
};

/** The one aggregate read the follow-up list makes. */
export const dynamoRowExtras = (db: DynamoDBDocumentClient, tableName: string): Pick<AggregateStore, 'rowExtras'> => ({
  rowExtras: (tenantId, invoiceIds) => rowExtrasOf(db, tableName, tenantId, invoiceIds),
});
