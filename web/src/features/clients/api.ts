import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';

export type Client = operations['getClient']['responses'][200]['content']['application/json'];
export type ClientInput = NonNullable<operations['createClient']['requestBody']>['content']['application/json'];
export type ClientPatch = NonNullable<operations['updateClient']['requestBody']>['content']['application/json'];
export type ClientQuery = NonNullable<operations['listClients']['parameters']['query']>;

export const useClients = (query: Pick<ClientQuery, 'q' | 'sort'> = {}) =>
  useInfiniteQuery({
    queryKey: ['clients', 'list', query],
    queryFn: ({ pageParam }) => unwrap(api().GET('/clients', { params: { query: { ...query, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useStatement = (id: string) =>
  useQuery({ queryKey: ['clients', id, 'statement'], queryFn: () => unwrap(api().GET('/clients/{id}/statement', { params: { path: { id } } })) });

export const useClient = (id: string) => useQuery({ queryKey: ['clients', id], queryFn: () => unwrap(api().GET('/clients/{id}', { params: { path: { id } } })) });

/** A bound on the pages read (100 invoices each), so a broken cursor cannot loop for ever. */
const MAX_INVOICE_PAGES = 50;

/**
 * Every invoice of the client, the latest due first: all pages, so a regular client's oldest open
 * invoices (the most overdue) are listed and offered to the grouped reminder, not cut at 50.
 */
export const useClientInvoices = (clientId: string) =>
  useQuery({
    queryKey: ['invoices', 'list', { clientId }],
    queryFn: async () => {
      const read = (cursor?: string) => unwrap(api().GET('/invoices', { params: { query: { clientId, limit: 100, sort: '-dueDate', ...(cursor ? { cursor } : {}) } } }));
      const first = await read();
      const items = [...first.items];
      let cursor = first.nextCursor;
      for (let page = 1; cursor && page < MAX_INVOICE_PAGES; page++) {
        const next = await read(cursor);
        items.push(...next.items);
        cursor = next.nextCursor;
      }
      return { items };
    },
  });

export const useScenarios = () => useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')) });

export const useCreateClient = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClientInput) => unwrap(api().POST('/clients', { body, params: { header: { 'Idempotency-Key': crypto.randomUUID() } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clients'] }),
  });
};

export const useUpdateClient = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClientPatch) => unwrap(api().PATCH('/clients/{id}', { params: { path: { id } }, body })),
    // Opting out or another scenario changes the client's invoices' plans, today's reminders and the simulation.
    onSuccess: () => invalidateMoneyViews(queryClient),
  });
};
