import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebApp } from './local/web-server.js';
import { parseAllowedOrigins } from './allowed-origins.js';
import { RelancesStack } from './relances-stack.js';

/**
 * Deployment parameters come from CDK context (cdk.json, or `-c key=value`):
 * `relances:senderEmail`, `relances:allowedOrigins` (optional, comma-separated: origins allowed by CORS besides the
 * stack's own web app), `relances:operatorEmail` (who receives the alarms: no default, a synth without it warns),
 * `relances:stage`.
 */
const app = new App();

const context = (key: string): string => {
  const value: unknown = app.node.tryGetContext(`relances:${key}`);
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`Missing CDK context relances:${key}`);
  return value.trim();
};

const senderEmail = context('senderEmail');
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(senderEmail)) throw new Error(`relances:senderEmail is not an address: ${senderEmail}`);
// Optional: the stack always allows its own web app origin (CloudFront); these are extra (infra/allowed-origins.ts).
const allowedOrigins = parseAllowedOrigins(app.node.tryGetContext('relances:allowedOrigins'));
// Optional, with no default: without it the alarms reach nobody, and synth warns (infra/constructs/monitoring.ts).
const givenOperatorEmail: unknown = app.node.tryGetContext('relances:operatorEmail');
const operatorEmail = typeof givenOperatorEmail === 'string' && givenOperatorEmail.trim() !== '' ? givenOperatorEmail.trim() : undefined;
if (operatorEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(operatorEmail)) throw new Error(`relances:operatorEmail is not an address: ${operatorEmail}`);
const stage = context('stage');
if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`relances:stage must be lower-case kebab: ${stage}`);

// The web app ships as built files: build it once if web/dist is missing (`npm run build:web` refreshes it).
const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const webAssetDir = join(REPO_ROOT, 'web/dist');
if (!existsSync(join(webAssetDir, 'index.html'))) await buildWebApp(REPO_ROOT, (m) => console.error(m));

const stack = new RelancesStack(app, `Relances-${stage}`, {
  webAssetDir,
  description: `Relances payment reminders (${stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  senderEmail,
  allowedOrigins,
  operatorEmail,
});
// Every finding is fixed or suppressed with a reason (infra/constructs/nag-suppressions.ts).
Aspects.of(stack).add(new AwsSolutionsChecks());
