import { makeSendQuote } from '../../shared/app/quotes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { quoteDeps } from './deps.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { quotesRoutes as routes } from '../../shared/http/routes/quotes.js';
import { mailer } from '../../shared/wiring-email.js';
import { wiring } from '../../shared/wiring.js';

const sendQuote = makeSendQuote({ ...quoteDeps(), mailer: mailer(), pdf: pdfRenderer });
export const handler = httpHandler(routes.sendQuote, async ({ tenantId, params }) => ok(await sendQuote(tenantId, params.id)), wiring);
