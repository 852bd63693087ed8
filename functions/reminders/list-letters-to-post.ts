import { makeListLettersToPost } from '../../shared/app/reminders/letters.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { remindersRoutes as routes } from '../../shared/http/routes/reminders.js';
import { wiring } from '../../shared/wiring.js';
import { letterSteps } from '../../shared/wiring-letter-steps.js';

const listLettersToPost = makeListLettersToPost({ steps: letterSteps() });
export const handler = httpHandler(routes.lettersToPost, async ({ tenantId }) => ok({ items: await listLettersToPost(tenantId) }));
