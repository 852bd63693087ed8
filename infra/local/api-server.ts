/**
 * API Gateway (HTTP API) + its JWT authorizer, locally: dispatches over THE route table,
 * refuses missing or invalid tokens before the handler as the authorizer does, builds
 * payload-2.0 events and writes Lambda results back. Handler modules are imported lazily,
 * once, after the local stack has set the environment they read at module load.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { RouteDefinition } from '../../shared/http/routes.js';
import { buildApiEvent, matchRoute, type RawRequest } from './api-event.js';
import type { LocalIssuer } from './local-issuer.js';
import { answerLoopbackOnly } from './loopback-host.js';

type HttpHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

/** What `/local/*` exposes; implemented by the local stack. */
/** With `headers`, the body is written as is (HTML pages and redirects of the local OIDC endpoints). */
export type LocalRoute = (request: { method: string; url: URL; body: string }) => Promise<{ status: number; body: unknown; headers?: Record<string, string> } | undefined>;

export interface ApiServerProps {
  readonly repoRoot: string;
  readonly routes: readonly RouteDefinition[];
  readonly isAllowedOrigin: (origin: string) => boolean;
  readonly local: LocalRoute;
  readonly log: (message: string) => void;
}

/** API Gateway's integration timeout. */
const INTEGRATION_TIMEOUT_MS = 30_000;
const CORS_HEADERS = 'authorization,content-type,idempotency-key';
const CORS_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';

export class ApiServer {
  private issuer?: LocalIssuer;
  private readonly server: Server;
  private readonly modules = new Map<string, Promise<{ handler: HttpHandler }>>();
  private opened!: () => void;
  /** Requests wait until the stack has set the environment, created the table and the issuer. */
  private readonly ready = new Promise<void>((resolve) => (this.opened = resolve));

  constructor(private readonly props: ApiServerProps) {
    this.server = answerLoopbackOnly(createServer((req, res) => void this.serve(req, res).catch((error: unknown) => {
      props.log(`api: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) problem(res, 500, 'Internal error', 'An unexpected error occurred; it has been logged.');
    })));
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => this.server.once('error', reject).listen(port, host, () => resolve()));
    return (this.server.address() as AddressInfo).port;
  }

  open(issuer: LocalIssuer): void {
    this.issuer = issuer;
    this.opened();
  }

  stop(): Promise<void> {
    this.opened();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await this.ready;
    const method = req.method ?? 'GET';
    const origin = req.headers.origin;
    if (origin && this.props.isAllowedOrigin(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
      res.setHeader('access-control-expose-headers', 'content-type,content-disposition,location');
    }
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (origin && this.props.isAllowedOrigin(origin)) {
        res.setHeader('access-control-allow-methods', CORS_METHODS);
        res.setHeader('access-control-allow-headers', CORS_HEADERS);
        res.setHeader('access-control-max-age', '600');
      }
      res.writeHead(204).end();
      return;
    }
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/local/')) {
      const answer = await this.props.local({ method, url, body: body.toString('utf8') });
      if (!answer) return problem(res, 404, 'Not found', `No local route ${method} ${url.pathname}`);
      if (answer.headers) {
        res.writeHead(answer.status, answer.headers).end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
        return;
      }
      if (answer.status >= 400) {
        const { detail, errors } = (typeof answer.body === 'object' && answer.body !== null ? answer.body : { detail: String(answer.body) }) as { detail?: string; errors?: unknown[] };
        return problem(res, answer.status, 'Invalid request', String(detail), errors);
      }
      return writeJson(res, answer.status, answer.body);
    }
    const match = matchRoute(this.props.routes, method, url.pathname);
    if (match === undefined) return problem(res, 404, 'Not found', `No route ${method} ${url.pathname}`);
    if (match === 'method-not-allowed') return problem(res, 405, 'Method not allowed', `${method} is not allowed on ${url.pathname}`);
    let claims: JWTPayload | undefined;
    if (match.route.auth === 'jwt') {
      claims = await this.authorize(req.headers.authorization);
      if (!claims) {
        res.setHeader('www-authenticate', 'Bearer');
        return problem(res, 401, 'Unauthorized', 'A valid bearer token is required.');
      }
    }
    const raw: RawRequest = { method, url: req.url ?? '/', headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' };
    const event = buildApiEvent(raw, match, claims);
    const result = await this.invoke(match.route, event);
    if (result === 'timeout') return problem(res, 503, 'Service unavailable', `The handler did not answer within ${INTEGRATION_TIMEOUT_MS / 1000} s.`);
    if (result === 'error') return problem(res, 500, 'Internal error', 'An unexpected error occurred; it has been logged.');
    writeResult(res, result);
  }

  private async authorize(header: string | undefined): Promise<JWTPayload | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token || !this.issuer) return undefined;
    try {
      return await this.issuer.verify(token);
    } catch {
      return undefined;
    }
  }

  private async invoke(route: RouteDefinition, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<unknown | 'timeout' | 'error'> {
    const started = Date.now();
    try {
      const { handler } = await this.load(route.handler);
      const context = lambdaContext(route.handler, event.requestContext.requestId, () => INTEGRATION_TIMEOUT_MS - (Date.now() - started));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), INTEGRATION_TIMEOUT_MS)));
      const result = await Promise.race([handler(event, context), timeout]).finally(() => clearTimeout(timer));
      this.props.log(`${event.requestContext.http.method} ${event.rawPath} → ${typeof result === 'object' && result && 'statusCode' in result ? String(result.statusCode) : 200} (${Date.now() - started} ms)`);
      return result;
    } catch (error) {
      // What Lambda would log for an unhandled error; the caller only sees a generic 500.
      this.props.log(`${route.handler} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return 'error';
    }
  }

  private load(handler: string): Promise<{ handler: HttpHandler }> {
    let module = this.modules.get(handler);
    if (!module) {
      module = import(pathToFileURL(join(this.props.repoRoot, `${handler}.ts`)).href) as Promise<{ handler: HttpHandler }>;
      this.modules.set(handler, module);
      // A module that failed to load (not written yet, syntax error) is tried again on the next request.
      module.catch(() => this.modules.delete(handler));
    }
    return module;
  }
}

/** The Lambda context a function gets on AWS (its request id above all), for the local stack's invocations. */
export const lambdaContext = (handler: string, requestId: string, remaining: () => number): Context => {
  const functionName = `relances-local-${handler.split('/').pop()}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION ?? 'eu-west-3'}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: remaining,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/** Payload 2.0: a result without statusCode is a 200 JSON body, as API Gateway infers it. */
const writeResult = (res: ServerResponse, result: unknown): void => {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const text = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    res.writeHead(200, { 'content-type': 'application/json' }).end(text);
    return;
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  for (const [name, value] of Object.entries(r.headers ?? {})) res.setHeader(name, String(value));
  if (r.cookies && r.cookies.length > 0) res.setHeader('set-cookie', r.cookies);
  const body = r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8');
  if (body && !res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
  res.writeHead(r.statusCode ?? 200).end(body);
};

const writeJson = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

const problem = (res: ServerResponse, status: number, title: string, detail: string, errors?: unknown[]): void => {
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}) }));
};

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
