import { NotFoundError } from './errors.js';
import { loadInvoice } from './invoices.js';
import type { ClientRepository, InvoiceRepository, PdfRenderer, SettingsRepository } from './ports.js';
import { invoicePdfData } from './send-invoice.js';

/** The invoice PDF as sent; for a sent invoice with payments it is the copy showing them and the balance. */
export const makeRenderInvoicePdf = (deps: { invoices: InvoiceRepository; clients: ClientRepository; settings: SettingsRepository; pdf: PdfRenderer }) =>
  async (tenantId: string, id: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const invoice = await loadInvoice(deps.invoices, tenantId, id);
    const [client, settings, payments] = await Promise.all([
      deps.clients.get(tenantId, invoice.clientId),
      deps.settings.get(tenantId),
      deps.invoices.payments(tenantId, id),
    ]);
    if (!client) throw new NotFoundError('Client');
    const copy = invoice.status !== 'draft' && payments.some((p) => !p.removedAt);
    const bytes = await deps.pdf.invoice(invoicePdfData(settings, client, invoice, payments, copy));
    return { bytes, fileName: `${invoice.number ?? `brouillon-${invoice.id}`}.pdf` };
  };
