/**
 * How many client actions from the portal an invoice takes a day. Each one that writes alerts the owner
 * (a notification and an immediate email): whoever holds a link (the client, anyone the email reached)
 * must not be able to flood the owner. API Gateway's throttle on the portal routes is the whole API's,
 * not a link's.
 */
import { PORTAL_ACTIONS_PER_DAY } from '../../domain/portal.js';
import { AppError } from '../errors.js';
import type { InvoiceRecord } from '../ports.js';

/** 429: the invoice took PORTAL_ACTIONS_PER_DAY client actions today; nothing written, nobody alerted. */
export class PortalRateError extends AppError {
  readonly status = 429;
  readonly title = 'Too many requests';
  override readonly type = 'https://relances.dev/problems/portal-rate-limit';
}

/**
 * Counts one more client action that writes (and so alerts the owner) on the invoice's local `today`,
 * or refuses it past PORTAL_ACTIONS_PER_DAY: whoever holds the link cannot flood the owner.
 */
export const countPortalAction = (invoice: InvoiceRecord, today: string): Pick<InvoiceRecord, 'portalActions'> => {
  const count = invoice.portalActions?.day === today ? invoice.portalActions.count : 0;
  if (count >= PORTAL_ACTIONS_PER_DAY) throw new PortalRateError('Too many requests on this invoice today: try again tomorrow, or contact the company');
  return { portalActions: { day: today, count: count + 1 } };
};
