import { clientItem, flatten, invoiceContribution, openValue, type Counters, type OpenEntry } from '../../domain/aggregates.js';

type OpenValue = ReturnType<typeof openValue>;
import type { SettingsRepository } from '../ports.js';
import type { AggregateStore } from './ports.js';
import { factsOf, rowExtrasOf } from './update-invoice-aggregates.js';

export interface Drift {
  /** `clientItem(id)` or `dayItem(date)` (shared/domain/aggregates.ts). */
  readonly item: string;
  /** A counter, or `OPEN#<invoiceId>` for an open-invoice entry. */
  readonly attribute: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface RebuildReport {
  readonly invoices: number;
  readonly items: number;
  readonly drift: readonly Drift[];
  readonly fixed: boolean;
}

/**
 * Recomputes a tenant's aggregates from its invoices and compares them with what the stream
 * consumer maintained. With `fix`, overwrites the drifted items and re-bases every invoice's
 * contribution snapshot, so later stream records apply on top of true figures.
 */
export const makeRebuildAggregates = ({ aggregates, settings }: { aggregates: AggregateStore & RebuildableStore; settings: SettingsRepository }) =>
  async (tenantId: string, options: { fix: boolean }): Promise<RebuildReport> => {
    const { timezone } = await settings.get(tenantId);
    const expected: Record<string, Record<string, number>> = {};
    const open = new Map<string, Map<string, OpenValue>>();
    const ids = await aggregates.invoiceIds(tenantId);
    const snapshots: { invoiceId: string; counters: Record<string, number>; state: Awaited<ReturnType<AggregateStore['invoiceState']>>; contribution: ReturnType<typeof invoiceContribution> }[] = [];
    for (const invoiceId of ids) {
      const state = await aggregates.invoiceState(tenantId, invoiceId);
      const facts = factsOf(state, timezone);
      if (!facts) continue;
      const contribution = invoiceContribution(facts);
      for (const [item, row] of Object.entries(contribution.counters)) {
        const target = (expected[item] ??= {});
        for (const [attr, v] of Object.entries(row)) target[attr] = (target[attr] ?? 0) + v;
      }
      if (contribution.open) {
        const item = clientItem(contribution.open.clientId);
        if (!open.has(item)) open.set(item, new Map());
        open.get(item)!.set(invoiceId, openValue(contribution.open));
        expected[item] ??= {};
      }
      snapshots.push({ invoiceId, counters: flatten(contribution.counters), state, contribution });
    }

    const actual = await aggregates.allItems(tenantId);
    // Bounces are counted from the timeline events as they arrive (once per event), not from the
    // invoices' figures: the rebuild keeps them as they are (a repaired day item keeps its bounces).
    for (const [item, { counters }] of Object.entries(actual)) if (counters.bounces) (expected[item] ??= {}).bounces = counters.bounces;
    const drift: Drift[] = [];
    for (const item of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const want = expected[item] ?? {};
      const have = actual[item]?.counters ?? {};
      for (const attr of new Set([...Object.keys(want), ...Object.keys(have)])) {
        if ((want[attr] ?? 0) !== (have[attr] ?? 0)) drift.push({ item, attribute: attr, expected: want[attr] ?? 0, actual: have[attr] ?? 0 });
      }
      const wantOpen = open.get(item) ?? new Map();
      const haveOpen = actual[item]?.open ?? new Map();
      for (const id of new Set([...wantOpen.keys(), ...haveOpen.keys()])) {
        if (JSON.stringify(wantOpen.get(id)) !== JSON.stringify(haveOpen.get(id))) {
          drift.push({ item, attribute: `OPEN#${id}`, expected: wantOpen.get(id) ?? null, actual: haveOpen.get(id) ?? null });
        }
      }
    }
    if (options.fix && drift.length > 0) {
      for (const s of snapshots) {
        await aggregates.rebaseSnapshot(tenantId, s.invoiceId, { counters: s.counters, ...(s.contribution.open ? { open: s.contribution.open } : {}), ...rowExtrasOf(s.state) });
      }
      for (const item of new Set(drift.map((d) => d.item))) {
        await aggregates.overwrite(tenantId, item, expected[item] ?? {}, open.get(item) ?? new Map(), actual[item]?.open ?? new Map());
      }
    }
    if (options.fix) {
      // Rows written before the client-word lookup existed: each invoiced client's name, once.
      const named = new Map<string, string>();
      for (const s of snapshots) if (s.state.snapshot?.row?.clientName) named.set(s.state.snapshot.row.clientId, s.state.snapshot.row.clientName);
      for (const [clientId, name] of named) await aggregates.indexClientWords(tenantId, clientId, name);
      // Number lookups written before they were keyed in capitals: `q` by number then finds every invoice.
      for (const s of snapshots) if (s.state.invoice?.number) await aggregates.indexNumber(tenantId, s.invoiceId, s.state.invoice.number);
    }
    return { invoices: snapshots.length, items: Object.keys(expected).length, drift, fixed: options.fix && drift.length > 0 };
  };

/** What the rebuild needs beyond the consumer's port. */
export interface RebuildableStore {
  /** Every invoice id of the tenant (a rebuild reads everything, by design). */
  invoiceIds(tenantId: string): Promise<string[]>;
  /** Every aggregate item: its counters and open-invoice entries. */
  allItems(tenantId: string): Promise<Record<string, { counters: Record<string, number>; open: Map<string, OpenValue> }>>;
  /** Replaces an aggregate item's counters and open entries with the recomputed ones. */
  overwrite(
    tenantId: string,
    item: string,
    counters: Record<string, number>,
    open: Map<string, OpenValue>,
    staleOpen: Map<string, OpenValue>,
  ): Promise<void>;
  /** Sets an invoice's contribution snapshot to what it contributes now (a new revision). */
  /** Makes an invoice findable by its number (the list's `q`, the numbers an import must not take); idempotent. */
  indexNumber(tenantId: string, invoiceId: string, number: string): Promise<void>;
  /** Makes each word of a client's name find its invoices (the list's `q`); idempotent. */
  indexClientWords(tenantId: string, clientId: string, clientName: string): Promise<void>;
  rebaseSnapshot(tenantId: string, invoiceId: string, snapshot: { counters: Record<string, number>; open?: OpenEntry; lastReminder?: { at: string; templateId: string }; nextStep?: { at: string; templateId: string } }): Promise<void>;
}
export type { Counters };
