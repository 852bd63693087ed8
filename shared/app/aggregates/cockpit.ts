import { byLateness, computeCockpit, firstDayNeeded, TOP_LATE_CLIENTS, type Cockpit } from '../../domain/cockpit.js';
import { addDays, localDate } from '../../domain/dates.js';
import type { ClientRepository, Clock, SettingsRepository } from '../ports.js';
import type { AggregateStore } from './ports.js';

const LAST_DAY = '9999-12-31';

export interface CockpitDeps {
  readonly aggregates: AggregateStore;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

export type CockpitView = Omit<Cockpit, 'topLateClients'> & {
  readonly topLateClients: (Cockpit['topLateClients'][number] & { readonly name: string })[];
};

/**
 * One call, one screen: what is owed, how late, by whom, what comes in next, whether reminders
 * work. Read from the aggregates only (two Queries, a third for a past asOf, and 5 client reads, more only for
 * clients tied with the fifth), never from invoices. Late clients in byLateness order, as GET /clients?sort=overdue.
 * An `asOf` in the past gives the open balances of that day (invoices issued later left out,
 * payments and credit notes dated later added back), and the forecast shifts each balance by its
 * client's lateness of that day (the invoices paid later taken back), from the same moves items.
 */
export const makeGetCockpit = ({ aggregates, clients, settings, clock }: CockpitDeps) =>
  async (tenantId: string, query: { asOf?: string }): Promise<CockpitView> => {
    const { timezone } = await settings.get(tenantId);
    const today = localDate(clock.now(), timezone);
    const asOf = query.asOf ?? today;
    // A past asOf also reads the balance moves after it (taken back from today's balances): one
    // more Query, sized by the days since asOf, never by invoices.
    const past = asOf < today;
    const [clientAggregates, days, later] = await Promise.all([
      aggregates.clients(tenantId),
      aggregates.days(tenantId, firstDayNeeded(asOf), asOf),
      past ? aggregates.moves(tenantId, addDays(asOf, 1), LAST_DAY) : undefined,
    ]);
    const cockpit = computeCockpit({ asOf, clients: clientAggregates, days, ...(later ? { later } : {}) });
    // Five reads, more only when clients tie with the fifth on amount and days late: their names order them.
    const names = await Promise.all(cockpit.topLateClients.map((c) => clients.get(tenantId, c.clientId)));
    const named = cockpit.topLateClients.map((c, i) => ({ ...c, name: names[i]?.name ?? '' }));
    return { ...cockpit, topLateClients: named.sort((a, b) => byLateness({ ...a, id: a.clientId }, { ...b, id: b.clientId })).slice(0, TOP_LATE_CLIENTS) };
  };
