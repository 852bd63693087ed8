import { loadQuote } from '../../shared/app/quotes.js';
import { NotFoundError } from '../../shared/app/errors.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { pdf } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';
import { pdfRenderer } from '../../shared/wiring-pdf.js';
import { wiring } from '../../shared/wiring.js';

export const handler = httpHandler(routes.quotePdf, async ({ tenantId, params }) => {
  const quote = await loadQuote(wiring.quotes(), tenantId, params.id);
  const [client, settings] = await Promise.all([wiring.clients().get(tenantId, quote.clientId), wiring.settings().get(tenantId)]);
  if (!client) throw new NotFoundError('Client');
  const bytes = await pdfRenderer.quote({ seller: settings.company, client, quote, language: client.language });
  return pdf(bytes, `${quote.number ?? `devis-brouillon-${quote.id}`}.pdf`);
});
