import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalSecretOf } from '../../shared/wiring-portal-secret.js';

/**
 * A stand-in Secrets Manager endpoint (its JSON protocol, over real HTTP, reached by the real SDK
 * client through AWS_ENDPOINT_URL_SECRETS_MANAGER): counts the reads, fails on demand.
 */
const SECRET = 's'.repeat(64);
const ARN = 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:PortalSecret-AbCdEf';
const requests: { target: string; body: { SecretId?: string } }[] = [];
let failNext = 0;
let server: Server;
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ target: String(req.headers['x-amz-target']), body: JSON.parse(raw || '{}') as { SecretId?: string } });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (failNext > 0) {
        failNext -= 1;
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Secrets Manager can’t find the specified secret.' }));
        return;
      }
      res.end(JSON.stringify({ ARN, Name: 'PortalSecret', SecretString: SECRET, VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
});

afterAll(async () => {
  for (const key of ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await new Promise((resolve) => server.close(resolve));
});

describe('the portal secret (shared/wiring-portal-secret.ts)', () => {
  it('is none without PORTAL_TOKEN_SECRET or PORTAL_SECRET_ARN (random links, as before)', () => {
    expect(portalSecretOf({})).toBeUndefined();
  });

  it('takes PORTAL_TOKEN_SECRET as is, without calling Secrets Manager', async () => {
    requests.length = 0;
    expect(await portalSecretOf({ PORTAL_TOKEN_SECRET: 'local'.repeat(8), PORTAL_SECRET_ARN: ARN })!()).toBe('local'.repeat(8));
    expect(requests).toEqual([]);
  });

  it('reads PORTAL_SECRET_ARN once per container; a failed read is not kept, the next issue reads again', async () => {
    requests.length = 0;
    failNext = 1;
    const secret = portalSecretOf({ PORTAL_SECRET_ARN: ARN })!;
    await expect(secret()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const [a, b] = await Promise.all([secret(), secret()]);
    expect([a, b, await secret()]).toEqual([SECRET, SECRET, SECRET]);
    expect(requests).toEqual([
      { target: 'secretsmanager.GetSecretValue', body: { SecretId: ARN } },
      { target: 'secretsmanager.GetSecretValue', body: { SecretId: ARN } },
    ]);
  });
});
