import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack.js';
import { aBusinessClientInput, aCompanyIdentity, anInvoiceInput } from '../fixtures/api-fixtures.js';

/** Local addresses of the TCP sockets listening on `port` (Linux: /proc/net/tcp{,6}; elsewhere lsof). */
const listeningAddresses = (port: number): string[] => {
  if (process.platform !== 'linux') {
    const out = execFileSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN'], { encoding: 'utf8' });
    return out.split('\n').slice(1).filter(Boolean).map((line) => line.split(/\s+/).at(-2)!.replace(/:\d+$/, ''));
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`)) // 0A = LISTEN
      .map((cols) => decodeAddress(cols[1]!.split(':')[0]!)),
  );
};

/** /proc/net hex (host byte order, little-endian words) → a printable address. */
const decodeAddress = (hex: string): string => {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
  if (hex.length === 8) return words[0]!.match(/../g)!.map((b) => parseInt(b, 16)).join('.');
  const v6 = words.join('');
  if (v6.startsWith('00000000000000000000FFFF')) return `::ffff:${v6.slice(24).match(/../g)!.map((b) => parseInt(b, 16)).join('.')}`;
  return v6.match(/.{4}/g)!.join(':').toLowerCase();
};

const isLoopback = (address: string) =>
  /^127\./.test(address) || /^::ffff:127\./.test(address) || address === '0000:0000:0000:0000:0000:0000:0000:0001' || address === '[::1]' || address === '::1' || /^localhost$/.test(address);

describe('the local stack listens on the loopback interface only', () => {
  const services = () => ({
    'DynamoDB Local': inject('dynamodbEndpoint'),
    'SES emulator': inject('sesUrl'),
    'Scheduler emulator': inject('schedulerEndpoint'),
    'SMS stand-in': inject('smsUrl'),
    API: inject('apiUrl'),
    'web app': inject('webUrl'),
  });

  it('binds DynamoDB Local, the SES, Scheduler and SMS emulators, the API and the web app to 127.0.0.1', () => {
    for (const [name, url] of Object.entries(services())) {
      const addresses = listeningAddresses(Number(new URL(url).port));
      expect(addresses.length, `${name} is not listening on ${url}`).toBeGreaterThan(0);
      expect(addresses.filter((a) => !isLoopback(a)), `${name} (${url}) listens beyond loopback`).toEqual([]);
    }
  });

  it('reads a wildcard listener as such (the check can fail)', () => {
    expect(decodeAddress('00000000')).toBe('0.0.0.0');
    expect(isLoopback(decodeAddress('00000000'))).toBe(false);
    expect(decodeAddress('0100007F')).toBe('127.0.0.1');
    expect(isLoopback(decodeAddress('0000000000000000FFFF00000100007F'))).toBe(true);
    expect(isLoopback(decodeAddress('00000000000000000000000000000000'))).toBe(false);
  });
});

describe('logs of a request on the local stack', () => {
  // A stack of its own, in this process, so that its handlers' stdout can be read here.
  let stack: LocalStack;
  let token: string;
  const lines: string[] = [];
  let restore: () => void;

  beforeAll(async () => {
    stack = await startLocalStack({ ports: { api: 0, dynamodb: 0, ses: 0, scheduler: 0, sms: 0 }, quiet: true, fireInRealTime: false });
    token = await stack.tokenFor('logs-tenant', 'compta@logs.example');
    // Both streams: Powertools Logger writes WARN and ERROR lines to stderr (CloudWatch Logs gets both).
    const capture = (stream: NodeJS.WriteStream) => {
      const write = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => {
        stream.write = write;
      };
    };
    const restores = [capture(process.stdout), capture(process.stderr)];
    restore = () => restores.forEach((r) => r());
  }, 120_000);
  afterAll(async () => {
    restore?.();
    await stack?.stop();
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.urls.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const json = () => lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

  it('are JSON lines with the route, the request, tenant and invoice ids, the status and no personal data', async () => {
    const client = await call('POST', '/clients', { name: 'Boulangerie Secrète', kind: 'business', email: 'secret@client.example' });
    expect(client.status).toBe(201);
    const invoice = await call('POST', '/invoices', {
      clientId: client.body.id,
      issueDate: '2026-11-02',
      paymentTermsDays: 30,
      lines: [{ description: 'Pose', quantity: 1, unitPriceCents: 10000, vatRate: 20 }],
    });
    expect(invoice.status).toBe(201);
    const missing = await call('GET', '/invoices/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(missing.status).toBe(404);
    const read = await call('GET', `/invoices/${String(invoice.body.id)}`);
    expect(read.status).toBe(200);

    const requests = json().filter((l) => l.message === 'request');
    const get = requests.find((l) => l.route === 'GET /invoices/{id}' && l.invoiceId === invoice.body.id);
    expect(get).toMatchObject({
      level: 'INFO',
      service: 'relances',
      tenantId: 'logs-tenant',
      invoiceId: invoice.body.id,
      status: 200,
      requestId: expect.stringMatching(/\S{8,}/),
      lambdaRequestId: expect.stringMatching(/\S{8,}/),
      durationMs: expect.any(Number),
      timestamp: expect.any(String),
    });
    expect(requests.find((l) => l.route === 'GET /invoices/{id}' && l.invoiceId === '01ARZ3NDEKTSV4RRFFQ69G5FAV')).toMatchObject({ status: 404, tenantId: 'logs-tenant' });
    expect(requests.find((l) => l.route === 'POST /clients')).toMatchObject({ status: 201, tenantId: 'logs-tenant' });
    // Ids only: neither the client's name nor its email reaches the logs.
    const all = lines.join('\n');
    expect(all).not.toContain('Secrète');
    expect(all).not.toContain('secret@client.example');
    expect(all).not.toContain('compta@logs.example');
  });

  it('of a reminder its schedule fires carry the tenant, invoice, step and Lambda request ids, the outcome and no personal data', { timeout: 60_000 }, async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Plâtrerie Discrète', email: 'discret@fire.example' }));
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: day(0), dueDate: day(10) }));
    expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
    // The plan is recorded by the stream reconciler: /local/schedules lets it catch up first.
    expect((await fetch(`${stack.urls.api}/local/schedules`)).status).toBe(200);
    const run = await fetch(`${stack.urls.api}/local/schedules/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ until: `${day(14)}T00:00:00Z`, tenantId: 'logs-tenant' }),
    });
    expect(run.status).toBe(200);

    const fired = json().filter((l) => l.message === 'reminder' && l.invoiceId === invoice.body.id);
    expect(fired.map((l) => l.stepId)).toEqual(['j-5', 'j+1']);
    for (const line of fired) {
      expect(line).toMatchObject({
        level: 'INFO',
        service: 'relances',
        tenantId: 'logs-tenant',
        invoiceId: invoice.body.id,
        outcome: 'sent',
        messageId: expect.stringMatching(/\S+/),
        lambdaRequestId: expect.stringMatching(/\S{8,}/),
        timestamp: expect.any(String),
      });
    }
    // One invocation, one request id: two fires never share one.
    expect(new Set(fired.map((l) => l.lambdaRequestId)).size).toBe(2);
    // The tenant's daily overview (a recurring schedule) fired on the way: a line of its own.
    const overviews = json().filter((l) => l.message === 'overview' && l.tenantId === 'logs-tenant');
    expect(overviews.length).toBeGreaterThanOrEqual(1);
    for (const line of overviews) expect(line).toMatchObject({ level: 'INFO', outcome: expect.stringMatching(/^(sent|skipped)$/), date: expect.any(String), lambdaRequestId: expect.stringMatching(/\S{8,}/) });
    const all = lines.join('\n');
    expect(all).not.toContain('discret@fire.example');
    expect(all).not.toContain('Discrète');
  });

  it('of a failed send name the error without the address SES quotes in it', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Menuiserie Refusée', email: 'refused@client.example' }));
    const today = new Date().toISOString().slice(0, 10);
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
    expect(invoice.status).toBe(201);
    // What SES answers in its sandbox for a recipient not verified: the address is in the message (fault injected).
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(
      Object.assign(new Error('Email address is not verified. The following identities failed the check in region EU-WEST-3: refused@client.example, +33612345678'), {
        name: 'MessageRejected',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    try {
      expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(502);
    } finally {
      ses.restore();
    }
    const failed = json().filter((l) => l.message === 'request failed' && l.invoiceId === invoice.body.id);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 'ERROR',
      tenantId: 'logs-tenant',
      route: 'POST /invoices/{id}/send',
      error: { message: expect.stringMatching(/^SES SendEmail failed: Email address is not verified\. The following identities failed the check in region EU-WEST-3: \S+/) },
    });
    const all = lines.join('\n');
    expect(all).not.toContain('refused@client.example');
    expect(all).not.toContain('33612345678');
    expect(all).not.toContain('Refusée');
  });

  it('of a failed daily overview throw back to the runtime, which logs it as is, an error without the address SES quotes', async () => {
    // Something to report: the first reminder of an invoice, on its day.
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput());
    const today = new Date().toISOString().slice(0, 10);
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
    expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
    expect((await fetch(`${stack.urls.api}/local/schedules`)).status).toBe(200);
    const plan = await call('GET', `/invoices/${String(invoice.body.id)}/reminders`);
    const first = String((plan.body.items as { scheduledAt: string }[])[0]!.scheduledAt);
    const { handler } = await import('../../functions/notifications/send-overview.js');
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(
      Object.assign(new Error('Email address is not verified. The following identities failed the check in region EU-WEST-3: compta@logs.example'), {
        name: 'MessageRejected',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    let thrown: unknown;
    try {
      await handler({ kind: 'overview', tenantId: 'logs-tenant', scheduledTime: `${first.slice(0, 10)}T05:00:00Z` }, { awsRequestId: 'overview-fault-1' });
    } catch (error) {
      thrown = error;
    } finally {
      ses.restore();
    }
    expect(ses.commandCalls(SendEmailCommand).length).toBeGreaterThan(0);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/^SES SendEmail failed: Email address is not verified\. .*<redacted>$/);
    expect((thrown as Error).stack).toMatch(/<redacted>/);
    expect(`${(thrown as Error).message}\n${(thrown as Error).stack}`).not.toContain('compta@logs.example');
    expect(json().find((l) => l.message === 'overview failed' && l.lambdaRequestId === 'overview-fault-1')).toMatchObject({ level: 'ERROR', tenantId: 'logs-tenant' });
    expect(lines.join('\n')).not.toContain('compta@logs.example');
  });

  it('count a reminder sent by hand from the invoice, and one that failed, as the scheduled ones are', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput({ email: 'manual@client.example' }));
    const today = new Date().toISOString().slice(0, 10);
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
    expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
    const count = (metric: string) => json().filter((l) => metric in l).length;
    const [sent, failed] = [count('RemindersSent'), count('RemindersFailed')];
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('Sending paused for this account'), { name: 'SendingPausedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    try {
      expect((await call('POST', `/invoices/${String(invoice.body.id)}/reminders`, {})).status).toBe(502);
    } finally {
      ses.restore();
    }
    expect(count('RemindersFailed')).toBe(failed + 1);
    expect(count('RemindersSent')).toBe(sent);
    // A failed send gives the day back: the owner's retry goes, at once (in the failed send's second, often: its step takes the next one).
    const retried = await call('POST', `/invoices/${String(invoice.body.id)}/reminders`, {});
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(count('RemindersSent')).toBe(sent + 1);
    expect(json().filter((l) => 'RemindersSent' in l).at(-1)).toMatchObject({
      RemindersSent: 1,
      service: 'relances',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Relances', Dimensions: [['service']], Metrics: [{ Name: 'RemindersSent', Unit: 'Count' }] }] },
    });
  });

  it('count the reminders of a batch and of a client send (client-reminders), failed and sent, as the scheduled ones are', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const sentInvoiceOf = async (email: string) => {
      const client = await call('POST', '/clients', aBusinessClientInput({ email }));
      const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
      expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
      return { clientId: String(client.body.id), invoiceId: String(invoice.body.id) };
    };
    const [a, b, c] = [await sentInvoiceOf('batch-a@client.example'), await sentInvoiceOf('batch-b@client.example'), await sentInvoiceOf('direct-c@client.example')];
    const count = (metric: string) => json().filter((l) => metric in l).length;
    const [sent, failed] = [count('RemindersSent'), count('RemindersFailed')];
    // A batch of two clients while SES refuses: one message per client, each failed and counted.
    const ses = mockClient(SESv2Client);
    ses.on(SendEmailCommand).rejects(Object.assign(new Error('Sending paused for this account'), { name: 'SendingPausedException', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    let batch: Awaited<ReturnType<typeof call>>;
    try {
      batch = await call('POST', '/reminders/batch', { invoiceIds: [a.invoiceId, b.invoiceId] });
    } finally {
      ses.restore();
    }
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);
    expect(batch.body.items).toMatchObject([{ invoiceId: a.invoiceId, status: 'failed' }, { invoiceId: b.invoiceId, status: 'failed' }]);
    expect(count('RemindersFailed')).toBe(failed + 2);
    expect(count('RemindersSent')).toBe(sent);
    // A client's reminder sent by hand, then a batch that goes.
    const direct = await call('POST', `/clients/${c.clientId}/reminders`, {});
    expect(direct.status, JSON.stringify(direct.body)).toBe(201);
    expect(count('RemindersSent')).toBe(sent + 1);
    const [d, e] = [await sentInvoiceOf('batch-d@client.example'), await sentInvoiceOf('batch-e@client.example')];
    const goes = await call('POST', '/reminders/batch', { invoiceIds: [d.invoiceId, e.invoiceId] });
    expect(goes.body.items).toMatchObject([{ invoiceId: d.invoiceId, status: 'sent' }, { invoiceId: e.invoiceId, status: 'sent' }]);
    expect(count('RemindersSent')).toBe(sent + 3);
    expect(count('RemindersFailed')).toBe(failed + 2);
    expect(json().filter((l) => 'RemindersSent' in l).at(-1)).toMatchObject({
      RemindersSent: 1,
      service: 'relances',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Relances', Dimensions: [['service']], Metrics: [{ Name: 'RemindersSent', Unit: 'Count' }] }] },
    });
  });

  it('count a recorded payment as a CloudWatch embedded metric', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput());
    // Dated today: numbers follow the dates, and the test before sent one dated today in this tenant.
    const today = new Date().toISOString().slice(0, 10);
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
    expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
    const before = json().filter((l) => 'PaymentsRecorded' in l).length;
    const paid = await call('POST', `/invoices/${String(invoice.body.id)}/payments`, { amountCents: 1000, date: today, method: 'transfer' });
    expect(paid.status).toBe(201);
    const emf = json().filter((l) => 'PaymentsRecorded' in l);
    expect(emf).toHaveLength(before + 1);
    expect(emf.at(-1)).toMatchObject({
      PaymentsRecorded: 1,
      service: 'relances',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Relances', Dimensions: [['service']], Metrics: [{ Name: 'PaymentsRecorded', Unit: 'Count' }] }] },
    });
  });

  it('log each SES event with its tenant, invoice and Lambda request ids and count a bounce, never the address', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    // SES's mailbox simulator: the invoice email comes back as a permanent bounce, handed to email-events.
    const client = await call('POST', '/clients', aBusinessClientInput({ name: 'Rebond Discret', email: 'bounce@simulator.amazonses.com' }));
    const today = new Date().toISOString().slice(0, 10);
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
    const bouncesBefore = json().filter((l) => 'EmailBounces' in l).length;
    expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
    const logged = () => json().find((l) => l.message === 'email event' && l.invoiceId === invoice.body.id);
    for (let i = 0; i < 50 && !logged(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(logged()).toMatchObject({
      level: 'INFO',
      service: 'relances',
      eventType: 'Bounce',
      bounceType: 'Permanent',
      kind: 'invoice',
      tenantId: 'logs-tenant',
      invoiceId: invoice.body.id,
      messageId: expect.stringMatching(/\S+/),
      lambdaRequestId: expect.stringMatching(/\S{8,}/),
      outcome: 'recorded',
    });
    expect(json().filter((l) => 'EmailBounces' in l)).toHaveLength(bouncesBefore + 1);
    const all = lines.join('\n');
    expect(all).not.toContain('bounce@simulator');
    expect(all).not.toContain('Rebond Discret');
  });

  it('log each reminder sent by hand, for an invoice, a client or a batch, with the invoice, tenant and request ids and no personal data', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const sentInvoiceOf = async (name: string, email: string) => {
      const client = await call('POST', '/clients', aBusinessClientInput({ name, email }));
      const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: today, paymentTermsDays: 30, dueDate: undefined }));
      expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
      return { clientId: String(client.body.id), invoiceId: String(invoice.body.id) };
    };
    const a = await sentInvoiceOf('Ébénisterie Manuelle', 'manuelle@hand.example');
    const b = await sentInvoiceOf('Tapisserie Groupée', 'groupee@hand.example');
    const [c, d] = [await sentInvoiceOf('Forge Lot Un', 'lot-un@hand.example'), await sentInvoiceOf('Forge Lot Deux', 'lot-deux@hand.example')];
    const now = await call('POST', `/invoices/${a.invoiceId}/reminders`, {});
    expect(now.status, JSON.stringify(now.body)).toBe(201);
    const client = await call('POST', `/clients/${b.clientId}/reminders`, {});
    expect(client.status, JSON.stringify(client.body)).toBe(201);
    const batch = await call('POST', '/reminders/batch', { invoiceIds: [c.invoiceId, d.invoiceId, a.invoiceId] });
    expect(batch.status, JSON.stringify(batch.body)).toBe(200);

    const reminders = json().filter((l) => l.message === 'reminder' && l.manual === true);
    const common = { level: 'INFO', service: 'relances', tenantId: 'logs-tenant', requestId: expect.stringMatching(/\S{8,}/), lambdaRequestId: expect.stringMatching(/\S{8,}/) };
    expect(reminders.find((l) => l.route === 'POST /invoices/{id}/reminders' && l.invoiceId === a.invoiceId)).toMatchObject({
      ...common,
      stepId: now.body.stepId,
      outcome: 'sent',
      messageId: now.body.messageId,
    });
    expect(reminders.find((l) => l.route === 'POST /clients/{id}/reminders' && l.invoiceId === b.invoiceId)).toMatchObject({
      ...common,
      clientId: b.clientId,
      outcome: 'sent',
      messageId: client.body.messageId,
    });
    const ofBatch = reminders.filter((l) => l.route === 'POST /reminders/batch' && [a, c, d].some((x) => x.invoiceId === l.invoiceId));
    const byInvoice = (x: unknown[][]) => [...x].sort((p, q) => String(p[0]).localeCompare(String(q[0])));
    expect(byInvoice(ofBatch.map((l) => [l.invoiceId, l.outcome, l.reason]))).toEqual(
      byInvoice([[c.invoiceId, 'sent', undefined], [d.invoiceId, 'sent', undefined], [a.invoiceId, 'skipped', 'same_day']]),
    );
    for (const line of ofBatch) expect(line).toMatchObject(common);
    // The batch's lines and the request's own line share its request id.
    expect(new Set(ofBatch.map((l) => l.requestId)).size).toBe(1);
    expect(json().find((l) => l.message === 'request' && l.route === 'POST /reminders/batch' && l.requestId === ofBatch[0]!.requestId)).toMatchObject({ status: 200 });
    const all = lines.join('\n');
    for (const personal of ['manuelle@hand.example', 'groupee@hand.example', 'lot-un@hand.example', 'Manuelle', 'Groupée', 'Forge Lot']) expect(all).not.toContain(personal);
  });

  it('count every reminder step recorded skipped, by its reason: a plan’s courtesy step already past when the plan is recorded', async () => {
    expect((await call('PUT', '/settings', { company: aCompanyIdentity() })).status).toBe(200);
    const client = await call('POST', '/clients', aBusinessClientInput());
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    // Due in two days: its J-5 courtesy reminder was due three days ago, so the reconciler records it skipped (`due_passed`).
    const invoice = await call('POST', '/invoices', anInvoiceInput(String(client.body.id), { issueDate: day(0), dueDate: day(2) }));
    const skippedBy = (reason: string) => json().filter((l) => 'RemindersSkipped' in l && l.reason === reason).length;
    const [total, duePassed] = [json().filter((l) => 'RemindersSkipped' in l && !('reason' in l)).length, skippedBy('due_passed')];
    expect((await call('POST', `/invoices/${String(invoice.body.id)}/send`)).status).toBe(200);
    // The plan is recorded by the stream reconciler: /local/schedules lets it catch up first.
    expect((await fetch(`${stack.urls.api}/local/schedules`)).status).toBe(200);
    const plan = await call('GET', `/invoices/${String(invoice.body.id)}/reminders`);
    expect((plan.body.items as { stepId: string; state: string; reason?: string }[]).find((s) => s.stepId === 'j-5')).toMatchObject({ state: 'skipped', reason: 'due_passed' });
    expect(skippedBy('due_passed')).toBe(duePassed + 1);
    expect(json().filter((l) => 'RemindersSkipped' in l && !('reason' in l)).length).toBe(total + 1);
    expect(json().filter((l) => 'RemindersSkipped' in l && l.reason === 'due_passed').at(-1)).toMatchObject({
      RemindersSkipped: 1,
      service: 'relances',
      _aws: { CloudWatchMetrics: [{ Namespace: 'Relances', Dimensions: [['service', 'reason']], Metrics: [{ Name: 'RemindersSkipped', Unit: 'Count' }] }] },
    });
  });

  it('count a payment made before its invoice was imported as a recorded payment, once', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const row = {
      number: `IMP-PAID-${Date.now()}`,
      client: { name: 'Importée Payée', email: 'imported@paid.example', kind: 'business' },
      issueDate: today,
      dueDate: today,
      netCents: 10_000,
      vatCents: 2_000,
      grossCents: 12_000,
      paidCents: 5_000,
    };
    const count = () => json().filter((l) => 'PaymentsRecorded' in l).length;
    const before = count();
    const imported = await call('POST', '/imports/invoices', { invoices: [row] });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toBe(1);
    expect(count()).toBe(before + 1);
    // The same file again changes nothing, and counts nothing.
    expect((await call('POST', '/imports/invoices', { invoices: [row] })).body.created).toBe(0);
    expect(count()).toBe(before + 1);
    expect(lines.join('\n')).not.toContain('imported@paid.example');
  });
});
