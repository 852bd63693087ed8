/**
 * `npm run aggregates:rebuild -- --tenant <id> [--fix]`: recomputes a tenant's cockpit and client
 * aggregates from its invoices, prints any drift from what the stream consumer maintained, and
 * with --fix repairs it. It also rewrites the client index key (GSI3SK, `<group>#<due>#<id>`) of invoices
 * written before it had the status group (a client's lists miss them until then). Reads TABLE_NAME and the usual AWS variables (against the local stack:
 * TABLE_NAME=relances-local AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 AWS_REGION=eu-west-3).
 * Run it when the table is quiet: a stream record applied during the repair shows as drift next run.
 * Exit status: 0 no drift (or fixed), 1 drift found and not fixed, 2 usage.
 */
import { parseArgs } from 'node:util';
import { aggregateItemSk } from '../shared/adapters/dynamo/keys.js';
import { makeRebuildAggregates } from '../shared/app/aggregates/rebuild-aggregates.js';
import { wiring } from '../shared/wiring.js';
import { invoiceLedger } from '../shared/wiring-invoice-ledger.js';
import { aggregates } from '../shared/wiring-aggregates.js';

const main = async (): Promise<number> => {
  const { values } = parseArgs({ options: { tenant: { type: 'string' }, fix: { type: 'boolean', default: false } } });
  if (!values.tenant) {
    console.error('usage: npm run aggregates:rebuild -- --tenant <tenantId> [--fix]');
    return 2;
  }
  // Invoices keyed in their client's partition before the status groups (GSI3 SK `<due>#<id>`): a
  // client's lists read it by group and miss them until they are saved again or re-keyed here.
  const keys = await invoiceLedger().rekeyClientIndex(values.tenant, { fix: values.fix ?? false });
  console.log(`tenant ${values.tenant}: ${keys.stale} of ${keys.invoices} invoices with a client index key (GSI3SK) to rewrite${values.fix ? `, ${keys.rekeyed} rewritten` : ''}`);
  const rebuild = makeRebuildAggregates({ aggregates: aggregates(), settings: wiring.settings() });
  const report = await rebuild(values.tenant, { fix: values.fix ?? false });
  console.log(`tenant ${values.tenant}: ${report.invoices} invoices, ${report.items} aggregate items, ${report.drift.length} drifted figure(s)`);
  for (const d of report.drift) console.log(`  ${aggregateItemSk(d.item)} ${d.attribute}: expected ${JSON.stringify(d.expected)}, found ${JSON.stringify(d.actual)}`);
  if (report.fixed) console.log('fixed: drifted items rewritten, contribution snapshots re-based');
  return (report.drift.length > 0 && !report.fixed) || (keys.stale > 0 && !values.fix) ? 1 : 0;
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
