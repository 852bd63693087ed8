import { Template, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RelancesStack } from '../../infra/relances-stack.js';
import { aTestStack } from '../fixtures/test-stack.js';

let stack: RelancesStack;
let template: Template;
beforeAll(() => {
  stack = aTestStack();
  template = Template.fromStack(stack, { skipCyclicalDependenciesCheck: true });
});

const logicalId = (token: string): string => (stack.resolve(token) as { Ref: string }).Ref;

describe('the web app hosting', () => {
  it('keeps the site bucket private: all public access blocked, TLS only, read by CloudFront through origin access control', () => {
    const bucket = logicalId(stack.web.bucket.bucketName);
    expect(template.findResources('AWS::S3::Bucket')[bucket]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { LogFilePrefix: 's3/' },
    });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucket }))!;
    const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Principal?: unknown; Action: unknown; Condition?: unknown }[];
    // Only CloudFront (this distribution) reads; every other statement denies (non-TLS).
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(JSON.stringify(allows[0]!.Condition)).toContain(logicalId(stack.web.distribution.distributionId));
    expect(statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'))).toBe(true);
  });

  it('serves the SPA over HTTPS with a fallback to index.html and security headers', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true }),
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
        ],
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
    const [headers] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const security = headers!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toContain("default-src 'self'");
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000 });
    expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    // Scripts from the site only (no inline script, no eval: an injected string never runs), no plugins,
    // no <base> hijack; nosniff, and a Referer without the path (a portal link's token stays on the page).
    const csp = security.ContentSecurityPolicy.ContentSecurityPolicy as string;
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.has('script-src') ? directives.get('script-src') : directives.get('default-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(security.ContentSecurityPolicy.Override).toBe(true);
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'strict-origin-when-cross-origin' });
    expect(security.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
  });

  it('signs in with Cognito managed login: code flow only, no client secret, callbacks on the distribution', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
    const client = template.findResources('AWS::Cognito::UserPoolClient')[logicalId(stack.auth.userPoolClient.userPoolClientId)]!.Properties;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const url = stack.resolve(stack.web.url) as { 'Fn::Join': [string, unknown[]] };
    expect(JSON.stringify(client.CallbackURLs)).toBe(JSON.stringify([{ 'Fn::Join': ['', [...url['Fn::Join'][1], '/auth/callback']] }]));
    expect(client.AllowedOAuthFlows).not.toContain('implicit');
  });

  it('writes /config.json at deploy with this stack’s API URL, issuer and client id; uploads the built files', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    // config.json is JSON data with deploy-time values (markers): the API endpoint, the pool, the client.
    const entry = deployments.find((d) => d.Properties.SourceMarkers)!;
    const markers = (entry.Properties.SourceMarkers as Record<string, unknown>[]).flatMap((m) => Object.values(m).map((v) => JSON.stringify(v)));
    expect(markers).toContain(JSON.stringify(stack.resolve(stack.api.httpApi.apiEndpoint)));
    expect(markers).toContain(JSON.stringify({ Ref: logicalId(stack.auth.userPool.userPoolId) }));
    expect(markers).toContain(JSON.stringify({ Ref: logicalId(stack.auth.userPoolClient.userPoolClientId) }));
    expect(entry.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    for (const d of deployments) expect(d.Properties.DestinationBucketName).toEqual({ Ref: logicalId(stack.web.bucket.bucketName) });
    // No CloudFront invalidation, so the deployment function needs no cloudfront:* on "*".
    expect(deployments.every((d) => d.Properties.DistributionId === undefined)).toBe(true);
    // Its role is ours: no managed policy.
    const [fn] = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith('CustomCDKBucketDeployment'));
    expect(fn).toBeDefined();
    const roleId = (fn![1].Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    expect(template.findResources('AWS::IAM::Role')[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
