/** The client-portal secret for shared/wiring-portal-links.ts (its own module: no wiring, testable alone). */
import { withoutSdkLogging } from './clients.js';
import type { Config } from './config.js';

/**
 * The portal secret, read once per container on the first link: PORTAL_TOKEN_SECRET as is (local
 * stack), else the Secrets Manager secret PORTAL_SECRET_ARN (AWS). The Secrets Manager client is
 * imported on that first read only, so a function that never issues a link never loads it (and
 * test/infra/bundle-budget.test.ts checks only link-issuing functions refer to it). A failed read is
 * not kept: the next link tries again. Undefined: neither is configured (a random token per email).
 */
export const portalSecretOf = (config: Pick<Config, 'PORTAL_TOKEN_SECRET' | 'PORTAL_SECRET_ARN'>): (() => Promise<string>) | undefined => {
  const { PORTAL_TOKEN_SECRET: value, PORTAL_SECRET_ARN: arn } = config;
  if (value) return async () => value;
  if (!arn) return undefined;
  let reading: Promise<string> | undefined;
  return () =>
    (reading ??= readSecret(arn).catch((error: unknown) => {
      reading = undefined;
      throw error;
    }));
};

const readSecret = async (arn: string): Promise<string> => {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = withoutSdkLogging(new SecretsManagerClient({}));
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error('Empty portal secret');
  return SecretString;
};

