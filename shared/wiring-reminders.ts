/** Use cases of the reminder engine, wired once per execution environment. */
import { makeReconcileQuoteFollowUp } from './app/reminders/quote-follow-up.js';
import { makeReconcileSchedules } from './app/reminders/reconcile-schedules.js';
import { wiring } from './wiring.js';

const readDeps = () => ({
  invoices: wiring.invoices(),
  clients: wiring.clients(),
  settings: wiring.settings(),
  scenarios: wiring.scenarios(),
  steps: wiring.steps(),
});

export const reminderReadDeps = readDeps;
export const reconcileSchedules = () => makeReconcileSchedules({ ...readDeps(), scheduler: wiring.scheduler(), clock: wiring.clock });
export const reconcileQuoteFollowUp = () =>
  makeReconcileQuoteFollowUp({ quotes: wiring.quotes(), clients: wiring.clients(), settings: wiring.settings(), clock: wiring.clock, scheduler: wiring.scheduler() });
