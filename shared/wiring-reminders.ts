/**
 * What the reminder engine reads, wired once per execution environment. Scheduling lives in
 * shared/wiring-scheduler.ts and sending in shared/wiring-email.ts, so a function that only
 * reads a plan imports neither SDK client.
 */
import { wiring } from './wiring.js';

export const reminderReadDeps = () => ({
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  scenarios: wiring.scenarios(),
  steps: wiring.steps(),
});
