/**
 * Environment of every Lambda, parsed once at module scope; a missing variable fails the
 * cold start instead of the first request. Locally the same variables are set by the local
 * runner, and `AWS_ENDPOINT_URL_<SERVICE>` points the SDK at the emulators.
 *
 * Checked by hand, not with zod: every function loads this module, and the few checks below cost
 * a few hundred bytes where zod/mini's schema classes cost 1.5 KB more in every API bundle
 * (test/infra/bundle-budget.test.ts; the send path has no classic zod at all).
 */
type Check = (value: string) => string | undefined;
const text = (min = 1): Check => (v) => (v.length < min ? `must be at least ${min} characters` : undefined);
const email: Check = (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : 'must be an email address');
const webUrl: Check = (v) => (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) ? undefined : 'must be an http(s) URL');

/** Each variable's check; all are optional but TABLE_NAME, and AWS_REGION has a default. */
const ENV = {
  TABLE_NAME: text(),
  AWS_REGION: text(),
  SENDER_EMAIL: email,
  SES_CONFIGURATION_SET: text(),
  SCHEDULE_GROUP: text(),
  SCHEDULER_ROLE_ARN: text(),
  SEND_REMINDER_FUNCTION_ARN: text(),
  REMINDER_DLQ_ARN: text(),
  /**
   * Where the web app is served (its CloudFront URL; locally the web dev server), the one name for
   * every link to it: client-portal links in emails (`<WEB_BASE_URL>/p/<token>`) and the links of
   * the owner's emails (daily overview). Absent: no portal links, the owner's emails name API routes.
   */
  WEB_BASE_URL: webUrl,
  /**
   * The client-portal secret's ARN (Secrets Manager, AWS): portal tokens are derived from it, so an
   * invoice keeps one link across its emails (shared/app/portal/portal-links.ts). Given only to the
   * functions that issue portal links; read once per container, on the first link.
   */
  PORTAL_SECRET_ARN: text(),
  /**
   * The portal secret itself, locally (the local stack sets it: env PORTAL_TOKEN_SECRET, else a random
   * one per start). Wins over PORTAL_SECRET_ARN. Neither set: a random token per email, as before.
   */
  PORTAL_TOKEN_SECRET: text(32),
  /** The send-overview function: target of each tenant's daily-overview schedule. */
  OVERVIEW_FUNCTION_ARN: text(),
} satisfies Record<string, Check>;

type Always = 'TABLE_NAME' | 'AWS_REGION';
export type Config = Record<Always, string> & Partial<Record<Exclude<keyof typeof ENV, Always>, string>>;

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const config: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, check] of Object.entries(ENV)) {
    const value = env[name] ?? (name === 'AWS_REGION' ? 'eu-west-3' : undefined);
    const problem = value === undefined ? (name === 'TABLE_NAME' ? 'is required' : undefined) : check(value);
    if (problem) problems.push(`${name} ${problem}`);
    else if (value !== undefined) config[name] = value;
  }
  if (problems.length > 0) throw new Error(`Invalid environment: ${problems.join(', ')}`);
  return config as Config;
};

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
