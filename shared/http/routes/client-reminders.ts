/**
 * The routes that remind several invoices at once (functions/reminders/client-reminders). Part of the
 * reminders table (routes/reminders.ts spreads them in place), apart so that their handler's bundle
 * carries only their own schemas, not the scenario, template, letter and step ones of the other
 * reminder routes (issue 12's 300 KB budget: this is the largest API bundle).
 */
import { BatchReminderInput, ClientReminderInput, DryRunQuery, idParams } from '../schemas/client-reminders.js';
import type { RouteDefinition } from '../route-definition.js';

export const clientRemindersRoutes = {
  sendClientReminder: { method: 'POST', path: '/clients/{id}/reminders', handler: 'functions/reminders/client-reminders', auth: 'jwt', params: idParams, query: DryRunQuery, body: ClientReminderInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  sendBatchReminders: { method: 'POST', path: '/reminders/batch', handler: 'functions/reminders/client-reminders', auth: 'jwt', body: BatchReminderInput, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
} as const satisfies Record<string, RouteDefinition>;
