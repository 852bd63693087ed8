import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';
import { quoteRepository } from '../../shared/wiring-quotes.js';

/** The repositories every quote handler uses. */
export const quoteDeps = () => ({
  quotes: quoteRepository(),
  invoices: invoiceRepository(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  ids: wiring.ids,
});
