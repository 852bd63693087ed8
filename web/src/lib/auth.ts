/**
 * Sign-in: OpenID Connect authorization code + PKCE with oidc-client-ts, against Cognito's
 * managed login when deployed and the local issuer's OIDC endpoints on `npm start`: the same
 * code path. The API takes the ID token (it carries `custom:tenantId`).
 */
import i18next from 'i18next';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { RuntimeConfig } from './config';

let manager: UserManager | undefined;
let logoutUrl: string | undefined;

export const CALLBACK_PATH = '/auth/callback';

export const initAuth = (config: RuntimeConfig): void => {
  logoutUrl = config.logoutUrl;
  manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: config.scope ?? 'openid email profile',
    loadUserInfo: false,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.localStorage }),
  });
};

const users = (): UserManager => {
  if (!manager) throw new Error('auth not initialised');
  return manager;
};

/**
 * The sign-in page speaks the app's current language: OIDC's `ui_locales` (the local issuer's page follows it)
 * and `lang`, the parameter Cognito's managed login pages read for theirs.
 */
export const signIn = (returnTo: string): Promise<void> => {
  const lang = i18next.language === 'en' ? 'en' : 'fr';
  return users().signinRedirect({ state: { returnTo }, ui_locales: lang, extraQueryParams: { lang } });
};

/** Completes the redirect back from the issuer; answers where to go next. */
export const completeSignIn = async (url = window.location.href): Promise<string> => {
  const user = await users().signinRedirectCallback(url);
  const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
  return returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
};

export const currentUser = async (): Promise<User | undefined> => {
  const user = await users().getUser();
  return user && !user.expired ? user : undefined;
};

export const idToken = async (): Promise<string | undefined> => (await currentUser())?.id_token;

export const signOut = async (): Promise<void> => {
  if (logoutUrl) {
    await users().removeUser();
    window.location.assign(logoutUrl);
    return;
  }
  const user = await users().getUser();
  await users().removeUser();
  await users().signoutRedirect({ id_token_hint: user?.id_token });
};
