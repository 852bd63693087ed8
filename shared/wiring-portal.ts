/** The client portal's parts: links (random tokens, stored hashed) and QR codes. */
import { randomBytes } from 'node:crypto';
import { qrSvg } from './adapters/qr/qr-code.js';
import { makePortalLinks, type PortalLinks } from './app/portal/portal-links.js';
import type { QrEncoder, TokenSource } from './app/ports.js';
import { memo } from './clients.js';
import { wiring } from './wiring.js';

/** 256 random bits, base64url (43 characters). */
export const randomTokens: TokenSource = { next: () => randomBytes(32).toString('base64url') };
export const qrEncoder: QrEncoder = { svg: qrSvg };

export const portalLinks = memo((): PortalLinks =>
  makePortalLinks({ tokens: wiring.portalTokens(), random: randomTokens, clock: wiring.clock, ...(wiring.config.WEB_BASE_URL ? { webBaseUrl: wiring.config.WEB_BASE_URL } : {}) }),
);

export const portalDeps = () => ({
  tokens: wiring.portalTokens(),
  invoices: wiring.invoices(),
  settings: wiring.settings(),
  clients: wiring.clients(),
  clock: wiring.clock,
  qr: qrEncoder,
});
