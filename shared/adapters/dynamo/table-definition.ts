/**
 * The single table's key schema, shared by the CDK Storage construct and the local stack
 * (which creates the same table in DynamoDB Local), so both always agree.
 * Access patterns and key shapes are documented in ./keys.ts.
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface GsiDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const GSIS: readonly GsiDefinition[] = [
  /** All invoices of a tenant by due date. */
  { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Invoices of a tenant by status group (draft, open, paid, cancelled) and due date: the follow-up list. */
  { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Invoices of one client by due date. */
  { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
];

/** TTL attribute (idempotency records only; never used as a timer). */
export const TTL_ATTRIBUTE = 'expiresAt';
