import { inject } from 'vitest';

/** A tiny client for the local stack, as a front end would call it. */
export const api = (tenant: 'acme' | 'globex' | 'fuzz' | 'noTenant' | 'blankTenant' | 'accessToken' = 'acme') => apiWithToken(inject('tokens')[tenant]);

/** A tenant of its own (fresh settings), for tests that change the company or need it incomplete. */
export const aFreshTenant = async (label: string) => {
  const tenant = `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const res = await fetch(`${inject('apiUrl')}/local/token?tenant=${tenant}`);
  return { tenant, ...apiWithToken(((await res.json()) as { token: string }).token) };
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
