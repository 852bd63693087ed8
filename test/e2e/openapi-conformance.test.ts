/**
 * The web client is generated from GET /openapi.json: every answer the API gives must be one the
 * document declares (status, media type, and a body its schema accepts). This walks a real flow over
 * HTTP and validates each answer against the served document with a JSON Schema 2020-12 validator.
 */
import { describe, expect, it, inject } from 'vitest';
// ajv 8 (JSON Schema 2020-12, what OpenAPI 3.1 uses), as openapi-typescript's Redocly core ships it.
import Ajv2020Module from '@redocly/ajv/dist/2020.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { ownTenant, uniqueEmail } from './http.js';

type Answer = { status: number; type: string; json: any };
type Operation = { responses: Record<string, { content?: Record<string, { schema?: object }> }> };

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (o: object) => {
  addFormat(name: string, re: RegExp): void;
  addSchema(schema: object): void;
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: object }[] | null };
};

const contract = async () => {
  const doc = (await (await fetch(`${inject('apiUrl')}/openapi.json`)).json()) as { components: object; paths: Record<string, Record<string, Operation>> };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  for (const [name, re] of Object.entries({ date: /^\d{4}-\d\d-\d\d$/, 'date-time': /^\d{4}-\d\d-\d\dT/, email: /@/, uri: /:/ })) ajv.addFormat(name, re);
  ajv.addSchema({ $id: 'doc', components: doc.components });
  /** What is wrong with this answer to `method template` by the document, or undefined. */
  return (method: string, template: string, res: Answer): string | undefined => {
    const op = doc.paths[template]?.[method.toLowerCase()];
    if (!op) return `${method} ${template}: not in the document`;
    const declared = op.responses[String(res.status)];
    if (!declared) return `${method} ${template} → ${res.status}: status not declared (${Object.keys(op.responses).join(', ')})`;
    if (res.status === 204) return declared.content ? `${method} ${template} → 204 declares a body` : undefined;
    const media = res.type.split(';')[0]!.trim();
    const content = declared.content?.[media];
    if (!content) return `${method} ${template} → ${res.status}: ${media} not declared (${Object.keys(declared.content ?? {}).join(', ') || 'no content'})`;
    if (!content.schema || res.json === undefined) return undefined;
    const validate = ajv.compile(JSON.parse(JSON.stringify(content.schema).replaceAll('"#/components/', '"doc#/components/')));
    return validate(res.json) ? undefined : `${method} ${template} → ${res.status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`;
  };
};

describe('answers match GET /openapi.json', () => {
  const owner = ownTenant('openapi');

  it('declares the 202 of an import too large to write in the request, and its job', { timeout: 120_000 }, async () => {
    const check = await contract();
    const today = new Date().toISOString().slice(0, 10);
    const invoices = Array.from({ length: 201 }, (_, i) => ({
      number: `OA-${i}`, client: { name: `Client ${i % 5}`, email: `client${i % 5}@oa.test` }, issueDate: today, dueDate: today, grossCents: 1_200,
    }));
    // A tenant of its own: the flow below reads its tenant's invoices.
    const importer = ownTenant('openapi-import');
    const started = await importer.post('/imports/invoices', { invoices });
    expect(started.status).toBe(202);
    const job = await importer.get(`/imports/${started.json.id}`);
    expect([check('POST', '/imports/invoices', started), check('GET', '/imports/{id}', job)].filter(Boolean)).toEqual([]);
  });

  it('declares what the invoice, credit note, reminder, template and scenario routes really answer', async () => {
    const check = await contract();
    const wrong: string[] = [];
    const seen = async <T extends Answer>(method: string, template: string, answer: Promise<T>): Promise<T> => {
      const res = await answer;
      const problem = check(method, template, res);
      if (problem) wrong.push(problem);
      return res;
    };
    const today = new Date().toISOString().slice(0, 10);
    const base = inject('apiUrl');
    const get = (path: string) => fetch(`${base}${path}`).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', json: await r.json() }));

    await seen('GET', '/health', get('/health'));
    await seen('GET', '/openapi.json', get('/openapi.json'));
    // Every route refuses a query parameter it does not declare, routes without parameters included.
    expect((await seen('GET', '/settings', owner.get('/settings?stauts=paid'))).status).toBe(400);
    expect((await seen('GET', '/health', get('/health?x=1'))).status).toBe(400);

    const client = await seen('POST', '/clients', owner.post('/clients', aBusinessClientInput({ email: uniqueEmail('oa') })));
    const invoice = await seen('POST', '/invoices', owner.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today, dueDate: undefined, paymentTermsDays: 30 })));
    const id = invoice.json.id as string;
    await seen('POST', '/invoices/{id}/send', owner.post(`/invoices/${id}/send`));
    // A manual reminder claims the invoice's day slot: the invoice answered afterwards stays an Invoice.
    expect((await seen('POST', '/invoices/{id}/reminders', owner.post(`/invoices/${id}/reminders`, {}))).status).toBe(201);
    const payment = await seen('POST', '/invoices/{id}/payments', owner.post(`/invoices/${id}/payments`, { amountCents: 10_000, date: today }));
    await seen('GET', '/invoices/{id}', owner.get(`/invoices/${id}`));
    await seen('DELETE', '/invoices/{id}/payments/{paymentId}', owner.delete(`/invoices/${id}/payments/${payment.json.id}`));
    const credit = await seen('POST', '/invoices/{id}/credit-notes', owner.post(`/invoices/${id}/credit-notes`, { reason: 'Geste commercial', amountCents: 5_000 }));
    expect(credit.json.creditNote).toMatchObject({ invoiceIssueDate: today, vatBreakdown: expect.any(Array) });
    await seen('GET', '/invoices/{id}/credit-notes', owner.get(`/invoices/${id}/credit-notes`));
    const again = await seen('POST', '/invoices/{id}/credit-notes/{creditNoteId}/send', owner.post(`/invoices/${id}/credit-notes/${credit.json.creditNote.id}/send`));
    expect(again.json).toMatchObject({ emailStatus: 'sent', creditNote: { id: credit.json.creditNote.id, emailStatus: 'sent' } });
    expect((await seen('POST', '/invoices/{id}/credit-notes/{creditNoteId}/send', owner.post(`/invoices/${id}/credit-notes/ZZUNKNOWN01/send`))).status).toBe(404);
    expect((await seen('POST', '/invoices/{id}/credit-notes', owner.post(`/invoices/${id}/credit-notes`, { reason: 'x', amountCents: 99_999_999 }))).status).toBe(422);
    const csv = await owner.get('/invoices/export.csv');
    const csvProblem = check('GET', '/invoices/export.csv', csv);
    if (csvProblem) wrong.push(csvProblem);

    // A state refuses some reads: the letter of an email step, the proof file of a draft (409).
    // The steps are recorded by the stream's re-plan (until then the plan shown is computed): let it catch up,
    // it may be behind another tenant's import job.
    const drained = (await (await fetch(`${base}/local/streams/drain`, { method: 'POST' })).json()) as { error?: string };
    expect(drained.error).toBeUndefined();
    const plan = await seen('GET', '/invoices/{id}/reminders', owner.get(`/invoices/${id}/reminders`));
    const emailStep = plan.json.items.find((s: { channel: string; state: string }) => s.channel === 'email' && s.state === 'scheduled');
    expect((await seen('GET', '/invoices/{id}/reminders/{stepId}/letter.pdf', owner.get(`/invoices/${id}/reminders/${encodeURIComponent(emailStep.stepId)}/letter.pdf`))).status).toBe(409);
    const draft = await seen('POST', '/invoices', owner.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today, dueDate: undefined, paymentTermsDays: 30 })));
    expect((await seen('GET', '/invoices/{id}/proof.pdf', owner.get(`/invoices/${draft.json.id}/proof.pdf`))).status).toBe(409);

    // The invoice was reminded today: alone, nothing to remind (the dry run answers the send's 422); with another
    // open invoice of the client, the preview of its message (200).
    const nothing = await seen('POST', '/clients/{id}/reminders', owner.post(`/clients/${client.json.id}/reminders?dryRun=true`, { invoiceIds: [id] }));
    expect(nothing.status).toBe(422);
    const other = await owner.post('/invoices', anInvoiceInput(client.json.id, { issueDate: today, dueDate: undefined, paymentTermsDays: 30 }));
    expect((await owner.post(`/invoices/${other.json.id}/send`)).status).toBe(200);
    const dryRun = await seen('POST', '/clients/{id}/reminders', owner.post(`/clients/${client.json.id}/reminders?dryRun=true`, {}));
    expect(dryRun.status).toBe(200);
    // Cancelled: the invoice with its credit note and how its email went; a draft voided, the invoice alone.
    const cancelled = await seen('POST', '/invoices/{id}/cancel', owner.post(`/invoices/${other.json.id}/cancel`, { reason: 'Annulée' }));
    expect(cancelled.json).toMatchObject({ status: 'cancelled', emailStatus: 'sent', creditNote: { emailStatus: 'sent' } });
    expect((await seen('POST', '/invoices/{id}/cancel', owner.post(`/invoices/${draft.json.id}/cancel`, {}))).json.status).toBe('cancelled');
    const test = await seen('POST', '/templates/{id}/test', owner.post('/templates/reminder/test', { to: uniqueEmail('oa-test') }));
    expect(test.status).toBe(200);
    await seen('PUT', '/templates/{id}', owner.put('/templates/reminder', { name: 'Relance', language: 'fr', subject: 'Facture {{invoiceNumber}}', body: 'Bonjour' }));
    expect((await seen('DELETE', '/templates/{id}', owner.delete('/templates/reminder'))).status).toBe(204);
    const steps = [{ id: 'j+3', offsetDays: 3, anchor: 'due', templateId: 'reminder', channel: 'email' }];
    const scenario = await seen('POST', '/scenarios', owner.post('/scenarios', { name: 'Court', steps }));
    expect((await seen('DELETE', '/scenarios/{id}', owner.delete(`/scenarios/${scenario.json.id}`))).status).toBe(204);

    expect(wrong).toEqual([]);
  });
});
