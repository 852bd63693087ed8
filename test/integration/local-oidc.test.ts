import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { describe, expect, inject, it } from 'vitest';

/** The local issuer's OIDC endpoints, driven as oidc-client-ts drives them (code + PKCE). */
const api = () => inject('apiUrl');
const APP = 'http://localhost:5173';
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
const authorizeParams = (challenge: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    client_id: 'relances-local',
    redirect_uri: `${APP}/auth/callback`,
    response_type: 'code',
    scope: 'openid email profile',
    state: 'st-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
const chooseTenant = async (params: URLSearchParams, tenant: string, email: string) => {
  const res = await fetch(`${api()}/local/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(params), tenant, email }).toString(),
  });
  return res;
};
const exchange = (code: string, verifier: string, redirectUri = `${APP}/auth/callback`) =>
  fetch(`${api()}/local/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: 'relances-local', redirect_uri: redirectUri }).toString(),
  });

describe('local OIDC issuer (the web app signs in through it)', () => {
  it('publishes a discovery document pointing at its own endpoints', async () => {
    const res = await fetch(`${api()}/local/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: `${api()}/local`,
      authorization_endpoint: `${api()}/local/authorize`,
      token_endpoint: `${api()}/local/oauth2/token`,
      jwks_uri: `${api()}/local/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('shows a "choose a tenant" page, then exchanges the code (PKCE) for an ID token the API accepts', async () => {
    const { verifier, challenge } = pkce();
    const params = authorizeParams(challenge);
    const page = await fetch(`${api()}/local/authorize?${params}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('name="tenant"');
    expect(html).toContain(`value="${challenge}"`);

    const redirect = await chooseTenant(params, 'oidc-tenant', 'moi@oidc.test');
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${APP}/auth/callback`);
    expect(location.searchParams.get('state')).toBe('st-1');
    const code = location.searchParams.get('code')!;

    const token = await exchange(code, verifier);
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe(APP);
    const body = (await token.json()) as { id_token: string; token_type: string };
    expect(body.token_type).toBe('Bearer');
    expect(decodeJwt(body.id_token)).toMatchObject({ 'custom:tenantId': 'oidc-tenant', email: 'moi@oidc.test', aud: 'relances-local' });

    const clients = await fetch(`${api()}/clients`, { headers: { authorization: `Bearer ${body.id_token}` } });
    expect(clients.status).toBe(200);

    // A code is used once.
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('speaks the language the web app passes (ui_locales), French by default, and keeps it through a refused form', async () => {
    const { challenge } = pkce();
    const fr = await (await fetch(`${api()}/local/authorize?${authorizeParams(challenge)}`)).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('<label for="tenant">Entreprise (tenant)</label>');
    expect(fr).toContain('>Continuer</button>');

    const enParams = authorizeParams(challenge, { ui_locales: 'en' });
    const en = await (await fetch(`${api()}/local/authorize?${enParams}`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<title>Relances — sign in</title>');
    expect(en).toContain('<label for="tenant">Company (tenant)</label>');
    expect(en).toContain('<label for="email">Email</label>');
    expect(en).toContain('>Continue</button>');
    expect(en).not.toMatch(/Choisissez|Entreprise|Continuer/);
    expect(en).toContain('name="ui_locales" value="en"'); // posted back with the form

    // Preference order: the first language the page speaks; one it does not speak falls back to French.
    expect(await (await fetch(`${api()}/local/authorize?${authorizeParams(challenge, { ui_locales: 'de en-GB' })}`)).text()).toContain('<html lang="en">');
    expect(await (await fetch(`${api()}/local/authorize?${authorizeParams(challenge, { ui_locales: 'de' })}`)).text()).toContain('<html lang="fr">');

    const refused = await chooseTenant(enParams, 'not a tenant!', 'x@y.z');
    expect(refused.status).toBe(400);
    const again = await refused.text();
    expect(again).toContain('<html lang="en">');
    expect(again).toContain('<p role="alert" class="error">Tenant: 1-128 characters');
    expect(again).toContain('>Continue</button>');
  });

  it('refuses a wrong code_verifier, a foreign redirect_uri and a missing PKCE challenge', async () => {
    const { challenge } = pkce();
    const params = authorizeParams(challenge);
    const redirect = await chooseTenant(params, 'oidc-tenant', 'moi@oidc.test');
    const code = new URL(redirect.headers.get('location')!).searchParams.get('code')!;
    const wrong = await exchange(code, pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });

    const foreign = await fetch(`${api()}/local/authorize?${authorizeParams(challenge, { redirect_uri: 'https://evil.example/cb' })}`);
    expect(foreign.status).toBe(400);
    const noPkce = authorizeParams(challenge);
    noPkce.delete('code_challenge');
    expect((await fetch(`${api()}/local/authorize?${noPkce}`)).status).toBe(400);
  });

  it('refuses a tenant id outside [A-Za-z0-9_-] without issuing a code', async () => {
    const res = await chooseTenant(authorizeParams(pkce().challenge), 'not a tenant!', 'x@y.z');
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});
