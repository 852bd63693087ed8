/**
 * The client's gap claim on DynamoDB Local after the tenant's time zone changed: its conditional write compares the
 * last message's instant in the zone of now (the stored `lastMessageDate` is the zone's of then), and reads an item
 * written with a day only (a day string in `lastMessageAt`, `lastMessageDate` alone: items older than the claim, or
 * given back to the "none" marker) at face value. The condition is exactly shared/domain/client-gap.ts `gapAllows`,
 * which the in-memory repository and the send path's decision use.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoStepRecords } from '../../shared/adapters/dynamo/dynamo-step-records.js';
import { clientKey } from '../../shared/adapters/dynamo/keys.js';
import { transactWrite } from '../../shared/adapters/dynamo/transactions.js';
import type { ClientGapClaim } from '../../shared/app/ports/reminder-steps.js';
import { gapAllows, gapWindow, lastMessageIn, type GapWindow, type StoredLastMessage } from '../../shared/domain/client-gap.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const tenant = freshTenant('gapclaim');

/** The adapter's own claim, alone in its transaction. */
class GapProbe extends DynamoStepRecords {
  async claim(gap: ClientGapClaim): Promise<boolean> {
    return (await transactWrite(this.db, [this.gapClaim(tenant, gap)])).ok;
  }
}
const probe = new GapProbe(db, tableName);

let n = 0;
const aClientItem = async (stored: StoredLastMessage): Promise<string> => {
  const id = `c${++n}`;
  await db.send(new PutCommand({ TableName: tableName, Item: { ...clientKey(tenant, id), entityType: 'client', tenantId: tenant, id, name: 'Client', ...stored } }));
  return id;
};
const claimOn = (clientId: string, at: string, date: string, window?: GapWindow): ClientGapClaim => ({ clientId, at, date, holder: `h-${clientId}`, ...(window ? { window } : {}) });

describe('the client gap claim after a change of time zone', () => {
  it('west (Paris → Tahiti): the message of Monday 09:00 Paris, Sunday in Tahiti, lets Wednesday 09:00 Tahiti through', async () => {
    const id = await aClientItem({ lastMessageAt: '2026-03-02T08:00:00.000Z', lastMessageDate: '2026-03-02' });
    expect(await probe.claim(claimOn(id, '2026-03-03T19:00:00.000Z', '2026-03-03', gapWindow('2026-03-03', 3, 'Pacific/Tahiti')))).toBe(false);
    expect(await probe.claim(claimOn(id, '2026-03-04T19:00:00.000Z', '2026-03-04', gapWindow('2026-03-04', 3, 'Pacific/Tahiti')))).toBe(true);
    const item = (await db.send(new GetCommand({ TableName: tableName, Key: clientKey(tenant, id) }))).Item!;
    expect(item).toMatchObject({ lastMessageAt: '2026-03-04T19:00:00.000Z', lastMessageDate: '2026-03-04', claimPrevAt: '2026-03-02T08:00:00.000Z', claimPrevDate: '2026-03-02' });
  });

  it('east (Paris → Nouméa): the message of Monday 20:00 Paris, Tuesday in Nouméa, holds Thursday back', async () => {
    const id = await aClientItem({ lastMessageAt: '2026-03-02T19:00:00.000Z', lastMessageDate: '2026-03-02' });
    expect(await probe.claim(claimOn(id, '2026-03-04T23:00:00.000Z', '2026-03-05', gapWindow('2026-03-05', 3, 'Pacific/Noumea')))).toBe(false);
    expect(await probe.claim(claimOn(id, '2026-03-05T23:00:00.000Z', '2026-03-06', gapWindow('2026-03-06', 3, 'Pacific/Noumea')))).toBe(true);
  });

  it('decides as gapAllows does, for items holding an instant, a day only, the "none" marker or nothing', async () => {
    const stored: StoredLastMessage[] = [
      {},
      { lastMessageAt: '', lastMessageDate: '' },
      { lastMessageAt: '', lastMessageDate: '2026-03-02' },
      { lastMessageAt: '', lastMessageDate: '2026-03-03' },
      { lastMessageDate: '2026-03-02' },
      { lastMessageDate: '2026-03-03' },
      { lastMessageAt: '2026-03-02' },
      { lastMessageAt: '2026-03-03' },
      { lastMessageAt: '2026-03-02', lastMessageDate: '2026-03-03' },
      { lastMessageAt: '2026-03-02T08:00:00.000Z', lastMessageDate: '2026-03-02' },
      { lastMessageAt: '2026-03-02T10:00:00.000Z', lastMessageDate: '2026-03-02' },
      { lastMessageAt: '2026-03-02T09:59:59.999Z', lastMessageDate: '2026-03-03' },
      { lastMessageAt: '2026-03-03T09:59:00Z' },
      { lastMessageAt: '2026-03-03T10:00:00Z' },
    ];
    const window = gapWindow('2026-03-05', 3, 'Pacific/Tahiti'); // latest 2026-03-02, before 2026-03-03T10:00Z
    const results: boolean[] = [];
    for (const s of stored) results.push(await probe.claim(claimOn(await aClientItem(s), '2026-03-05T19:00:00.000Z', '2026-03-05', window)));
    expect(results).toEqual(stored.map((s) => gapAllows(s, window)));
    // And what the send path reads agrees with the claim on every item holding a message.
    stored.forEach((s, i) => {
      const last = lastMessageIn(s, 'Pacific/Tahiti');
      if (last) expect(results[i], JSON.stringify(s)).toBe(last.date <= window.latestAllowedDate);
    });
    expect(results).toEqual([true, true, true, false, true, false, true, false, false, true, true, true, true, false]);
  });

  it('a forced claim ignores the gap; a claim given back restores a day-only item and keeps its day', async () => {
    const id = await aClientItem({ lastMessageDate: '2026-03-04' });
    expect(await probe.claim(claimOn(id, '2026-03-05T19:00:00.000Z', '2026-03-05'))).toBe(true);
    await probe.releaseClientGap(tenant, { clientId: id, holder: `h-${id}` });
    const item = (await db.send(new GetCommand({ TableName: tableName, Key: clientKey(tenant, id) }))).Item!;
    expect(item.lastMessageDate).toBe('2026-03-04');
    expect(lastMessageIn(item, 'Pacific/Tahiti')?.date).toBe('2026-03-04');
    // A client never written to: given back, it has no last message again.
    const fresh = await aClientItem({});
    expect(await probe.claim(claimOn(fresh, '2026-03-05T19:00:00.000Z', '2026-03-05', window()))).toBe(true);
    await probe.releaseClientGap(tenant, { clientId: fresh, holder: `h-${fresh}` });
    const back = (await db.send(new GetCommand({ TableName: tableName, Key: clientKey(tenant, fresh) }))).Item!;
    expect(back.lastMessageAt).toBeUndefined();
    expect(back.lastMessageDate).toBeUndefined();
  });
});

const window = () => gapWindow('2026-03-05', 3, 'Pacific/Tahiti');
