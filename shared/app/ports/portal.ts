/** Ports — The client portal: links found by the hash of their token, never by tenant. */

export interface PortalTokenRecord {
  /** SHA-256 (hex) of the token; the token itself is only ever in the link sent to the client. */
  readonly tokenHash: string;
  readonly tenantId: string;
  readonly invoiceId: string;
  /** The invoice's `portalGeneration` when issued: revoking or re-issuing bumps it, killing older links. */
  readonly generation: number;
  readonly createdAt: string;
}

export interface PortalTokenRepository {
  /**
   * Stores a token's record; a hash already stored is left as it is, no error: it is the same token
   * (an invoice's stable link put by two emails at once; random tokens never collide).
   */
  put(record: PortalTokenRecord): Promise<void>;
  find(tokenHash: string): Promise<PortalTokenRecord | undefined>;
}

/** Fresh unguessable tokens (≥ 128 random bits, URL-safe). */
export interface TokenSource {
  next(): string;
}

/** Draws a QR code as a standalone SVG document. */
export interface QrEncoder {
  svg(text: string): string;
}
