import { beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions, bundlingOf, esbuildOptionsOf, stackFunctions, type FunctionBundleReport } from '../../infra/constructs/function-bundling.js';
import { REPO_ROOT, RelancesFunction } from '../../infra/constructs/relances-function.js';
import { aTestStack } from '../fixtures/test-stack.js';

/** Issue 12: every API bundle ≤ 300 KB minified (INIT is billed, DOMAIN.md §3). */
const BUDGET_BYTES = 300_000;
/**
 * send-reminder is no API bundle: it alone carries Powertools Tracer and its X-Ray SDK
 * (~125 KB minified, shared/wiring-tracing.ts), so it gets a budget of its own.
 */
const SEND_REMINDER_BUDGET_BYTES = 400_000;
const budgetOf = (handler: string) => (handler === 'functions/reminders/send-reminder' ? SEND_REMINDER_BUDGET_BYTES : BUDGET_BYTES);

describe('function bundles (esbuild with the options CDK uses, every function of the stack)', () => {
  let bundles: FunctionBundleReport[];
  beforeAll(async () => {
    bundles = await bundleFunctions(REPO_ROOT);
  });

  it('lists exactly the functions the stack deploys', () => {
    const deployed = aTestStack()
      .node.findAll()
      .filter((c): c is RelancesFunction => c instanceof RelancesFunction)
      .map((fn) => fn.handlerModule);
    expect([...new Set(deployed)].sort()).toEqual(stackFunctions().map((f) => f.handler).sort());
  });

  it('bundles every route-table handler and the event functions', () => {
    const handlers = bundles.map((b) => b.handler);
    expect([...handlers].sort()).toEqual(stackFunctions().map((f) => f.handler).sort());
    expect(handlers).toEqual(expect.arrayContaining(['functions/invoices/invoices-api', 'functions/reminders/send-reminder', 'functions/reminders/sync-schedules']));
  });

  it(`keeps every API bundle within ${BUDGET_BYTES / 1000} KB minified, send-reminder within ${SEND_REMINDER_BUDGET_BYTES / 1000} KB`, () => {
    const over = bundles.filter((b) => b.bytes > budgetOf(b.handler)).map((b) => `${b.handler}: ${b.bytes} bytes`);
    expect(over).toEqual([]);
    expect(Math.min(...bundles.map((b) => b.bytes))).toBeGreaterThan(10_000); // really bundled, not an empty stub
  });

  it("keeps the other routes' schemas and zod classic out of client-reminders, the largest API bundle", () => {
    // Its routes have a table of their own (shared/http/routes/client-reminders.ts) and the batch filter's range check
    // lives in schemas/ranges.ts: the scenario, template, letter, step, client and invoice schemas stay out (~7 KB).
    const clientReminders = bundles.find((b) => b.handler === 'functions/reminders/client-reminders')!;
    const schemas = Object.keys(clientReminders.inputs).filter((path) => path.startsWith('shared/http/schemas/')).sort();
    expect(schemas).toEqual(['shared/http/schemas/client-reminders.ts', 'shared/http/schemas/ranges.ts']);
    // Its schemas are zod/mini: no classic schema class, nor the JSON-schema code those reference (~70 KB with common.ts).
    const classic = Object.keys(clientReminders.inputs).filter((path) => /node_modules\/zod\/v4\/(classic\/|core\/(to-json-schema|json-schema-processors)\.js)/.test(path));
    expect(classic).toEqual([]);
    expect(Object.keys(clientReminders.inputs).filter((path) => path.endsWith('node_modules/zod/v4/mini/schemas.js'))).toHaveLength(1);
  });

  it('counts reminders in client-reminders (Powertools Metrics) and keeps DynamoAggregateStore out of the functions that never update aggregates', () => {
    // client-reminders sends reminders by hand for a client or a batch: its sends count in RemindersSent/RemindersFailed, as
    // send-reminder-now's and the scheduled ones do. Room for Metrics came from the aggregate store (wiring-aggregates.ts):
    // the follow-up list it filters a batch with reads the row extras only.
    const byHandler = new Map(bundles.map((b) => [b.handler, b]));
    const inputsOf = (handler: string) => Object.entries(byHandler.get(handler)!.inputs).filter(([, bytes]) => bytes > 0).map(([path]) => path);
    for (const handler of ['functions/reminders/client-reminders', 'functions/reminders/send-reminder-now', 'functions/reminders/send-reminder']) {
      expect(inputsOf(handler), handler).toContain('shared/adapters/telemetry/powertools-metrics.ts');
    }
    // Its class; a few of its module's constants may stay.
    const withStore = bundles.filter((b) => (b.inputs['shared/adapters/dynamo/dynamo-aggregate-store.ts'] ?? 0) > 1_000).map((b) => b.handler).sort();
    expect(withStore).toEqual(
      ['functions/aggregates/update-aggregates', 'functions/clients/clients-api', 'functions/clients/get-statement-pdf', 'functions/cockpit/get-cockpit'].sort(),
    );
    expect(inputsOf('functions/reminders/client-reminders')).toContain('shared/adapters/dynamo/dynamo-row-extras.ts');
  });

  it('keeps DynamoInvoiceLedger (numbered writes, the whole timeline) in the functions that issue documents or show the timeline only, DynamoLetterSteps in the letters\' one, DynamoStepRepository in the engine\'s', () => {
    // wiring.invoices() is DynamoInvoiceRepository, which every function bundles; the subclass with saveWithNextNumber,
    // saveWithCreditNote, timeline and the client index's maintenance (~5 KB with its sequence) comes from
    // shared/wiring-invoice-ledger.ts: the reminder send path, client-reminders the largest API bundle, is without it.
    const withLedger = (path: string) => bundles.filter((b) => (b.inputs[path] ?? 0) > 0).map((b) => b.handler).sort();
    const issuing = ['functions/invoices/cancel-invoice', 'functions/invoices/credit-notes-email', 'functions/invoices/invoices-api', 'functions/invoices/litigation-documents', 'functions/invoices/send-invoice'];
    expect(withLedger('shared/adapters/dynamo/dynamo-invoice-ledger.ts')).toEqual(issuing);
    // The numbering sequence came with it (quotes number theirs too: send-reminder, reading quotes, keeps it).
    const withSequence = withLedger('shared/adapters/dynamo/sequence.ts');
    for (const handler of ['functions/reminders/client-reminders', 'functions/reminders/send-reminder-now']) expect(withSequence, handler).not.toContain(handler);
    // Likewise the owner's side of letters (the to-post list, posted, the tracking number: DynamoLetterSteps, ~0.9 KB).
    expect(withLedger('shared/adapters/dynamo/dynamo-letter-steps.ts')).toEqual(['functions/reminders/reminders-api']);
    // And the engine's writes on the steps (a new plan, one step's claim and outcome, letters: DynamoStepRepository, ~1.9 KB):
    // wiring.steps() is DynamoStepRecords; client-reminders claims and records its steps as a group (StepRecords).
    expect(withLedger('shared/adapters/dynamo/dynamo-step-repository.ts')).toEqual(
      ['functions/reminders/reminders-api', 'functions/reminders/send-reminder', 'functions/reminders/send-reminder-now', 'functions/reminders/sync-schedules'],
    );
    // The writes of the invoice itself (create, save: DynamoInvoiceRepository, ~1.4 KB) come from shared/wiring-invoice-repository.ts;
    // wiring.invoices() is DynamoInvoiceRecords: client-reminders (its steps' claims write the invoices) and the reads go without.
    const writers = withLedger('shared/adapters/dynamo/dynamo-invoice-repository.ts');
    for (const handler of ['functions/reminders/client-reminders', 'functions/clients/clients-api', 'functions/cockpit/get-cockpit', 'functions/settings/settings-api']) {
      expect(writers, handler).not.toContain(handler);
    }
    expect(writers).toEqual(expect.arrayContaining(['functions/payments/payments-api', 'functions/invoices/invoices-api', 'functions/reminders/send-reminder', 'functions/reminders/sync-schedules']));
  });

  it('writes French text as UTF-8, not as escapes (--charset=utf8: about 1 KB less per bundle)', async () => {
    const { build } = await import('esbuild');
    const options = esbuildOptionsOf(bundlingOf(false));
    const { outputFiles } = await build({
      ...options,
      stdin: { contents: "export const text = 'Malgré nos relances, échue le … : 40 €';", loader: 'ts' },
      write: false,
      sourcemap: false,
    });
    const text = outputFiles[0]!.text;
    expect(text).toContain('Malgré nos relances, échue le … : 40 €');
    expect(text).not.toMatch(/\\x[0-9A-F]{2}|\\u[0-9A-F]{4}/i);
  });

  it('imports the SESv2 client only in functions that send email, the Scheduler client only where schedules are written', () => {
    const wrong = bundles.flatMap((b) => [
      ...(!b.sends && b.externals.includes('@aws-sdk/client-sesv2') ? [`${b.handler} imports SESv2`] : []),
      ...(!b.schedules && b.externals.includes('@aws-sdk/client-scheduler') ? [`${b.handler} imports Scheduler`] : []),
    ]);
    expect(wrong).toEqual([]);
    const byHandler = new Map(bundles.map((b) => [b.handler, b]));
    expect(byHandler.get('functions/reminders/send-reminder')!.externals).toContain('@aws-sdk/client-sesv2');
    expect(byHandler.get('functions/reminders/sync-schedules')!.externals).toContain('@aws-sdk/client-scheduler');
    // At INIT the invoices API loads DynamoDB only (Secrets Manager waits for a re-issued portal link).
    const invoicesApi = byHandler.get('functions/invoices/invoices-api')!;
    expect(invoicesApi.externals.filter((e) => e.startsWith('@aws-sdk/') && !invoicesApi.lazyExternals.includes(e))).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
  });

  it('refers to the Secrets Manager client only in functions that issue portal links, and loads it on the first link, not at INIT', () => {
    const SECRETS = '@aws-sdk/client-secrets-manager';
    const importing = bundles.filter((b) => b.externals.includes(SECRETS));
    expect(importing.filter((b) => !b.portalLinks).map((b) => b.handler)).toEqual([]);
    // Exactly the functions that issue links: the send path, sending an invoice or a reminder, re-issuing a link, answering a plan request.
    expect(importing.map((b) => b.handler).sort()).toEqual(
      ['functions/invoices/invoices-api', 'functions/invoices/send-invoice', 'functions/plans/plans-email', 'functions/reminders/client-reminders', 'functions/reminders/send-reminder', 'functions/reminders/send-reminder-now'].sort(),
    );
    expect(importing.filter((b) => !b.lazyExternals.includes(SECRETS)).map((b) => b.handler)).toEqual([]);
    // A template preview shows the link's shape only: no secret, no client.
    expect(bundles.find((b) => b.handler === 'functions/templates/templates-api')!.externals).not.toContain(SECRETS);
  });

  it('loads the X-Ray SDK (Powertools Tracer) on the send path only', () => {
    const traced = bundles.filter((b) => Object.keys(b.inputs).some((path) => path.includes('node_modules/aws-xray-sdk-core/'))).map((b) => b.handler);
    expect(traced).toEqual(['functions/reminders/send-reminder']);
  });

  it('leaves the JSON-schema generation (z.toJSONSchema) to the openapi function', () => {
    // zod classic brings each schema type's JSON-schema processor to every bundle (~7 KB); z.toJSONSchema itself, the
    // processors it calls and its run at INIT (~5 KB more) belong to the OpenAPI document alone (shared/http/openapi.ts).
    const processors = (b: FunctionBundleReport) =>
      Object.entries(b.inputs).find(([path]) => path.endsWith('node_modules/zod/v4/core/json-schema-processors.js'))?.[1] ?? 0;
    const openapi = processors(bundles.find((b) => b.handler === 'functions/system/openapi')!);
    expect(openapi).toBeGreaterThan(10_000);
    const heavy = bundles.filter((b) => b.handler !== 'functions/system/openapi' && processors(b) > openapi * 0.75).map((b) => `${b.handler}: ${processors(b)} bytes`);
    expect(heavy).toEqual([]);
  });

  it("bundles none of zod's locales but the default English one", () => {
    const locales = bundles.flatMap((b) =>
      Object.keys(b.inputs)
        .filter((path) => /node_modules\/zod\/.*locales\/(?!en\.js$|index\.js$)/.test(path))
        .map((path) => `${b.handler}: ${path}`),
    );
    expect(locales).toEqual([]);
  });
});
