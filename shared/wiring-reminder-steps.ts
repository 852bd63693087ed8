/**
 * The step repository with the reminder engine's writes (DynamoStepRepository: a new plan, one step's claim and outcome,
 * its letter): a module of its own, out of wiring.ts's object, so that only the functions that make them (send-reminder,
 * send-reminder-now, the reconciler) bundle them; the others get wiring.steps() (DynamoStepRecords), client-reminders
 * among them, whose sends for a client or a batch claim and record their steps as a group.
 */
import { DynamoStepRepository } from './adapters/dynamo/dynamo-step-repository.js';
import { documentClient, memo } from './clients.js';
import { wiring } from './wiring.js';

export const reminderSteps = /* @__PURE__ */ memo(() => new DynamoStepRepository(documentClient(), wiring.config.TABLE_NAME));
