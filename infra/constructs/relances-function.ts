import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { bundlingOf } from './function-bundling.js';

/** Repository root: handler paths in the route table are relative to it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RelancesFunctionProps {
  /** Handler module relative to the repository root, without extension (route-table convention); it exports `handler`. */
  readonly handler: string;
  readonly description?: string;
  /** Environment on top of NODE_OPTIONS; see shared/config.ts for the variables a handler may read. */
  readonly environment?: Record<string, string>;
  /** Renders PDFs: @react-pdf/renderer ships as a real package (DOMAIN.md §3), see infra/pdf-bundling.ts. */
  readonly pdf?: boolean;
  /** Rendering work (PDF): more memory, which also buys CPU. @default 256 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** X-Ray active tracing (the send path, with Powertools Tracer). @default false */
  readonly tracing?: boolean;
}

/**
 * Every Lambda of the stack: Node.js 22 on arm64, bundled locally by esbuild (no Docker) to
 * minified ESM with source maps, and a log group of its own with a retention period.
 * The AWS SDK v3 stays external: the runtime ships it, which keeps bundles and INIT small.
 * Its role starts with nothing but writing to that log group (instead of the managed
 * AWSLambdaBasicExecutionRole, which allows every log group); grants add the rest.
 */
export class RelancesFunction extends NodejsFunction {
  /** The handler module, relative to the repository root, without extension. */
  readonly handlerModule: string;

  constructor(scope: Construct, id: string, props: RelancesFunctionProps) {
    const entry = join(REPO_ROOT, `${props.handler}.ts`);
    if (!existsSync(entry)) {
      throw new Error(`${id}: handler module ${props.handler}.ts does not exist (check shared/http/routes.ts)`);
    }
    // Created beside the function (not inside it) because the function needs it at construction.
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_MONTH,
      // Logs are diagnostics, not records: the accounting data lives in the table.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry,
      handler: 'handler',
      description: props.description ?? props.handler,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      logGroup,
      role,
      // Logs and metrics carry the stack name as `service` (the alarms' metric dimension).
      // A PDF function loads React and react-pdf from a real node_modules (not inlined by esbuild, so
      // no build-time `process.env.NODE_ENV`): NODE_ENV=production picks React's production build,
      // which renders ~8 % faster than its development checks (docs/benchmarks.md, "pdf").
      environment: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: Stack.of(scope).stackName, ...(props.pdf ? { NODE_ENV: 'production' } : {}), ...props.environment },
      ...(props.tracing ? { tracing: Tracing.ACTIVE } : {}),
      bundling: bundlingOf(props.pdf ?? false),
    });
    this.handlerModule = props.handler;
    if (props.tracing) {
      NagSuppressions.addResourceSuppressions(
        role,
        [{ id: 'AwsSolutions-IAM5', reason: 'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions (active tracing of the send path).', appliesTo: ['Resource::*'] }],
        true,
      );
    }
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason: 'nodejs22.x is pinned on purpose (DOMAIN.md §3): a CDK upgrade must not move the runtime under tested code; moving to 24.x is a deliberate change.',
      },
    ]);
  }
}
