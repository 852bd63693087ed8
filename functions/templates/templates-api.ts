import { handler as listTemplates } from './list-templates.js';
import { handler as createTemplate } from './create-template.js';
import { handler as getTemplate } from './get-template.js';
import { handler as putTemplate } from './put-template.js';
import { handler as deleteTemplate } from './delete-template.js';
import { handler as previewTemplate } from './preview-template.js';
import { byRoute } from '../../shared/http/http-handler.js';

/** The Lambda behind the templates routes that neither render nor send: one function, a thin handler per route (docs/adr/0001-feature-lambdas.md). */
export const handler = byRoute(listTemplates, createTemplate, getTemplate, putTemplate, deleteTemplate, previewTemplate);
