import { beforeAll, describe, expect, inject, it } from 'vitest';
import { routeList } from '../../shared/http/routes.js';
import { addDays } from '../../shared/domain/dates.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { companySettings, freshTenant, type FreshTenant } from './fresh-tenant.js';
import { inbox, uniqueEmail } from './http.js';
import { dueDateAhead, parisToday } from './local-clock.js';

/**
 * Tenant isolation over real HTTP: tenant B holding every id of tenant A (invoice, client, quote,
 * payment, credit note, reminder step, template, scenario, notification) gets the same 404 as for
 * an id nothing has, on every route of the table that takes an id in its path, and A's ids in B's
 * bodies and queries (list filters, batch and client reminders, previews, scenarios, settings)
 * reach none of A's data. A's invoice, timeline and inbox are the same afterwards.
 */

/** Valid bodies, so the answer is about the ids only. */
const BODIES: Record<string, unknown> = {
  updateInvoice: { notes: 'B was here' },
  updateClient: { name: 'B was here' },
  updateQuote: { notes: 'B was here' },
  cancelInvoice: { reason: 'B was here' },
  pauseInvoice: { reason: 'B was here' },
  recordPromise: { date: addDays(parisToday(), 5), note: 'B was here' },
  disputeInvoice: { reason: 'B was here' },
  moveToLitigation: { reason: 'B was here' },
  writeOffInvoice: { reason: 'B was here' },
  recordPayment: { amountCents: 100, date: parisToday(), method: 'transfer' },
  createPaymentPlan: { instalments: [{ dueDate: dueDateAhead(40), amountCents: 100 }] },
  acceptPlanRequest: {},
  declinePlanRequest: {},
  putScenario: { name: 'B was here' },
  putTemplate: { name: 'B', language: 'fr', subject: 'B was here', body: 'B was here' },
  previewTemplate: { invoiceId: 'set-below' },
  testTemplate: {},
  createDeposit: { percent: 10 },
  createFinalInvoice: {},
  issueCreditNote: { reason: 'B was here', amountCents: 100 },
  sendCreditNote: {},
  markLetterPosted: { trackingNumber: '1A 000 000 0000 0' },
  sendReminderNow: { force: true },
  sendClientReminder: { force: true },
};

interface OfA {
  client: { id: string; name: string; email: string };
  invoice: { id: string; number: string };
  planInvoice: { id: string };
  quote: { id: string };
  payment: string;
  creditNote: string;
  step: string;
  template: string;
  scenario: string;
  notification: string;
}

let a: FreshTenant;
let b: FreshTenant;
let ofA: OfA;
let bClient: string;
let bInvoice: string;

const portalAct = async (url: string, action: string, body: unknown) => {
  const token = /\/p\/([A-Za-z0-9_-]{43})$/.exec(url)![1]!;
  const res = await fetch(`${inject('apiUrl')}/portal/${token}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`portal ${action} → ${res.status} ${await res.text()}`);
};

/** What B must never change nor see: A's invoice as A reads it, its history, its plan and what A's client received. */
const snapshotOfA = async () => ({
  invoice: (await a.ok('GET', `/invoices/${ofA.invoice.id}`)) as Record<string, unknown>,
  planInvoice: (await a.ok('GET', `/invoices/${ofA.planInvoice.id}`)) as Record<string, unknown>,
  client: await a.ok('GET', `/clients/${ofA.client.id}`),
  quote: await a.ok('GET', `/quotes/${ofA.quote.id}`),
  template: await a.ok('GET', `/templates/${ofA.template}`),
  scenario: await a.ok('GET', `/scenarios/${ofA.scenario}`),
  timeline: (await a.ok('GET', `/invoices/${ofA.invoice.id}/timeline?limit=100`)).items.length as number,
  plan: (await a.call('GET', `/invoices/${ofA.planInvoice.id}/payment-plan`)).json,
  steps: (await a.ok('GET', `/invoices/${ofA.invoice.id}/reminders`)).items,
  notifications: (await a.ok('GET', '/notifications?limit=100')).items.map((n: { id: string; readAt?: string }) => [n.id, n.readAt ?? null]),
  mails: (await inbox(ofA.client.email)).length,
});

beforeAll(async () => {
  a = await freshTenant('iso-a');
  b = await freshTenant('iso-b');
  for (const t of [a, b]) await t.ok('PUT', '/settings', companySettings);
  const email = uniqueEmail('iso-a');
  const name = `Secret Client ${Date.now().toString(36)}`;
  const client = await a.ok('POST', '/clients', aBusinessClientInput({ name, email }));
  const dates = { issueDate: parisToday(), dueDate: dueDateAhead(20) };
  const draft = await a.ok('POST', '/invoices', anInvoiceInput(client.id, dates));
  const sent = await a.ok('POST', `/invoices/${draft.id}/send`);
  const payment = await a.ok('POST', `/invoices/${draft.id}/payments`, { amountCents: 10_000, date: parisToday(), method: 'transfer' });
  const creditNote = await a.ok('POST', `/invoices/${draft.id}/credit-notes`, { reason: 'geste', amountCents: 5_000 });
  const planDraft = await a.ok('POST', '/invoices', anInvoiceInput(client.id, dates));
  await a.ok('POST', `/invoices/${planDraft.id}/send`);
  const link = await a.ok('POST', `/invoices/${planDraft.id}/portal-link`);
  await portalAct(link.url, 'plan-request', { instalments: [{ dueDate: dueDateAhead(30), amountCents: 100_000 }, { dueDate: dueDateAhead(60), amountCents: 47_500 }] });
  const quote = await a.ok('POST', '/quotes', { clientId: client.id, issueDate: parisToday(), lines: [{ description: 'Travaux', quantity: 1, unitPriceCents: 100_000, vatRate: 20 }] });
  const template = await a.ok('POST', '/templates', { id: 'secret-a', name: 'Secret A', language: 'fr', subject: 'Secret subject of A', body: 'Secret body of A {{clientName}}' });
  const scenario = await a.ok('POST', '/scenarios', { id: 'scenario-a', name: 'Scenario A', steps: [{ id: 'j+3', offsetDays: 3, templateId: 'secret-a' }] });
  await a.drain();
  const steps = (await a.ok('GET', `/invoices/${draft.id}/reminders`)).items as { stepId: string }[];
  const notifications = (await a.ok('GET', '/notifications?limit=100')).items as { id: string }[];
  expect(notifications.length).toBeGreaterThan(0);
  ofA = {
    client: { id: client.id, name, email },
    invoice: { id: draft.id, number: sent.number },
    planInvoice: { id: planDraft.id },
    quote: { id: quote.id },
    payment: payment.id,
    creditNote: creditNote.creditNote?.id ?? creditNote.id,
    step: steps[0]!.stepId,
    template: template.id,
    scenario: scenario.id,
    notification: notifications[0]!.id,
  };
  // B's own client and draft, for the routes where B names its own resource and A's id in the body.
  bClient = (await b.ok('POST', '/clients', aBusinessClientInput({ email: uniqueEmail('iso-b') }))).id;
  bInvoice = (await b.ok('POST', '/invoices', anInvoiceInput(bClient, dates))).id;
  await b.ok('POST', `/invoices/${bInvoice}/send`);
}, 120_000);

/** A's id for each path parameter of a route. */
const idsOfA = (path: string): Record<string, string> => {
  const resource = path.split('/')[1]!;
  const id =
    resource === 'invoices' ? (path.includes('payment-plan') ? ofA.planInvoice.id : ofA.invoice.id)
    : resource === 'clients' ? ofA.client.id
    : resource === 'quotes' ? ofA.quote.id
    : resource === 'templates' ? ofA.template
    : resource === 'scenarios' ? ofA.scenario
    : resource === 'notifications' ? ofA.notification
    : resource === 'imports' ? ofA.invoice.id // test/e2e/import-job.test.ts checks a real job of another tenant
    : '';
  return { id, paymentId: ofA.payment, creditNoteId: ofA.creditNote, stepId: ofA.step };
};

describe('tenant isolation: B holding A’s ids', () => {
  it('gets 404 on every route of the table that takes an id, and changes nothing of A', { timeout: 300_000 }, async () => {
    const before = await snapshotOfA();
    const routes = routeList().filter((r) => r.auth === 'jwt' && r.path.includes('{'));
    expect(routes.length).toBeGreaterThanOrEqual(55);
    const wrong: string[] = [];
    for (const route of routes) {
      const ids = idsOfA(route.path);
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : route.name === 'previewTemplate' ? { invoiceId: ofA.invoice.id } : (BODIES[route.name] ?? {});
      const res = await b.call(route.method, path, body);
      const leaked = JSON.stringify(res.json ?? res.text ?? '');
      if (res.status !== 404) wrong.push(`${route.method} ${route.path} → ${res.status} ${leaked.slice(0, 200)}`);
      else if (leaked.includes(ofA.client.name) || leaked.includes(ofA.client.email)) wrong.push(`${route.method} ${route.path} → 404 naming A's data`);
    }
    expect(wrong).toEqual([]);
    await a.drain();
    expect(await snapshotOfA()).toEqual(before);
  });

  it('A’s ids in B’s bodies and queries reach nothing of A', { timeout: 300_000 }, async () => {
    const before = await snapshotOfA();
    const secretOfA = (res: { json?: unknown; text?: string }) => {
      const all = JSON.stringify(res.json ?? res.text ?? '');
      return [ofA.client.name, ofA.invoice.id, ofA.client.email, 'Secret subject of A', 'Secret body of A'].filter((s) => all.includes(s));
    };
    const cases: [string, string, unknown?][] = [
      ['GET', `/invoices?clientId=${ofA.client.id}`],
      ['GET', `/invoices?q=${encodeURIComponent(ofA.invoice.number)}`],
      ['GET', `/clients?q=Secret`],
      ['GET', `/invoices/export.csv?clientId=${ofA.client.id}`],
      ['GET', '/invoices/export.csv'],
      ['GET', '/quotes'],
      ['GET', '/cockpit'],
      ['GET', '/overview'],
      ['GET', '/notifications'],
      ['GET', '/reminders/to-post'],
      ['GET', '/reminders/simulation'],
      ['GET', '/templates'],
      ['GET', '/scenarios'],
      ['POST', '/reminders/batch', { invoiceIds: [ofA.invoice.id, ofA.planInvoice.id] }],
      ['POST', '/reminders/batch', { filter: { clientId: ofA.client.id } }],
      ['POST', '/reminders/batch', { invoiceIds: [bInvoice], templateId: ofA.template }],
      ['POST', `/clients/${bClient}/reminders`, { invoiceIds: [ofA.invoice.id], force: true }],
      ['POST', `/clients/${bClient}/reminders`, { templateId: ofA.template, force: true }],
      ['POST', `/invoices/${bInvoice}/reminders`, { templateId: ofA.template, force: true }],
      ['POST', '/templates/courtesy/preview', { invoiceId: ofA.invoice.id }],
      ['POST', '/templates/courtesy/test', { invoiceId: ofA.invoice.id }],
      ['POST', '/invoices', anInvoiceInput(ofA.client.id)],
      ['PATCH', `/invoices/${bInvoice}`, { clientId: ofA.client.id }],
      ['POST', '/quotes', { clientId: ofA.client.id, issueDate: parisToday(), lines: [{ description: 'x', quantity: 1, unitPriceCents: 100, vatRate: 20 }] }],
      ['PATCH', `/clients/${bClient}`, { scenarioId: ofA.scenario }],
      ['PUT', '/settings', { defaultScenarioId: ofA.scenario }],
      ['POST', '/scenarios', { name: 'B', steps: [{ id: 'j+1', offsetDays: 1, templateId: ofA.template }] }],
    ];
    // The same request with ids nothing has in place of A's: B must get the very same answer (nothing tells A's exist).
    const idsOfAll = [ofA.client.id, ofA.invoice.id, ofA.planInvoice.id, ofA.scenario, ofA.template];
    const unknownFor = (id: string) => (/^[0-9A-Z]{26}$/.test(id) ? `01ZZZZZZZZZZZZZZZZ${id.slice(-8)}` : `zz-${id}`);
    const swap = (text: string, from: (id: string) => string, to: (id: string) => string) => idsOfAll.reduce((acc, id) => acc.split(from(id)).join(to(id)), text);
    const normal = (res: { status: number; json?: unknown; text?: string }) =>
      JSON.stringify([res.status, swap(JSON.stringify(res.json ?? res.text ?? ''), unknownFor, (id) => id)]).replace(/"(id|createdAt|updatedAt|messageId|at|number)":"[^"]*"/g, '"$1":"…"');
    const wrong: string[] = [];
    for (const [method, path, body] of cases) {
      const res = await b.call(method, path, body);
      if (idsOfAll.some((id) => path.includes(id) || JSON.stringify(body ?? '').includes(id))) {
        const control = await b.call(method, swap(path, (id) => id, unknownFor), body === undefined ? undefined : JSON.parse(swap(JSON.stringify(body), (id) => id, unknownFor)));
        if (normal(res) !== normal(control)) wrong.push(`${method} ${path} → ${normal(res).slice(0, 300)} but for unknown ids → ${normal(control).slice(0, 300)}`);
      }
      const seen = secretOfA(res).filter((s) => s !== ofA.invoice.id || !JSON.stringify(body ?? '').includes(s));
      if (seen.length > 0) wrong.push(`${method} ${path} → ${res.status} shows ${seen.join(', ')}`);
      if (res.status >= 500) wrong.push(`${method} ${path} → ${res.status}`);
      if ((method === 'POST' && /\/(preview|test)$/.test(path)) && res.status !== 404) wrong.push(`${method} ${path} → ${res.status}, expected 404`);
      if (res.status < 300 && /"(status)":"sent"/.test(JSON.stringify(res.json ?? '')) && JSON.stringify(res.json).includes(ofA.invoice.id)) wrong.push(`${method} ${path} sent A's invoice`);
    }
    // The same Idempotency-Key as A used is B's own: it never replays A's answer.
    const keyA = `iso-key-${Date.now()}`;
    const made = await a.call('POST', '/clients', aBusinessClientInput({ name: 'Replayed Of A', email: uniqueEmail('iso-key') }), { 'idempotency-key': keyA });
    expect(made.status).toBe(201);
    const replay = await b.call('POST', '/clients', aBusinessClientInput({ name: 'Replayed Of A', email: uniqueEmail('iso-key') }), { 'idempotency-key': keyA });
    expect(replay.status).toBe(201);
    expect(replay.json.id).not.toBe(made.json.id);
    expect(wrong).toEqual([]);
    await a.drain();
    const after = await snapshotOfA();
    expect(after).toEqual(before);
  });
});
