import * as z from 'zod';

/**
 * Environment of every Lambda, parsed once at module scope; a missing variable fails the
 * cold start instead of the first request. Locally the same variables are set by the local
 * runner, and `AWS_ENDPOINT_URL_<SERVICE>` points the SDK at the emulators.
 */
const Env = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-west-3'),
  SENDER_EMAIL: z.string().email().optional(),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  SCHEDULE_GROUP: z.string().min(1).optional(),
  SCHEDULER_ROLE_ARN: z.string().min(1).optional(),
  SEND_REMINDER_FUNCTION_ARN: z.string().min(1).optional(),
  REMINDER_DLQ_ARN: z.string().min(1).optional(),
  /** Where the web app is served; client-portal links in emails are `<WEB_BASE_URL>/p/<token>`. */
  WEB_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The send-overview function: target of each tenant's daily-overview schedule. */
  OVERVIEW_FUNCTION_ARN: z.string().min(1).optional(),
  /** The web app's address, for links in the owner's emails (absent: the emails name the API route). */
  WEB_URL: z.string().url().optional(),
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
