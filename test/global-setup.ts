/**
 * Starts the local stack once for the `stack` project (integration + e2e): DynamoDB Local in
 * memory, the SES and Scheduler emulators and the API server, on free ports so tests never
 * clash with a running `npm start`. The Scheduler does not fire on the wall clock here: tests
 * move time with `POST /local/schedules/run`.
 */
import type { TestProject } from 'vitest/node';
import { freePort, REPO_ROOT, startLocalStack } from '../infra/local/local-stack.js';
import { buildWebApp, startWebServer } from '../infra/local/web-server.js';
import { aCompanyIdentity } from './fixtures/api-fixtures.js';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    sesUrl: string;
    dynamodbEndpoint: string;
    schedulerEndpoint: string;
    /** The End User Messaging SMS stand-in. */
    smsUrl: string;
    tableName: string;
    tokens: Record<string, string>;
    /** The built web app served next to the API (test/browser drives it in Chromium). */
    webUrl: string;
  }
}

/** `fuzz` is the hostile-input test's own tenant: whatever it manages to write never reaches the others. */
export const TEST_TENANTS = ['acme', 'globex', 'fuzz'] as const;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The web server's port is chosen first: portal links in emails point at it.
  const webPort = await freePort();
  const stack = await startLocalStack({
    ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 },
    webBaseUrl: `http://localhost:${webPort}`,
    quiet: true,
    fireInRealTime: false,
  });
  const tokens: Record<string, string> = {};
  for (const tenant of TEST_TENANTS) {
    tokens[tenant] = await stack.tokenFor(tenant, `compta@${tenant}.example`);
    // Sending an invoice needs the company's legal identity; the shared test tenants have one.
    const res = await fetch(`${stack.urls.api}/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens[tenant]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ company: aCompanyIdentity({ name: `${tenant} SARL` }) }),
    });
    if (res.status !== 200) throw new Error(`could not set ${tenant}'s company identity: ${res.status} ${await res.text()}`);
  }
  // Validly signed, but naming no tenant: an ID token of a user created without the attribute,
  // one with an empty attribute, and an access token (which never carries custom claims).
  tokens.noTenant = await stack.tokenWithClaims({ sub: 'acme', email: 'nobody@acme.example', token_use: 'id' });
  tokens.blankTenant = await stack.tokenWithClaims({ sub: 'acme', 'custom:tenantId': '', token_use: 'id' });
  tokens.accessToken = await stack.tokenWithClaims({ sub: 'acme', token_use: 'access', scope: 'openid' });
  project.provide('apiUrl', stack.urls.api);
  project.provide('sesUrl', stack.urls.ses);
  project.provide('dynamodbEndpoint', stack.urls.dynamodb);
  project.provide('schedulerEndpoint', stack.urls.scheduler);
  project.provide('smsUrl', stack.urls.sms);
  project.provide('tableName', stack.tableName);
  project.provide('tokens', tokens);
  // Always rebuilt (~3 s), so the browser tests never run a stale web/dist.
  await buildWebApp(REPO_ROOT, () => undefined);
  const web = await startWebServer({ repoRoot: REPO_ROOT, apiUrl: stack.urls.api, port: webPort });
  project.provide('webUrl', web.url);
  return async () => {
    await web.stop();
    await stack.stop();
  };
}
