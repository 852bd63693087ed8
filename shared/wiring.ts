/**
 * Composition root for the Lambdas: real adapters over the DynamoDB table, built lazily so a
 * function only constructs what its handler uses (cold starts stay small). Sending email
 * (wiring-email.ts), scheduling (wiring-scheduler.ts), PDFs (wiring-pdf.ts) and telemetry
 * (wiring-telemetry.ts), import jobs (wiring-imports.ts), notifications
 * (wiring-notification-store.ts), quotes (wiring-quotes.ts) and the aggregates (wiring-aggregates.ts) have modules of their own,
 * imported only by the functions that use them.
 */
import { ulid } from './adapters/ulid.js';
import { DynamoInvoiceRows } from './adapters/dynamo/dynamo-invoice-rows.js';
import { DynamoClientRepository } from './adapters/dynamo/dynamo-client-repository.js';
import { DynamoIdempotencyStore } from './adapters/dynamo/dynamo-idempotency-store.js';
import { DynamoInvoiceRecords } from './adapters/dynamo/dynamo-invoice-records.js';
import { DynamoSettingsRepository } from './adapters/dynamo/dynamo-settings-repository.js';
import { DynamoStepRecords } from './adapters/dynamo/dynamo-step-records.js';
import { DynamoTenantDocuments } from './adapters/dynamo/dynamo-tenant-documents.js';
import { DynamoPortalTokens } from './adapters/dynamo/dynamo-portal-tokens.js';
import type { ReminderTemplate } from './domain/default-templates.js';
import type { Scenario } from './domain/scenario.js';
import type { Clock, IdGenerator } from './app/ports.js';
import { documentClient, memo as lazy } from './clients.js';
import { loadConfig } from './config.js';
import { clockNow } from './time-offset.js';

const config = loadConfig();

/** The wall clock (moved only inside the local stack's replayed time, see time-offset.ts). */
export const systemClock: Clock = { now: clockNow };
export const ulids: IdGenerator = { next: () => ulid() };

export const wiring = {
  config,
  clock: systemClock,
  ids: ulids,
  clients: lazy(() => new DynamoClientRepository(documentClient(), config.TABLE_NAME)),
  invoices: lazy(() => new DynamoInvoiceRecords(documentClient(), config.TABLE_NAME)),
  settings: lazy(() => new DynamoSettingsRepository(documentClient(), config.TABLE_NAME)),
  idempotency: lazy(() => new DynamoIdempotencyStore(documentClient(), config.TABLE_NAME, systemClock)),
  invoiceRows: lazy(() => new DynamoInvoiceRows(documentClient(), config.TABLE_NAME)),
  steps: lazy(() => new DynamoStepRecords(documentClient(), config.TABLE_NAME)),
  scenarios: lazy(() => new DynamoTenantDocuments<Scenario>(documentClient(), config.TABLE_NAME, 'SCENARIO')),
  templates: lazy(() => new DynamoTenantDocuments<ReminderTemplate>(documentClient(), config.TABLE_NAME, 'TEMPLATE')),
  portalTokens: lazy(() => new DynamoPortalTokens(documentClient(), config.TABLE_NAME)),
};
