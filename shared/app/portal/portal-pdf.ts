/** The invoice PDF behind a portal link: the same document as the owner's download (the copy with payments once paid in part). */
import { NotFoundError } from '../errors.js';
import type { ClientRepository, PdfRenderer } from '../ports.js';
import { invoicePdfData } from '../send-invoice.js';
import { resolvePortalToken, type PortalResolveDeps } from './portal-links.js';

export interface PortalPdfDeps extends PortalResolveDeps {
  readonly clients: ClientRepository;
  readonly pdf: PdfRenderer;
}

export const makeRenderPortalPdf = (deps: PortalPdfDeps) =>
  async (token: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const { invoice, settings } = await resolvePortalToken(deps, token);
    const [client, payments] = await Promise.all([deps.clients.get(invoice.tenantId, invoice.clientId), deps.invoices.payments(invoice.tenantId, invoice.id)]);
    if (!client) throw new NotFoundError('Portal link');
    const copy = payments.some((p) => !p.removedAt);
    const bytes = await deps.pdf.invoice(invoicePdfData(settings, client, invoice, payments, copy));
    return { bytes, fileName: `${invoice.number ?? invoice.id}.pdf` };
  };
