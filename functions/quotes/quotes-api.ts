import { handler as createQuote } from './create-quote.js';
import { handler as listQuotes } from './list-quotes.js';
import { handler as getQuote } from './get-quote.js';
import { handler as updateQuote } from './update-quote.js';
import { handler as acceptQuote } from './accept-quote.js';
import { handler as refuseQuote } from './refuse-quote.js';
import { handler as getQuoteTimeline } from './get-quote-timeline.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the quotes routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(createQuote, listQuotes, getQuote, updateQuote, acceptQuote, refuseQuote, getQuoteTimeline);
