import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { httpHandler, type HttpEvent, type IdempotencyWiring } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { routes } from '../../shared/http/routes.js';

/**
 * Client categories are lower-cased at the edge (README "Client categories"): `Grand-Compte` typed by the owner is
 * the category `grand-compte` a scenario is bound to, on clients and on scenarios alike; any other character stays a
 * 400 naming the tag.
 */
const anEvent = (body: unknown, path?: Record<string, string>): HttpEvent =>
  ({
    version: '2.0',
    routeKey: 'X /x',
    rawPath: '/x',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(path ? { pathParameters: path } : {}),
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: { sub: 'u-1', 'custom:tenantId': 'acme' }, scopes: null } } },
  }) as unknown as HttpEvent;

const unusedStore: IdempotencyWiring = { idempotency: () => { throw new Error('no Idempotency-Key in these tests'); } };
const echo = <R extends (typeof routes)[keyof typeof routes]>(route: R) =>
  httpHandler(route, async (request) => ok({ body: request.body ?? null }), ...([unusedStore] as never));
const call = async (handler: ReturnType<typeof echo>, event: HttpEvent) => {
  const res = (await handler(event, {} as Context)) as { statusCode: number; body: string };
  return { status: res.statusCode, json: JSON.parse(res.body) };
};

const steps = [{ id: 'j+2', offsetDays: 2, templateId: 'reminder' }];

describe('client tags', () => {
  it('PATCH /clients/{id} lower-cases and trims tags instead of refusing them', async () => {
    const res = await call(echo(routes.updateClient), anEvent({ tags: ['Grand-Compte', ' Particulier-Fidèle '] }, { id: 'c-1' }));
    expect(res.status).toBe(200);
    expect(res.json.body.tags).toEqual(['grand-compte', 'particulier-fidèle']);
  });

  it('composes an accent typed as a letter and a combining mark (NFD, some pastes) into the one category, never a 400', async () => {
    const decomposed = 'Particulier-Fide\u0300le';
    const res = await call(echo(routes.updateClient), anEvent({ tags: [decomposed] }, { id: 'c-1' }));
    expect(res.status).toBe(200);
    expect(res.json.body.tags).toEqual(['particulier-fidèle'.normalize('NFC')]);
    // The same category written both ways is one tag repeated.
    const twice = await call(echo(routes.updateClient), anEvent({ tags: ['particulier-fidèle', decomposed] }, { id: 'c-1' }));
    expect(twice.status).toBe(400);
  });

  it('POST /clients does the same', async () => {
    const res = await call(echo(routes.createClient), anEvent({ name: 'X', kind: 'business', email: 'x@example.com', tags: ['VIP'] }));
    expect(res.status).toBe(200);
    expect(res.json.body.tags).toEqual(['vip']);
  });

  it('scenarios are bound to the same lower-cased categories (POST and PUT)', async () => {
    const created = await call(echo(routes.createScenario), anEvent({ name: 'Grands comptes', steps, tags: ['GRAND-COMPTE'] }));
    expect(created.status).toBe(200);
    expect(created.json.body.tags).toEqual(['grand-compte']);
    const put = await call(echo(routes.putScenario), anEvent({ tags: ['Grand-Compte'] }, { id: 'grands-comptes' }));
    expect(put.status).toBe(200);
    expect(put.json.body.tags).toEqual(['grand-compte']);
  });

  it('Grand-Compte and grand-compte are one category: given both, the tag repeats', async () => {
    const res = await call(echo(routes.updateClient), anEvent({ tags: ['Grand-Compte', 'grand-compte'] }, { id: 'c-1' }));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ path: 'body.tags', message: 'must not repeat a tag' }]);
  });

  it('other characters stay a 400 naming the tag', async () => {
    const client = await call(echo(routes.updateClient), anEvent({ tags: ['ok', 'Grand Compte'] }, { id: 'c-1' }));
    expect(client.status).toBe(400);
    expect(client.json.errors).toEqual([{ path: 'body.tags.1', message: 'must be 1-40 lowercase letters, digits, dashes or underscores' }]);
    const scenario = await call(echo(routes.putScenario), anEvent({ tags: ['grand.compte'] }, { id: 'grands-comptes' }));
    expect(scenario.status).toBe(400);
    expect(scenario.json.errors).toEqual([{ path: 'body.tags.0', message: 'must be 1-40 lowercase letters, digits, dashes or underscores' }]);
  });
});
