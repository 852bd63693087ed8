/**
 * What API Gateway (HTTP API, payload format 2.0) hands a Lambda: route matching over the
 * route table and the event built from a raw request. Pure, so the local server stays thin
 * and the shapes are unit-testable.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { RouteDefinition } from '../../shared/http/routes.js';

export interface RawRequest {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly url: string;
  /** Node's headers: lowercased names, arrays for repeated headers. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface RouteMatch<R extends RouteDefinition = RouteDefinition> {
  readonly route: R;
  readonly pathParameters: Record<string, string>;
}

const compiled = new WeakMap<RouteDefinition, RegExp>();
const patternOf = (route: RouteDefinition): RegExp => {
  let pattern = compiled.get(route);
  if (!pattern) {
    const source = route.path.split('/').map((segment) => {
      const param = /^\{([^}+]+)\+?\}$/.exec(segment);
      return param ? `(?<${param[1]}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }).join('/');
    pattern = new RegExp(`^${source}$`);
    compiled.set(route, pattern);
  }
  return pattern;
};

/** Literal segments win over parameters, as in API Gateway (`/invoices/export` before `/invoices/{id}`). */
const specificity = (route: RouteDefinition) => route.path.split('/').filter((s) => !s.startsWith('{')).length;

export const matchRoute = <R extends RouteDefinition>(routes: readonly R[], method: string, path: string): RouteMatch<R> | 'method-not-allowed' | undefined => {
  const candidates = routes.filter((r) => patternOf(r).test(path)).sort((a, b) => specificity(b) - specificity(a));
  const route = candidates.find((r) => r.method === method);
  if (!route) return candidates.length > 0 ? 'method-not-allowed' : undefined;
  const groups = patternOf(route).exec(path)?.groups ?? {};
  return { route, pathParameters: Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodePathSegment(v)])) };
};

/**
 * A segment whose percent-encoding is not UTF-8 (`%E9`, Latin-1's é; `%ED%A0%80`, a surrogate half) is
 * handed over as sent, so the route's id check refuses it (400 naming the parameter; a portal token:
 * the 404 of any token never issued). decodeURIComponent threw on it: an opaque 500.
 */
const decodePathSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

const TEXT = /^(text\/|application\/(json|[\w.+-]+\+json|xml|[\w.+-]+\+xml|x-www-form-urlencoded|javascript|graphql))/i;

/** API Gateway passes text bodies as is and base64-encodes anything else. */
export const isTextContent = (contentType: string | undefined): boolean => contentType === undefined || TEXT.test(contentType);

/** HTTP API JWT authorizer claims are strings: numbers stringified, arrays as `[a b]`. */
const stringifyClaims = (claims: JWTPayload): Record<string, string> =>
  Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, typeof v === 'string' ? v : Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v)]));

const clf = (date: Date): string => {
  const [, day, month, year, time] = date.toUTCString().split(' ') as [string, string, string, string, string];
  return `${day}/${month}/${year}:${time} +0000`;
};

export const buildApiEvent = (request: RawRequest, match: RouteMatch, claims?: JWTPayload, now = new Date()): APIGatewayProxyEventV2WithJWTAuthorizer => {
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookieHeader = request.headers.cookie;
  const cookies = (Array.isArray(cookieHeader) ? cookieHeader.join('; ') : cookieHeader)?.split(/;\s*/).filter(Boolean);
  // Repeated query parameters are joined with commas, as API Gateway does.
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQueryString)) query[k] = k in query ? `${query[k]},${v}` : v;
  const routeKey = `${match.route.method} ${match.route.path}`;
  const text = isTextContent(headers['content-type']);
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      // Routes without an authorizer get no `authorizer` key at all, as in API Gateway.
      ...(claims ? { authorizer: { jwt: { claims: stringifyClaims(claims), scopes: typeof claims.scope === 'string' ? claims.scope.split(' ') : null }, principalId: '', integrationLatency: 0 } } : {}),
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!.split(':')[0]!,
      http: { method: request.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey,
      stage: '$default',
      time: clf(now),
      timeEpoch: now.getTime(),
    } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
    ...(request.body.length > 0 ? { body: text ? request.body.toString('utf8') : request.body.toString('base64') } : {}),
    isBase64Encoded: request.body.length > 0 && !text,
  };
};
