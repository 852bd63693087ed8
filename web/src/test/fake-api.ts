/**
 * The typed client over a fake `fetch` for screen tests: each request is recorded (method, path,
 * JSON body) and answered by the test's handler. Auth is initialised without a user, so no token
 * is sent and nothing leaves the process.
 */
import { initApi } from '../lib/api-client';
import { initAuth } from '../lib/auth';
import { setConfig } from '../lib/config';

export interface Recorded {
  method: string;
  path: string;
  body?: unknown;
}

export type Handler = (request: Recorded) => { status: number; body?: unknown } | undefined;

export const API = 'http://api.test';

export const fakeApi = (handler: Handler) => {
  const calls: Recorded[] = [];
  const config = { apiUrl: API, authority: 'http://issuer.test', clientId: 'test' };
  setConfig(config);
  initAuth(config);
  initApi(API, async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const recorded: Recorded = { method: request.method, path: url.pathname + url.search, ...(text ? { body: JSON.parse(text) } : {}) };
    calls.push(recorded);
    const answer = handler(recorded) ?? { status: 404, body: { title: 'Not Found', status: 404 } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  return calls;
};

/** The 422 POST /clients/{id}/reminders answers, dry run or not, when none of its invoices can be reminded (client-reminders.ts). */
export const nothingToRemind = (items: { invoiceId: string; number?: string; reason: string }[]) => ({
  type: 'https://relances.dev/problems/nothing-to-remind',
  title: 'Unprocessable request',
  status: 422,
  detail: 'No invoice of this client can be reminded now',
  errors: items.map((i, n) => ({ path: `body.invoiceIds.${n}`, message: `${i.number ?? i.invoiceId}: ${i.reason}` })),
  items: items.map((i) => ({ ...i, status: 'skipped' })),
});
