import { describe, expect, it } from 'vitest';
import { sendInRounds, type BatchAnswer } from './batch-rounds';

/** A batch endpoint with room for `perRound` invoices per call; the others are left for later. */
const anApi = (perRound: number, outcome: (id: string) => BatchAnswer['items'][number] = (id) => ({ invoiceId: id, status: 'sent' })) => {
  const calls: string[][] = [];
  const post = async (ids: readonly string[]): Promise<BatchAnswer> => {
    calls.push([...ids]);
    const items = ids.map((id, i) => (i < perRound ? outcome(id) : { invoiceId: id, status: 'skipped' as const, reason: 'time_budget' }));
    return { items, totals: { sent: items.filter((i) => i.status === 'sent').length, skipped: items.filter((i) => i.status === 'skipped').length, failed: 0 } };
  };
  return { calls, post };
};

describe('a mass send in rounds', () => {
  it('posts again what the API had no time for, until every invoice has its answer, reporting progress', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `inv-${i}`);
    const api = anApi(3, (id) => (id === 'inv-4' ? { invoiceId: id, status: 'skipped', reason: 'client_gap' } : { invoiceId: id, status: 'sent' }));
    const progress: [number, number][] = [];
    const result = await sendInRounds(ids, api.post, (done, total) => progress.push([done, total]));
    expect(api.calls).toEqual([ids, ids.slice(3), ids.slice(6)]);
    expect(progress).toEqual([[3, 7], [6, 7], [7, 7]]);
    expect(result.items.map((i) => i.invoiceId)).toEqual(ids);
    expect(result.items.find((i) => i.invoiceId === 'inv-4')).toEqual({ invoiceId: 'inv-4', status: 'skipped', reason: 'client_gap' });
    expect(result.totals).toEqual({ sent: 6, skipped: 1, failed: 0 });
  });

  it('stops when a round makes no progress, leaving those invoices skipped for lack of time', async () => {
    const api = anApi(0);
    const result = await sendInRounds(['a', 'b'], api.post);
    expect(api.calls).toHaveLength(1);
    expect(result.items).toEqual([
      { invoiceId: 'a', status: 'skipped', reason: 'time_budget' },
      { invoiceId: 'b', status: 'skipped', reason: 'time_budget' },
    ]);
    expect(result.totals).toEqual({ sent: 0, skipped: 2, failed: 0 });
  });
});
