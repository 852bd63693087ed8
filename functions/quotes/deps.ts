import { wiring } from '../../shared/wiring.js';

/** The repositories every quote handler uses. */
export const quoteDeps = () => ({
  quotes: wiring.quotes(),
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  clock: wiring.clock,
  ids: wiring.ids,
});
