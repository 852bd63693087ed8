import type { Instalment, PlanRequest } from '../../domain/payment-plan.js';
import { makeRequestPaymentPlan } from '../payment-plans.js';
import type { RetryPolicy } from '../retry-on-conflict.js';
import { assertPortalActionable } from './portal-actions.js';
import { resolvePortalToken, type PortalResolveDeps } from './portal-links.js';

/**
 * POST /portal/{token}/plan-request: the client asks for a payment plan (the link's token is the
 * credential). Same rules as the owner's plan; the `plan.requested` event notifies the owner, who
 * accepts or declines it (shared/app/payment-plans.ts).
 */
export const makePortalPlanRequest = (deps: PortalResolveDeps & { readonly retry?: RetryPolicy }) => {
  const request = makeRequestPaymentPlan(deps);
  return async (token: string, input: { readonly instalments: readonly Instalment[]; readonly note?: string }): Promise<PlanRequest> => {
    const { invoice } = await resolvePortalToken(deps, token);
    // Closed, settled or in litigation: the same 409 in the client's words as the portal's other actions.
    assertPortalActionable(invoice);
    return request(invoice.tenantId, invoice.id, input);
  };
};
