/**
 * DOMAIN.md §3: react-pdf breaks once esbuild inlines it. This test synthesizes the real
 * RelancesFunction of a PDF route with CDK (local esbuild bundling + the copied node_modules),
 * then runs the handler FROM THAT ASSET against the local stack and reads the PDF it returns.
 * The asset sits outside the repository; beside it only the AWS SDK is provided (as the
 * Lambda runtime does), so react-pdf can only come from the asset's own node_modules.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { REPO_ROOT, RelancesFunction } from '../../infra/constructs/relances-function.js';
import { runtimeClosure } from '../../infra/pdf-bundling.js';
import { aBusinessClientInput, anInvoiceInput } from '../fixtures/api-fixtures.js';
import { api, ownTenant, uniqueEmail } from '../e2e/http.js';

const work = mkdtempSync(join(tmpdir(), 'relances-asset-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A node_modules beside the asset with everything the repo has except react-pdf's closure (the runtime's SDK stand-in). */
const runtimeModules = (target: string) => {
  const closure = new Set(runtimeClosure(REPO_ROOT).map((p) => p.replace(/^node_modules\//, '')));
  const source = join(REPO_ROOT, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      mkdirSync(join(target, entry), { recursive: true });
      for (const pkg of readdirSync(join(source, entry))) {
        if (!closure.has(`${entry}/${pkg}`)) symlinkSync(join(source, entry, pkg), join(target, entry, pkg));
      }
    } else if (!closure.has(entry)) {
      symlinkSync(join(source, entry), join(target, entry));
    }
  }
};

describe('a PDF route bundled by CDK', () => {
  it('renders the invoice PDF from the synthesized asset', { timeout: 240_000 }, async () => {
    const acme = ownTenant('bundle');
    // Polish, Greek and Cyrillic: the fonts must have shipped in the asset to print them.
    const name = 'Łukasz Żółć · Παπαδόπουλος · Дмитрий Шостакович';
    const client = await acme.post('/clients', aBusinessClientInput({ email: uniqueEmail('bundle'), name }));
    const invoice = await acme.post('/invoices', anInvoiceInput(client.json.id));
    const sent = await acme.post(`/invoices/${invoice.json.id}/send`);
    expect(sent.status).toBe(200);

    const app = new App({ outdir: join(work, 'cdk.out') });
    new RelancesFunction(new Stack(app, 'BundleProbe'), 'InvoicePdf', { handler: 'functions/invoices/get-invoice-pdf', pdf: true });
    const assembly = app.synth();
    const assetDir = readdirSync(assembly.directory)
      .map((d) => join(assembly.directory, d))
      .find((d) => existsSync(join(d, 'index.mjs')));
    expect(assetDir).toBeDefined();
    expect(existsSync(join(assetDir!, 'node_modules', '@react-pdf', 'renderer'))).toBe(true);
    runtimeModules(join(work, 'node_modules'));

    const event = {
      version: '2.0',
      routeKey: 'GET /invoices/{id}/pdf',
      rawPath: `/invoices/${invoice.json.id}/pdf`,
      rawQueryString: '',
      headers: {},
      pathParameters: { id: invoice.json.id },
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path: `/invoices/${invoice.json.id}/pdf` }, authorizer: { jwt: { claims: { 'custom:tenantId': acme.tenant, sub: 'u1' }, scopes: [] } } },
    };
    const runner = join(assetDir!, 'run.mjs');
    // The result goes to a file: stdout carries the function's own JSON log lines.
    const resultFile = join(assetDir!, 'result.json');
    writeFileSync(
      runner,
      `import { writeFileSync } from 'node:fs';\nconst { handler } = await import('./index.mjs');\nconst r = await handler(${JSON.stringify(event)}, {});\nwriteFileSync(${JSON.stringify(resultFile)}, JSON.stringify(r));\n`,
    );
    const logs = execFileSync(process.execPath, [runner], {
      cwd: assetDir!,
      env: {
        PATH: process.env.PATH ?? '',
        TABLE_NAME: inject('tableName'),
        AWS_REGION: 'eu-west-3',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
      },
      maxBuffer: 20 * 1024 * 1024,
      timeout: 60_000,
    }).toString();
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { statusCode: number; isBase64Encoded: boolean; body: string; headers: Record<string, string> };
    // The bundled function logs its request as one JSON line (Powertools Logger inlined by esbuild).
    const requestLog = logs.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.message === 'request');
    expect(requestLog).toMatchObject({ level: 'INFO', route: 'GET /invoices/{id}/pdf', tenantId: acme.tenant, invoiceId: invoice.json.id, status: 200 });
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(Buffer.from(result.body, 'base64'));
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('%PDF');
    const text = (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text;
    expect(text).toContain(sent.json.number);
    expect(text.replace(/\s+/g, ' ')).toContain(name); // the name wraps over two lines
  });
});
