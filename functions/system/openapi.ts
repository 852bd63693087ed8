import { httpHandler } from '../../shared/http/http-handler.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { ok } from '../../shared/http/responses.js';
import { systemRoutes as routes } from '../../shared/http/routes/system.js';

const document = openApiDocument();
export const handler = httpHandler(routes.openapi, async () => ok(document));
