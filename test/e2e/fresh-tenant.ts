import { inject } from 'vitest';
import { ulid } from 'ulid';

/**
 * A client for a tenant of its own (a token minted by the local issuer), for tests whose
 * figures cover a whole tenant and must not see what other tests create.
 */
export const freshTenant = async (label: string) => {
  const base = inject('apiUrl');
  const tenantId = `${label}-${ulid().toLowerCase()}`;
  const { token } = (await (await fetch(`${base}/local/token?tenant=${tenantId}&email=owner@${label}.test`)).json()) as { token: string };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const json = type.includes('json') ? await res.json() : undefined;
    const bytes = json === undefined ? new Uint8Array(await res.arrayBuffer()) : undefined;
    const text = bytes && !type.includes('pdf') ? new TextDecoder().decode(bytes) : undefined;
    return { status: res.status, type, json: json as any, text, bytes, headers: res.headers };
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const res = await call(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.json ?? res.text)}`);
    return res.json;
  };
  return {
    tenantId,
    call,
    ok,
    get: (path: string) => call('GET', path),
    /** Lets both stream consumers see every write made so far. */
    drain: async () => {
      const res = await fetch(`${base}/local/streams/drain`, { method: 'POST' });
      const body = (await res.json()) as { error?: string };
      if (body.error) throw new Error(`stream not drained: ${body.error}`);
    },
  };
};

export type FreshTenant = Awaited<ReturnType<typeof freshTenant>>;

/** Company identity, so invoices can be sent. */
export const companySettings = {
  company: {
    name: 'Plomberie Martin',
    siren: '123456782',
    email: 'contact@plomberie.test',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    address: { line1: '4 rue du Port', postalCode: '44000', city: 'Nantes' },
  },
};
