import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importJWK, SignJWT, type JWK } from 'jose';
import { createLocalIssuer, LOCAL_AUDIENCE } from '../../infra/local/local-issuer.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A token signed with the issuer's own key, with exactly the given issued-at time (seconds), audience and lifetime. */
const signedAt = async (dataDir: string, issuer: string, iat: number, { audience = LOCAL_AUDIENCE, ttl = 3_600 } = {}) => {
  const { privateJwk } = JSON.parse(await readFile(join(dataDir, 'jwt-key.json'), 'utf8')) as { privateJwk: JWK };
  return new SignJWT({ 'custom:tenantId': 'acme', token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256', kid: 'relances-local-1', typ: 'JWT' })
    .setSubject('local-user-acme')
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(await importJWK(privateJwk, 'RS256'));
};

describe('local issuer token checks (as API Gateway JWT authorizer)', () => {
  it('accepts its own tokens and refuses one issued in the future, beyond a minute of clock skew', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'relances-issuer-'));
    dirs.push(dataDir);
    const issuer = 'http://127.0.0.1:1/local';
    const local = await createLocalIssuer({ issuer, dataDir });
    const now = Math.floor(Date.now() / 1000);

    expect((await local.verify(await local.tokenFor('acme')))['custom:tenantId']).toBe('acme');
    expect((await local.verify(await signedAt(dataDir, issuer, now + 30)))['custom:tenantId']).toBe('acme');
    await expect(local.verify(await signedAt(dataDir, issuer, now + 3_600))).rejects.toThrow(/iat/);
  });

  it('refuses, with its own key, an expired token, another audience and another issuer', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'relances-issuer-'));
    dirs.push(dataDir);
    const issuer = 'http://127.0.0.1:1/local';
    const local = await createLocalIssuer({ issuer, dataDir });
    const now = Math.floor(Date.now() / 1000);
    await expect(local.verify(await signedAt(dataDir, issuer, now - 7_200, { ttl: 3_600 }))).rejects.toThrow(/exp/);
    await expect(local.verify(await signedAt(dataDir, issuer, now, { audience: 'another-client' }))).rejects.toThrow(/aud/);
    await expect(local.verify(await signedAt(dataDir, 'https://cognito-idp.eu-west-3.amazonaws.com/another-pool', now))).rejects.toThrow(/iss/);
  });
});
