/**
 * The middy stack every HTTP Lambda uses: tenant from the JWT claims, zod validation of
 * path, query and body (400 problem+json naming each field), Idempotency-Key replay, and
 * one error mapper (typed errors → problem+json; anything else → opaque 500, logged).
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import { AppError, NotFoundError, UnauthorizedError, ValidationError, type FieldError } from '../app/errors.js';
import { badTextProblem } from '../domain/bad-text.js';
import type { IdempotencyStore } from '../app/ports.js';
import type { CsvBodyReader } from './csv-body.js';
import { loggedError, logger, redacted, type Correlation } from '../adapters/telemetry/powertools-logger.js';
import { listQuerySeal, sealNextCursor, unsealCursor } from './list-query-seal.js';
import { objectKeys, parseOrThrow, toProblem } from './problem.js';
import type { RouteDefinition } from './routes.js';
import type { RouteSchema } from './route-definition.js';

type Infer<T> = T extends RouteSchema ? z.infer<T> : undefined;

export interface HttpRequest<R extends RouteDefinition> {
  readonly tenantId: string;
  readonly userEmail?: string;
  readonly params: Infer<R['params']>;
  readonly query: Infer<R['query']>;
  readonly body: Infer<R['body']>;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The validated `Idempotency-Key` header, on routes flagged `idempotent`. */
  readonly idempotencyKey?: string;
  /**
   * One JSON line (INFO) with this request's ids (route, request, Lambda request, tenant, the path's invoice or client),
   * and `fields`: ids and outcomes, never a name, an address or a text.
   */
  readonly log: RequestLog;
}

/** See HttpRequest's `log`. */
export type RequestLog = (message: string, fields: Readonly<Record<string, string | number | boolean | undefined>>) => void;

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface IdempotencyWiring {
  readonly idempotency: () => IdempotencyStore;
  /** The CSV reader of a route flagged `csvBody` (shared/http/csv-body.ts, kept out of the other bundles). */
  readonly csv?: CsvBodyReader;
}

/**
 * A route flagged `idempotent` (POSTs that create or send) must be given its store: the
 * compiler refuses the handler without it, and so does the handler at cold start.
 */
export type HttpHandlerOptions<R extends RouteDefinition = RouteDefinition> = R extends { readonly idempotent: true }
  ? IdempotencyWiring
  : Partial<IdempotencyWiring>;

const tenantOf = (event: HttpEvent): { tenantId: string; email?: string } => {
  const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
  // Only the tenant claim names a tenant: a token without it (another pool client, an access
  // token) must never fall back to `sub`, which would open a fresh, empty tenant per user.
  const tenant = claims['custom:tenantId'];
  if (typeof tenant !== 'string' || tenant.length === 0 || !/^[0-9A-Za-z_.@-]{1,128}$/.test(tenant)) {
    throw new UnauthorizedError('The token carries no tenant');
  }
  return { tenantId: tenant, ...(typeof claims.email === 'string' ? { email: claims.email } : {}) };
};

/** Names of the query parameters a route declares; any other one is refused, so a typo never silently widens a list. */
const declaredQuery = new WeakMap<RouteDefinition, ReadonlySet<string>>();
const queryNamesOf = (route: RouteDefinition): ReadonlySet<string> => {
  let names = declaredQuery.get(route);
  if (!names) {
    names = new Set(route.query ? objectKeys(route.query) : []);
    declaredQuery.set(route, names);
  }
  return names;
};

const rejectUnknownQuery = (route: RouteDefinition, query: Record<string, string | undefined>): void => {
  const allowed = queryNamesOf(route);
  const unknown = Object.keys(query).filter((name) => !allowed.has(name));
  if (unknown.length === 0) return;
  const known = allowed.size > 0 ? `; this route takes ${[...allowed].join(', ')}` : '; this route takes none';
  throw new ValidationError(unknown.map((name) => ({ path: `query.${name}`, message: `is not a known parameter${known}` })));
};

const readBody = (event: HttpEvent, csv?: CsvBodyReader): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const contentType = event.headers?.['content-type'] ?? event.headers?.['Content-Type'] ?? 'application/json';
  // Routes that take a spreadsheet export see it as `{ csv: <text> }`.
  const file = csv?.(event.body, contentType, event.isBase64Encoded);
  if (file) return file;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new ValidationError([
      { path: 'headers.content-type', message: csv ? 'must be text/csv (or application/octet-stream for the file as is) or application/json' : 'must be application/json' },
    ]);
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError([{ path: 'body', message: 'is not valid JSON' }]);
  }
};

// Text no one types (shared/domain/bad-text.ts): refused naming the field.
/** Walked without recursion, a field's path spelt only when it is refused. */
interface TextNode { readonly value: unknown; readonly key: string; readonly parent?: TextNode }
const pathOf = (node: TextNode): string => {
  const keys: string[] = [];
  for (let at: TextNode | undefined = node; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
};
const textProblems = (value: unknown, path: string): FieldError[] => {
  const out: FieldError[] = [];
  const pending: TextNode[] = [{ value, key: path }];
  while (pending.length > 0 && out.length < 20) {
    const node = pending.pop()!;
    const item = node.value;
    if (typeof item === 'string') {
      const problem = badTextProblem(item);
      if (problem) out.push({ path: pathOf(node), message: problem });
    } else if (item !== null && typeof item === 'object') {
      // A field name no schema declares is refused as unknown anyway: only values are read. Pushed
      // in reverse so the fields are named in the order they were sent.
      const entries = Array.isArray(item) ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
      for (let i = entries.length - 1; i >= 0; i--) pending.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
    }
  }
  return out;
};
/**
 * In JSON text such a character can only come escaped (`\u0000`, `\b`, `\ud800`), or as a raw DEL:
 * a body without any is not walked (a large one took a second).
 */
const MAY_HOLD_BAD_TEXT = /\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]|\u007f|\\u[dD][89a-fA-F]/;
const mayHoldBadText = (event: Pick<HttpEvent, 'body' | 'isBase64Encoded'>): boolean =>
  typeof event.body === 'string' && (event.isBase64Encoded === true || MAY_HOLD_BAD_TEXT.test(event.body));
const rejectBadText = (value: unknown, path: string): void => {
  const problems = textProblems(value, path);
  if (problems.length > 0) throw new ValidationError(problems);
};

/** The shapes of the path ids the routes accept (schemas/common.ts `id`, notifications.ts `stepParams`). */
const ID_SHAPE = /^[0-9A-Za-z_-]{1,64}$/;
const STEP_ID_SHAPE = /^[0-9A-Za-z_.+-]{1,64}$/;
/**
 * A path id as a log line may carry it: only one of the route's own shape that quotes no email address
 * or phone number. Anything else is refused with a 400 and may be what someone typed in the URL
 * (`/clients/jean.dupont@gmail.com`, `/clients/+33612345678`): left out of the line.
 */
const loggableId = (value: string | undefined, shape: RegExp): string | undefined =>
  value !== undefined && shape.test(value) && redacted(value) === value ? value : undefined;

/** The ids of a request, for its log lines: never a name, an email or a body. */
const correlationOf = (route: RouteDefinition, event: HttpEvent, lambdaRequestId: string | undefined): Correlation => {
  const claims = event.requestContext?.authorizer?.jwt?.claims ?? {};
  const tenant = claims['custom:tenantId'];
  const id = loggableId(event.pathParameters?.id, ID_SHAPE);
  const paymentId = loggableId(event.pathParameters?.paymentId, ID_SHAPE);
  const stepId = loggableId(event.pathParameters?.stepId, STEP_ID_SHAPE);
  // `/invoices/{id}/…` names an invoice, `/quotes/{id}/…` a quote, `/clients/{id}` a client.
  const resource = /^\/(invoices|quotes|clients)\/\{id\}/.exec(route.path)?.[1];
  return {
    route: `${route.method} ${route.path}`,
    requestId: event.requestContext?.requestId,
    ...(lambdaRequestId ? { lambdaRequestId } : {}),
    ...(route.auth === 'jwt' && typeof tenant === 'string' ? { tenantId: tenant.slice(0, 128) } : {}),
    ...(id && resource ? { [`${resource.slice(0, -1)}Id`]: id } : {}),
    ...(paymentId ? { paymentId } : {}),
    ...(stepId ? { stepId } : {}),
  };
};

export const httpHandler = <R extends RouteDefinition>(
  route: R,
  fn: (request: HttpRequest<R>) => Promise<HttpResult>,
  ...[options]: R extends { readonly idempotent: true } ? [options: IdempotencyWiring] : [options?: Partial<IdempotencyWiring>]
) => {
  const idempotency = (options as Partial<IdempotencyWiring> | undefined)?.idempotency;
  if (route.idempotent && !idempotency) throw new Error(`Route ${route.method} ${route.path} is idempotent: give httpHandler its idempotency store`);
  const csv = (options as Partial<IdempotencyWiring> | undefined)?.csv;
  if (route.csvBody && !csv) throw new Error(`Route ${route.method} ${route.path} takes CSV: give httpHandler its reader (readCsvBody)`);
  if (route.idempotent && queryNamesOf(route).has('cursor')) throw new Error(`Route ${route.method} ${route.path} is a list: its pages are not replayed`);
  const core = async (event: HttpEvent, context?: Pick<Context, 'awsRequestId'>): Promise<HttpResult> => {
    const { tenantId, email } = route.auth === 'jwt' ? tenantOf(event) : { tenantId: '', email: undefined };
    const params = (route.params ? parseOrThrow(route.params, event.pathParameters ?? {}, 'path') : undefined) as Infer<R['params']>;
    rejectUnknownQuery(route, event.queryStringParameters ?? {});
    rejectBadText(event.queryStringParameters ?? {}, 'query');
    const asked = (route.query ? parseOrThrow(route.query, event.queryStringParameters ?? {}, 'query') : undefined) as Infer<R['query']>;
    // A list's cursor holds the seal of the query that gave it (./list-query-seal.ts): another sort, order or filter is a 400.
    const seal = queryNamesOf(route).has('cursor') ? listQuerySeal(`${route.method} ${route.path}`, tenantId, params, asked as Record<string, unknown>) : undefined;
    const cursor = seal ? (asked as { cursor?: unknown } | undefined)?.cursor : undefined;
    const query = (typeof cursor === 'string' ? { ...(asked as object), cursor: unsealCursor(cursor, seal!) } : asked) as Infer<R['query']>;
    const rawBody = readBody(event, route.csvBody ? csv : undefined);
    if (!route.body && rawBody !== undefined && route.method !== 'GET') {
      // Routes without a body accept an empty object (some clients always send one).
      if (typeof rawBody !== 'object' || rawBody === null || Object.keys(rawBody).length > 0) {
        throw new ValidationError([{ path: 'body', message: 'must be empty' }]);
      }
    }
    // No body is an empty object (every field optional); a body that is JSON `null` is not one.
    const body = (route.body ? parseOrThrow(route.body, rawBody === undefined ? {} : rawBody, 'body') : undefined) as Infer<R['body']>;
    // Once the body has the route's shape (bounded: no nesting thousands deep to walk). An import's
    // rows are checked one by one, a spreadsheet's stray character being that row's error.
    if (route.body && !route.csvBody && mayHoldBadText(event)) rejectBadText(rawBody, 'body');
    const headers = event.headers ?? {};
    const log: RequestLog = (message, fields) => logger.info(message, { ...correlationOf(route, event, context?.awsRequestId), ...fields });
    const request: HttpRequest<R> = { tenantId, ...(email ? { userEmail: email } : {}), params, query, body, headers, log };

    const key = headers['idempotency-key'];
    if (seal) return sealNextCursor(await fn(request), seal);
    if (!route.idempotent || key === undefined || !idempotency) return fn(request);
    if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
      throw new ValidationError([{ path: 'headers.idempotency-key', message: 'must be 1-128 visible ASCII characters' }]);
    }
    const store = idempotency();
    // The query is part of what is asked: a dry run (`?dryRun=true`) sent with the key of the real
    // request must not be replayed in its place (the preview answered, nothing imported or sent).
    const queryScope = query && Object.keys(query).length > 0 ? `?${JSON.stringify(query)}` : '';
    const scopedKey = `${route.method} ${event.rawPath}${queryScope}:${key}`;
    const fingerprint = createHash('sha256').update(JSON.stringify({ params, body })).digest('base64url');
    const replay = await store.begin(tenantId, scopedKey, fingerprint);
    if (replay) return { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' } };
    let response: HttpResult;
    try {
      response = await fn({ ...request, idempotencyKey: key });
    } catch (error) {
      // A failed request leaves nothing behind: the client may retry with the same key.
      await store.release(tenantId, scopedKey).catch(() => undefined);
      throw error;
    }
    try {
      await store.complete(tenantId, scopedKey, { statusCode: response.statusCode ?? 200, body: response.body, headers: response.headers as Record<string, string> });
    } catch (error) {
      // The work is done: answer it. The record stays in flight (a retry gets 409 until it goes
      // stale, then runs again), and use cases that must not repeat key their writes on the key.
      logger.warn('idempotency record not completed', { route: `${route.method} ${route.path}`, requestId: event.requestContext?.requestId, error: loggedError(error) });
    }
    return response;
  };

  const started = new WeakMap<object, number>();
  const handler = middy<HttpEvent, HttpResult>()
    .use({
      // One JSON line per request with its ids, status and duration (Powertools Logger).
      before: (request) => {
        started.set(request, performance.now());
      },
      after: (request) => {
        const durationMs = Math.round(performance.now() - (started.get(request) ?? performance.now()));
        logger.info('request', { ...correlationOf(route, request.event, request.context?.awsRequestId), status: request.response?.statusCode ?? 200, durationMs });
      },
      onError: (request) => {
        const error = request.error;
        const correlation = correlationOf(route, request.event, request.context?.awsRequestId);
        if (!(error instanceof AppError) || error.status >= 500) {
          logger.error('request failed', { ...correlation, error: loggedError(error, { stack: true }) });
        }
        request.response = toProblem(error);
        const durationMs = Math.round(performance.now() - (started.get(request) ?? performance.now()));
        logger.info('request', { ...correlation, status: request.response.statusCode ?? 500, durationMs });
      },
    })
    .handler(core);
  return Object.assign(handler, { route: route as RouteDefinition });
};

export type RouteHandler = ReturnType<typeof httpHandler>;

/**
 * One Lambda for several routes of a feature (the stack stays under CloudFormation's 500
 * resources, see docs/adr/0001-feature-lambdas.md): API Gateway names the route in `routeKey`, and each route keeps
 * its own thin handler, validation and idempotency.
 */
export const byRoute = (...handlers: readonly RouteHandler[]) => {
  const table = new Map(handlers.map((h) => [`${h.route.method} ${h.route.path}`, h]));
  return (event: HttpEvent, context: Parameters<RouteHandler>[1]): Promise<HttpResult> => {
    const handler = table.get(event.routeKey);
    if (!handler) return Promise.resolve(toProblem(new NotFoundError(`Route ${event.routeKey}`)));
    return handler(event, context);
  };
};
