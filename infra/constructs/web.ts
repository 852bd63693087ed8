import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnManagedLoginBranding, CfnUserPoolClient, ManagedLoginVersion, OAuthScope, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { Auth } from './auth.js';

export interface WebProps {
  /** The built app (web/dist): index.html and assets/. */
  readonly assetDir: string;
  readonly auth: Auth;
}

/**
 * The web app: a private S3 bucket read by CloudFront through origin access control, SPA
 * fallback (unknown paths answer index.html), security headers; Cognito managed login for
 * the app's client (authorization code + PKCE, no secret); `/config.json` (API URL, issuer,
 * client id, logout URL) written at deploy by `publish`, so one build runs in any stack.
 */
export class Web extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly domain: UserPoolDomain;
  /** `https://<distribution>.cloudfront.net`, also an allowed CORS origin of the API. */
  readonly url: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: WebProps,
  ) {
    super(scope, id);
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(logs, [{ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket of the web bucket and of CloudFront; logging it to itself would loop.' }]);

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      // Built files only: nothing to keep when the stack goes.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            // The API (execute-api), the user pool (discovery, token) and its managed login domain.
            'connect-src \'self\' https://*.amazonaws.com https://*.amazoncognito.com',
            "img-src 'self' data: blob:",
            "frame-src 'self' blob:",
            "style-src 'self' 'unsafe-inline'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Relances web app',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // SPA fallback: a deep link (/invoices/123) is not an object; S3 answers 403 through OAC.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    NagSuppressions.addResourceSuppressions(this.distribution, [
      { id: 'AwsSolutions-CFR1', reason: 'The app is for French businesses but their clients and travels are anywhere: no geo restriction; sign-in protects the data.' },
      { id: 'AwsSolutions-CFR2', reason: 'Static files only; the API behind API Gateway has its own throttling. A WAF web ACL costs more than the product for one business; add one with webAclId if needed.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate fixes the minimum TLS at 1.0 in CloudFormation; a custom domain with its ACM certificate (TLSv1.2_2021) is the way to raise it.' },
    ]);
    this.url = `https://${this.distribution.distributionDomainName}`;

    // Managed login (v2) on a Cognito domain; the prefix is unique per stack and account.
    this.domain = props.auth.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: Fn.join('-', [Stack.of(this).stackName.toLowerCase(), Aws.ACCOUNT_ID]) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const client = props.auth.userPoolClient;
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: props.auth.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    // The app's client (no secret) gains the authorization code flow; PKCE is what a public client sends.
    const cfnClient = client.node.defaultChild as CfnUserPoolClient;
    cfnClient.allowedOAuthFlows = ['code'];
    cfnClient.allowedOAuthFlowsUserPoolClient = true;
    cfnClient.allowedOAuthScopes = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE].map((s) => s.scopeName);
    cfnClient.supportedIdentityProviders = ['COGNITO'];
    cfnClient.callbackUrLs = [`${this.url}/auth/callback`];
    cfnClient.logoutUrLs = [`${this.url}/`];

    new CfnOutput(this, 'Url', { value: this.url, description: 'The web app' });
  }

  /** Uploads the app and writes its `/config.json` for this stack's API. */
  publish({ apiUrl }: { apiUrl: string }): void {
    const { auth, assetDir } = this.props;
    const clientId = auth.userPoolClient.userPoolClientId;
    const config = {
      apiUrl,
      authority: auth.issuerUrl,
      clientId,
      scope: 'openid email profile',
      logoutUrl: `${this.domain.baseUrl()}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${this.url}/`)}`,
    };
    // The CDK's upload function, with a role of ours: no managed policy, logs to its own group only.
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    const role = new Role(this, 'DeployRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: 'Uploads the web app to its bucket' });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, prune: false, memoryLimit: 512, role, logGroup };
    // Hashed file names never change: cached for a year. index.html and config.json are no-cache
    // (CloudFront keeps them its minimum TTL, 1 s), so no invalidation, hence no cloudfront:* on "*".
    const assets = new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [Source.asset(assetDir, { exclude: ['index.html', 'config.json', '.vite', '.vite/**'] })],
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const entry = new BucketDeployment(this, 'Entry', {
      ...common,
      sources: [Source.asset(assetDir, { exclude: ['**', '!index.html'] }), Source.jsonData('config.json', config)],
      cacheControl: [CacheControl.noCache()],
    });
    entry.node.addDependency(assets);
    NagSuppressions.addResourceSuppressions(
      role,
      [{ id: 'AwsSolutions-IAM5', reason: 'Uploading copies objects: object-level wildcards on the CDK asset bucket (read) and the web bucket (write), and log streams of its own log group.' }],
      true,
    );
    suppressBucketDeploymentFindings(Stack.of(this));
  }
}

/** The CDK's bucket-deployment function is one per stack, outside this construct. */
const suppressBucketDeploymentFindings = (stack: Stack): void => {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    NagSuppressions.addResourceSuppressions(
      child,
      [
        { id: 'AwsSolutions-L1', reason: 'The runtime of the CDK bucket-deployment function is chosen by aws-cdk-lib and updated with it.' },
      ],
      true,
    );
  }
};
