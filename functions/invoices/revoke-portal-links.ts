import { makeRevokePortalLinks } from '../../shared/app/portal/portal-link-admin.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { noContent } from '../../shared/http/responses.js';
import { invoicesRoutes as routes } from '../../shared/http/routes/invoices.js';
import { wiring } from '../../shared/wiring.js';
import { invoiceRepository } from '../../shared/wiring-invoice-repository.js';

const revoke = makeRevokePortalLinks({ invoices: invoiceRepository(), settings: wiring.settings(), clock: wiring.clock });
export const handler = httpHandler(routes.revokePortalLinks, async ({ tenantId, params }) => {
  await revoke(tenantId, params.id);
  return noContent();
});
