/**
 * SES's mailbox simulator, locally: a pass-through in front of aws-ses-v2-local that, like SES,
 * answers a send to `bounce@simulator.amazonses.com` with a permanent bounce event and one to
 * `complaint@simulator.amazonses.com` with a complaint, published as the configuration set would
 * (the event's `detail`, with the message's tags). The local stack hands them to the email-events
 * function, as EventBridge does on AWS. Everything else goes through untouched. With
 * `deliveryEvents`, every accepted message also gets the `Delivery` event SES publishes for the
 * recipients that did not bounce (off by default: `npm run bench reminders` turns it on to count
 * what a delivered reminder writes in AWS; `SES_DELIVERY_EVENTS=1 npm start` shows it locally).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerLoopbackOnly } from './loopback-host.js';

export const SIMULATOR_BOUNCE = 'bounce@simulator.amazonses.com';
export const SIMULATOR_COMPLAINT = 'complaint@simulator.amazonses.com';

/** The `detail` of an SES event as EventBridge delivers it (the fields Relances reads). */
export interface SimulatedSesEvent {
  readonly eventType: 'Bounce' | 'Complaint' | 'Delivery';
  readonly mail: { messageId: string; timestamp: string; destination: string[]; tags: Record<string, string[]> };
  readonly bounce?: { bounceType: 'Permanent'; bounceSubType: 'General'; bouncedRecipients: { emailAddress: string }[]; timestamp: string };
  readonly complaint?: { complainedRecipients: { emailAddress: string }[]; timestamp: string };
  readonly delivery?: { recipients: string[]; timestamp: string };
}

interface SendEmailBody {
  Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  EmailTags?: { Name: string; Value: string }[];
}

/** The events SES would publish for a send, from its request and the message id it answered. */
export const simulatedEvents = (body: SendEmailBody, messageId: string, now: Date, { deliveryEvents = false }: { deliveryEvents?: boolean } = {}): SimulatedSesEvent[] => {
  const d = body.Destination ?? {};
  const destination = [...(d.ToAddresses ?? []), ...(d.CcAddresses ?? []), ...(d.BccAddresses ?? [])];
  const tags = Object.fromEntries((body.EmailTags ?? []).map((t) => [t.Name, [t.Value]]));
  const timestamp = now.toISOString();
  const mail = { messageId, timestamp, destination, tags };
  const lower = destination.map((a) => a.toLowerCase());
  const events: SimulatedSesEvent[] = [];
  const bounced = destination.filter((_, i) => lower[i] === SIMULATOR_BOUNCE);
  const delivered = destination.filter((_, i) => lower[i] !== SIMULATOR_BOUNCE);
  if (deliveryEvents && delivered.length > 0) events.push({ eventType: 'Delivery', mail, delivery: { recipients: delivered, timestamp } });
  if (bounced.length > 0) events.push({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: bounced.map((emailAddress) => ({ emailAddress })), timestamp } });
  const complained = destination.filter((_, i) => lower[i] === SIMULATOR_COMPLAINT);
  if (complained.length > 0) events.push({ eventType: 'Complaint', mail, complaint: { complainedRecipients: complained.map((emailAddress) => ({ emailAddress })), timestamp } });
  return events;
};

export interface SesSimulator {
  readonly url: string;
  /**
   * An SES outage, locally: sends to these addresses (any of To, Cc, Bcc; `*` = every send) are
   * answered 503 `ServiceUnavailable`, as SES does in an incident, until the list is emptied. The
   * send path's retries, backoff and `send_failed` can then be watched on the simulated clock.
   */
  setFailing(addresses: readonly string[]): void;
  failing(): string[];
  /** Resolves once every event of the sends made so far has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const startSesSimulator = async ({ port, host = '127.0.0.1', target, onEvent, log, deliveryEvents = false }: {
  port: number;
  host?: string;
  /** The SES emulator behind it. */
  target: string;
  onEvent: (event: SimulatedSesEvent) => Promise<unknown>;
  log?: (message: string) => void;
  /** Publish a `Delivery` event for every accepted message, as SES does (default off). */
  deliveryEvents?: boolean;
}): Promise<SesSimulator> => {
  const upstream = new URL(target);
  let failing = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  const publish = (events: SimulatedSesEvent[]) => {
    for (const event of events) {
      const handled = onEvent(event).catch((error: unknown) => log?.(`SES simulator: ${event.eventType} event failed: ${String(error)}`));
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    }
  };
  const server: Server = answerLoopbackOnly(createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (failing.size > 0 && req.method === 'POST' && req.url?.startsWith('/v2/email/outbound-emails') && sendsToFailing(body, failing)) {
        res.writeHead(503, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailable' });
        res.end(JSON.stringify({ message: 'Service unavailable (local SES outage: POST /local/ses/failures)' }));
        return;
      }
      const proxied = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (answer) => {
        const out: Buffer[] = [];
        answer.on('data', (c: Buffer) => out.push(c));
        answer.on('end', () => {
          const payload = Buffer.concat(out);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(payload);
          if (req.method !== 'POST' || !req.url?.startsWith('/v2/email/outbound-emails') || answer.statusCode !== 200) return;
          try {
            const { MessageId } = JSON.parse(payload.toString('utf8')) as { MessageId?: string };
            if (MessageId) publish(simulatedEvents(JSON.parse(body.toString('utf8')) as SendEmailBody, MessageId, new Date(), { deliveryEvents }));
          } catch {
            // Not a JSON send: nothing to simulate.
          }
        });
      });
      proxied.on('error', (error) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`SES simulator: ${error.message}`);
      });
      proxied.end(body);
    });
  }));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    setFailing: (addresses) => {
      failing = new Set(addresses.map((a) => a.toLowerCase()));
    },
    failing: () => [...failing],
    settled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
};

/** Whether a send request names a failing address (or the outage is total, `*`). */
const sendsToFailing = (body: Buffer, failing: ReadonlySet<string>): boolean => {
  if (failing.has('*')) return true;
  try {
    const d = (JSON.parse(body.toString('utf8')) as SendEmailBody).Destination ?? {};
    return [...(d.ToAddresses ?? []), ...(d.CcAddresses ?? []), ...(d.BccAddresses ?? [])].some((a) => failing.has(a.toLowerCase()));
  } catch {
    return false;
  }
};
