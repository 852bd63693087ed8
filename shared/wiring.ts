/**
 * Composition root for the Lambdas: real adapters over the SDK clients, built lazily so a
 * function only constructs what its handler uses (cold starts stay small).
 */
import { ulid } from 'ulid';
import { DynamoClientRepository } from './adapters/dynamo/dynamo-client-repository.js';
import { DynamoIdempotencyStore } from './adapters/dynamo/dynamo-idempotency-store.js';
import { DynamoInvoiceRepository } from './adapters/dynamo/dynamo-invoice-repository.js';
import { DynamoSettingsRepository } from './adapters/dynamo/dynamo-settings-repository.js';
import { SesMailer } from './adapters/ses/ses-mailer.js';
import type { Clock, IdGenerator } from './app/ports.js';
import { documentClient, sesClient } from './clients.js';
import { loadConfig, required } from './config.js';

const config = loadConfig();
const lazy = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const systemClock: Clock = { now: () => new Date() };
export const ulids: IdGenerator = { next: () => ulid() };

export const wiring = {
  config,
  clock: systemClock,
  ids: ulids,
  clients: lazy(() => new DynamoClientRepository(documentClient(), config.TABLE_NAME)),
  invoices: lazy(() => new DynamoInvoiceRepository(documentClient(), config.TABLE_NAME)),
  settings: lazy(() => new DynamoSettingsRepository(documentClient(), config.TABLE_NAME)),
  idempotency: lazy(() => new DynamoIdempotencyStore(documentClient(), config.TABLE_NAME, systemClock)),
  mailer: lazy(() => new SesMailer(sesClient(), required(config, 'SENDER_EMAIL'), config.SES_CONFIGURATION_SET)),
};
