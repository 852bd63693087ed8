import { handler as recordPayment } from './record-payment.js';
import { handler as listPayments } from './list-payments.js';
import { handler as getPayment } from './get-payment.js';
import { handler as removePayment } from './remove-payment.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the payments routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(recordPayment, listPayments, getPayment, removePayment);
