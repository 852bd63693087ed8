import { handler as createPaymentPlan } from './create-payment-plan.js';
import { handler as getPaymentPlan } from './get-payment-plan.js';
import { handler as deletePaymentPlan } from './delete-payment-plan.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the payment-plan routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(createPaymentPlan, getPaymentPlan, deletePaymentPlan);
