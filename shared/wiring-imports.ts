/** The import functions' job store: a module of its own so no other bundle carries it. */
import { DynamoImportJobStore } from './adapters/dynamo/dynamo-import-jobs.js';
import { documentClient, memo as lazy } from './clients.js';
import { wiring } from './wiring.js';

export const importJobs = lazy(() => new DynamoImportJobStore(documentClient(), wiring.config.TABLE_NAME));
