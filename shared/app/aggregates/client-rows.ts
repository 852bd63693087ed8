import { averageLateness, byLateness, clientLateness, compareNames, type ClientAggregate } from '../../domain/cockpit.js';
import { localDate } from '../../domain/dates.js';
import type { Client } from '../../domain/client.js';
import { fold, nameMatches } from '../../domain/search.js';
import { offsetCursor, readOffset } from '../list-cursor.js';
import type { ClientRepository, Clock, Page, SettingsRepository } from '../ports.js';
import type { AggregateStore } from './ports.js';

export interface ClientRowsDeps {
  readonly clients: ClientRepository;
  readonly aggregates: AggregateStore;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

export interface ClientListRequest {
  readonly q?: string;
  readonly sort?: 'name' | 'balance' | 'overdue';
  readonly limit: number;
  readonly cursor?: string;
}

export type ClientRow = Client & {
  readonly balanceCents: number;
  readonly overdueCents: number;
  readonly openInvoices: number;
  readonly oldestDaysLate: number;
  /** Amount-weighted days late of its paid invoices; null before it has paid one (nothing to say yet). */
  readonly avgDaysLate: number | null;
  readonly lastReminderAt?: string;
};

export { fold };

/** Prefix search on the name (whole, or every word of `q` starting one of its words), the email address and the SIREN. */
export const matchesClient = (client: Client, q: string): boolean => {
  const needle = fold(q);
  if (!needle) return true;
  const name = fold(client.name);
  const digits = q.replace(/\s+/g, '');
  // Several words: each starts a word of the name, in any order (`dupré sarl`, `durand zo`), as the follow-up list's `q` reads them.
  // Digits: the start of its SIREN, or of one of its SIRETs (the SIREN and 5 digits, a NIC typed in part too), as printed on the client's own invoices.
  const bySiren = /^\d+$/.test(digits) && !!client.siren && (digits.length <= 9 ? client.siren.startsWith(digits) : digits.length <= 14 && digits.startsWith(client.siren));
  return name.startsWith(needle) || nameMatches(client.name, q) || client.email.toLowerCase().startsWith(q.trim().toLowerCase()) || bySiren;
};

export const toClientRow = (client: Client, agg: ClientAggregate | undefined, today: string): ClientRow => {
  const late = agg ? clientLateness(agg, today) : { overdueCents: 0, oldestDaysLate: 0 };
  return {
    ...client,
    balanceCents: agg?.balanceCents ?? 0,
    overdueCents: late.overdueCents,
    openInvoices: agg?.openInvoices ?? 0,
    oldestDaysLate: late.oldestDaysLate,
    avgDaysLate: agg && agg.paidWeightCents > 0 ? averageLateness(agg) : null,
    ...(client.lastMessageAt ? { lastReminderAt: client.lastMessageAt } : {}),
  };
};

/**
 * Client rows with their balances. Balances come from the client aggregates (one Query);
 * a plain page reads one page of clients; a search or a sort reads the tenant's clients
 * (their number, never their invoices, sets the cost) and pages in memory.
 */
export const makeListClientRows = ({ clients, aggregates, settings, clock }: ClientRowsDeps) =>
  async (tenantId: string, request: ClientListRequest): Promise<Page<ClientRow>> => {
    const [{ timezone }, aggs] = await Promise.all([settings.get(tenantId), aggregates.clients(tenantId)]);
    const today = localDate(clock.now(), timezone);
    const byId = new Map(aggs.map((a) => [a.clientId, a]));
    const row = (c: Client) => toClientRow(c, byId.get(c.id), today);
    if (!request.q && !request.sort) {
      const page = await clients.list(tenantId, { limit: request.limit, ...(request.cursor ? { cursor: request.cursor } : {}) });
      return { ...page, items: page.items.map(row) };
    }
    // The cursor is bound to this search and sort: another list's offset is a 400, not a page of this one.
    const list = `clients#${tenantId}#${request.sort ?? 'name'}#${request.q ?? ''}`;
    const offset = readOffset(list, request.cursor);
    const all: Client[] = [];
    let cursor: string | undefined;
    do {
      const page = await clients.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const rows = all.filter((c) => !request.q || matchesClient(c, request.q)).map(row);
    const sort = request.sort ?? 'name';
    rows.sort((a, b) =>
      sort === 'balance' ? b.balanceCents - a.balanceCents || compareNames(a.name, b.name)
      // The cockpit's topLateClients order (byLateness): the same clients come first in both.
      : sort === 'overdue' ? byLateness(a, b)
      : compareNames(a.name, b.name) || a.id.localeCompare(b.id));
    const items = rows.slice(offset, offset + request.limit);
    return offset + request.limit < rows.length ? { items, nextCursor: offsetCursor(list, offset + request.limit) } : { items };
  };
