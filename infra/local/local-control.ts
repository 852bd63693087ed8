/**
 * `/local/*`: control endpoints of the local stack only (never in the route table, never
 * deployed). They mint tokens, show pending schedules and fire them on a simulated clock.
 */
import type { LocalRoute } from './api-server.js';
import type { LocalIssuer } from './local-issuer.js';
import { localOidc } from './local-oidc.js';
import type { SchedulerEmulator } from './scheduler-emulator.js';
import type { SmsLocal } from './sms-local.js';
import type { StreamPoller } from './stream-poller.js';

const TENANT = /^[A-Za-z0-9_-]{1,128}$/;

export const localControl = ({
  issuer,
  scheduler,
  poller,
  isAllowedOrigin = () => false,
  sms,
}: {
  issuer: LocalIssuer;
  scheduler: SchedulerEmulator;
  poller: Pick<StreamPoller, 'drain'>;
  /** Origins the local OIDC endpoints may redirect to (the web app's). */
  isAllowedOrigin?: (origin: string) => boolean;
  /** The SMS stand-in: texts it captured, at `GET /local/sms`. */
  sms?: Pick<SmsLocal, 'messages'>;
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
        const parsed = parseBody(body);
        const until = parsed?.until === undefined ? new Date() : new Date(String(parsed.until));
        const tenantId = parsed?.tenantId;
        if (parsed === undefined || Number.isNaN(until.getTime()) || (tenantId !== undefined && typeof tenantId !== 'string')) {
          return { status: 400, body: 'body must be { "until": "<ISO instant>", "tenantId"?: "<only this tenant\'s schedules>" }' };
        }
        return { status: 200, body: { fired: await scheduler.runUntil(until, tenantId === undefined ? {} : { tenantId }) } };
      }
      case 'GET /local/sms': {
        // Optional `?to=+33…` keeps one recipient's texts.
        const to = url.searchParams.get('to');
        const items = (sms?.messages() ?? []).filter((m) => !to || m.to === to);
        return { status: 200, body: { items } };
      }
      case 'POST /local/streams/drain':
        return { status: 200, body: await poller.drain() };
      default:
        return oidc({ method, url, body });
    }
  };
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
