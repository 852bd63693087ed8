import { handler as getPortalPdf } from './get-portal-pdf.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the portal routes that render PDFs (react-pdf shipped as node_modules, more memory). */
export const handler = byRoute(getPortalPdf);
