import * as z from 'zod';
import { ImportJsonRow, ImportJsonRowOrProblems } from './schemas/cockpit.js';
import { problem } from './schemas/common.js';
import { routeList, type RouteDefinition, type RouteName } from './routes.js';
import type { RouteSchema } from './route-definition.js';
import { routeSummaries } from './route-summaries.js';
import { routeResponses } from './route-responses.js';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: RouteSchema, io: 'input' | 'output'): JsonSchema => {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  void $schema;
  return rest;
};

/** An import row is shown as the row's own schema, though any value is taken and checked row by row (schemas/cockpit.ts). */
const describeImportRows = () => {
  if (!z.globalRegistry.has(ImportJsonRowOrProblems)) z.globalRegistry.add(ImportJsonRowOrProblems, schemaOf(ImportJsonRow, 'input'));
};

const parametersOf = (route: RouteDefinition) => {
  const params: JsonSchema[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      params.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
    }
  }
  if (route.idempotent) {
    params.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 128 } });
  }
  return params;
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Successes that are not the route's JSON body: their media type and schema. */
const nonJsonSuccess: Partial<Record<RouteName, { description: string; content: Record<string, { schema: JsonSchema }> }>> = {
  exportInvoices: { description: 'CSV (semicolon-separated, UTF-8)', content: { 'text/csv': { schema: { type: 'string' } } } },
};

/** A second success status some routes answer: a dry run previews (200) what the real call creates (201). */
const otherSuccess: Partial<Record<RouteName, { status: number; description: string }>> = {
  sendClientReminder: { status: 200, description: 'Dry run (`?dryRun=true`): the message as it would go, nothing sent' },
  // Was answered and not declared: the generated client knew no 202 (found fuzzing every route against this document).
  importInvoices: { status: 202, description: 'More than 200 invoices to write, or checks of the file that took more than 8 s: the job (`id`, `status: "running"`), `Location: /imports/{id}`' },
};

/** OpenAPI 3.1, generated from the route table's zod schemas: the contract cannot drift from validation. */
export const openApiDocument = () => {
  describeImportRows();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList()) {
    const response = routeResponses[route.name as RouteName];
    const status = route.successStatus ?? 200;
    const success = nonJsonSuccess[route.name as RouteName] ?? (route.pdf && !response
      ? { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }
      : status === 204
        ? { description: 'No content' }
        : { description: 'OK', ...(response ? { content: { 'application/json': { schema: schemaOf(response, 'output') } } } : {}) });
    const other = otherSuccess[route.name as RouteName];
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.name,
      summary: routeSummaries[route.name as RouteName],
      ...(route.auth === 'jwt' ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: parametersOf(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
      responses: {
        ...(other ? { [String(other.status)]: { ...success, description: other.description } } : {}),
        [String(status)]: success,
        // Every route refuses a query parameter it does not declare (400 naming `query.<name>`), so every route can answer 400.
        400: problemResponse('Invalid request: each bad field is listed in `errors`'),
        ...(route.auth === 'jwt' ? { 401: problemResponse('Missing or invalid token') } : {}),
        ...(route.params ? { 404: problemResponse('Not found (or another tenant’s resource)') } : {}),
        // A resource's state can refuse a read too (the proof file of a draft, the letter of an email step: 409).
        ...(route.method !== 'GET' || route.params ? { 409: problemResponse('Conflict'), 422: problemResponse('Breaks a business rule') } : {}),
        ...(route.email ? { 502: problemResponse('The email (or text) could not be sent') } : {}),
        ...(route.method !== 'GET' ? { 503: problemResponse('Too many concurrent writes: nothing written, the same request can be retried') } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Relances API', version: '0.1.0', description:
        'Payment tracking and reminders for French small businesses. Money is integer cents, at most 99 999 999 999 per amount, line total and document total (422 above). A query parameter a route does not declare is a 400 naming it.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: schemaOf(problem, 'output') },
    },
    paths,
  };
};
