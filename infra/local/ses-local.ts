/**
 * SESv2 stand-in: aws-ses-v2-local keeps sent emails in memory, shows them in a web inbox
 * and lists them at `GET /store`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as sesLocal from 'aws-ses-v2-local';
import { answerLoopbackOnly } from './loopback-host.js';

type StartSes = (config?: { port?: number; host?: string }) => Promise<Server>;

export interface SesLocal {
  readonly url: string;
  stop(): Promise<void>;
}

export const startSesLocal = async ({ port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<SesLocal> => {
  // A CommonJS module with `exports.default`: Node's ESM loader and tsx disagree on where the default lands.
  const start = ((sesLocal as unknown as { default: StartSes | { default: StartSes } }).default);
  // Its inbox shows every email sent: the same Host check as the local stack's own servers.
  const server = answerLoopbackOnly(await (typeof start === 'function' ? start : start.default)({ port, host }));
  // Express 5 calls back on a listen error too (EADDRINUSE…), handing over a server that is not listening.
  if (!server.listening) throw new Error(`The SES emulator could not listen on ${host}:${port} (port in use? another npm start?): set SES_PORT to another port.`);
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
};
