/**
 * The local stand-in for the Cognito user pool: signs RS256 JWTs carrying `sub`, `email` and
 * `custom:tenantId`, and verifies them as API Gateway's JWT authorizer does (signature,
 * issuer, audience, expiry). With a data dir the key pair is kept in `jwt-key.json`, so
 * tokens printed by `npm start` stay valid across restarts.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

export const LOCAL_AUDIENCE = 'relances-local';
const MAX_CLOCK_SKEW_SECONDS = 60;
const ALG = 'RS256';
const KID = 'relances-local-1';

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  tokenFor(tenantId: string, email?: string, ttlSeconds?: number, extraClaims?: Record<string, string>): Promise<string>;
  /** A validly signed token with exactly these claims (tests: a token without `custom:tenantId`). */
  tokenWithClaims(claims: JWTPayload & { sub: string }, ttlSeconds?: number): Promise<string>;
  /** Rejects on any invalid token. */
  verify(token: string): Promise<JWTPayload>;
  /** Public keys, served at `<issuer>/.well-known/jwks.json`. */
  readonly jwks: { keys: JWK[] };
}

type KeyMaterial = { privateJwk: JWK; publicJwk: JWK };

const loadOrCreateKeys = async (dataDir?: string): Promise<KeyMaterial> => {
  const file = dataDir ? join(dataDir, 'jwt-key.json') : undefined;
  if (file) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as KeyMaterial;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const keys = { privateJwk: await exportJWK(privateKey), publicJwk: { ...(await exportJWK(publicKey)), kid: KID, alg: ALG, use: 'sig' } };
  if (file && dataDir) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
};

export const createLocalIssuer = async ({ issuer, dataDir }: { issuer: string; dataDir?: string }): Promise<LocalIssuer> => {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(dataDir);
  const privateKey = await importJWK(privateJwk, ALG);
  const publicKey = await importJWK(publicJwk, ALG);
  const sign = ({ sub, ...claims }: JWTPayload & { sub: string }, ttlSeconds = 30 * 86_400) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: KID, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(privateKey);
  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwks: { keys: [publicJwk] },
    tokenFor: (tenantId, email = `${tenantId}@relances.local`, ttlSeconds, extraClaims = {}) =>
      sign({ ...extraClaims, sub: `local-user-${tenantId}`, email, 'custom:tenantId': tenantId, token_use: 'id' }, ttlSeconds),
    tokenWithClaims: sign,
    verify: async (token) => {
      const { payload } = await jwtVerify(token, publicKey, { issuer, audience: LOCAL_AUDIENCE, algorithms: [ALG] });
      // API Gateway's JWT authorizer refuses a token issued in the future (iat must be before now); so does the
      // local stack, with a minute of clock skew.
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) {
        throw new Error('"iat" claim is in the future');
      }
      return payload;
    },
  };
};
