import { wiring } from '../../shared/wiring.js';
import { quoteRepository } from '../../shared/wiring-quotes.js';

/** The repositories every quote handler uses. */
export const quoteDeps = () => ({
  quotes: quoteRepository(),
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  ids: wiring.ids,
});
