import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { RelancesStack } from './relances-stack.js';

/**
 * Deployment parameters come from CDK context (cdk.json, or `-c key=value`):
 * `relances:senderEmail`, `relances:allowedOrigins` (comma-separated), `relances:stage`.
 */
const app = new App();

const context = (key: string): string => {
  const value: unknown = app.node.tryGetContext(`relances:${key}`);
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`Missing CDK context relances:${key}`);
  return value.trim();
};

const senderEmail = context('senderEmail');
if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(senderEmail)) throw new Error(`relances:senderEmail is not an address: ${senderEmail}`);
const allowedOrigins = context('allowedOrigins').split(',').map((o) => o.trim()).filter(Boolean);
const stage = context('stage');
if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) throw new Error(`relances:stage must be lower-case kebab: ${stage}`);

const stack = new RelancesStack(app, `Relances-${stage}`, {
  description: `Relances payment reminders (${stage})`,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  senderEmail,
  allowedOrigins,
});
// Every finding is fixed or suppressed with a reason (infra/constructs/nag-suppressions.ts).
Aspects.of(stack).add(new AwsSolutionsChecks());
