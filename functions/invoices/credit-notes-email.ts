import { handler as issueCreditNote } from './issue-credit-note.js';
import { handler as sendCreditNote } from './send-credit-note.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the credit-note routes that render and email one: issue it, send it again (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(issueCreditNote, sendCreditNote);
