/** Routes of reminders (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams } from '../schemas/common.js';
import { clientRemindersRoutes } from './client-reminders.js';
import { LetterPostedInput, ManualReminderInput, SimulationQuery } from '../schemas/reminders.js';
import { stepParams } from '../schemas/notifications.js';
import type { RouteDefinition } from '../route-definition.js';

export const remindersRoutes = {
  reminderPlan: { method: 'GET', path: '/invoices/{id}/reminders', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: idParams },
  sendReminderNow: { method: 'POST', path: '/invoices/{id}/reminders', handler: 'functions/reminders/send-reminder-now', auth: 'jwt', params: idParams, body: ManualReminderInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  // In their place in the table (and /openapi.json); their own module keeps their handler's bundle small.
  ...clientRemindersRoutes,
  cancelReminderStep: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/cancel', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: stepParams },
  simulation: { method: 'GET', path: '/reminders/simulation', handler: 'functions/reminders/reminders-api', auth: 'jwt', query: SimulationQuery },
  lettersToPost: { method: 'GET', path: '/reminders/to-post', handler: 'functions/reminders/reminders-api', auth: 'jwt' },
  markLetterPosted: { method: 'POST', path: '/invoices/{id}/reminders/{stepId}/posted', handler: 'functions/reminders/reminders-api', auth: 'jwt', params: stepParams, body: LetterPostedInput },
  letterPdf: { method: 'GET', path: '/invoices/{id}/reminders/{stepId}/letter.pdf', handler: 'functions/reminders/reminders-pdf', auth: 'jwt', params: stepParams, pdf: true, heavy: true },
} as const satisfies Record<string, RouteDefinition>;
