/** Routes of payments (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import * as z from 'zod';
import { idParams, id } from '../schemas/common.js';
import { PaymentInput } from '../schemas/invoices.js';
import type { RouteDefinition } from '../route-definition.js';

const paymentParams = z.object({ id, paymentId: id });

export const paymentsRoutes = {
  recordPayment: { method: 'POST', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', auth: 'jwt', params: idParams, body: PaymentInput, successStatus: 201, idempotent: true },
  listPayments: { method: 'GET', path: '/invoices/{id}/payments', handler: 'functions/payments/payments-api', auth: 'jwt', params: idParams },
  getPayment: { method: 'GET', path: '/invoices/{id}/payments/{paymentId}', handler: 'functions/payments/payments-api', auth: 'jwt', params: paymentParams },
  removePayment: { method: 'DELETE', path: '/invoices/{id}/payments/{paymentId}', handler: 'functions/payments/payments-api', auth: 'jwt', params: paymentParams },
} as const satisfies Record<string, RouteDefinition>;
