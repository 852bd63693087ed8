/** Letters of letter steps waiting to be posted by registered mail, and closing one once posted. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';

export type LetterToPost = operations['lettersToPost']['responses'][200]['content']['application/json']['items'][number];

/** Shared with the home screen's reminder (same key): one request when both are open. */
export const LETTERS_KEY = ['reminders', 'to-post'] as const;

export const useLettersToPost = () => useQuery({ queryKey: LETTERS_KEY, queryFn: () => unwrap(api().GET('/reminders/to-post')) });

export const useMarkLetterPosted = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, stepId, trackingNumber }: { invoiceId: string; stepId: string; trackingNumber?: string }) =>
      unwrap(api().POST('/invoices/{id}/reminders/{stepId}/posted', { params: { path: { id: invoiceId, stepId } }, body: trackingNumber ? { trackingNumber } : {} })),
    // A letter listing several invoices closes on each of them (LETTERS_KEY is one of the money views).
    onSuccess: () => invalidateMoneyViews(queryClient),
  });
};

/** The owner will not post it: the letter step is cancelled (a letter listing several invoices, for all of them). */
export const useWithdrawLetter = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, stepId }: { invoiceId: string; stepId: string }) =>
      unwrap(api().POST('/invoices/{id}/reminders/{stepId}/cancel', { params: { path: { id: invoiceId, stepId } } })),
    onSuccess: () => invalidateMoneyViews(queryClient),
  });
};
