/** Routes of credit notes (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import * as z from 'zod';
import { idParams, id } from '../schemas/common.js';
import { CreditNoteInput } from '../schemas/quotes.js';
import type { RouteDefinition } from '../route-definition.js';

export const creditNotesRoutes = {
  issueCreditNote: { method: 'POST', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/credit-notes-email', auth: 'jwt', params: idParams, body: CreditNoteInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  listCreditNotes: { method: 'GET', path: '/invoices/{id}/credit-notes', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  sendCreditNote: { method: 'POST', path: '/invoices/{id}/credit-notes/{creditNoteId}/send', handler: 'functions/invoices/credit-notes-email', auth: 'jwt', params: z.object({ id, creditNoteId: id }), idempotent: true, pdf: true, email: true, heavy: true },
  creditNotePdf: { method: 'GET', path: '/invoices/{id}/credit-notes/{creditNoteId}/pdf', handler: 'functions/invoices/get-credit-note-pdf', auth: 'jwt', params: z.object({ id, creditNoteId: id }), pdf: true, heavy: true },
} as const satisfies Record<string, RouteDefinition>;
