/**
 * The quote repository, in a module of its own (like the import jobs' and notifications'
 * adapters): only the functions that read or write quotes bundle it (bundle budget, issue 12).
 */
import { DynamoQuoteRepository } from './adapters/dynamo/dynamo-quote-repository.js';
import { documentClient, memo } from './clients.js';
import { wiring } from './wiring.js';

export const quoteRepository = memo(() => new DynamoQuoteRepository(documentClient(), wiring.config.TABLE_NAME));
