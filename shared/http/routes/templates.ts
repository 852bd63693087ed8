/** Routes of templates (shared/http/routes.ts joins every feature's table): a handler imports its feature's table only, so its bundle carries no other feature's schemas. */
import * as z from 'zod';
import { id } from '../schemas/common.js';
import { PreviewInput, TemplateCreate, TemplateInput, TestSendInput } from '../schemas/reminders.js';
import type { RouteDefinition } from '../route-definition.js';

const docParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { message: 'must be a scenario or template id' }) });

export const templatesRoutes = {
  listTemplates: { method: 'GET', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt' },
  createTemplate: { method: 'POST', path: '/templates', handler: 'functions/templates/templates-api', auth: 'jwt', body: TemplateCreate, successStatus: 201, idempotent: true },
  getTemplate: { method: 'GET', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams },
  putTemplate: { method: 'PUT', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: TemplateInput },
  deleteTemplate: { method: 'DELETE', path: '/templates/{id}', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams },
  previewTemplate: { method: 'POST', path: '/templates/{id}/preview', handler: 'functions/templates/templates-api', auth: 'jwt', params: docParams, body: PreviewInput },
  testTemplate: { method: 'POST', path: '/templates/{id}/test', handler: 'functions/templates/test-template', auth: 'jwt', params: docParams, body: TestSendInput, pdf: true, email: true, heavy: true },
} as const satisfies Record<string, RouteDefinition>;
