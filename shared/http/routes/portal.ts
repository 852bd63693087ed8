/** Routes of portal (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { PlanRequestInput } from '../schemas/payment-plans.js';
import { PortalDisputeInput, PortalPaidInput, portalParams, PortalPromiseInput } from '../schemas/portal.js';
import type { RouteDefinition } from '../route-definition.js';

export const portalRoutes = {
  getPortal: { method: 'GET', path: '/portal/{token}', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams },
  getPortalPdf: { method: 'GET', path: '/portal/{token}/pdf', handler: 'functions/portal/portal-pdf', auth: 'none', params: portalParams, pdf: true, heavy: true },
  portalPaid: { method: 'POST', path: '/portal/{token}/paid', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalPaidInput },
  portalPromise: { method: 'POST', path: '/portal/{token}/promise', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalPromiseInput },
  portalDispute: { method: 'POST', path: '/portal/{token}/dispute', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PortalDisputeInput },
  portalPlanRequest: { method: 'POST', path: '/portal/{token}/plan-request', handler: 'functions/portal/portal-api', auth: 'none', params: portalParams, body: PlanRequestInput },
} as const satisfies Record<string, RouteDefinition>;
