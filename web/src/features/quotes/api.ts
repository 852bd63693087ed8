import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';
import { listAllClients } from '../../lib/all-clients';

export type Quote = operations['getQuote']['responses'][200]['content']['application/json'];
export type QuoteInput = NonNullable<operations['createQuote']['requestBody']>['content']['application/json'];

/** A quote not sent yet is a draft for the owner ("Brouillon"), not one awaiting the client's answer ("En attente"). */
export const quoteStatus = (q: { status: string; sentAt?: string }): string => (q.status === 'pending' && !q.sentAt ? 'draft' : q.status);

/** Refused or expired before anything was invoiced: no job came of it, nothing is left to pay on it. */
export const noJobFor = (q: { status: string; job: { invoicedCents: number; documents?: readonly unknown[] } }): boolean =>
  (q.status === 'refused' || q.status === 'expired') && q.job.invoicedCents === 0 && (q.job.documents?.length ?? 0) === 0;

const idem = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/** The quotes, newest first, 50 a page: the older ones (jobs still to be paid) come with "Voir plus". */
export const useQuotes = () =>
  useInfiniteQuery({
    queryKey: ['quotes', 'list'],
    queryFn: ({ pageParam }) => unwrap(api().GET('/quotes', { params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
export const useQuote = (id: string) => useQuery({ queryKey: ['quotes', id], queryFn: () => unwrap(api().GET('/quotes/{id}', { params: { path: { id } } })) });
export const useClientsForQuotes = () =>
  useQuery({ queryKey: ['clients', 'names'], queryFn: listAllClients, staleTime: 60_000 });

export const useCreateQuote = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QuoteInput) => unwrap(api().POST('/quotes', { body, params: { header: idem() } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quotes'] }),
  });
};

export const useQuoteActions = (id: string) => {
  const queryClient = useQueryClient();
  // A deposit or final invoice is a new invoice: the follow-up list, the client and the cockpit change too.
  const onSuccess = () => invalidateMoneyViews(queryClient);
  const params = { path: { id }, header: idem() };
  return {
    send: useMutation({ mutationFn: () => unwrap(api().POST('/quotes/{id}/send', { params })), onSuccess }),
    accept: useMutation({ mutationFn: () => unwrap(api().POST('/quotes/{id}/accept', { params })), onSuccess }),
    refuse: useMutation({ mutationFn: () => unwrap(api().POST('/quotes/{id}/refuse', { params })), onSuccess }),
    deposit: useMutation({ mutationFn: (percent: number) => unwrap(api().POST('/quotes/{id}/deposits', { params: { path: { id }, header: idem() }, body: { percent } })), onSuccess }),
    final: useMutation({ mutationFn: () => unwrap(api().POST('/quotes/{id}/final-invoice', { params: { path: { id }, header: idem() }, body: {} })), onSuccess }),
  };
};

export type QuotePatch = NonNullable<operations['updateQuote']['requestBody']>['content']['application/json'];

export const useQuoteTimeline = (id: string) =>
  useQuery({ queryKey: ['quotes', id, 'timeline'], queryFn: () => unwrap(api().GET('/quotes/{id}/timeline', { params: { path: { id }, query: { limit: 100 } } })) });

export const useUpdateQuote = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QuotePatch) => unwrap(api().PATCH('/quotes/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['quotes'] }),
  });
};
