import { addDays, localDate } from '../../domain/dates.js';
import { invoiceBalanceCents, isOpen, isOutstanding } from '../../domain/invoice.js';
import { fold, nameMatches, sortName } from '../../domain/search.js';
import { ValidationError } from '../errors.js';
import type { InvoiceListQuery, InvoiceView } from '../../domain/invoice-types.js';
import { toInvoiceView } from '../invoice-view.js';
import type { Clock, InvoiceListFilter, InvoiceRecord, InvoiceRecords, Page, SettingsRepository } from '../ports.js';
import { compareKeys, offsetCursor, openCursor, readOffset, sealCursor } from '../list-cursor.js';
import type { AggregateStore, InvoiceRowQueries, RowFilter } from './ports.js';

export interface FollowUpListDeps {
  readonly invoices: InvoiceRecords;
  readonly rows: InvoiceRowQueries;
  readonly aggregates: Pick<AggregateStore, 'rowExtras'>;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

export type FollowUpRow = InvoiceView;

type Sort = 'dueDate' | 'amount' | 'daysLate' | 'client' | 'lastReminder';
const DEFAULT_ORDER: Record<Sort, 'asc' | 'desc'> = { dueDate: 'asc', daysLate: 'desc', amount: 'desc', client: 'asc', lastReminder: 'desc' };
type Group = 'draft' | 'open' | 'paid' | 'cancelled' | 'litigation' | 'written_off';

/** `F-2026-0012`, `F-`, `2026-00`: a search by number; anything else searches client names. */
export const looksLikeNumber = (q: string) => /\d|^[a-z]{1,2}-/i.test(q.trim());

/**
 * Our own numbers typed without their dashes (`F2026`, `f 2026 0011`, `F20260011`) or without the
 * letter of an invoice (`2026-0011`): `F-2026`, `F-2026-0011`, the prefix they are stored by;
 * undefined when `q` is not one of ours so typed.
 */
export const dashedNumber = (q: string): string | undefined => {
  // Our invoice number without its letter, as a client quotes it (`2026-0013`, `2026 0013`): `F-2026-0013` (it found nothing).
  const bare = /^(20\d\d)[\s-](\d{1,6})$/.exec(q.trim());
  if (bare) return `F-${bare[1]}-${bare[2]}`;
  const m = /^([FDA])[\s-]?(20\d\d)(?:[\s-]?(\d{1,6}))?$/i.exec(q.trim());
  if (!m || /^[FDA]-20\d\d(-\d+)?$/i.test(q.trim())) return undefined;
  return `${m[1]!.toUpperCase()}-${m[2]}${m[3] ? `-${m[3]}` : ''}`;
};

/**
 * Clients whose name has words starting with every word of `q` (accents, case, and apostrophes,
 * hyphens and dots inside a word ignored), in name order: a Query of the client-word lookup by the
 * longest word of `q`, whose key matched it; the others are checked on the name as written (the
 * folded one of an item indexed before it was kept, which has lost its apostrophes: `obrien` is
 * then found as the longest word only).
 */
const clientsNamed = async (rows: InvoiceRowQueries, tenantId: string, text: string, descending: boolean) => {
  const words = fold(text).split(' ').filter((w) => w !== '').sort((a, b) => b.length - a.length);
  const first = words[0];
  if (!first) return [];
  const others = words.slice(1).join(' ');
  const byId = new Map<string, string>();
  for (const c of await rows.clientsByWord(tenantId, first)) if (nameMatches(c.written ?? c.name, others) && !byId.has(c.clientId)) byId.set(c.clientId, c.name);
  const sorted = [...byId].map(([clientId, name]) => ({ clientId, name })).sort((a, b) => a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId));
  return descending ? sorted.reverse() : sorted;
};

/**
 * The position in the days-late list: the stage reached (late ones, the rest), the late stage's two
 * sources' cursors (absent: from the start, 0: done) or the rest's cursor.
 */
interface DaysLatePosition {
  readonly k: number;
  readonly a?: string | 0;
  readonly b?: string | 0;
  readonly c?: string;
}
const readDaysLateCursor = (list: string, cursor: string | undefined): DaysLatePosition => {
  const p = openCursor(list, cursor);
  if (p === undefined) return { k: 0 };
  const source = (v: unknown) => v === undefined || v === 0 || typeof v === 'string';
  if ((p.k === 0 || p.k === 1) && source(p.a) && source(p.b) && (p.c === undefined || typeof p.c === 'string') && Object.keys(p).every((k) => ['k', 'a', 'b', 'c'].includes(k))) return p as unknown as DaysLatePosition;
  throw new ValidationError([{ path: 'query.cursor', message: 'is not a cursor of this list' }]);
};

/** The position in a name search: the client reached, and that client's partition cursor. */
const namedCursor = (list: string, k: number, c: string | undefined) => sealCursor(list, { k, ...(c ? { c } : {}) });
const readNamedCursor = (list: string, cursor: string | undefined, clients: number): { k: number; c?: string } => {
  const p = openCursor(list, cursor);
  if (p === undefined) return { k: 0 };
  const { k, c } = p;
  if (Number.isInteger(k) && (k as number) >= 0 && (k as number) < clients && (c === undefined || typeof c === 'string')) return { k: k as number, ...(c ? { c: c as string } : {}) };
  throw new ValidationError([{ path: 'query.cursor', message: 'is not a cursor of this list' }]);
};

/** What the list sorts "amount" on: the balance due while open, what was billed otherwise. */
export const amountOf = (i: InvoiceRecord) => (isOutstanding(i.status) ? invoiceBalanceCents(i) : i.totals.grossCents - (i.deductedCents ?? 0));

const groupsFor = (f: InvoiceListFilter): Group[] => {
  // A status of its own group first: `status=litigation&overdue=true` is the late ones of the contentieux tab.
  if (f.status && !['overdue', 'sent', 'partially_paid'].includes(f.status)) return [f.status as Group];
  if (f.status === 'overdue' || f.overdue === true || f.open || f.status === 'sent' || f.status === 'partially_paid') return ['open'];
  if (f.status) return [f.status as Group];
  return ['draft', 'open', 'paid', 'cancelled', 'litigation', 'written_off'];
};

const matches = (f: InvoiceListFilter) => (i: InvoiceRecord) => {
  const late = (f.status === 'litigation' ? i.status === 'litigation' : isOpen(i.status)) && i.dueDate < f.today;
  return (
    (!f.status || (f.status === 'overdue' ? late : i.status === f.status)) &&
    (!f.clientId || i.clientId === f.clientId) &&
    (!f.open || isOpen(i.status)) &&
    (f.overdue === undefined || f.overdue === late) &&
    (f.reminded === undefined || f.reminded === (i.reminderCount ?? 0) > 0) &&
    (!f.dueFrom || i.dueDate >= f.dueFrom) &&
    (!f.dueTo || i.dueDate <= f.dueTo)
  );
};

/**
 * The follow-up list (DESIGN.md §4, README "Follow-up list"): every filter and sort is a Query.
 * Due date and days late read the invoices' own indexes; amount, client and last reminder read
 * the row items the aggregates consumer keeps, one partition per status group; `q` reads the
 * number lookup or the client-name sort key by prefix; a client's list reads that client's
 * partition only. Rows carry the client's name, the last reminder and the next planned step.
 */
/** Our invoices numbered `F-<year>-<digits>` (padded to four), newest year first. */
const ownNumbersEndingWith = async (rows: Pick<InvoiceRowQueries, 'numbersTaken'>, tenantId: string, digits: string, year: number): Promise<string[]> => {
  const numbers = Array.from({ length: 5 }, (_, i) => `F-${year - i}-${digits.replace(/^0+(?=\d)/, '').padStart(4, '0')}`);
  const taken = await rows.numbersTaken(tenantId, numbers);
  return numbers.flatMap((n) => (taken.has(n) ? [taken.get(n)!.invoiceId] : []));
};

export const makeFollowUpList = ({ invoices, rows, aggregates, settings, clock }: FollowUpListDeps) =>
  async (tenantId: string, q: InvoiceListQuery): Promise<Page<FollowUpRow>> => {
    // Awaiting payment (`open=true`: sent, partially paid) and a status that awaits none (paid, litigation, a draft…):
    // nothing, in every sort (the row sorts listed that status's invoices, the due-date sorts none or them).
    if (q.open && q.status && !['sent', 'partially_paid', 'overdue'].includes(q.status)) return { items: [] };
    // The same for `status=overdue&overdue=false` (the row sorts read it as status=overdue alone).
    if (q.status === 'overdue' && q.overdue === false) return { items: [] };
    const s = await settings.get(tenantId);
    const now = clock.now();
    const today = localDate(now, s.timezone);
    let { dueFrom, dueTo, overdue } = q;
    const narrowTo = (bound: string) => (dueTo = dueTo && dueTo < bound ? dueTo : bound);
    const narrowFrom = (bound: string) => (dueFrom = dueFrom && dueFrom > bound ? dueFrom : bound);
    if (q.minDaysLate !== undefined && q.minDaysLate > 0) {
      overdue = true;
      narrowTo(addDays(today, -q.minDaysLate));
    }
    if (q.maxDaysLate !== undefined) narrowFrom(addDays(today, -q.maxDaysLate));
    if (q.dueWithinDays !== undefined) {
      narrowFrom(today);
      narrowTo(addDays(today, q.dueWithinDays));
    }
    const filter: InvoiceListFilter = {
      today,
      descending: false,
      ...(q.status ? { status: q.status } : {}),
      ...(q.clientId ? { clientId: q.clientId } : {}),
      ...(overdue !== undefined ? { overdue } : {}),
      // Due within N days, or `open=true`: what is still to be paid (sent or partially paid).
      ...(q.open || (q.dueWithinDays !== undefined && !q.status) ? { open: true } : {}),
      ...(q.reminded !== undefined ? { reminded: q.reminded } : {}),
      ...(dueFrom ? { dueFrom } : {}),
      ...(dueTo ? { dueTo } : {}),
    };
    const sort: Sort = q.sort === '-dueDate' ? 'dueDate' : q.sort;
    const descending = (q.order ?? (q.sort === '-dueDate' ? 'desc' : DEFAULT_ORDER[sort])) === 'desc';
    const page = { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) };
    const rowFilter: RowFilter = {
      today,
      ...(q.status && q.status !== 'overdue' ? { status: q.status } : {}),
      ...(q.status === 'overdue' ? { overdue: true } : overdue !== undefined ? { overdue } : {}),
      ...(q.reminded !== undefined ? { reminded: q.reminded } : {}),
      ...(dueFrom ? { dueFrom } : {}),
      ...(dueTo ? { dueTo } : {}),
    };

    let records: InvoiceRecord[];
    let nextCursor: string | undefined;
    const text = q.q?.trim();
    const typed = text?.toUpperCase();
    // Digits alone (`11`, `0011`) are also the end of our own numbers: F-<year>-0011 of the last
    // five years, looked up exactly (one small read each), ahead of the numbers starting so.
    const own = text && !q.cursor && /^\d{1,6}$/.test(text) ? await ownNumbersEndingWith(rows, tenantId, text, Number(today.slice(0, 4))) : [];
    const startsNumber = async (prefix: string) => (await rows.byNumber(tenantId, prefix, { limit: 1 })).ids.length > 0;
    const typedFound = !!typed && (await startsNumber(typed));
    const dashed = typed !== undefined && !typedFound ? dashedNumber(typed) : undefined;
    // A number, or the start of one (one lookup item read to know: `EXT`, `FA2025` of imported invoices, `F-2026-00`,
    // `F2026` as `F-2026`). A `q` with digits that starts or ends no number searches client names, as one without:
    // `garage 2000`, `3 frères` found nothing (a client's page past the first is never a number's: its page has no next).
    const byNumber = !!text && (own.length > 0 || typedFound || (looksLikeNumber(text) && dashed !== undefined && (await startsNumber(dashed))));
    // With `clientId` (a client's own screen), only that client's name counts among the matches.
    const named = text && !byNumber ? (await clientsNamed(rows, tenantId, text, q.order === 'desc')).filter((c) => !q.clientId || c.clientId === q.clientId) : [];
    if (text && named.length > 0) {
      // Words of client names: the matching clients in name order, each one's own partition in due order.
      const list = `invoices#named#${tenantId}#${fold(text)}#${q.clientId ?? ''}#${q.order ?? ''}`;
      const start = readNamedCursor(list, q.cursor, named.length);
      let k = start.k;
      let inner = start.c;
      records = [];
      while (k < named.length && records.length < q.limit) {
        const found = await invoices.list(tenantId, { ...filter, clientId: named[k]!.clientId, descending: q.order === 'desc' }, { limit: q.limit - records.length, ...(inner ? { cursor: inner } : {}) });
        records.push(...found.items);
        if (found.nextCursor) inner = found.nextCursor;
        else {
          k += 1;
          inner = undefined;
        }
      }
      nextCursor = k < named.length ? namedCursor(list, k, inner) : undefined;
    } else if (q.q && byNumber) {
      // A number (or its start): the number lookup partition, then the filters on that small set.
      // `F2026` finds F-2026-…, unless an imported number starts with what was typed as it is.
      const found = await rows.byNumber(tenantId, !typedFound && dashed !== undefined ? dashed : typed!, page);
      const ids = [...new Set([...own, ...found.ids])];
      records = (await rows.invoices(tenantId, ids)).filter(matches(filter));
      nextCursor = found.nextCursor;
    } else if (q.q) {
      // A name search reads the client-name sort key by prefix: client then due date, `order` alone turns it round
      // (another sort's default direction must not: sort=daysLate would list the names backwards).
      const found = await rows.sorted(tenantId, { groups: groupsFor(filter), sort: 'client', descending: q.order === 'desc', prefix: sortName(q.q), filter: rowFilter, page });
      records = (await rows.invoices(tenantId, found.ids)).filter(matches(filter));
      nextCursor = found.nextCursor;
    } else if (sort === 'daysLate' && !q.clientId && !q.status && overdue !== true) {
      // Days late over every invoice: the late ones (awaiting payment or in litigation, due before today:
      // two due-date ranges of their status groups, merged) most late first, then every invoice 0 days
      // late by due date; `order=asc` runs it the other way. Never a paid invoice among the late ones.
      // `overdue=false` leaves out the first source (what awaits payment past its due date), not the
      // litigation one; `open=true` (awaiting payment: sent, partially paid) leaves out the litigation one.
      const yesterday = addDays(today, -1);
      const { overdue: _overdue, ...withoutOverdue } = filter;
      const late: InvoiceListFilter[] = [
        { ...filter, status: 'overdue', descending: !descending },
        { ...withoutOverdue, status: 'litigation', dueTo: dueTo && dueTo < yesterday ? dueTo : yesterday, descending: !descending },
      ];
      const rest: InvoiceListFilter = { ...filter, notLate: true, descending: !descending };
      const stages = descending ? (['late', 'rest'] as const) : (['rest', 'late'] as const);
      const list = `invoices#daysLate#${tenantId}#${descending}`;
      let pos = readDaysLateCursor(list, q.cursor);
      records = [];
      while (pos.k < stages.length && records.length < q.limit) {
        const want = q.limit - records.length;
        if (stages[pos.k] === 'late') {
          // A source the filters leave empty is done from the start (0), never read.
          const sources = [overdue === false ? 0 : pos.a, filter.open ? 0 : pos.b] as const;
          const pages = await Promise.all(late.map((f, i) => (sources[i] === 0 ? ({ items: [] } as Page<InvoiceRecord>) : invoices.list(tenantId, f, { limit: want, ...(sources[i] ? { cursor: sources[i] as string } : {}) }))));
          const key = (i: InvoiceRecord) => `${i.dueDate}#${i.id}`;
          const merged = pages.flatMap((p, i) => p.items.map((item) => ({ i, item }))).sort((x, y) => (descending ? 1 : -1) * compareKeys(key(x.item), key(y.item)));
          const taken = merged.slice(0, want);
          records.push(...taken.map((t) => t.item));
          // Each source resumes after what this page took of it (read again up to there if it took part of a page).
          const next = await Promise.all(
            late.map(async (f, i): Promise<string | 0 | undefined> => {
              const from = sources[i];
              if (from === 0) return 0;
              const n = taken.filter((t) => t.i === i).length;
              if (n === pages[i]!.items.length) return pages[i]!.nextCursor ?? 0;
              if (n === 0) return from;
              return (await invoices.list(tenantId, f, { limit: n, ...(from ? { cursor: from } : {}) })).nextCursor ?? 0;
            }),
          );
          pos = next.every((c) => c === 0) ? { k: pos.k + 1 } : { k: pos.k, a: next[0], b: next[1] };
        } else {
          const found = await invoices.list(tenantId, rest, { limit: want, ...(pos.c ? { cursor: pos.c } : {}) });
          records.push(...found.items);
          pos = found.nextCursor ? { k: pos.k, c: found.nextCursor } : { k: pos.k + 1 };
        }
      }
      nextCursor = pos.k < stages.length ? sealCursor(list, pos) : undefined;
    } else if (sort === 'dueDate' || (sort === 'daysLate' && !q.clientId)) {
      // Days late grow as due dates recede: the same key, the other way round.
      const found = await invoices.list(tenantId, { ...filter, descending: sort === 'daysLate' ? !descending : descending }, page);
      records = found.items;
      nextCursor = found.nextCursor;
    } else if (q.clientId) {
      // One client's invoices: that client's partition, sorted here (its size, not the tenant's, sets the cost).
      const all: InvoiceRecord[] = [];
      let cursor: string | undefined;
      do {
        const found = await invoices.list(tenantId, filter, { limit: 100, ...(cursor ? { cursor } : {}) });
        all.push(...found.items);
        cursor = found.nextCursor;
      } while (cursor);
      // Days late as the whole list has them: the late ones (most late = oldest due date) first, then those 0 days late,
      // each by due date then id, `asc` the exact reverse: that key ascending.
      const key = (i: InvoiceRecord) =>
        sort === 'amount' ? String(amountOf(i)).padStart(13, '0') : sort === 'lastReminder' ? (i.lastReminderAt ?? '0') : sort === 'daysLate' ? `${+!(isOutstanding(i.status) && i.dueDate < today)}${i.dueDate}` : i.dueDate;
      all.sort((a, b) => (descending === (sort !== 'daysLate') ? -1 : 1) * (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id)));
      const list = `invoices#client#${tenantId}#${q.clientId}#${sort}#${descending}`;
      const offset = readOffset(list, q.cursor);
      records = all.slice(offset, offset + q.limit);
      nextCursor = offset + q.limit < all.length ? offsetCursor(list, offset + q.limit) : undefined;
    } else {
      // Days late never comes here: with or without a client, it is served above.
      if (sort === 'daysLate') throw new Error('days late is not a row sort');
      const found = await rows.sorted(tenantId, { groups: groupsFor(filter), sort, descending, filter: rowFilter, page });
      records = await rows.invoices(tenantId, found.ids);
      nextCursor = found.nextCursor;
    }

    const extras = await aggregates.rowExtras(tenantId, records.map((r) => r.id));
    const items = records.map((r) => ({ ...toInvoiceView(r, now, s.timezone), ...extras.get(r.id) }));
    return nextCursor ? { items, nextCursor } : { items };
  };
