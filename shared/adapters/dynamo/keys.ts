/**
 * Single-table design: every key shape and access pattern, in one place.
 *
 * | entity      | PK                          | SK                       | GSI keys                                                      |
 * |-------------|-----------------------------|--------------------------|---------------------------------------------------------------|
 * | settings    | T#<tenant>                  | SETTINGS                 |                                                               |
 * | client      | T#<tenant>                  | CLIENT#<clientId>        |                                                               |
 * | scenario    | T#<tenant>                  | SCENARIO#<id>            |                                                               |
 * | template    | T#<tenant>                  | TEMPLATE#<id>            |                                                               |
 * | invoice     | T#<tenant>#INV#<invoiceId>  | #INVOICE                 | GSI1 T#<t>#INV / <due>#<id>; GSI2 T#<t>#INV#<group> / <due>#<id>; GSI3 T#<t>#CLIENT#<c>#INV / <group>#<due>#<id> |
 * | payment     | T#<tenant>#INV#<invoiceId>  | PAYMENT#<paymentId>      |                                                               |
 * | event       | T#<tenant>#INV#<invoiceId>  | EVENT#<iso>#<ulid>       |                                                               |
 * | step        | T#<tenant>#INV#<invoiceId>  | STEP#<plan>#<index>      | (plan 000 = manual reminders, index = epoch seconds); while `to_post`: GSI1 T#<t>#TOPOST / <at>#<invoiceId>#<plan>#<index> |
 * | quote       | T#<tenant>#QUO#<quoteId>    | #QUOTE                   | GSI1 T#<t>#QUO / <validUntil>#<id>                            |
 * | quote event | T#<tenant>#QUO#<quoteId>    | EVENT#<iso>#<ulid>       |                                                               |
 * | credit note | T#<tenant>#INV#<invoiceId>  | CREDIT#<creditNoteId>    |                                                               |
 * | sequence    | T#<tenant>#SEQ#<prefix>#<y> | #SEQ                     |                                                               |
 * | idempotency | T#<tenant>#IDEM#<key>       | #IDEM                    | TTL expiresAt                                                 |
 * | import job  | T#<tenant>#IMPORT#<jobId>   | #JOB / CHUNK#<nnnn>      | TTL expiresAt (30 days); chunks reach the import worker by the stream |
 * | contribution| T#<tenant>#INV#<invoiceId>  | #AGG                     | (what the invoice last added to the aggregates; its list-row extras) |
 * | client agg. | T#<tenant>#AGG              | CLIENT#<clientId>        | counters (ADD) + OPEN#<invoiceId> { dueDate, balanceCents }   |
 * | day agg.    | T#<tenant>#AGG              | DAY#<YYYY-MM-DD>         | counters (ADD): invoiced, collected, paid, reminders, bounces |
 * | moves agg.  | T#<tenant>#AGG              | MOVES#<YYYY-MM-DD>       | counters (ADD): open balance moves by client and due date (O#, N#), paid weight and days late by client (W#, L#) |
 * | portal token| PORTAL#<sha-256 of token>   | #PORTAL                  | (no tenant in the key: the public portal finds tenant + invoice from the token alone) |
 * | notification| T#<tenant>#NOTIF            | NOTIF#<eventUlid>        | unread only: GSI1 T#<t>#NOTIF#unread / <eventUlid> (sparse)   |
 * | overview    | T#<tenant>#NOTIF            | OVERVIEW#<YYYY-MM-DD>    | (the daily overview of that day went out: at most one)        |
 * | payment log | T#<tenant>#PAID#<date>      | <invoiceId>#<paymentId>  | (a payment filed under its date, for the daily overview)     |
 *
 * Access patterns:
 * - client/settings/scenario/template by id: GetItem; lists: Query PK = T#<t>, begins_with(SK, 'CLIENT#') …
 * - invoice with its payments, steps and events: Query PK = T#<t>#INV#<id> (one partition per invoice)
 * - follow-up list: Query GSI2 (status group + due range), GSI3 (one client: its status group's due range, or
 *   every group's read in step), GSI1 (all, due range) — never Scan
 * - overdue: Query GSI2 PK = T#<t>#INV#open, SK < <today>
 * - cockpit: Query PK = T#<t>#AGG, begins_with(SK, 'CLIENT#') (one item per client, with its open
 *   invoices) + Query PK = T#<t>#AGG, SK BETWEEN DAY#<asOf − 1 year> AND DAY#<asOf> (≤ 366 small items)
 *   (+ a past asOf: SK BETWEEN MOVES#<asOf + 1> AND MOVES#9999-12-31, the moves since):
 *   its cost grows with clients and open invoices, never with paid history
 * - aggregates: the stream consumer reads one invoice partition (two key ranges, timeline events
 *   skipped), then writes the ADD deltas and the new #AGG snapshot in one transaction, conditional on
 *   the snapshot's `rev` (a duplicate or reordered stream record computes a zero delta: no write)
 * - follow-up list rows: each invoice's #AGG item also carries its list row (status, due date, client
 *   name, amount, reminders) and the keys of three sorts, one partition per status group:
 *   GSI1 T#<t>#ROW#<group>#amount / <amount 13 digits>#<id>; GSI2 T#<t>#ROW#<group>#client /
 *   <folded client name>#<due>#<id>; GSI3 T#<t>#ROW#<group>#lastReminder / <last reminder at or 0>#<id>.
 *   A sort without a status reads the four group partitions in step (k-way merge, ≤ 4 × page).
 *   `q` by client: the same GSI2 partitions, begins_with(GSI2SK, <folded q>); `q` by number:
 *   Query PK = T#<t>#NUM, begins_with(SK, <q>) (one lookup item per numbered invoice);
 *   `q` by a word of the client's name: Query PK = T#<t>#CWORD, begins_with(SK, <word>) (one item per
 *   word of each invoiced client's name), then each matching client's GSI3 partition
 * - letters to post: Query GSI1 PK = T#<t>#TOPOST (sparse: only letter steps in `to_post` carry it)
 * - numbering: conditional Update of the sequence item inside the transaction that numbers the invoice
 * - client portal: GetItem PORTAL#<hash> (the hash of the token in the link; the token itself is never stored)
 * - notifications: Query PK = T#<t>#NOTIF, begins_with(SK, 'NOTIF#'), newest first (ids are the
 *   timeline events' ULIDs); unread ones: Query GSI1 T#<t>#NOTIF#unread (marking one read removes its GSI1 keys)
 * - payments of a day (daily overview): Query PK = T#<t>#PAID#<date>
 * - stream consumers: `parseItemKey` reads a record's keys into what changed (shared/app/changed-item.ts),
 *   so the use cases deciding what a change moves never see a key
 * Tenant ids are in every key but the portal's (another tenant's id can only ever miss → 404); a portal
 * token item holds its tenant and invoice and is reachable only by whoever holds the token.
 */
import type { ChangedItem } from '../../app/changed-item.js';
import { aggregateItemOf, clientItem, dayItem, movesItem } from '../../domain/aggregates.js';
import type { InvoiceStatus } from '../../domain/invoice.js';
import { sortName } from '../../domain/search.js';

/** Sort-key prefixes of the collections read with begins_with(SK, …). */
export const CLIENT_PREFIX = 'CLIENT#';
export const EVENT_PREFIX = 'EVENT#';
export const PAYMENT_PREFIX = 'PAYMENT#';
export const CREDIT_PREFIX = 'CREDIT#';
export const STEP_PREFIX = 'STEP#';
/**
 * Where a sent step's timeline event (kept on the step record) sorts among the invoice's event
 * items: at its instant, after the event items of the same millisecond (`~` sorts after ULIDs).
 */
export const stepEventSortKey = (sentAt: string, stepSk: string) => `${EVENT_PREFIX}${sentAt}#~${stepSk.slice(STEP_PREFIX.length)}`;

export const tenantPk = (tenantId: string) => `T#${tenantId}`;
export const settingsKey = (tenantId: string) => ({ PK: tenantPk(tenantId), SK: 'SETTINGS' });
export const clientKey = (tenantId: string, clientId: string) => ({ PK: tenantPk(tenantId), SK: `${CLIENT_PREFIX}${clientId}` });
/** Scenarios and templates a tenant customised: PK = T#<tenant>, SK = <TYPE>#<id>. */
export type TenantDocumentType = 'SCENARIO' | 'TEMPLATE';
export const tenantDocumentPrefix = (type: TenantDocumentType) => `${type}#`;
export const tenantDocumentKey = (tenantId: string, type: TenantDocumentType, id: string) => ({ PK: tenantPk(tenantId), SK: `${tenantDocumentPrefix(type)}${id}` });
export const scenarioKey = (tenantId: string, id: string) => tenantDocumentKey(tenantId, 'SCENARIO', id);
export const templateKey = (tenantId: string, id: string) => tenantDocumentKey(tenantId, 'TEMPLATE', id);

export const INVOICE_SK = '#INVOICE';
export const invoicePk = (tenantId: string, invoiceId: string) => `T#${tenantId}#INV#${invoiceId}`;
/** The invoice id of an invoice partition's PK (or of a GSI key naming one). */
export const invoiceIdOfPk = (pk: string) => pk.split('#INV#')[1]!;
export const invoiceKey = (tenantId: string, invoiceId: string) => ({ PK: invoicePk(tenantId, invoiceId), SK: INVOICE_SK });
export const paymentKey = (tenantId: string, invoiceId: string, paymentId: string) => ({
  PK: invoicePk(tenantId, invoiceId),
  SK: `${PAYMENT_PREFIX}${paymentId}`,
});
export const eventKey = (tenantId: string, invoiceId: string, at: string, eventId: string) => ({
  PK: invoicePk(tenantId, invoiceId),
  SK: `${EVENT_PREFIX}${at}#${eventId}`,
});
/**
 * The two SK ranges of an invoice partition its aggregates are computed from: `#AGG`, `#INVOICE`,
 * `CREDIT#…` (head), then `PAYMENT#…`, `STEP#…` (tail, to the end); the timeline events sorting
 * between them, the bulk of the partition, are never read.
 */
export const invoiceFiguresRanges = { head: { from: '#', to: 'CREDIT$' }, tailFrom: PAYMENT_PREFIX } as const;
/** GSI1 of a letter step while it waits to be posted (removed when posted): the tenant's to-post list, oldest first. */
export const toPostPk = (tenantId: string) => `T#${tenantId}#TOPOST`;
export const toPostIndexKeys = (tenantId: string, invoiceId: string, ref: { plan: number; index: number }, at: string) => ({
  GSI1PK: toPostPk(tenantId),
  GSI1SK: `${at}#${invoiceId}#${String(ref.plan).padStart(3, '0')}#${String(ref.index).padStart(12, '0')}`,
});
/** A recorded reminder step: plan number then scenario position, so a Query reads them in order. */
export const stepKey = (tenantId: string, invoiceId: string, ref: { plan: number; index: number }) => ({
  PK: invoicePk(tenantId, invoiceId),
  SK: `${STEP_PREFIX}${String(ref.plan).padStart(3, '0')}#${String(ref.index).padStart(12, '0')}`,
});

/** A client-portal link: keyed by the SHA-256 of its token, so the public route needs no tenant. */
export const portalTokenKey = (tokenHash: string) => ({ PK: `PORTAL#${tokenHash}`, SK: '#PORTAL' });

export const quotePk = (tenantId: string, quoteId: string) => `T#${tenantId}#QUO#${quoteId}`;
export const quoteKey = (tenantId: string, quoteId: string) => ({ PK: quotePk(tenantId, quoteId), SK: '#QUOTE' });
export const quoteEventKey = (tenantId: string, quoteId: string, at: string, eventId: string) => ({
  PK: quotePk(tenantId, quoteId),
  SK: `${EVENT_PREFIX}${at}#${eventId}`,
});
/** GSI1 partition of a tenant's quotes (the quote list, by validity date). */
export const quoteListPk = (tenantId: string) => `T#${tenantId}#QUO`;
export const quoteIndexKeys = (tenantId: string, q: { id: string; validUntil: string }) => ({
  GSI1PK: quoteListPk(tenantId),
  GSI1SK: `${q.validUntil}#${q.id}`,
});
export const creditNoteKey = (tenantId: string, invoiceId: string, creditNoteId: string) => ({
  PK: invoicePk(tenantId, invoiceId),
  SK: `${CREDIT_PREFIX}${creditNoteId}`,
});

export const aggregatePk = (tenantId: string) => `T#${tenantId}#AGG`;
export const DAY_PREFIX = 'DAY#';
export const MOVES_PREFIX = 'MOVES#';
/**
 * Sort keys of the aggregate items: one per client (`CLIENT#<clientId>`), one per business day
 * (`DAY#<date>`), one per day open balances moved (`MOVES#<date>`, read for a past asOf only).
 */
export const aggregateItem = {
  client: (clientId: string) => `${CLIENT_PREFIX}${clientId}`,
  day: (date: string) => `${DAY_PREFIX}${date}`,
  moves: (date: string) => `${MOVES_PREFIX}${date}`,
};
export const isClientAggregateItem = (sk: string) => sk.startsWith(CLIENT_PREFIX);
/** The SK of an aggregate item the domain names (`clientItem`/`dayItem` of shared/domain/aggregates.ts). */
export const aggregateItemSk = (name: string) => {
  const item = aggregateItemOf(name);
  return item.kind === 'client' ? aggregateItem.client(item.clientId) : item.kind === 'moves' ? aggregateItem.moves(item.date) : aggregateItem.day(item.date);
};
/** The domain's name of an aggregate item, from its SK: a client's, a day's balance moves, or else a day's. */
export const aggregateItemName = (sk: string) =>
  isClientAggregateItem(sk)
    ? clientItem(sk.slice(CLIENT_PREFIX.length))
    : sk.startsWith(MOVES_PREFIX)
      ? movesItem(sk.slice(MOVES_PREFIX.length))
      : dayItem(sk.slice(DAY_PREFIX.length));
/** What an aggregate item stores beside its counters: its entity type and whose (or which day's) figures they are. */
export const aggregateItemMeta = (name: string) => {
  const item = aggregateItemOf(name);
  return item.kind === 'client'
    ? { entityType: 'client-aggregate', clientId: item.clientId }
    : { entityType: item.kind === 'moves' ? 'moves-aggregate' : 'day-aggregate', date: item.date };
};
/** An aggregate item, by the domain's name of it. */
export const aggregateKey = (tenantId: string, name: string) => ({ PK: aggregatePk(tenantId), SK: aggregateItemSk(name) });
/**
 * A contribution snapshot stores its flat counters (`item|attribute`) under the items' SKs, as it
 * always has: these two map the domain's item names to that stored form and back.
 */
export const storedCounters = (flat: Readonly<Record<string, number>>) => renameItems(flat, aggregateItemSk);
export const domainCounters = (flat: Readonly<Record<string, number>>) => renameItems(flat, aggregateItemName);
const renameItems = (flat: Readonly<Record<string, number>>, rename: (item: string) => string): Record<string, number> =>
  Object.fromEntries(
    Object.entries(flat).map(([key, v]) => {
      const at = key.indexOf('|');
      return [`${rename(key.slice(0, at))}${key.slice(at)}`, v];
    }),
  );
/** The thank-you claim of an invoice: written once (conditional put), so retries and duplicate stream records send one thank-you. */
/** `#THANKS`: the thank-you for the payment in full; `#THANKS#P#<paid so far>`: a partial payment's (`thankOnPartial`). */
export const thankYouKey = (tenantId: string, invoiceId: string, partialPaidCents?: number) => ({
  PK: invoicePk(tenantId, invoiceId),
  SK: partialPaidCents === undefined ? '#THANKS' : `#THANKS#P#${partialPaidCents}`,
});

export const CONTRIBUTION_SK = '#AGG';
export const contributionKey = (tenantId: string, invoiceId: string) => ({ PK: invoicePk(tenantId, invoiceId), SK: CONTRIBUTION_SK });

/**
 * Invoice number → id, for the follow-up list's `q` by number (prefix Query) and the numbers an
 * import or our sequence must not take twice. The key is the number in capitals: `q` is searched so
 * (`ext` finds an imported `ext-2025/07`), and `f-2026-0050` and `F-2026-0050` are one number. The
 * item keeps the number as written (`number`).
 */
export const numberLookupKey = (tenantId: string, number: string) => ({ PK: `T#${tenantId}#NUM`, SK: number.toUpperCase() });
export const numberLookupPk = (tenantId: string) => `T#${tenantId}#NUM`;

/**
 * Word of a client's name → that client, for the follow-up list's `q` by client name: one item
 * per word (folded; also with its apostrophes, hyphens and dots left out), SK `<word>#<clientId>`, holding the
 * folded full name and the name as written, `written` (Query begins_with).
 */
export const clientWordPk = (tenantId: string) => `T#${tenantId}#CWORD`;
export const clientWordKey = (tenantId: string, word: string, clientId: string) => ({ PK: clientWordPk(tenantId), SK: `${word}#${clientId}` });

/** Row partitions of the follow-up list's sorts, per status group: amount (GSI1), client (GSI2), last reminder (GSI3). */
export type RowSort = 'amount' | 'client' | 'lastReminder';
export const ROW_SORT_INDEX: Record<RowSort, 'GSI1' | 'GSI2' | 'GSI3'> = { amount: 'GSI1', client: 'GSI2', lastReminder: 'GSI3' };
export const rowPartition = (tenantId: string, group: StatusGroup, sort: RowSort) => `T#${tenantId}#ROW#${group}#${sort}`;

/** GSI keys of an invoice's list row (its #AGG item): they move with status, amount, client name and last reminder. */
export const invoiceRowIndexKeys = (
  tenantId: string,
  invoiceId: string,
  row: { status: InvoiceStatus; dueDate: string; amountCents: number; clientName: string; lastReminderAt?: string },
) => {
  const group = statusGroup(row.status);
  return {
    GSI1PK: rowPartition(tenantId, group, 'amount'),
    GSI1SK: `${String(Math.max(0, row.amountCents)).padStart(13, '0')}#${invoiceId}`,
    GSI2PK: rowPartition(tenantId, group, 'client'),
    GSI2SK: `${sortName(row.clientName)}#${row.dueDate}#${invoiceId}`,
    GSI3PK: rowPartition(tenantId, group, 'lastReminder'),
    GSI3SK: `${row.lastReminderAt ?? '0'}#${invoiceId}`,
  };
};

export const NOTIFICATION_PREFIX = 'NOTIF#';
export const notificationPk = (tenantId: string) => `T#${tenantId}#NOTIF`;
export const notificationKey = (tenantId: string, id: string) => ({ PK: notificationPk(tenantId), SK: `${NOTIFICATION_PREFIX}${id}` });
/** GSI1 keys of an unread notification (removed when read: the index holds the unread ones only). */
export const unreadNotificationPk = (tenantId: string) => `T#${tenantId}#NOTIF#unread`;
export const unreadNotificationIndexKeys = (tenantId: string, id: string) => ({ GSI1PK: unreadNotificationPk(tenantId), GSI1SK: id });
export const overviewKey = (tenantId: string, date: string) => ({ PK: notificationPk(tenantId), SK: `OVERVIEW#${date}` });
export const paymentLogPk = (tenantId: string, date: string) => `T#${tenantId}#PAID#${date}`;
export const paymentLogKey = (tenantId: string, e: { date: string; invoiceId: string; paymentId: string }) => ({ PK: paymentLogPk(tenantId, e.date), SK: `${e.invoiceId}#${e.paymentId}` });

export const sequenceKey = (tenantId: string, prefix: string, year: number) => ({ PK: `T#${tenantId}#SEQ#${prefix}#${year}`, SK: '#SEQ' });
export const idempotencyKey = (tenantId: string, key: string) => ({ PK: `T#${tenantId}#IDEM#${key}`, SK: '#IDEM' });
/** An import job and its chunks share one partition: the job's progress, then CHUNK#<nnnn> items the worker takes from the stream. */
export const IMPORT_CHUNK_PREFIX = 'CHUNK#';
export const importJobKey = (tenantId: string, jobId: string) => ({ PK: `T#${tenantId}#IMPORT#${jobId}`, SK: '#JOB' });
export const importChunkKey = (tenantId: string, jobId: string, index: number) => ({ PK: `T#${tenantId}#IMPORT#${jobId}`, SK: `${IMPORT_CHUNK_PREFIX}${String(index).padStart(4, '0')}` });
export const importJobPk = (tenantId: string, jobId: string) => `T#${tenantId}#IMPORT#${jobId}`;
/** The rows of a job's file imported before (left as they are), kept for its per-row outcome: no chunk, no worker reads them. */
export const IMPORT_EXISTING_PREFIX = 'EXISTS#';
export const importExistingKey = (tenantId: string, jobId: string, index: number) => ({ PK: importJobPk(tenantId, jobId), SK: `${IMPORT_EXISTING_PREFIX}${String(index).padStart(4, '0')}` });

/** `litigation` and `written_off` have partitions of their own: the follow-up list's litigation tab is one Query. */
export type StatusGroup = 'draft' | 'open' | 'paid' | 'cancelled' | 'litigation' | 'written_off';
export const STATUS_GROUPS: readonly StatusGroup[] = ['draft', 'open', 'paid', 'cancelled', 'litigation', 'written_off'];
export const statusGroup = (status: InvoiceStatus): StatusGroup =>
  status === 'sent' || status === 'partially_paid' ? 'open' : status;

/** GSI1 partition: all invoices of a tenant, by due date. */
export const invoicesByDuePk = (tenantId: string) => `T#${tenantId}#INV`;
/** GSI2 partition: a tenant's invoices of one status group, by due date (`open` is the follow-up list). */
export const invoicesInGroupPk = (tenantId: string, group: StatusGroup) => `T#${tenantId}#INV#${group}`;
/**
 * GSI3 partition: one client's invoices, by status group then due date (SK `<group>#<due>#<id>`):
 * a client's open or late invoices are one key range of their group, never read through its paid history.
 */
export const invoicesOfClientPk = (tenantId: string, clientId: string) => `T#${tenantId}#CLIENT#${clientId}#INV`;
/** The GSI3 sort key of an invoice in its client's partition. */
export const clientInvoiceSk = (i: { id: string; dueDate: string; status: InvoiceStatus }) => `${statusGroup(i.status)}#${i.dueDate}#${i.id}`;
/**
 * The GSI3 sort-key range of one status group of a client's partition, due dates in [from, to)
 * (`#` < any date digit, `$` right after `#`: no key equals a bound, so BETWEEN is half open).
 */
export const clientGroupRange = (group: StatusGroup, due: { from?: string; to?: string } = {}) => ({
  from: `${group}#${due.from ?? ''}`,
  to: due.to ? `${group}#${due.to}` : `${group}$`,
});

/** GSI keys of an invoice; they move with its status, client and due date. */
export const invoiceIndexKeys = (tenantId: string, i: { id: string; clientId: string; dueDate: string; status: InvoiceStatus }) => ({
  GSI1PK: invoicesByDuePk(tenantId),
  GSI1SK: `${i.dueDate}#${i.id}`,
  GSI2PK: invoicesInGroupPk(tenantId, statusGroup(i.status)),
  GSI2SK: `${i.dueDate}#${i.id}`,
  GSI3PK: invoicesOfClientPk(tenantId, i.clientId),
  GSI3SK: clientInvoiceSk(i),
});


const TENANT_PK = /^T#([^#]+)$/;
const INVOICE_PK = /^T#(.+)#INV#([^#]+)$/;
const QUOTE_PK = /^T#(.+)#QUO#([^#]+)$/;

/**
 * What a stream record's keys name, for the stream consumers (shared/app/changed-item.ts): a
 * tenant's settings, client, scenario or template; an invoice, its payments, credit notes, steps
 * and timeline events; a quote. Undefined for every other item (aggregates, sequences, quote
 * events, import chunks …): no consumer acts on them.
 */
export const parseItemKey = (keys: { PK?: string; SK?: string }): ChangedItem | undefined => {
  const { PK = '', SK = '' } = keys;
  const tenant = TENANT_PK.exec(PK);
  if (tenant) {
    const tenantId = tenant[1]!;
    if (SK === 'SETTINGS') return { kind: 'settings', tenantId };
    if (SK.startsWith(CLIENT_PREFIX)) return { kind: 'client', tenantId, clientId: SK.slice(CLIENT_PREFIX.length) };
    if (SK.startsWith(tenantDocumentPrefix('SCENARIO'))) return { kind: 'scenario', tenantId, scenarioId: SK.slice(tenantDocumentPrefix('SCENARIO').length) };
    if (SK.startsWith(tenantDocumentPrefix('TEMPLATE'))) return { kind: 'template', tenantId, templateId: SK.slice(tenantDocumentPrefix('TEMPLATE').length) };
    return undefined;
  }
  const invoice = INVOICE_PK.exec(PK);
  if (invoice) {
    const [, tenantId, invoiceId] = invoice as unknown as [string, string, string];
    if (SK === INVOICE_SK) return { kind: 'invoice', tenantId, invoiceId };
    if (SK.startsWith(PAYMENT_PREFIX)) return { kind: 'payment', tenantId, invoiceId, paymentId: SK.slice(PAYMENT_PREFIX.length) };
    if (SK.startsWith(CREDIT_PREFIX)) return { kind: 'credit-note', tenantId, invoiceId, creditNoteId: SK.slice(CREDIT_PREFIX.length) };
    if (SK.startsWith(STEP_PREFIX)) return { kind: 'step', tenantId, invoiceId };
    if (SK.startsWith(EVENT_PREFIX)) {
      const last = SK.lastIndexOf('#');
      return { kind: 'invoice-event', tenantId, invoiceId, at: SK.slice(EVENT_PREFIX.length, Math.max(EVENT_PREFIX.length, last)), eventId: SK.slice(last + 1) };
    }
    return undefined;
  }
  const quote = QUOTE_PK.exec(PK);
  if (quote && SK === '#QUOTE') return { kind: 'quote', tenantId: quote[1]!, quoteId: quote[2]! };
  return undefined;
};
