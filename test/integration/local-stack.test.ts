import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { generateKeyPair, SignJWT } from 'jose';
import { buildApiEvent, matchRoute } from '../../infra/local/api-event.js';
import { startLocalStack } from '../../infra/local/local-stack.js';
import { StreamPoller } from '../../infra/local/stream-poller.js';
import { routeList } from '../../shared/http/routes.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const api = (path: string, init: RequestInit = {}) => fetch(`${inject('apiUrl')}${path}`, init);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('API server over the route table', () => {
  it('answers /health without a token', async () => {
    const res = await api('/health');
    expect(res.status).toBe(200);
  });

  it('refuses a jwt route without a token, before the handler, with problem+json', async () => {
    const res = await api('/clients');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: expect.any(String) });
  });

  it('refuses a tampered token and a token from another issuer', async () => {
    const { token } = (await (await api('/local/token?tenant=acme')).json()) as { token: string };
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'custom:tenantId': 'globex' })).toString('base64url');
    expect((await api('/clients', { headers: bearer(`${header}.${forged}.${signature}`) })).status).toBe(401);

    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect((await api('/clients', { headers: bearer(foreign) })).status).toBe(401);
    expect((await api('/clients', { headers: { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' } })).status).toBe(401);
  });

  it('refuses, as API Gateway does, an unsigned token (alg none) and one signed HS256 with the published public key (expiry, audience, issuer: test/unit/local-issuer.test.ts)', async () => {
    const { token } = (await (await api('/local/token?tenant=acme')).json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = (payload: Record<string, unknown>) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
    const jwks = (await (await api('/local/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] };
    const refused = [
      unsigned(claims),
      `${b64({ alg: 'none' })}.${token.split('.')[1]}.${token.split('.')[2]}`,
      // The RSA public key (published) used as an HMAC secret: the classic algorithm confusion.
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: jwks.keys[0]!.kid as string }).sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0]))),
      await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(String(jwks.keys[0]!.n))),
    ];
    for (const forged of refused) expect((await api('/clients', { headers: bearer(forged) })).status, forged.slice(0, 40)).toBe(401);
    expect((await api('/clients', { headers: bearer(token) })).status).toBe(200);
  });

  it('passes the tenant of a /local/token token to the handlers', async () => {
    const tokenFor = async (tenant: string) => ((await (await api(`/local/token?tenant=${tenant}&email=boss@${tenant}.example`)).json()) as { token: string }).token;
    const initech = await tokenFor('initech');
    const umbrella = await tokenFor('umbrella');
    const created = await api('/clients', {
      method: 'POST',
      headers: { ...bearer(initech), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Plomberie Martin', kind: 'business', email: 'compta@martin.example' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/clients/${id}`, { headers: bearer(initech) })).status).toBe(200);
    // Another tenant's resource is a 404, never a 403.
    expect((await api(`/clients/${id}`, { headers: bearer(umbrella) })).status).toBe(404);
  });

  it('answers 404 problem+json for an unknown route and 405 for a known path with another method', async () => {
    const res = await api('/no-such-route');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Not found' });
    expect((await api('/health', { method: 'DELETE' })).status).toBe(405);
  });

  it('answers CORS preflights for local front ends only', async () => {
    const preflight = (origin: string) => api('/clients', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers only requests addressed to this machine: a page whose name was rebound to 127.0.0.1 (DNS rebinding) mints no token, reads no inbox', async () => {
    // A browser sends the page's own name as Host; fetch cannot set it, node:http can.
    const withHost = (url: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const target = new URL(url);
        request({ hostname: '127.0.0.1', port: target.port, path: target.pathname + target.search, headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end();
      });
    const servers = [
      `${inject('apiUrl')}/local/token?tenant=acme`,
      `${inject('apiUrl')}/health`,
      `${inject('sesUrl')}/store`,
      `${inject('smsUrl')}/messages`,
      `${inject('schedulerEndpoint')}/`,
      `${inject('webUrl')}/config.json`,
    ];
    for (const url of servers) {
      const port = new URL(url).port;
      expect(await withHost(url, `rebind.evil.example:${port}`), url).toBe(421);
      expect(await withHost(url, `localhost.evil.example:${port}`), url).toBe(421);
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'localhost']) expect(await withHost(url, host), `${url} as ${host}`).not.toBe(421);
    }
  });

  it('requires a tenant to mint a token', async () => {
    expect((await api('/local/token')).status).toBe(400);
  });
});

describe('API Gateway v2 events', () => {
  const routes = routeList();
  const claims = { sub: 'u-1', email: 'a@acme.example', 'custom:tenantId': 'acme', exp: 1_900_000_000, aud: 'relances-local' };

  it('builds the event API Gateway hands to a jwt route', () => {
    const match = matchRoute(routes, 'DELETE', '/invoices/inv%201/payments/p-9');
    if (!match || match === 'method-not-allowed') throw new Error('no match');
    const event = buildApiEvent({
      method: 'DELETE', url: '/invoices/inv%201/payments/p-9?x=1&x=2&y=%C3%A9',
      headers: { host: 'localhost:3000', 'content-type': 'application/json', cookie: 'a=1; b=2', 'x-multi': ['1', '2'] },
      body: Buffer.from('{"reason":"typo"}'), sourceIp: '127.0.0.1',
    }, match, claims, new Date('2026-01-15T09:00:00Z'));
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'DELETE /invoices/{id}/payments/{paymentId}',
      rawPath: '/invoices/inv%201/payments/p-9',
      rawQueryString: 'x=1&x=2&y=%C3%A9',
      cookies: ['a=1', 'b=2'],
      queryStringParameters: { x: '1,2', y: 'é' },
      pathParameters: { id: 'inv 1', paymentId: 'p-9' },
      headers: { host: 'localhost:3000', 'content-type': 'application/json', 'x-multi': '1,2' },
      body: '{"reason":"typo"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'DELETE', path: '/invoices/inv%201/payments/p-9', sourceIp: '127.0.0.1' },
        routeKey: 'DELETE /invoices/{id}/payments/{paymentId}',
        stage: '$default',
        timeEpoch: Date.parse('2026-01-15T09:00:00Z'),
        time: '15/Jan/2026:09:00:00 +0000',
        authorizer: { jwt: { claims: { 'custom:tenantId': 'acme', sub: 'u-1', email: 'a@acme.example', exp: '1900000000' }, scopes: null } },
      },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('base64-encodes binary bodies and gives no authorizer to open routes', () => {
    const match = matchRoute(routes, 'GET', '/health');
    if (!match || match === 'method-not-allowed') throw new Error('no match');
    const event = buildApiEvent({ method: 'GET', url: '/health', headers: { 'content-type': 'application/pdf' }, body: Buffer.from([0x25, 0x50, 0xff]), sourceIp: '::1' }, match);
    expect(event).toMatchObject({ body: Buffer.from([0x25, 0x50, 0xff]).toString('base64'), isBase64Encoded: true });
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('queryStringParameters');
  });
});

describe('DynamoDB Local', () => {
  const dynamodb = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-west-3', credentials });
  afterAll(() => dynamodb.destroy());

  it('holds the single table with its GSIs and a NEW_AND_OLD_IMAGES stream', async () => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: inject('tableName') }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'PK', KeyType: 'HASH' }, { AttributeName: 'SK', KeyType: 'RANGE' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.Projection?.ProjectionType]).sort()).toEqual([['GSI1', 'ALL'], ['GSI2', 'ALL'], ['GSI3', 'ALL']]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamArn).toBeTruthy();
  });
});

describe('stream poller', () => {
  const endpoint = inject('dynamodbEndpoint');
  const dynamodb = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'eu-west-3', credentials });
  const documents = DynamoDBDocumentClient.from(dynamodb);
  const TableName = `poller-test-${Date.now()}`;
  afterAll(async () => {
    await dynamodb.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    dynamodb.destroy();
    streams.destroy();
  });

  it('delivers Lambda-shaped batches, retries a failed batch as is, and drains before resolving', async () => {
    await dynamodb.send(new CreateTableCommand({
      TableName, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }));
    const batches: DynamoDBStreamEvent[] = [];
    let failNext = true;
    const poller = new StreamPoller({
      tableName: TableName, region: 'eu-west-3', dynamodb, streams,
      handler: async (event) => {
        batches.push(event);
        if (failNext) {
          failNext = false;
          throw new Error('transient');
        }
      },
    });
    await documents.send(new PutCommand({ TableName, Item: { PK: 'a', n: 1, bytes: new Uint8Array([1, 2]) } }));
    await documents.send(new PutCommand({ TableName, Item: { PK: 'a', n: 2 } }));

    expect(await poller.drain()).toEqual({ delivered: 2 });
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual(batches[0]);
    const [insert, modify] = batches[1]!.Records;
    expect(insert).toMatchObject({
      eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: 'eu-west-3', eventSourceARN: expect.stringContaining(TableName),
      dynamodb: { Keys: { PK: { S: 'a' } }, NewImage: { PK: { S: 'a' }, n: { N: '1' }, bytes: { B: 'AQI=' } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(modify).toMatchObject({ eventName: 'MODIFY', dynamodb: { OldImage: { n: { N: '1' } }, NewImage: { n: { N: '2' } } } });
    expect(insert?.dynamodb?.SequenceNumber).toBeTruthy();

    await documents.send(new PutCommand({ TableName, Item: { PK: 'b' } }));
    expect(await poller.drain()).toEqual({ delivered: 1 });
    expect(batches.at(-1)?.Records.map((r) => r.dynamodb?.Keys?.PK?.S)).toEqual(['b']);
    expect(await poller.drain()).toEqual({ delivered: 0 });
    await poller.stop();
  });

  it('stops after the batch in hand, leaving the rest of a backlog on the stream', async () => {
    const BacklogTable = `${TableName}-backlog`;
    await dynamodb.send(new CreateTableCommand({
      TableName: BacklogTable, BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }));
    try {
      for (let i = 0; i < 20; i++) await documents.send(new PutCommand({ TableName: BacklogTable, Item: { PK: `k${i}` } }));
      let delivered = 0;
      let firstBatch!: () => void;
      const handling = new Promise<void>((resolve) => (firstBatch = resolve));
      // One record a batch, 50 ms each: the backlog would take a second to hand over.
      const poller = new StreamPoller({
        tableName: BacklogTable, region: 'eu-west-3', dynamodb, streams, batchSize: 1,
        handler: async () => {
          firstBatch();
          await new Promise((r) => setTimeout(r, 50));
          delivered += 1;
        },
      });
      poller.start();
      await handling;
      await poller.stop();
      // The batch being handled when stop was called, at most: not the 20 records written.
      expect(delivered).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(delivered).toBe(1);
    } finally {
      await dynamodb.send(new DeleteTableCommand({ TableName: BacklogTable })).catch(() => undefined);
    }
  });

  it('reports a handler that keeps failing instead of hanging the drain', async () => {
    const poller = new StreamPoller({
      tableName: TableName, region: 'eu-west-3', dynamodb, streams,
      handler: async () => {
        throw new Error('still broken');
      },
    });
    const result = await poller.drain(2);
    expect(result).toEqual({ delivered: 0, error: 'still broken' });
    await poller.stop();
  });
});

describe('a stack with a data dir', () => {
  it('keeps table items, schedules and the token key across a restart', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'relances-local-'));
    try {
      const first = await startLocalStack({ dataDir, ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
      const ports = Object.fromEntries(Object.entries(first.urls).map(([k, u]) => [k, Number(new URL(u).port)]));
      const token = await first.tokenFor('persist');
      const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: first.urls.dynamodb, region: 'eu-west-3', credentials }));
      await documents.send(new PutCommand({ TableName: first.tableName, Item: { PK: 'TENANT#persist', SK: 'MARKER', value: 42 } }));
      documents.destroy();
      const scheduler = new SchedulerClient({ endpoint: first.urls.scheduler, region: 'eu-west-3', credentials });
      await scheduler.send(new CreateScheduleCommand({
        Name: 'kept', GroupName: 'relances-local', ScheduleExpression: 'at(2099-01-01T09:00:00)', ScheduleExpressionTimezone: 'Europe/Paris',
        FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 'arn:aws:lambda:eu-west-3:000000000000:function:x', RoleArn: 'arn:aws:iam::000000000000:role/r' },
      }));
      scheduler.destroy();
      await first.stop();

      // The API's port again (a token's issuer is its URL); the others anew: a port just freed may
      // already be another process's (any outgoing connection takes one from the same range).
      const second = await startLocalStack({ dataDir, ports: { api: ports.api!, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
      try {
        const again = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: second.urls.dynamodb, region: 'eu-west-3', credentials }));
        const { Item } = await again.send(new GetCommand({ TableName: second.tableName, Key: { PK: 'TENANT#persist', SK: 'MARKER' } }));
        again.destroy();
        expect(Item).toEqual({ PK: 'TENANT#persist', SK: 'MARKER', value: 42 });
        const pending = (await (await fetch(`${second.urls.api}/local/schedules`)).json()) as { items: { name: string }[] };
        expect(pending.items.map((i) => i.name)).toEqual(['kept']);
        // Same key and issuer: a token printed before the restart still works.
        expect((await fetch(`${second.urls.api}/settings`, { headers: bearer(token) })).status).not.toBe(401);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
