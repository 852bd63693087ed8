/**
 * Runtime configuration, read once from `/config.json`: the local stack serves it, the CDK
 * stack writes it next to the app at deploy. Nothing environment-specific is built in.
 */
export interface RuntimeConfig {
  /** Base URL of the HTTP API, no trailing slash. */
  readonly apiUrl: string;
  /** OIDC issuer: the Cognito user pool, or the local issuer (`<api>/local`). */
  readonly authority: string;
  readonly clientId: string;
  readonly scope?: string;
  /** Cognito's managed-login logout URL (its discovery document has no end_session_endpoint). */
  readonly logoutUrl?: string;
}

let current: RuntimeConfig | undefined;

export const loadConfig = async (fetcher: typeof fetch = fetch): Promise<RuntimeConfig> => {
  const response = await fetcher('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  const config = (await response.json()) as RuntimeConfig;
  current = { ...config, apiUrl: config.apiUrl.replace(/\/+$/, '') };
  return current;
};

export const setConfig = (config: RuntimeConfig): void => {
  current = config;
};

export const config = (): RuntimeConfig => {
  if (!current) throw new Error('config not loaded');
  return current;
};
