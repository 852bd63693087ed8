/**
 * `/local/*`: control endpoints of the local stack only (never in the route table, never
 * deployed). They mint tokens, show pending schedules and fire them on a simulated clock.
 */
import { isValidDate } from '../../shared/domain/dates.js';
import type { LocalRoute } from './api-server.js';
import type { LocalIssuer } from './local-issuer.js';
import { localOidc } from './local-oidc.js';
import type { SchedulerEmulator } from './scheduler-emulator.js';
import type { SesSimulator } from './ses-simulator.js';
import type { SmsLocal } from './sms-local.js';
import type { StreamPoller } from './stream-poller.js';

const TENANT = /^[A-Za-z0-9_-]{1,128}$/;

export const localControl = ({
  issuer,
  scheduler,
  poller,
  isAllowedOrigin = () => false,
  sms,
  ses,
}: {
  issuer: LocalIssuer;
  scheduler: SchedulerEmulator;
  poller: Pick<StreamPoller, 'drain'>;
  /** Origins the local OIDC endpoints may redirect to (the web app's). */
  isAllowedOrigin?: (origin: string) => boolean;
  /** The SMS stand-in: texts it captured, at `GET /local/sms`. */
  sms?: Pick<SmsLocal, 'messages' | 'setOptedOut' | 'optedOut'>;
  /** The SES simulator: `POST /local/ses/failures` starts or ends a local SES outage. */
  ses?: Pick<SesSimulator, 'setFailing' | 'failing'>;
}): LocalRoute => {
  const oidc = localOidc({ issuer, isAllowedRedirect: (uri) => URL.canParse(uri) && isAllowedOrigin(new URL(uri).origin) });
  return async ({ method, url, body }) => {
    const route = `${method} ${url.pathname}`;
    switch (route) {
      case 'GET /local/token': {
        const tenant = url.searchParams.get('tenant') ?? '';
        if (!TENANT.test(tenant)) return { status: 400, body: 'tenant must be 1-128 characters of [A-Za-z0-9_-]' };
        return { status: 200, body: { token: await issuer.tokenFor(tenant, url.searchParams.get('email') ?? undefined) } };
      }
      case 'GET /local/.well-known/jwks.json':
        return { status: 200, body: issuer.jwks };
      case 'GET /local/schedules': {
        // Writes made before this call may still sit in the stream: let the reconciler see them first.
        const drained = await poller.drain();
        return { status: 200, body: { items: scheduler.pending(), ...(drained.error ? { streamError: drained.error } : {}) } };
      }
      case 'POST /local/schedules/run': {
        const run = parseRun(body);
        if ('errors' in run) {
          return { status: 400, body: { detail: 'body must be { "until": "<ISO instant>", "tenantId"?: "<only this tenant\'s schedules>" }', errors: run.errors } };
        }
        return { status: 200, body: { fired: await scheduler.runUntil(run.until, run.tenantId === undefined ? {} : { tenantId: run.tenantId }) } };
      }
      case 'GET /local/sms': {
        // Optional `?to=+33…` keeps one recipient's texts. Typed by hand, its `+` is not encoded and decodes as a space:
        // read it back as the `+` it was (no E.164 number holds a space).
        const to = url.searchParams.get('to')?.replace(/^ /, '+').replace(/\s/g, '');
        const items = (sms?.messages() ?? []).filter((m) => !to || m.to === to);
        return { status: 200, body: { items } };
      }
      case 'GET /local/sms/opt-outs':
        return { status: 200, body: { numbers: sms?.optedOut() ?? [] } };
      case 'POST /local/sms/opt-outs': {
        // `{ "numbers": ["+336…"] }`: those numbers replied STOP, texts to them are refused until `{ "numbers": [] }`.
        const parsed = parseBody(body);
        const numbers = parsed?.numbers;
        const bad = parsed === undefined ? [{ path: 'body', message: 'is not a JSON object' }]
          : !Array.isArray(numbers) ? [{ path: 'body.numbers', message: 'is required: the E.164 numbers on the opt-out list ([] empties it)' }]
          : numbers.flatMap((n, i) => (typeof n === 'string' && /^\+[1-9]\d{6,14}$/.test(n) ? [] : [{ path: `body.numbers.${i}`, message: 'must be an E.164 number' }]));
        if (bad.length > 0) return { status: 400, body: { detail: 'body must be { "numbers": ["+33612345678", …] }', errors: bad } };
        sms?.setOptedOut(numbers as string[]);
        return { status: 200, body: { numbers: sms?.optedOut() ?? [] } };
      }
      case 'GET /local/ses/failures':
        return { status: 200, body: { to: ses?.failing() ?? [] } };
      case 'POST /local/ses/failures': {
        // `{ "to": ["a@b.test"] }`: sends to them answer 503 until `{ "to": [] }`; `"*"` fails every send.
        const failures = parseFailures(body);
        if ('errors' in failures) return { status: 400, body: { detail: 'body must be { "to": ["<address>" | "*", …] } ([] ends the outage)', errors: failures.errors } };
        ses?.setFailing(failures.to);
        return { status: 200, body: { to: ses?.failing() ?? [] } };
      }
      case 'POST /local/streams/drain':
        return { status: 200, body: await poller.drain() };
      default:
        return oidc({ method, url, body });
    }
  };
};

/** `2026-12-01T08:00:00Z`, `2026-12-01T09:00+01:00`: a real calendar day (never 2026-02-30 rolled into March). */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** The run's body, every bad field named (`body.until`, `body.tenantId`, `body.<unknown>`), as the API's problem+json does. */
const parseRun = (body: string): { until: Date; tenantId?: string } | { errors: { path: string; message: string }[] } => {
  const parsed = parseBody(body);
  if (parsed === undefined) return { errors: [{ path: 'body', message: 'is not a JSON object' }] };
  const errors: { path: string; message: string }[] = [];
  const { until, tenantId, ...rest } = parsed;
  const match = typeof until === 'string' ? INSTANT.exec(until) : null;
  if (until === undefined) errors.push({ path: 'body.until', message: 'is required: the instant to move the clock to' });
  else if (!match || !isValidDate(match[1]!)) errors.push({ path: 'body.until', message: 'must be an ISO-8601 instant with a time zone (2026-12-01T08:00:00Z)' });
  if (tenantId !== undefined && (typeof tenantId !== 'string' || !TENANT.test(tenantId))) errors.push({ path: 'body.tenantId', message: 'must be 1-128 characters of [A-Za-z0-9_-]' });
  for (const key of Object.keys(rest)) errors.push({ path: `body.${key}`, message: 'is not a known field' });
  if (errors.length > 0) return { errors };
  return { until: new Date(until as string), ...(typeof tenantId === 'string' ? { tenantId } : {}) };
};

/** `{ "to": [...] }`: addresses (or `*`), every bad field named. */
const parseFailures = (body: string): { to: string[] } | { errors: { path: string; message: string }[] } => {
  const parsed = parseBody(body);
  if (parsed === undefined) return { errors: [{ path: 'body', message: 'is not a JSON object' }] };
  const { to, ...rest } = parsed;
  const errors: { path: string; message: string }[] = [];
  if (!Array.isArray(to)) errors.push({ path: 'body.to', message: 'is required: the addresses whose sends fail ("*" for every send, [] to end the outage)' });
  else to.forEach((a, i) => {
    if (typeof a !== 'string' || !(a === '*' || /^[^@\s]+@[^@\s]+$/.test(a))) errors.push({ path: `body.to.${i}`, message: 'must be an email address or "*"' });
  });
  for (const key of Object.keys(rest)) errors.push({ path: `body.${key}`, message: 'is not a known field' });
  return errors.length > 0 ? { errors } : { to: to as string[] };
};

const parseBody = (body: string): Record<string, unknown> | undefined => {
  if (!body.trim()) return {};
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
