import { localDate } from '../../domain/dates.js';
import type { ClientRepository, SettingsRepository } from '../ports.js';
import type { AggregateStore } from './ports.js';
import type { AggregateChangeTarget } from './stream-changes.js';
import { makeUpdateInvoiceAggregates } from './update-invoice-aggregates.js';
import { batchClients, batchSettings } from '../batch-reads.js';

/**
 * One stream batch: each changed invoice is brought up to date once, bounces are counted once
 * per event. Any error fails the batch, which the stream redelivers (everything here is idempotent).
 */
export const makeUpdateAggregatesBatch = (deps: { aggregates: AggregateStore; settings: SettingsRepository; clients: ClientRepository }) => {
  return async (targets: readonly AggregateChangeTarget[]): Promise<{ invoices: number; bounces: number }> => {
    // The tenant's settings (its time zone) and each client (its name) read once for the batch.
    const update = makeUpdateInvoiceAggregates({ ...deps, settings: batchSettings(deps.settings), clients: batchClients(deps.clients) });
    const invoices = new Map<string, { tenantId: string; invoiceId: string; refreshClientName: boolean }>();
    const bounces = new Map<string, Extract<AggregateChangeTarget, { kind: 'bounce' }>>();
    for (const t of targets) {
      if (t.kind === 'invoice') {
        const key = `${t.tenantId}/${t.invoiceId}`;
        invoices.set(key, { tenantId: t.tenantId, invoiceId: t.invoiceId, refreshClientName: invoices.get(key)?.refreshClientName ?? false });
      } else if (t.kind === 'bounce') bounces.set(`${t.tenantId}/${t.invoiceId}/${t.event.at}/${t.event.id}`, t);
      // A renamed client: its invoices' rows take the new name.
      else for (const invoiceId of await deps.aggregates.clientInvoiceIds(t.tenantId, t.clientId)) invoices.set(`${t.tenantId}/${invoiceId}`, { tenantId: t.tenantId, invoiceId, refreshClientName: true });
    }
    const queue = [...invoices.values()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await update(next.tenantId, next.invoiceId, { refreshClientName: next.refreshClientName });
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    for (const b of bounces.values()) {
      const { timezone } = await deps.settings.get(b.tenantId);
      await deps.aggregates.recordBounce(b.tenantId, b.invoiceId, b.event, localDate(new Date(b.at), timezone));
    }
    return { invoices: invoices.size, bounces: bounces.size };
  };
};
