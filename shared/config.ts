// zod/mini: the send path parses only this and its event, and classic zod is 90 KB of bundle.
import * as z from 'zod/mini';

/**
 * Environment of every Lambda, parsed once at module scope; a missing variable fails the
 * cold start instead of the first request. Locally the same variables are set by the local
 * runner, and `AWS_ENDPOINT_URL_<SERVICE>` points the SDK at the emulators.
 */
const Env = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'eu-west-3'),
  SENDER_EMAIL: z.optional(z.email()),
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  SCHEDULE_GROUP: z.optional(z.string().check(z.minLength(1))),
  SCHEDULER_ROLE_ARN: z.optional(z.string().check(z.minLength(1))),
  SEND_REMINDER_FUNCTION_ARN: z.optional(z.string().check(z.minLength(1))),
  REMINDER_DLQ_ARN: z.optional(z.string().check(z.minLength(1))),
  /**
   * Where the web app is served (its CloudFront URL; locally the web dev server), the one name for
   * every link to it: client-portal links in emails (`<WEB_BASE_URL>/p/<token>`) and the links of
   * the owner's emails (daily overview). Absent: no portal links, the owner's emails name API routes.
   */
  WEB_BASE_URL: z.optional(z.url({ protocol: /^https?$/ })),
  /**
   * The client-portal secret's ARN (Secrets Manager, AWS): portal tokens are derived from it, so an
   * invoice keeps one link across its emails (shared/app/portal/portal-links.ts). Given only to the
   * functions that issue portal links; read once per container, on the first link.
   */
  PORTAL_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /**
   * The portal secret itself, locally (the local stack sets it: env PORTAL_TOKEN_SECRET, else a random
   * one per start). Wins over PORTAL_SECRET_ARN. Neither set: a random token per email, as before.
   */
  PORTAL_TOKEN_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** The send-overview function: target of each tenant's daily-overview schedule. */
  OVERVIEW_FUNCTION_ARN: z.optional(z.string().check(z.minLength(1))),
});
export type Config = z.infer<typeof Env>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`);
  }
  return parsed.data;
};

/** Reads a setting a given function needs, failing loudly when its stack did not provide it. */
export const required = <K extends keyof Config>(config: Config, key: K): NonNullable<Config[K]> => {
  const value = config[key];
  if (value === undefined || value === null) throw new Error(`Missing environment variable ${String(key)}`);
  return value as NonNullable<Config[K]>;
};

/**
 * The `service` of logs and metrics: POWERTOOLS_SERVICE_NAME (the stack name in AWS, set by
 * RelancesFunction), or `relances` locally. Read on its own so the logger needs no table.
 */
export const serviceName = (env: NodeJS.ProcessEnv = process.env): string => env.POWERTOOLS_SERVICE_NAME?.trim() || 'relances';
