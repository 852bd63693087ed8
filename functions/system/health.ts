import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { systemRoutes as routes } from '../../shared/http/routes/system.js';

export const handler = httpHandler(routes.health, async () => ok({ status: 'ok', service: 'relances' }));
