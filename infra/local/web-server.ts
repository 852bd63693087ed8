/**
 * Serves the built web app (web/dist) next to the local API, as CloudFront does when
 * deployed: files by path, `index.html` for any other path (SPA fallback), and
 * `/config.json` with the API URL and the local OIDC issuer. Builds the app first if
 * web/dist is missing.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { LOCAL_AUDIENCE } from './local-issuer.js';
import { answerLoopbackOnly } from './loopback-host.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface WebServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** The runtime config the SPA reads at start; the CDK stack writes the deployed one. */
export const localWebConfig = (apiUrl: string) => ({ apiUrl, authority: `${apiUrl}/local`, clientId: LOCAL_AUDIENCE });

export const buildWebApp = async (repoRoot: string, log: (m: string) => void = console.log): Promise<void> => {
  const started = Date.now();
  log('building the web app (web/dist)…');
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

export const startWebServer = async ({
  repoRoot,
  apiUrl,
  port,
  host = '127.0.0.1',
  buildIfMissing = true,
}: {
  repoRoot: string;
  apiUrl: string;
  port: number;
  host?: string;
  buildIfMissing?: boolean;
}): Promise<WebServer> => {
  const dist = join(repoRoot, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    if (!buildIfMissing) throw new Error('web/dist is missing: run `npm run build:web`');
    await buildWebApp(repoRoot);
  }
  const config = JSON.stringify(localWebConfig(apiUrl));
  const server: Server = answerLoopbackOnly(createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      if (path === '/config.json') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(config);
        return;
      }
      const file = normalize(join(dist, path));
      const inside = file.startsWith(dist + sep);
      const body = inside && extname(file) ? await readFile(file).catch(() => undefined) : undefined;
      if (body) {
        const immutable = path.startsWith('/assets/');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' }).end(body);
        return;
      }
      if (extname(path) && path.startsWith('/assets/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' }).end(await readFile(join(dist, 'index.html')));
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  }));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
