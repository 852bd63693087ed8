/** One answer of `POST /reminders/batch`, as the API gives it. */
export interface BatchAnswer {
  readonly items: readonly { readonly invoiceId: string; readonly status: 'sent' | 'skipped' | 'failed'; readonly reason?: string }[];
  readonly totals: { readonly sent: number; readonly skipped: number; readonly failed: number };
}

/** Rounds at most: a round that sends nothing more ends it anyway. */
const MAX_ROUNDS = 20;

const isLeftForLater = (item: BatchAnswer['items'][number]) => item.status === 'skipped' && item.reason === 'time_budget';

/**
 * A mass send to its end: the API answers within its time budget and leaves the clients it had no
 * time for `skipped: time_budget` (nothing written for them); they are posted again until none is
 * left or a round makes no progress. One answer per invoice, in the selection's order.
 */
export const sendInRounds = async (
  invoiceIds: readonly string[],
  post: (ids: readonly string[]) => Promise<BatchAnswer>,
  onProgress?: (done: number, total: number) => void,
): Promise<BatchAnswer> => {
  const answers = new Map<string, BatchAnswer['items'][number]>();
  let pending = [...new Set(invoiceIds)];
  for (let round = 0; pending.length > 0 && round < MAX_ROUNDS; round++) {
    const answer = await post(pending);
    for (const item of answer.items) answers.set(item.invoiceId, item);
    const left = answer.items.filter(isLeftForLater).map((i) => i.invoiceId);
    if (left.length >= pending.length) break;
    pending = left;
    onProgress?.(invoiceIds.length - pending.length, invoiceIds.length);
  }
  const items = [...new Set(invoiceIds)].flatMap((id) => (answers.has(id) ? [answers.get(id)!] : []));
  const count = (status: BatchAnswer['items'][number]['status']) => items.filter((i) => i.status === status).length;
  return { items, totals: { sent: count('sent'), skipped: count('skipped'), failed: count('failed') } };
};
