/**
 * The OpenID Connect endpoints the web app signs in through, locally: discovery, authorize
 * (a small "choose a tenant" page instead of Cognito's managed login) and token, with the
 * authorization code + PKCE (S256) flow. The same sign-in code (oidc-client-ts) runs against
 * Cognito when deployed. Codes live in memory for 2 minutes and are used once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LOCAL_AUDIENCE, type LocalIssuer } from './local-issuer.js';

export interface LocalAnswer { status: number; body: unknown; headers?: Record<string, string> }
type Request = { method: string; url: URL; body: string };

const TENANT = /^[A-Za-z0-9_-]{1,128}$/;
const EMAIL = /^[^@\s<>"']+@[^@\s<>"']+$/;
const CODE_TTL_MS = 120_000;

interface PendingCode { tenant: string; email: string; clientId: string; redirectUri: string; challenge: string; nonce?: string; expires: number }

export const localOidc = ({ issuer, isAllowedRedirect }: { issuer: LocalIssuer; isAllowedRedirect: (uri: string) => boolean }) => {
  const codes = new Map<string, PendingCode>();
  const base = issuer.issuer;

  const discovery = () => ({
    issuer: base,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/oauth2/token`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    end_session_endpoint: `${base}/logout`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile'],
    token_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['sub', 'email', 'custom:tenantId'],
  });

  /** Checks what the client asked for; answers an error text or the parameters. */
  const authorizeParams = (params: URLSearchParams) => {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    if (clientId !== LOCAL_AUDIENCE) return `client_id must be ${LOCAL_AUDIENCE}`;
    if (!isAllowedRedirect(redirectUri)) return 'redirect_uri is not an allowed origin';
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (params.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43,128}$/.test(params.get('code_challenge') ?? '')) {
      return 'PKCE is required: code_challenge with code_challenge_method=S256';
    }
    return {
      clientId,
      redirectUri,
      challenge: params.get('code_challenge')!,
      state: params.get('state') ?? undefined,
      nonce: params.get('nonce') ?? undefined,
      scope: params.get('scope') ?? 'openid',
    };
  };

  const html = (status: number, body: string): LocalAnswer => ({
    status,
    body,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline';" },
  });
  const json = (status: number, body: unknown): LocalAnswer => ({ status, body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  const redirect = (location: string): LocalAnswer => ({ status: 302, body: '', headers: { location, 'cache-control': 'no-store' } });

  return async ({ method, url, body }: Request): Promise<LocalAnswer | undefined> => {
    const path = url.pathname;
    if (method === 'GET' && path === '/local/.well-known/openid-configuration') return json(200, discovery());

    if (path === '/local/authorize' && method === 'GET') {
      const checked = authorizeParams(url.searchParams);
      const lang = pageLang(url.searchParams);
      if (typeof checked === 'string') return html(400, page(lang, `<p role="alert">${escape(checked)}</p>`));
      return html(200, page(lang, chooseTenantForm(lang, url.searchParams, url.searchParams.get('login_hint') ?? '')));
    }

    if (path === '/local/authorize' && method === 'POST') {
      const form = new URLSearchParams(body);
      const checked = authorizeParams(form);
      const lang = pageLang(form);
      if (typeof checked === 'string') return html(400, page(lang, `<p role="alert">${escape(checked)}</p>`));
      const tenant = (form.get('tenant') ?? '').trim();
      const email = (form.get('email') ?? '').trim() || `${tenant}@relances.local`;
      if (!TENANT.test(tenant) || !EMAIL.test(email)) {
        return html(400, page(lang, chooseTenantForm(lang, form, TEXTS[lang].invalid)));
      }
      const code = randomBytes(32).toString('base64url');
      codes.set(code, { tenant, email, clientId: checked.clientId, redirectUri: checked.redirectUri, challenge: checked.challenge, nonce: checked.nonce, expires: Date.now() + CODE_TTL_MS });
      const target = new URL(checked.redirectUri);
      target.searchParams.set('code', code);
      if (checked.state) target.searchParams.set('state', checked.state);
      return redirect(target.toString());
    }

    if (path === '/local/oauth2/token' && method === 'POST') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'authorization_code') return json(400, { error: 'unsupported_grant_type' });
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code);
      if (!pending || pending.expires < Date.now()) return json(400, { error: 'invalid_grant', error_description: 'unknown, used or expired code' });
      if (form.get('client_id') !== pending.clientId || form.get('redirect_uri') !== pending.redirectUri) {
        return json(400, { error: 'invalid_grant', error_description: 'client_id or redirect_uri differ from the authorize request' });
      }
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
        return json(400, { error: 'invalid_grant', error_description: 'code_verifier does not match code_challenge' });
      }
      const ttl = 12 * 3600;
      const idToken = await issuer.tokenFor(pending.tenant, pending.email, ttl, pending.nonce ? { nonce: pending.nonce } : undefined);
      return json(200, { id_token: idToken, access_token: idToken, token_type: 'Bearer', expires_in: ttl, scope: 'openid email profile' });
    }

    if (path === '/local/logout' && method === 'GET') {
      const back = url.searchParams.get('post_logout_redirect_uri') ?? '';
      const lang = pageLang(url.searchParams);
      return isAllowedRedirect(back) ? redirect(back) : html(200, page(lang, `<p>${TEXTS[lang].signedOut}</p>`));
    }
    return undefined;
  };
};

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PASSED = ['client_id', 'redirect_uri', 'response_type', 'code_challenge', 'code_challenge_method', 'state', 'nonce', 'scope', 'ui_locales'];

type PageLang = 'fr' | 'en';

/**
 * The page's language: the first of `ui_locales` (OIDC, space-separated by preference; the web app sends its
 * current language) that the page speaks, French when none is given or none is spoken.
 */
export const pageLang = (params: URLSearchParams): PageLang => {
  for (const tag of (params.get('ui_locales') ?? '').split(/\s+/)) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'fr';
};

const TEXTS: Record<PageLang, { title: string; heading: string; intro: string; tenant: string; email: string; placeholder: string; submit: string; invalid: string; signedOut: string }> = {
  fr: {
    title: 'Relances — connexion',
    heading: 'Relances — connexion locale',
    intro: 'Choisissez l’entreprise (tenant) sous laquelle entrer.',
    tenant: 'Entreprise (tenant)',
    email: 'E-mail',
    placeholder: 'moi@exemple.fr',
    submit: 'Continuer',
    invalid: 'Tenant : 1 à 128 caractères parmi A-Z a-z 0-9 _ - ; e-mail : une adresse.',
    signedOut: 'Déconnecté.',
  },
  en: {
    title: 'Relances — sign in',
    heading: 'Relances — local sign-in',
    intro: 'Choose the company (tenant) to sign in as.',
    tenant: 'Company (tenant)',
    email: 'Email',
    placeholder: 'me@example.com',
    submit: 'Continue',
    invalid: 'Tenant: 1-128 characters of A-Z a-z 0-9 _ -; email: an address.',
    signedOut: 'Signed out.',
  },
};

const chooseTenantForm = (lang: PageLang, params: URLSearchParams, message: string): string => {
  const text = TEXTS[lang];
  const hidden = PASSED.filter((k) => params.has(k))
    .map((k) => `<input type="hidden" name="${k}" value="${escape(params.get(k)!)}">`)
    .join('');
  const tenant = params.get('tenant') ?? 'demo';
  const email = params.get('email') ?? '';
  return `<h1>${text.heading}</h1>
<p>${text.intro}</p>
${message ? `<p role="alert" class="error">${escape(message)}</p>` : ''}
<form method="post" action="/local/authorize">${hidden}
<label for="tenant">${text.tenant}</label>
<input id="tenant" name="tenant" required pattern="[A-Za-z0-9_\\-]{1,128}" value="${escape(tenant)}" autocomplete="organization">
<label for="email">${text.email}</label>
<input id="email" name="email" type="email" value="${escape(email)}" placeholder="${text.placeholder}" autocomplete="email">
<button type="submit">${text.submit}</button>
</form>`;
};

const page = (lang: PageLang, content: string): string => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${TEXTS[lang].title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1c1c1e}
label{display:block;font-weight:600;margin-top:1rem}input{font:inherit;width:100%;padding:.6rem;margin-top:.25rem;border:1px solid #8a8a90;border-radius:6px;box-sizing:border-box}
button{font:inherit;margin-top:1.25rem;width:100%;min-height:44px;background:#1d4ed8;color:#fff;border:0;border-radius:8px}.error{color:#b91c1c}</style>
</head><body><main>${content}</main></body></html>`;
