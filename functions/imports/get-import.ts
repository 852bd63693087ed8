import { NotFoundError } from '../../shared/app/errors.js';
import { httpHandler } from '../../shared/http/http-handler.js';
import { ok } from '../../shared/http/responses.js';
import { importsRoutes as routes } from '../../shared/http/routes/imports.js';
import { wiring } from '../../shared/wiring.js';

import { importJobs } from '../../shared/wiring-imports.js';
const jobs = importJobs();
export const handler = httpHandler(routes.getImport, async ({ tenantId, params, query }) => {
  // `items=false`: the progress alone, one item read (the rows are ~150 bytes each, 750 KB at 5,000).
  if (query.items === false) {
    const progress = await jobs.progress(tenantId, params.id);
    if (!progress) throw new NotFoundError('Import');
    return ok({ ...progress, items: [], itemsOmitted: true as const });
  }
  const job = await jobs.get(tenantId, params.id);
  if (!job) throw new NotFoundError('Import');
  return ok(job);
});
