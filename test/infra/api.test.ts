import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { aTestStack } from '../fixtures/test-stack.js';
import { routeList } from '../../shared/http/routes.js';
import { loadConfig } from '../../shared/config.js';
import { lambdaEnvironment } from '../../infra/local/local-stack.js';
import { parseAllowedOrigins } from '../../infra/allowed-origins.js';
import { readFileSync } from 'node:fs';

let stack: RelancesStack;
let template: Template;
beforeAll(() => {
  stack = aTestStack(['https://app.example.fr', 'http://localhost:5173']);
  // Also fails on a dependency cycle between resources, which CloudFormation would reject.
  template = Template.fromStack(stack);
});

const routesByKey = () =>
  new Map(
    Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => [
      r.Properties.RouteKey as string,
      r.Properties as { AuthorizationType?: string; AuthorizerId?: unknown; Target: unknown },
    ]),
  );

describe('the JWT authorizer', () => {
  it('accepts ID tokens of the stack user pool: its issuer URL, the web client as audience', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: stack.resolve(stack.auth.issuerUrl),
        Audience: [stack.resolve(stack.auth.userPoolClient.userPoolClientId)],
      },
    });
    expect(JSON.stringify(stack.resolve(stack.auth.issuerUrl))).toContain('https://cognito-idp.eu-west-3.amazonaws.com/');
  });
});

describe('the user pool', () => {
  it('carries the tenant in an immutable custom:tenantId attribute', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'tenantId', AttributeDataType: 'String', Mutable: false })]),
    });
  });

  it('has no self sign-up, so nobody can pick a tenant id for themselves', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  });

  it('gives the front end a secretless client that reads but never writes custom:tenantId', () => {
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const client = clients[0]!.Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.ReadAttributes).toContain('custom:tenantId');
    expect(client.WriteAttributes).not.toContain('custom:tenantId');
  });
});

describe('the HTTP API', () => {
  it('allows the configured browser origins with the Authorization and Idempotency-Key headers', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        // The context's origins, then the web app's own CloudFront origin.
        AllowOrigins: ['https://app.example.fr', 'http://localhost:5173', stack.resolve(stack.web.url)],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'idempotency-key']),
      }),
    });
  });

  it('allows, deployed with the default context (cdk.json), only the web app\'s own origin: no localhost', () => {
    const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
    const deployed = aTestStack(parseAllowedOrigins(cdkJson.context['relances:allowedOrigins']));
    const apis = Object.values(Template.fromStack(deployed).findResources('AWS::ApiGatewayV2::Api'));
    expect(apis.map((a) => (a.Properties as { CorsConfiguration: { AllowOrigins: unknown } }).CorsConfiguration.AllowOrigins)).toEqual([
      [deployed.resolve(deployed.web.url)],
    ]);
  });

  it('takes extra origins from the context only when they are origins', () => {
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(parseAllowedOrigins(' https://app.example.fr , http://localhost:5173 ')).toEqual(['https://app.example.fr', 'http://localhost:5173']);
    expect(() => parseAllowedOrigins('https://app.example.fr/')).toThrow(/not an origin.*app\.example\.fr\//);
    expect(() => parseAllowedOrigins('app.example.fr')).toThrow(/not an origin/);
  });

  it('has exactly the routes of the route table', () => {
    expect([...routesByKey().keys()].sort()).toEqual(routeList().map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routeList().filter((r) => r.auth === 'jwt'))('requires a JWT on $method $path', (route) => {
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(routesByKey().get(`${route.method} ${route.path}`)).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizerId },
    });
  });

  it.each(routeList().filter((r) => r.auth === 'none'))('serves $method $path without a token', (route) => {
    const props = routesByKey().get(`${route.method} ${route.path}`);
    expect(props?.AuthorizationType).toBe('NONE');
    expect(props?.AuthorizerId).toBeUndefined();
  });

  it('leaves only /health, /openapi.json and the client portal public', () => {
    const publicKeys = [...routesByKey()].filter(([, r]) => r.AuthorizationType !== 'JWT').map(([key]) => key);
    const portal = publicKeys.filter((key) => / \/portal\/\{token\}/.test(key));
    expect(portal).toContain('GET /portal/{token}');
    expect(publicKeys.filter((key) => !portal.includes(key)).sort()).toEqual(['GET /health', 'GET /openapi.json']);
  });

  it('throttles every public portal route on the stage below the API default (a token cannot be guessed at speed)', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!.Properties as {
      DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
      RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    };
    const portalRoutes = routeList().filter((r) => r.path.startsWith('/portal/'));
    expect(portalRoutes.length).toBeGreaterThan(0);
    for (const route of portalRoutes) {
      const settings = stage.RouteSettings[`${route.method} ${route.path}`];
      expect(settings, `${route.method} ${route.path}`).toBeDefined();
      expect(settings!.ThrottlingRateLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingRateLimit);
      expect(settings!.ThrottlingBurstLimit).toBeLessThan(stage.DefaultRouteSettings.ThrottlingBurstLimit);
    }
    // Only the portal's routes get their own limits.
    expect(Object.keys(stage.RouteSettings).sort()).toEqual(portalRoutes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(routeList())('sends $method $path to the Lambda built from $handler', (route) => {
    const fn = stack.api.functions.get(route.handler);
    expect(fn).toBeDefined();
    const target = JSON.stringify(routesByKey().get(`${route.method} ${route.path}`)?.Target);
    const integrationId = Object.keys(template.findResources('AWS::ApiGatewayV2::Integration')).find((id) => target.includes(id));
    expect(integrationId).toBeDefined();
    const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationId!]!;
    expect(integration.Properties.IntegrationUri).toEqual(stack.resolve(fn!.functionArn));
  });

  it('writes access logs of the default stage to a log group with a retention period', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('portal links in emails', () => {
  const envOf = (fnName: string) => {
    const { Ref } = stack.resolve(fnName) as { Ref: string };
    return template.findResources('AWS::Lambda::Function')[Ref]!.Properties.Environment.Variables as Record<string, unknown>;
  };

  it('gives the functions that email (and the one re-issuing links) the web app’s CloudFront URL, the others nothing', () => {
    const webUrl = stack.resolve(stack.web.url);
    for (const handler of ['functions/invoices/send-invoice', 'functions/reminders/send-reminder-now', 'functions/invoices/invoices-api', 'functions/reminders/client-reminders']) {
      expect(envOf(stack.api.functions.get(handler)!.functionName).WEB_BASE_URL, handler).toEqual(webUrl);
    }
    expect(envOf(stack.reminders.sendReminder.functionName).WEB_BASE_URL).toEqual(webUrl);
    expect(JSON.stringify(webUrl)).toContain('DomainName');
    expect(envOf(stack.api.functions.get('functions/portal/portal-api')!.functionName)).not.toHaveProperty('WEB_BASE_URL');
  });

  it('names the web app’s address WEB_BASE_URL in every function that has it, and the local stack the same', () => {
    const webUrl = stack.resolve(stack.web.url);
    const envs = Object.values(template.findResources('AWS::Lambda::Function')).map((f) => (f.Properties.Environment?.Variables ?? {}) as Record<string, unknown>);
    const withWeb = envs.filter((env) => Object.values(env).some((v) => JSON.stringify(v) === JSON.stringify(webUrl)));
    // The send path, the API functions that email, the daily overview: all of them, under one name.
    expect(withWeb.length).toBeGreaterThanOrEqual(4);
    for (const env of withWeb) expect(Object.keys(env).filter((k) => JSON.stringify(env[k]) === JSON.stringify(webUrl))).toEqual(['WEB_BASE_URL']);
    expect(envs.filter((env) => 'WEB_URL' in env)).toEqual([]);
    const local = lambdaEnvironment({ api: 'http://localhost:1', dynamodb: 'http://localhost:2', ses: 'http://localhost:3', scheduler: 'http://localhost:4', sms: 'http://localhost:5' }, 'http://localhost:5173');
    expect(loadConfig(local).WEB_BASE_URL).toBe('http://localhost:5173');
    expect(Object.keys(local).filter((k) => k.startsWith('WEB'))).toEqual(['WEB_BASE_URL']);
  });
});

