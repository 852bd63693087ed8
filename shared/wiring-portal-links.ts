/** Client-portal links for the functions that email (no QR encoder here: their bundles stay small). */
import { randomBytes } from 'node:crypto';
import { makePortalLinks, type PortalLinks } from './app/portal/portal-links.js';
import type { TokenSource } from './app/ports.js';
import { memo } from './clients.js';
import { wiring } from './wiring.js';
import { portalSecretOf } from './wiring-portal-secret.js';

/** 256 random bits, base64url (43 characters). */
export const randomTokens: TokenSource = { next: () => randomBytes(32).toString('base64url') };

export const portalLinks = memo((): PortalLinks => {
  const secret = portalSecretOf(wiring.config);
  return makePortalLinks({
    tokens: wiring.portalTokens(),
    random: randomTokens,
    clock: wiring.clock,
    ...(wiring.config.WEB_BASE_URL ? { webBaseUrl: wiring.config.WEB_BASE_URL } : {}),
    ...(secret ? { secret } : {}),
  });
});
