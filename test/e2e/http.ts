import { inject } from 'vitest';
import { aCompanyIdentity } from '../fixtures/api-fixtures.js';

/** A tiny client for the local stack, as a front end would call it. */
export const api = (tenant: 'acme' | 'globex' | 'fuzz' | 'noTenant' | 'blankTenant' | 'accessToken' = 'acme') => apiWithToken(inject('tokens')[tenant]);

/** A tenant of its own (fresh settings), for tests that change the company or need it incomplete. */
export const aFreshTenant = async (label: string) => {
  const tenant = `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const res = await fetch(`${inject('apiUrl')}/local/token?tenant=${tenant}`);
  return { tenant, ...apiWithToken(((await res.json()) as { token: string }).token) };
};

/**
 * A tenant of its own with a company identity (it can send invoices), made on its first call. For
 * files that send invoices: numbers follow the invoices' dates (CGI 242 nonies A), so an invoice dated
 * 2026-11-02 sent into a shared tenant after another file sent one dated today would be refused.
 */
export const ownTenant = (label: string) => {
  const tenant = `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  let ready: Promise<ReturnType<typeof apiWithToken>> | undefined;
  const client = () =>
    (ready ??= (async () => {
      const res = await fetch(`${inject('apiUrl')}/local/token?tenant=${tenant}`);
      const own = apiWithToken(((await res.json()) as { token: string }).token);
      const settings = await own.put('/settings', { company: aCompanyIdentity({ name: `${label} SARL` }) });
      if (settings.status !== 200) throw new Error(`could not set ${tenant}'s company identity: ${settings.status}`);
      return own;
    })());
  return {
    tenant,
    get: async (path: string, headers?: Record<string, string>) => (await client()).get(path, headers),
    post: async (path: string, body?: unknown, headers?: Record<string, string>) => (await client()).post(path, body, headers),
    patch: async (path: string, body: unknown) => (await client()).patch(path, body),
    put: async (path: string, body: unknown) => (await client()).put(path, body),
    delete: async (path: string) => (await client()).delete(path),
    raw: async (...args: Parameters<ReturnType<typeof apiWithToken>['raw']>) => (await client()).raw(...args),
  };
};

const apiWithToken = (token: string | undefined) => {
  const base = inject('apiUrl');
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const json = type.includes('json') ? await res.json() : undefined;
    const bytes = json === undefined ? new Uint8Array(await res.arrayBuffer()) : undefined;
    return { status: res.status, type, json: json as any, bytes, headers: res.headers };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
    raw: call,
  };
};

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename: string; contentType: string; content: string; size: number }[];
  at: number;
}

/** Emails the SES emulator received, optionally only those to one address. */
export const inbox = async (to?: string): Promise<StoredEmail[]> => {
  const res = await fetch(`${inject('sesUrl')}/store`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  return to ? emails.filter((e) => e.destination.to.includes(to)) : emails;
};

/** A unique address per test, so tests sharing the emulator never see each other's mail. */
export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@client.test`;
