/**
 * Extra browser origins the deployed API allows by CORS, from CDK context `relances:allowedOrigins`
 * (comma-separated, e.g. `-c relances:allowedOrigins=https://app.your-domain.fr`). Optional: without it the
 * API allows only the stack's own web app origin (its CloudFront domain, added by RelancesStack), so a deployed
 * stack never allows localhost unless the operator says so. Each entry must be an origin (scheme://host[:port]).
 */
export const parseAllowedOrigins = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') throw new Error('relances:allowedOrigins must be a comma-separated string of origins');
  return value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin) {
        throw new Error(`relances:allowedOrigins holds something that is not an origin (scheme://host[:port], no path): ${origin}`);
      }
      return origin;
    });
};
