/** Routes of quotes (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams, listQuery } from '../schemas/common.js';
import { DepositInput, FinalInvoiceInput, QuoteInput, QuoteListQuery, QuotePatch } from '../schemas/quotes.js';
import type { RouteDefinition } from '../route-definition.js';

export const quotesRoutes = {
  createQuote: { method: 'POST', path: '/quotes', handler: 'functions/quotes/quotes-api', auth: 'jwt', body: QuoteInput, successStatus: 201, idempotent: true },
  listQuotes: { method: 'GET', path: '/quotes', handler: 'functions/quotes/quotes-api', auth: 'jwt', query: QuoteListQuery },
  getQuote: { method: 'GET', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams },
  updateQuote: { method: 'PATCH', path: '/quotes/{id}', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, body: QuotePatch },
  sendQuote: { method: 'POST', path: '/quotes/{id}/send', handler: 'functions/quotes/send-quote', auth: 'jwt', params: idParams, idempotent: true, pdf: true, email: true, heavy: true },
  acceptQuote: { method: 'POST', path: '/quotes/{id}/accept', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, idempotent: true },
  refuseQuote: { method: 'POST', path: '/quotes/{id}/refuse', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, idempotent: true },
  quoteTimeline: { method: 'GET', path: '/quotes/{id}/timeline', handler: 'functions/quotes/quotes-api', auth: 'jwt', params: idParams, query: listQuery },
  quotePdf: { method: 'GET', path: '/quotes/{id}/pdf', handler: 'functions/quotes/get-quote-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  createDeposit: { method: 'POST', path: '/quotes/{id}/deposits', handler: 'functions/quotes/create-deposit', auth: 'jwt', params: idParams, body: DepositInput, successStatus: 201, idempotent: true },
  createFinalInvoice: { method: 'POST', path: '/quotes/{id}/final-invoice', handler: 'functions/quotes/create-final-invoice', auth: 'jwt', params: idParams, body: FinalInvoiceInput, successStatus: 201, idempotent: true },
} as const satisfies Record<string, RouteDefinition>;
