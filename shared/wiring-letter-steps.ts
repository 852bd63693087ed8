/**
 * The step repository with the owner's side of letters (DynamoLetterSteps: the to-post list, posted, the tracking
 * number): a module of its own, out of wiring.ts's object, so that only the functions that list or close letters and
 * the daily overview bundle it; the others get wiring.steps().
 */
import { DynamoLetterSteps } from './adapters/dynamo/dynamo-letter-steps.js';
import { documentClient, memo } from './clients.js';
import { wiring } from './wiring.js';

export const letterSteps = /* @__PURE__ */ memo(() => new DynamoLetterSteps(documentClient(), wiring.config.TABLE_NAME));
