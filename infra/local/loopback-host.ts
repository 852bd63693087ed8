/**
 * The local stack answers only requests addressed to this machine. Listening on 127.0.0.1 keeps other
 * machines out, not other web pages: a page whose host name its DNS rebinds to 127.0.0.1 (DNS rebinding)
 * calls the local servers as its own origin, with no CORS check, and could mint a token at /local/token,
 * then read and write every tenant's data, the SES inbox and the texts sent. A browser sends that page's
 * name as Host: anything but localhost, 127.0.0.1 or [::1] (any port) is a 421.
 */
import type { IncomingMessage, RequestListener, Server } from 'node:http';

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/** A request without a Host header (HTTP/1.0, a raw socket) is not a browser's. */
export const isLoopbackHost = (host: string | undefined): boolean => host === undefined || LOOPBACK.test(host);

/** Puts the Host check in front of every request listener the server has (ours, or an emulator's Express app). */
export const answerLoopbackOnly = <S extends Server>(server: S): S => {
  const listeners = server.listeners('request') as RequestListener<typeof IncomingMessage>[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res) => {
    if (!isLoopbackHost(req.headers.host)) {
      res.writeHead(421, { 'content-type': 'application/problem+json' }).end(
        JSON.stringify({ type: 'about:blank', status: 421, title: 'Misdirected request', detail: `The local stack answers requests to localhost, 127.0.0.1 or [::1] only, not ${req.headers.host}` }),
      );
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
  return server;
};
