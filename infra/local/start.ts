/**
 * `npm start`: the whole stack on this machine, data kept under `.local/`, until Ctrl-C.
 * Ports: API_PORT, else PORT (3000), DYNAMODB_PORT (8000), SES_PORT (8005), SCHEDULER_PORT (8006), SMS_PORT (8007), WEB_PORT (5173).
 */
// First: the handlers' React must see NODE_ENV when they load it.
import './production-env.js';
import { REPO_ROOT, startLocalStack } from './local-stack.js';
import { portsFromEnv } from './ports.js';
import { startWebServer } from './web-server.js';

const started = Date.now();
const { stack: ports, web: webPort } = (() => {
  try {
    return portsFromEnv(process.env);
  } catch (error) {
    console.error(`\nThe local stack could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
const stack = await startLocalStack({
  dataDir: '.local',
  // Client-portal links in emails open the web app's /p/<token>.
  webBaseUrl: `http://localhost:${webPort}`,
  ports,
}).catch((error: unknown) => {
  console.error(`\nThe local stack could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const token = await stack.tokenFor('demo', 'demo@relances.local');
const web = await startWebServer({ repoRoot: REPO_ROOT, apiUrl: stack.urls.api, port: webPort }).catch(async (error: unknown) => {
  console.error(`\nThe web app could not start: ${error instanceof Error ? error.message : String(error)} (WEB_PORT to use another port)`);
  await stack.stop();
  process.exit(1);
});

const row = (label: string, url: string, note: string) => `  ${label.padEnd(11)}${url.padEnd(26)}${note}`;
const until = new Date(Date.now() + 60 * 86_400_000).toISOString();
console.log(`
Relances local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (data in .local/, delete it to start afresh)

${row('Web app', web.url, 'sign in with any tenant (local issuer); npm run build:web after changes')}
${row('API', stack.urls.api, 'GET /health; routes in shared/http/routes.ts')}
${row('SES inbox', stack.urls.ses, `sent emails; JSON at ${stack.urls.ses}/store`)}
${row('DynamoDB', stack.urls.dynamodb, `table ${stack.tableName}`)}
${row('Scheduler', stack.urls.scheduler, `pending: GET ${stack.urls.api}/local/schedules`)}
${row('SMS', stack.urls.sms, `texts sent: GET ${stack.urls.api}/local/sms`)}

Token for tenant "demo" (others: GET ${stack.urls.api}/local/token?tenant=<id>&email=<addr>):

  ${token}

Try:
  curl -s -H "Authorization: Bearer ${token}" ${stack.urls.api}/clients
  curl -s -X POST ${stack.urls.api}/local/schedules/run -H 'content-type: application/json' -d '{"until":"${until}"}'

Ctrl-C to stop.
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await web.stop();
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
