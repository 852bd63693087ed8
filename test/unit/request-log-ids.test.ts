/**
 * The JSON line each API request logs (issue 12: tenant, invoice, step and request ids; no personal data
 * beyond ids). A step's routes (`/invoices/{id}/reminders/{stepId}/…`) name the step; a path that is not
 * an id, such as an email address or a phone number typed in the URL (a 400; a phone number has a step
 * id's shape, a 404), is never copied into the line (it was, as `invoiceId`, `clientId` or `paymentId`).
 */
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpHandler, type HttpEvent, type IdempotencyWiring } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';

const anEvent = (path: Record<string, string>, method = 'GET'): HttpEvent =>
  ({
    version: '2.0',
    routeKey: `${method} /x`,
    rawPath: '/x',
    rawQueryString: '',
    headers: {},
    pathParameters: path,
    isBase64Encoded: false,
    requestContext: { requestId: `req-${Math.random().toString(36).slice(2)}`, authorizer: { jwt: { claims: { sub: 'u-1', 'custom:tenantId': 'acme' }, scopes: null } } },
  }) as unknown as HttpEvent;

const unusedStore: IdempotencyWiring = { idempotency: () => { throw new Error('no Idempotency-Key in these tests'); } };
const echo = <R extends (typeof routes)[keyof typeof routes]>(route: R) => httpHandler(route, async () => ok({}), ...([unusedStore] as never));

const lines: string[] = [];
let restore: () => void;
beforeAll(() => {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  restore = () => {
    process.stdout.write = write;
  };
});
afterAll(() => restore?.());

/** The request line of one event, by its request id. */
const lineOf = async (route: (typeof routes)[keyof typeof routes], event: HttpEvent) => {
  const res = (await echo(route)(event, { awsRequestId: 'lambda-1' } as Context)) as { statusCode: number };
  const requestId = event.requestContext.requestId;
  const line = lines.map((l) => { try { return JSON.parse(l) as Record<string, unknown>; } catch { return undefined; } }).find((l) => l?.message === 'request' && l.requestId === requestId);
  return { status: res.statusCode, line: line!, raw: lines.filter((l) => l.includes(requestId)).join('\n') };
};

describe('the request log line', () => {
  it('names the step of a step route with its invoice', async () => {
    const cancel = await lineOf(routes.cancelReminderStep, anEvent({ id: '01M8FS2TTX87AFJJ2HA3BAZ1S4', stepId: 'j+1' }, 'POST'));
    expect(cancel.line).toMatchObject({ route: 'POST /invoices/{id}/reminders/{stepId}/cancel', tenantId: 'acme', invoiceId: '01M8FS2TTX87AFJJ2HA3BAZ1S4', stepId: 'j+1' });
    const letter = await lineOf(routes.letterPdf, anEvent({ id: '01M8FS2TTX87AFJJ2HA3BAZ1S4', stepId: 'manual-2026-11-27' }));
    expect(letter.line).toMatchObject({ invoiceId: '01M8FS2TTX87AFJJ2HA3BAZ1S4', stepId: 'manual-2026-11-27' });
  });

  it.each([
    ['an invoice', routes.getInvoice, { id: 'jean.dupont@gmail.com' }, 'jean.dupont@gmail.com'],
    ['a client', routes.getClient, { id: '+33612345678' }, '33612345678'],
    ['a payment', routes.getPayment, { id: '01ABC', paymentId: 'marie@exemple.fr' }, 'marie@exemple.fr'],
    ['a step', routes.cancelReminderStep, { id: '01ABC', stepId: '+33612345678' }, '33612345678'],
    ['a step', routes.cancelReminderStep, { id: '01ABC', stepId: 'paul@exemple.fr' }, 'paul@exemple.fr'],
  ])('leaves out %s path that is an email address or a phone number', async (_label, route, path, personal) => {
    const { line, raw } = await lineOf(route, anEvent(path, route.method));
    expect(line).toMatchObject({ tenantId: 'acme', status: expect.any(Number) });
    expect(raw).not.toContain(personal);
  });
});
