import { handler as getLetterPdf } from './get-letter-pdf.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the reminders routes that render a PDF (the letters of letter steps); docs/adr/0001-feature-lambdas.md. */
export const handler = byRoute(getLetterPdf);
