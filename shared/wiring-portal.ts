/** The public portal's parts: token resolution over the table and QR codes. */
import { qrSvg } from './adapters/qr/qr-code.js';
import type { QrEncoder } from './app/ports.js';
import { wiring } from './wiring.js';
import { invoiceRepository } from './wiring-invoice-repository.js';

export const qrEncoder: QrEncoder = { svg: qrSvg };

export const portalDeps = () => ({
  tokens: wiring.portalTokens(),
  invoices: invoiceRepository(),
  settings: wiring.settings(),
  clients: wiring.clients(),
  clock: wiring.clock,
  qr: qrEncoder,
});
