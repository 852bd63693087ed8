import { handler as getReminderPlan } from './get-reminder-plan.js';
import { handler as simulateReminders } from './simulate-reminders.js';
import { handler as listLettersToPost } from './list-letters-to-post.js';
import { handler as markLetterPosted } from './mark-letter-posted.js';
import { handler as cancelReminderStep } from './cancel-reminder-step.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the reminder routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(getReminderPlan, simulateReminders, cancelReminderStep, listLettersToPost, markLetterPosted);
