/**
 * The typed API client: openapi-fetch over the types generated from `/openapi.json`
 * (`npm run gen:api`), no hand-written request types. Every request carries the ID token;
 * a 401 sends the user to sign in again.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../api/schema';
import { idToken, signIn } from './auth';
import { loadApiMessages, rememberNames } from './api-message';
import { toApiError } from './problem';

export type ApiClient = Client<paths>;

let client: ApiClient | undefined;

const authMiddleware: Middleware = {
  async onRequest({ request }) {
    const token = await idToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401 && !window.location.pathname.startsWith('/p/')) {
      await signIn(window.location.pathname + window.location.search);
    }
    return response;
  },
};

/** The template and scenario lists read: their names, for refusals that name one by its id (api-message.ts). */
const namesMiddleware: Middleware = {
  onResponse({ request, response }) {
    const kind = /\/(templates|scenarios)$/.exec(new URL(request.url).pathname)?.[1];
    if (request.method === 'GET' && response.ok && kind)
      void response
        .clone()
        .json()
        .then((body: { items?: { id: string; name: string }[] }) => rememberNames(kind === 'templates' ? 'template' : 'scenario', body.items ?? []))
        .catch(() => undefined);
    return undefined;
  },
};

export const initApi = (baseUrl: string, fetchImpl?: typeof fetch): ApiClient => {
  client = createClient<paths>({ baseUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  client.use(authMiddleware);
  client.use(namesMiddleware);
  return client;
};

export const api = (): ApiClient => {
  if (!client) throw new Error('api not initialised');
  return client;
};

/** openapi-fetch answers `{ data, error, response }`; queries want data or a thrown ApiError. */
export const unwrap = async <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    await loadApiMessages(); // the refusal is said in the user's language
    throw toApiError(response.status, error);
  }
  return data as T;
};

/** For binary answers (PDFs): an object URL the caller revokes. */
export const fetchBlobUrl = async (baseUrl: string, path: string): Promise<string> => {
  const token = await idToken();
  const response = await fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    await loadApiMessages();
    throw toApiError(response.status, body);
  }
  return URL.createObjectURL(await response.blob());
};
