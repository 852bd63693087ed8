/** Routes of plans (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams } from '../schemas/common.js';
import { AcceptPlanRequestInput, DeclinePlanRequestInput, PaymentPlanInput } from '../schemas/payment-plans.js';
import type { RouteDefinition } from '../route-definition.js';

export const plansRoutes = {
  createPaymentPlan: { method: 'POST', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams, body: PaymentPlanInput, successStatus: 201, idempotent: true },
  getPaymentPlan: { method: 'GET', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams },
  deletePaymentPlan: { method: 'DELETE', path: '/invoices/{id}/payment-plan', handler: 'functions/plans/plans-api', auth: 'jwt', params: idParams },
  acceptPlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/accept', handler: 'functions/plans/plans-email', auth: 'jwt', params: idParams, body: AcceptPlanRequestInput, idempotent: true, email: true, portalLinks: true },
  declinePlanRequest: { method: 'POST', path: '/invoices/{id}/payment-plan/request/decline', handler: 'functions/plans/plans-email', auth: 'jwt', params: idParams, body: DeclinePlanRequestInput, idempotent: true, email: true, portalLinks: true },
} as const satisfies Record<string, RouteDefinition>;
