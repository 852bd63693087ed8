/** Routes of templates (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import { idParams } from '../schemas/common.js';
import { PreviewInput, TemplateCreate, TemplateInput, TestSendInput } from '../schemas/reminders.js';
import type { RouteDefinition } from '../route-definition.js';

/**
 * The path id has the shape of every other resource's id (a malformed one is a 400 naming `path.id`): a
 * well-formed id nothing has (`ABC`, which a created template or scenario never gets) is a 404, as on
 * /invoices/{id} (test/e2e/path-ids.test.ts).
 */
const docParams = idParams;

export const templatesRoutes = {
  listTemplates: { method: 'GET', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt' },
  createTemplate: { method: 'POST', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt', body: TemplateCreate, successStatus: 201, idempotent: true },
  getTemplate: { method: 'GET', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams },
  putTemplate: { method: 'PUT', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: TemplateInput },
  deleteTemplate: { method: 'DELETE', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, successStatus: 204 },
  previewTemplate: { method: 'POST', path: '/templates/{id}/preview', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: PreviewInput },
  testTemplate: { method: 'POST', path: '/templates/{id}/test', handler: 'functions/templates/test-template', auth: 'jwt', params: docParams, body: TestSendInput, pdf: true, email: true, heavy: true },
} as const satisfies Record<string, RouteDefinition>;
