/** Routes of invoices (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams, listQuery } from '../schemas/common.js';
import { CancelInvoiceInput, LitigationInput, ProofQuery, WriteOffInput, InvoiceExportQuery, InvoiceInput, InvoiceListQuery, InvoicePatch } from '../schemas/invoices.js';
import { DisputeInput, PauseInput, PromiseInput } from '../schemas/portal.js';
import type { RouteDefinition } from '../route-definition.js';

export const invoicesRoutes = {
  createInvoice: { method: 'POST', path: '/invoices', handler: 'functions/invoices/invoices-api', auth: 'jwt', body: InvoiceInput, successStatus: 201, idempotent: true },
  listInvoices: { method: 'GET', path: '/invoices', handler: 'functions/invoices/invoices-api', auth: 'jwt', query: InvoiceListQuery },
  exportInvoices: { method: 'GET', path: '/invoices/export.csv', handler: 'functions/invoices/export-invoices', auth: 'jwt', query: InvoiceExportQuery },
  getInvoice: { method: 'GET', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  updateInvoice: { method: 'PATCH', path: '/invoices/{id}', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: InvoicePatch },
  sendInvoice: { method: 'POST', path: '/invoices/{id}/send', handler: 'functions/invoices/send-invoice', auth: 'jwt', params: idParams, idempotent: true, pdf: true, email: true, heavy: true, portalLinks: true },
  cancelInvoice: { method: 'POST', path: '/invoices/{id}/cancel', handler: 'functions/invoices/cancel-invoice', auth: 'jwt', params: idParams, body: CancelInvoiceInput, idempotent: true, pdf: true, email: true, heavy: true },
  invoicePdf: { method: 'GET', path: '/invoices/{id}/pdf', handler: 'functions/invoices/get-invoice-pdf', auth: 'jwt', params: idParams, pdf: true, heavy: true },
  pauseInvoice: { method: 'POST', path: '/invoices/{id}/pause', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: PauseInput },
  recordPromise: { method: 'POST', path: '/invoices/{id}/promise', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: PromiseInput },
  resumeInvoice: { method: 'POST', path: '/invoices/{id}/resume', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  disputeInvoice: { method: 'POST', path: '/invoices/{id}/dispute', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: DisputeInput },
  resolveDispute: { method: 'POST', path: '/invoices/{id}/resolve-dispute', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
  issuePortalLink: { method: 'POST', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, successStatus: 201, idempotent: true, portalLinks: true },
  revokePortalLinks: { method: 'DELETE', path: '/invoices/{id}/portal-link', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, successStatus: 204 },
  invoiceTimeline: { method: 'GET', path: '/invoices/{id}/timeline', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, query: listQuery },
  moveToLitigation: { method: 'POST', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams, body: LitigationInput },
  writeOffInvoice: { method: 'POST', path: '/invoices/{id}/write-off', handler: 'functions/invoices/litigation-documents', auth: 'jwt', params: idParams, body: WriteOffInput, successStatus: 201, idempotent: true, pdf: true, email: true, heavy: true },
  proofPdf: { method: 'GET', path: '/invoices/{id}/proof.pdf', handler: 'functions/invoices/litigation-documents', auth: 'jwt', params: idParams, query: ProofQuery, pdf: true, heavy: true },
  leaveLitigation: { method: 'DELETE', path: '/invoices/{id}/litigation', handler: 'functions/invoices/invoices-api', auth: 'jwt', params: idParams },
} as const satisfies Record<string, RouteDefinition>;
