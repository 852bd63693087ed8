/**
 * The aggregate store (cockpit, client rows, statements, the aggregates consumer) and, apart, the one
 * aggregate read the follow-up list makes: a module of its own, out of wiring.ts's object, so that a
 * function that never reads the aggregates does not bundle DynamoAggregateStore (~9 KB minified), and
 * one that only lists invoices (client-reminders' batch filter) bundles the row extras only.
 */
import { DynamoAggregateStore } from './adapters/dynamo/dynamo-aggregate-store.js';
import { dynamoRowExtras } from './adapters/dynamo/dynamo-row-extras.js';
import { documentClient, memo } from './clients.js';
import { wiring } from './wiring.js';

export const aggregates = /* @__PURE__ */ memo(() => new DynamoAggregateStore(documentClient(), wiring.config.TABLE_NAME));
export const rowExtras = /* @__PURE__ */ memo(() => dynamoRowExtras(documentClient(), wiring.config.TABLE_NAME));
