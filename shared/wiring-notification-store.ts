/** Notifications, the overview ledger and the payment log: only the notification functions carry this adapter. */
import { DynamoNotificationRepository } from './adapters/dynamo/dynamo-notification-repository.js';
import { documentClient, memo as lazy } from './clients.js';
import { wiring } from './wiring.js';

export const notificationStore = lazy(() => new DynamoNotificationRepository(documentClient(), wiring.config.TABLE_NAME));
