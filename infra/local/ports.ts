/**
 * The local stack's ports, and how `npm start` reads them from the environment (README "The two commands").
 * Kept apart from local-stack.ts so reading them loads no emulator.
 */
export interface LocalStackPorts { api: number; dynamodb: number; ses: number; scheduler: number; sms: number }

export const DEFAULT_PORTS: LocalStackPorts = { api: 3000, dynamodb: 8000, ses: 8005, scheduler: 8006, sms: 8007 };
export const DEFAULT_WEB_PORT = 5173;

/** The variable each port is read from; the API's own name first, PORT (which hosts often set for you) after it. */
export const PORT_VARIABLES: Record<keyof LocalStackPorts | 'web', readonly string[]> = {
  api: ['API_PORT', 'PORT'],
  dynamodb: ['DYNAMODB_PORT'],
  ses: ['SES_PORT'],
  scheduler: ['SCHEDULER_PORT'],
  sms: ['SMS_PORT'],
  web: ['WEB_PORT'],
};

const port = (env: Record<string, string | undefined>, names: readonly string[], fallback: number): number => {
  const name = names.find((n) => env[n] !== undefined && env[n] !== '');
  if (name === undefined) return fallback;
  const value = env[name]!;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${name}: invalid port '${value}'`);
  return n;
};

/** `npm start`'s ports: API_PORT (else PORT), DYNAMODB_PORT, SES_PORT, SCHEDULER_PORT, SMS_PORT, WEB_PORT, else the defaults. */
export const portsFromEnv = (env: Record<string, string | undefined>): { stack: LocalStackPorts; web: number } => ({
  stack: {
    api: port(env, PORT_VARIABLES.api, DEFAULT_PORTS.api),
    dynamodb: port(env, PORT_VARIABLES.dynamodb, DEFAULT_PORTS.dynamodb),
    ses: port(env, PORT_VARIABLES.ses, DEFAULT_PORTS.ses),
    scheduler: port(env, PORT_VARIABLES.scheduler, DEFAULT_PORTS.scheduler),
    sms: port(env, PORT_VARIABLES.sms, DEFAULT_PORTS.sms),
  },
  web: port(env, PORT_VARIABLES.web, DEFAULT_WEB_PORT),
});
