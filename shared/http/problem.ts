import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import type { RouteSchema } from './route-definition.js';
import { AppError, BusinessRuleError, ValidationError, type FieldError } from '../app/errors.js';

const PROBLEM = 'application/problem+json';

export const problemResponse = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': PROBLEM, ...headers },
  body: JSON.stringify({ type: 'about:blank', status, ...body }),
});

/** Maps any thrown value to problem+json. A 5xx never carries the internal message. */
export const toProblem = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  if (error instanceof AppError) {
    const expose = error.status < 500;
    const errors = 'errors' in error && Array.isArray(error.errors) && error.errors.length > 0 ? { errors: error.errors } : {};
    const extensions = expose && error instanceof BusinessRuleError && error.extensions ? error.extensions : {};
    return problemResponse(
      error.status,
      {
        ...extensions,
        type: error.type,
        title: error.title,
        ...(expose ? { detail: error.message, ...errors } : {}),
      },
      error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {},
    );
  }
  return problemResponse(500, { title: 'Internal error', detail: 'An unexpected error occurred; it has been logged.' });
};

const joinPath = (prefix: string, path: readonly PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');

/**
 * One entry per bad field; an unknown key is named by its own path (`body.filter.bogus`), as unknown
 * query parameters are. A value of the wrong type is told that alone: zod still runs the length
 * checks of a list on a text (`"to": "a@b.test, c@d.test"` would also read "expected string to have
 * <=10 characters").
 */
export const zodFieldErrors = (error: z.core.$ZodError, prefix: string): FieldError[] => {
  const pathKey = (path: readonly PropertyKey[]) => path.map(String).join('.');
  const issues = error.issues.flatMap(unionBranchIssues);
  const wrongType = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => pathKey(i.path)));
  return issues
    .filter((issue) => issue.code === 'invalid_type' || !wrongType.has(pathKey(issue.path)))
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: joinPath(prefix, [...issue.path, key]), message: 'is not a known field' }))
        : [{ path: joinPath(prefix, issue.path), message: issue.message }],
    );
};

/**
 * A union none of whose forms matched (`{ csv }` or `{ invoices }`) names the field of the form the
 * input took: the one whose problems lie deepest (`invoices.0.grossCents` beats a missing `csv` and an
 * unknown `invoices`). When no form stands out (`{}`), the union's own message names the whole value.
 */
const unionBranchIssues = (issue: z.core.$ZodIssue): z.core.$ZodIssue[] => {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
  const shallowest = issue.errors.map((branch) => (branch.length === 0 ? -1 : Math.min(...branch.map((i) => i.path.length))));
  const deepest = Math.max(...shallowest);
  if (deepest < 1 || shallowest.filter((d) => d === deepest).length !== 1) return [issue];
  const branch = issue.errors[shallowest.indexOf(deepest)]!;
  return branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue).flatMap(unionBranchIssues);
};

/**
 * Marks a zod issue as "well formed but beyond a documented limit" (an amount above the
 * ceiling): such issues alone make a 422, any other issue a 400 listing them all.
 */
export const LIMIT_EXCEEDED = { limitExceeded: true } as const;
const isLimitIssue = (issue: z.core.$ZodIssue): boolean =>
  issue.code === 'custom' && (issue.params as { limitExceeded?: boolean } | undefined)?.limitExceeded === true;

export const parseOrThrow = <T extends RouteSchema>(schema: T, value: unknown, prefix: string): z.infer<T> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.infer<T>;
  const errors = zodFieldErrors(result.error, prefix);
  if (result.error.issues.every(isLimitIssue)) {
    throw new BusinessRuleError('limit-exceeded', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  throw new ValidationError(errors);
};

/** The property names of an object schema (through optional, default, pipe and transform wrappers). */
export const objectKeys = (schema: RouteSchema): string[] => {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown>; in?: z.ZodType; innerType?: z.ZodType } } })._zod.def;
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'pipe' && def.in) return objectKeys(def.in);
  if (def.innerType) return objectKeys(def.innerType);
  throw new TypeError(`Not an object schema (${def.type}): query and path schemas must be z.object`);
};
