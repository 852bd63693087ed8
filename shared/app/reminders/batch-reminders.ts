import type { InvoiceListQuery } from '../../domain/invoice-types.js';
import { AppError, BusinessRuleError } from '../errors.js';
import type { InvoiceRecord, Page } from '../ports.js';
import { batchClients, batchDocuments, batchSettings } from '../batch-reads.js';
import { checkTemplate, loadClientContexts, remindClient } from './client-reminders.js';
import type { GroupSendDeps } from './send-reminder.js';

/** Invoices one call may remind: each gets its answer within API Gateway's 30 s (docs/benchmarks.md). */
export const MAX_BATCH_INVOICES = 500;

/**
 * A batch answers within API Gateway's 30 s whatever the machine: a client is started only if it
 * should be done by this time (see `fitsBudget`); the others answer `skipped: time_budget` (nothing
 * written for them; sending the batch again goes on with them, those done meanwhile answer
 * `same_day`). A client started always finishes. On a loaded machine clients take longer and the
 * last ones start earlier, so the answer stays under 30 s.
 */
export const BATCH_TIME_BUDGET_MS = 24_000;

/** Margin on the recent clients' time per invoice when judging whether one more fits in the budget. */
const CLIENT_DURATION_MARGIN = 1.5;

/**
 * Clients reminded at once: their reads and writes overlap the others' PDF rendering. Under a heavy
 * load the first clients, which pay the cold start, may be all that fits: 8 of them get more done
 * than 4 (measured, docs/benchmarks.md).
 */
const CLIENT_PARALLELISM = 8;

/** Invoice ids read at once to group them by client (BatchGetItem's limit). */
const GROUPING_READ = 100;

/** A client done: its time, its invoices, and whether it started before any client was done (it paid the cold start). */
export interface ClientDone {
  readonly ms: number;
  readonly invoices: number;
  readonly cold?: boolean;
}

/**
 * Whether a client of `invoices` invoices started now should be done by the deadline, judging by the
 * time per invoice of the clients finished lately (the last `window` of them, the slowest): ×1.5, or
 * ×1 for the first clients, whose time already holds the cold start (module loading, first connections,
 * first renders) that later ones never pay again. The window forgets them once later ones are done; a
 * client's time counts the others it ran beside, as the next one's will.
 */
export const fitsBudget = (done: readonly ClientDone[], window: number, now: number, deadline: number, invoices: number): boolean => {
  const recent = done.slice(-window);
  const perInvoice = Math.max(0, ...recent.map((d) => (d.ms / Math.max(1, d.invoices)) * (d.cold ? 1 : CLIENT_DURATION_MARGIN)));
  return now + perInvoice * invoices <= deadline;
};

export type BatchFilter = Omit<InvoiceListQuery, 'sort' | 'order' | 'limit' | 'cursor'>;

export interface BatchReminderInput {
  readonly invoiceIds?: readonly string[];
  /** The follow-up list's filters (GET /invoices), instead of ids. */
  readonly filter?: BatchFilter;
  /** Absent: each invoice's next step template (the firmest one of a client sets its message's tone). */
  readonly templateId?: string;
}

export interface BatchItem {
  readonly invoiceId: string;
  readonly status: 'sent' | 'skipped' | 'failed';
  readonly reason?: string;
}

export interface BatchReminderResult {
  readonly items: readonly BatchItem[];
  readonly totals: { readonly sent: number; readonly skipped: number; readonly failed: number };
}

export interface BatchReminderDeps extends GroupSendDeps {
  /** The follow-up list (GET /invoices), read page by page for a `filter`. */
  readonly list: (tenantId: string, q: InvoiceListQuery) => Promise<Page<{ id: string }>>;
  /** Milliseconds on a monotonic clock (the time budget is real elapsed time, not the business clock). */
  readonly elapsed?: () => number;
  /** Clients reminded at once (default 8). */
  readonly clientParallelism?: number;
  readonly timeBudgetMs?: number;
  /**
   * Many invoices read at once (BatchGetItem, eventually consistent), only to group the ids by client:
   * each client's invoices are read again, consistently, when it is started.
   */
  readonly invoicesByIds?: (tenantId: string, ids: readonly string[]) => Promise<readonly InvoiceRecord[]>;
}

const collect = async (deps: BatchReminderDeps, tenantId: string, filter: BatchFilter): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.list(tenantId, { ...filter, sort: 'dueDate', limit: 100, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (ids.length > MAX_BATCH_INVOICES) {
      throw new BusinessRuleError('batch-too-large', `The filter matches more than ${MAX_BATCH_INVOICES} invoices: narrow it`, [{ path: 'body.filter', message: `matches more than ${MAX_BATCH_INVOICES} invoices` }]);
    }
  } while (cursor);
  return ids;
};

/** A whole client's answer when its message could not be prepared (its addresses all bounced, a consumer and a penalty template). */
const refusalReason = (error: unknown): string | undefined =>
  error instanceof BusinessRuleError ? error.type.replace(/^.*\//, '').replace(/-/g, '_') : undefined;

/**
 * POST /reminders/batch (mass send): the invoices (given, or matching the follow-up list's filters)
 * grouped by client, one message per client with its invoices, each client's gap respected; an
 * answer per invoice and the totals. Nothing is forced: within the gap an invoice is `skipped: gap`.
 */
export const makeSendBatchReminders = (deps: BatchReminderDeps) =>
  async (tenantId: string, input: BatchReminderInput): Promise<BatchReminderResult> => {
    const elapsed = deps.elapsed ?? (() => performance.now());
    const deadline = elapsed() + (deps.timeBudgetMs ?? BATCH_TIME_BUDGET_MS);
    // A text or a thank-you is never a reminder email (an instalment one is refused per client without a plan).
    if (input.templateId) await checkTemplate(deps.templates, tenantId, input.templateId, 'fr');
    const ids = [...new Set(input.invoiceIds ?? (await collect(deps, tenantId, input.filter ?? {})))];
    // react-pdf, fonts and the template load while the invoices are read: the first clients then take
    // no longer than the next ones (their time sets how many more fit in the budget).
    const warming = deps.pdf.warm?.().catch(() => undefined);
    const byClient = new Map<string, string[]>();
    const items: BatchItem[] = [];
    const read = async (chunk: readonly string[]): Promise<(InvoiceRecord | undefined)[]> => {
      if (!deps.invoicesByIds) return Promise.all(chunk.map((id) => deps.invoices.get(tenantId, id)));
      const found = new Map((await deps.invoicesByIds(tenantId, chunk)).map((i) => [i.id, i]));
      // Not seen by an eventually consistent read (just created): read it consistently before saying not_found.
      return Promise.all(chunk.map((id) => found.get(id) ?? deps.invoices.get(tenantId, id)));
    };
    const chunkSize = deps.invoicesByIds ? GROUPING_READ : 16;
    for (let i = 0; i < ids.length; i += chunkSize) {
      const invoices = await read(ids.slice(i, i + chunkSize));
      invoices.forEach((invoice, k) => {
        if (!invoice) items.push({ invoiceId: ids[i + k]!, status: 'skipped', reason: 'not_found' });
        else byClient.set(invoice.clientId, [...(byClient.get(invoice.clientId) ?? []), invoice.id]);
      });
    }
    await warming;
    // Settings, scenarios and templates read once for the whole batch, each client once (shared/app/batch-reads.ts).
    const reads: BatchReminderDeps = { ...deps, settings: batchSettings(deps.settings), scenarios: batchDocuments(deps.scenarios), templates: batchDocuments(deps.templates), clients: batchClients(deps.clients) };
    const clients = [...byClient.entries()];
    const remindOne = async ([clientId, clientIds]: [string, string[]]): Promise<BatchItem[]> => {
      try {
        const client = await reads.clients.get(tenantId, clientId);
        // A client opted out of reminders is never chased in bulk (its own page can still remind it by hand).
        if (!client?.remindersEnabled) return clientIds.map((invoiceId) => ({ invoiceId, status: 'skipped', reason: client ? 'opt_out' : 'not_found' }));
        const contexts = await loadClientContexts(reads, tenantId, clientId, clientIds);
        // The most overdue first, whatever order the ids came in: past the 40 one message lists, the newest answer group_full.
        const due = (id: string) => contexts.get(id)?.invoice.dueDate ?? '';
        const byDue = [...clientIds].sort((a, b) => due(a).localeCompare(due(b)));
        const result = await remindClient(reads, tenantId, client, contexts, byDue, input.templateId ? { templateId: input.templateId } : {}, false);
        return result.items.map((i) => ({ invoiceId: i.invoiceId, status: i.status === 'would_send' ? 'skipped' : i.status, ...(i.reason ? { reason: i.reason } : {}) }));
      } catch (error) {
        // One client's trouble never costs the others their answer (their emails may already be out).
        const refused = refusalReason(error);
        return clientIds.map((invoiceId) => ({ invoiceId, status: refused ? 'skipped' : 'failed', reason: refused ?? (error instanceof AppError ? 'send_failed' : 'error') }));
      }
    };
    const parallelism = Math.min(deps.clientParallelism ?? CLIENT_PARALLELISM, clients.length);
    const done: ClientDone[] = [];
    let firstDone: number | undefined;
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < clients.length; i = next++) {
        const [, clientIds] = clients[i]!;
        const start = elapsed();
        if (!fitsBudget(done, parallelism, start, deadline, clientIds.length)) {
          items.push(...clientIds.map((invoiceId): BatchItem => ({ invoiceId, status: 'skipped', reason: 'time_budget' })));
          continue;
        }
        items.push(...(await remindOne(clients[i]!)));
        const end = elapsed();
        done.push({ ms: end - start, invoices: clientIds.length, ...(firstDone === undefined || start < firstDone ? { cold: true } : {}) });
        firstDone ??= end;
      }
    };
    await Promise.all(Array.from({ length: parallelism }, worker));
    // Answers in the order asked.
    const order = new Map(ids.map((id, i) => [id, i]));
    items.sort((a, b) => (order.get(a.invoiceId) ?? 0) - (order.get(b.invoiceId) ?? 0));
    const count = (status: BatchItem['status']) => items.filter((i) => i.status === status).length;
    return { items, totals: { sent: count('sent'), skipped: count('skipped'), failed: count('failed') } };
  };
