import { httpHandler } from '../../shared/http/http-handler.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';

const document = openApiDocument();
export const handler = httpHandler(routes.openapi, async () => ok(document));
