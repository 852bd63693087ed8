/**
 * Typed errors thrown by use cases and the HTTP edge. One middleware maps them to
 * RFC 9457 problem+json by `instanceof`; anything else becomes an opaque 500.
 */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly type: string = 'about:blank';
  /** Seconds after which the same request may succeed: sent as the Retry-After header. */
  readonly retryAfterSeconds?: number;
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = 'Invalid request';
  override readonly type = 'https://relances.dev/problems/validation';
  constructor(readonly errors: readonly FieldError[], detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')) {
    super(detail);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = 'Not found';
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
  override readonly type = 'https://relances.dev/problems/conflict';
  /** `errors`: what the refusal is about (`path.id`, `body.id`), when it is about one thing rather than a race. */
  constructor(detail: string, readonly errors: readonly FieldError[] = []) {
    super(detail);
  }
}

/** The client gap's 409 (a message to this client within `minGapDays`) names what lifts it: `force`. */
export const CLIENT_GAP: readonly FieldError[] = [{ path: 'body.force', message: 'must be true to send within the client’s minimum gap' }];

/**
 * 409: the invoice was sent a moment ago and the stream's re-plan has not recorded its reminder plan
 * yet (GET /invoices/{id}/reminders shows it computed): the same request answers once it has, in
 * seconds. Not a ConflictError: nothing raced, nothing to read again in the use case.
 */
export class PlanNotRecordedError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
  override readonly type = 'https://relances.dev/problems/conflict/plan-not-recorded';
  override readonly retryAfterSeconds = 3;
  constructor(detail: string) {
    super(detail);
  }
}

/** The request is well formed but breaks a business rule (overpayment, editing a sent invoice…). */
export class BusinessRuleError extends AppError {
  readonly status = 422;
  readonly title = 'Unprocessable request';
  override readonly type: string;
  /** `extensions`: members of the problem beside `errors` (RFC 9457 §3.2), e.g. a refused client reminder's `items`. */
  constructor(code: string, detail: string, readonly errors: readonly FieldError[] = [], readonly extensions?: Readonly<Record<string, unknown>>) {
    super(detail);
    this.type = `https://relances.dev/problems/${code}`;
  }
}

/** Too many concurrent writes on one item: nothing was written, the same request can be retried. */
export class BusyError extends AppError {
  readonly status = 503;
  readonly title = 'Busy, retry';
}

/** A dependency (SES, Scheduler) failed; the message is never shown to the caller. */
export class UpstreamError extends AppError {
  readonly status = 502;
  readonly title = 'Upstream service failed';
}

/**
 * The resource is in a state that forbids the request (write-off of an invoice not in litigation).
 * A 409 like ConflictError, but never retried: re-reading would find the same state.
 */
export class StateConflictError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
  override readonly type: string;
  constructor(code: string, detail: string, readonly errors: readonly FieldError[] = []) {
    super(detail);
    this.type = `https://relances.dev/problems/${code}`;
  }
}
