import { CfnOutput, Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { routeList, type RouteDefinition } from '../../shared/http/routes.js';
import type { Auth } from './auth.js';
import type { Email } from './email.js';
import type { PortalSecret } from './portal-secret.js';
import { RelancesFunction } from './relances-function.js';
import type { Storage } from './storage.js';

export interface ApiProps {
  /** The single table every handler reads and writes. */
  readonly storage: Storage;
  /** The user pool whose ID tokens the JWT authorizer accepts. */
  readonly auth: Auth;
  /** Grants SES sending to the handlers of routes flagged `email`. */
  readonly email: Email;
  /** Browser origins allowed by CORS, e.g. `https://app.example.fr`. */
  readonly allowedOrigins: readonly string[];
  /** The web app's address: emails link to the client portal at `<webBaseUrl>/p/<token>`. */
  readonly webBaseUrl?: string;
  /** The key portal links are derived from: readable by the handlers of routes flagged `portalLinks`. */
  readonly portalSecret?: PortalSecret;
  /** @default routeList() — the route table; a parameter only so the construct stays testable. */
  readonly routes?: readonly (RouteDefinition & { readonly name: string })[];
}

/**
 * The HTTP API, built from the route table (shared/http/routes.ts): one Lambda per handler
 * module and one API Gateway route per table entry, each behind the Cognito JWT authorizer
 * unless the table says `auth: 'none'`.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  /** Route handlers by handler module path (`functions/clients/create-client`). */
  readonly functions: ReadonlyMap<string, RelancesFunction>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const routes = props.routes ?? routeList();

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Relances API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        exposeHeaders: ['location'],
        maxAge: Duration.days(1),
      },
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs(this)), format: accessLogFormat },
    });
    const portalRoutes: HttpRoute[] = [];

    // ID tokens carry `aud` = the client id and the custom:tenantId claim.
    const jwt = new HttpJwtAuthorizer('CognitoAuthorizer', props.auth.issuerUrl, {
      jwtAudience: [props.auth.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const none = new HttpNoneAuthorizer();

    const functions = new Map<string, RelancesFunction>();
    for (const [handler, handlerRoutes] of groupByHandler(routes)) {
      const fn = new RelancesFunction(this, functionId(handler), {
        handler,
        description: describeRoutes(handlerRoutes),
        environment: { TABLE_NAME: props.storage.table.tableName, ...(props.webBaseUrl && handlerRoutes.some((r) => r.email || r.portalLinks) ? { WEB_BASE_URL: props.webBaseUrl } : {}) },
        pdf: handlerRoutes.some((r) => r.pdf),
        // API Gateway gives up after 30 s, so a longer timeout would only burn money. 1,769 MB is one
        // full vCPU: rendering is CPU-bound, so the same work costs about the same and answers sooner
        // (a mass send of 500 invoices renders 500 PDFs within the call: docs/benchmarks.md).
        ...(handlerRoutes.some((r) => r.heavy) && { memorySize: 1769, timeout: Duration.seconds(29) }),
      });
      // Read-write for every handler: the local stack does not enforce IAM, so a narrower grant
      // would only fail in AWS, where tests cannot see it.
      props.storage.grantReadWriteData(fn);
      if (handlerRoutes.some((r) => r.email)) props.email.grantSend(fn);
      if (handlerRoutes.some((r) => r.portalLinks)) props.portalSecret?.grantIssue(fn);
      functions.set(handler, fn);

      // One permission per function (any route of this API), not one per route: see docs/adr/0001-feature-lambdas.md.
      const integration = new HttpLambdaIntegration(`${functionId(handler)}Integration`, fn, { scopePermissionToRoute: false });
      for (const route of handlerRoutes) {
        const httpRoute = new HttpRoute(this, `${pascal(route.name)}Route`, {
          httpApi: this.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
          authorizer: route.auth === 'jwt' ? jwt : none,
        });
        if (route.path.startsWith('/portal/')) portalRoutes.push(httpRoute);
        if (route.auth === 'none') {
          NagSuppressions.addResourceSuppressions(httpRoute, [
            { id: 'AwsSolutions-APIG4', reason: `${route.method} ${route.path} is public by design (DESIGN.md §4): no token, no tenant data.` },
          ]);
        }
      }
    }
    this.functions = functions;

    // The public portal answers anyone holding a link: its routes get their own, lower limits so
    // nobody can try tokens (or load the PDF renderer) at the API's full rate.
    const cfnStage = stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Object.fromEntries(
      routes.filter((r) => r.path.startsWith('/portal/')).map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: PORTAL_RATE_LIMIT, ThrottlingBurstLimit: PORTAL_BURST_LIMIT }]),
    );
    // `RouteSettings` is untyped JSON (CloudFormation casing); it names routes by key, so the routes come first.
    for (const route of portalRoutes) stage.node.addDependency(route);

    new CfnOutput(this, 'Url', { value: this.httpApi.apiEndpoint, description: 'Base URL of the API' });
  }
}

/** The routes a function serves, within Lambda's 256-character description limit. */
const describeRoutes = (routes: readonly RouteDefinition[]): string => {
  const all = routes.map((r) => `${r.method} ${r.path}`).join(', ');
  return all.length <= 256 ? all : `${all.slice(0, 256 - 14).replace(/, [^,]*$/, '')} and others`;
};

/** Requests per second (steady, burst) on each public portal route, for the whole API. */
const PORTAL_RATE_LIMIT = 10;
const PORTAL_BURST_LIMIT = 20;

const groupByHandler = <R extends RouteDefinition>(routes: readonly R[]): Map<string, R[]> => {
  const groups = new Map<string, R[]>();
  for (const route of routes) groups.set(route.handler, [...(groups.get(route.handler) ?? []), route]);
  return groups;
};

const pascal = (words: string): string =>
  words
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** `functions/invoices/send-invoice` → `InvoicesSendInvoiceFunction`: stable as long as the module path is. */
const functionId = (handler: string): string => `${pascal(handler.replace(/^functions\//, ''))}Function`;

const accessLogs = (scope: Construct): LogGroup =>
  new LogGroup(scope, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });

const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    routeKey: '$context.routeKey',
    status: '$context.status',
    sub: '$context.authorizer.claims.sub',
    ip: '$context.identity.sourceIp',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    time: '$context.requestTime',
  }),
);
