import { computeCockpit, firstDayNeeded, type Cockpit } from '../../domain/cockpit.js';
import { localDate } from '../../domain/dates.js';
import type { ClientRepository, Clock, SettingsRepository } from '../ports.js';
import type { AggregateStore } from './ports.js';

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
 * work. Read from the aggregates only (two Queries and ≤ 5 client reads), never from invoices.
 */
export const makeGetCockpit = ({ aggregates, clients, settings, clock }: CockpitDeps) =>
  async (tenantId: string, query: { asOf?: string }): Promise<CockpitView> => {
    const { timezone } = await settings.get(tenantId);
    const asOf = query.asOf ?? localDate(clock.now(), timezone);
    const [clientAggregates, days] = await Promise.all([aggregates.clients(tenantId), aggregates.days(tenantId, firstDayNeeded(asOf), asOf)]);
    const cockpit = computeCockpit({ asOf, clients: clientAggregates, days });
    const names = await Promise.all(cockpit.topLateClients.map((c) => clients.get(tenantId, c.clientId)));
    return { ...cockpit, topLateClients: cockpit.topLateClients.map((c, i) => ({ ...c, name: names[i]?.name ?? '' })) };
  };
