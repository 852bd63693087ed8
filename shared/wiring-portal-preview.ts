/**
 * Portal links for previews only (a template preview): the link's shape with a placeholder token.
 * Apart from shared/wiring-portal-links.ts so a function that only previews needs no secret and no store.
 */
import { previewPortalLink, type PortalLinks } from './app/portal/portal-links.js';
import { wiring } from './wiring.js';

export const portalPreviews = (): Pick<PortalLinks, 'preview'> => ({ preview: (invoice) => previewPortalLink(wiring.config.WEB_BASE_URL, invoice) });
