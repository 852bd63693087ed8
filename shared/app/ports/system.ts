/** Ports — Time, ids, paging and idempotency: what any use case may need. */

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  next(): string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

export interface IdempotencyStore {
  /**
   * Claims `key` for a request with `fingerprint`. Returns the stored response when the same
   * request already completed; throws ConflictError while it is in flight and
   * BusinessRuleError when the key was used with another request.
   */
  begin(tenantId: string, key: string, fingerprint: string): Promise<{ statusCode: number; body?: string; headers?: Record<string, string> } | undefined>;
  complete(tenantId: string, key: string, response: { statusCode: number; body?: string; headers?: Record<string, string> }): Promise<void>;
  release(tenantId: string, key: string): Promise<void>;
}
