import { handler as getPortal } from './get-portal.js';
import { handler as claimPaid } from './claim-paid.js';
import { handler as promisePayment } from './promise-payment.js';
import { handler as dispute } from './dispute.js';
import { handler as requestPlan } from './request-plan.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the public portal routes that neither render nor send (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(getPortal, claimPaid, promisePayment, dispute, requestPlan);
