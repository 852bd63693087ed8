/**
 * The invoice's one-reminder-a-day slot claimed on DynamoDB Local after the tenant's time zone changed: the conditional
 * write compares the last reminder's instant (`lastReminderAt`) with the first instant of today in the zone of now (the
 * stored `lastReminderDay` is the zone's of then), and reads an item holding a day only (`lastReminderDay` alone, or a
 * day string in `lastReminderAt`) at face value. The condition is exactly shared/domain/reminder-slot.ts `slotFree`,
 * which the in-memory repository uses, and agrees with `remindedOn`, which the send path's decision uses.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoStepRecords } from '../../shared/adapters/dynamo/dynamo-step-records.js';
import { invoiceKey } from '../../shared/adapters/dynamo/keys.js';
import { transactWrite } from '../../shared/adapters/dynamo/transactions.js';
import { invoiceTotals } from '../../shared/domain/invoice.js';
import { remindedOn, reminderSlot, slotFree, type StoredLastReminder } from '../../shared/domain/reminder-slot.js';
import { freshTenant, localTable } from './dynamo-table.js';

const { db, tableName } = localTable();
const tenant = freshTenant('slotclaim');
const NOUMEA = 'Pacific/Noumea';
const TAHITI = 'Pacific/Tahiti';

/** The adapter's own invoice claim, alone in its transaction. */
class SlotProbe extends DynamoStepRecords {
  async claim(invoiceId: string, today: string, timeZone: string, at: string): Promise<boolean> {
    return (await transactWrite(this.db, [this.invoiceClaim(tenant, invoiceId, { paidCents: 0, creditedCents: 0, ...reminderSlot(today, timeZone), at })])).ok;
  }
}
const probe = new SlotProbe(db, tableName);

let n = 0;
const lines = [{ description: 'Révision', quantity: 1, unitPriceCents: 10_000, vatRate: 20 as const }];
const anInvoiceItem = async (stored: StoredLastReminder): Promise<string> => {
  const id = `i${++n}`;
  await db.send(new PutCommand({
    TableName: tableName,
    // A whole invoice: the local stack's stream consumers read this table too (a partial item stopped them for every later test file).
    Item: {
      ...invoiceKey(tenant, id), entityType: 'invoice', tenantId: tenant, id, clientId: 'c1', clientKind: 'business', issueDate: '2026-02-02', dueDate: '2026-03-02',
      lines, currency: 'EUR', totals: invoiceTotals(lines), status: 'sent', remindersPaused: false, disputed: false, paidCents: 0, creditedCents: 0,
      version: 1, reminderCount: 1, createdAt: '2026-02-02T08:00:00.000Z', updatedAt: '2026-02-02T08:00:00.000Z', ...stored,
    },
  }));
  return id;
};
const read = async (id: string) => (await db.send(new GetCommand({ TableName: tableName, Key: invoiceKey(tenant, id) }))).Item!;

describe('the invoice slot claim after a change of time zone', () => {
  it('east (Paris → Nouméa): the reminder of Monday 20:00 Paris, Tuesday morning in Nouméa, holds Tuesday (Nouméa)', async () => {
    const id = await anInvoiceItem({ lastReminderAt: '2026-03-02T19:00:00.000Z', lastReminderDay: '2026-03-02' });
    // Tue 3 March 16:00 Nouméa: the stored Monday let it through.
    expect(await probe.claim(id, '2026-03-03', NOUMEA, '2026-03-03T05:00:00.000Z')).toBe(false);
    // Wed 4 March 00:30 Nouméa.
    expect(await probe.claim(id, '2026-03-04', NOUMEA, '2026-03-03T13:30:00.000Z')).toBe(true);
    expect(await read(id)).toMatchObject({ lastReminderAt: '2026-03-03T13:30:00.000Z', lastReminderDay: '2026-03-04', reminderCount: 2, version: 2 });
  });

  it('west (Paris → Tahiti): the reminder of Monday 09:00 Paris, Sunday in Tahiti, leaves Monday (Tahiti) free', async () => {
    const id = await anInvoiceItem({ lastReminderAt: '2026-03-02T08:00:00.000Z', lastReminderDay: '2026-03-02' });
    expect(await probe.claim(id, '2026-03-01', TAHITI, '2026-03-02T09:00:00.000Z')).toBe(false);
    // Mon 2 March 09:00 Tahiti: the stored Monday held it a day.
    expect(await probe.claim(id, '2026-03-02', TAHITI, '2026-03-02T19:00:00.000Z')).toBe(true);
  });

  it('decides as slotFree and the send path do, for items holding an instant, a day only or nothing', async () => {
    const stored: StoredLastReminder[] = [
      {},
      { lastReminderDay: '2026-03-02' },
      { lastReminderDay: '2026-03-03' },
      { lastReminderAt: '2026-03-02' },
      { lastReminderAt: '2026-03-03' },
      { lastReminderAt: '2026-03-02', lastReminderDay: '2026-03-03' },
      { lastReminderAt: '2026-03-02T12:59:59.999Z', lastReminderDay: '2026-03-02' },
      { lastReminderAt: '2026-03-02T13:00:00.000Z', lastReminderDay: '2026-03-02' },
      { lastReminderAt: '2026-03-02T19:00:00.000Z', lastReminderDay: '2026-03-02' },
      { lastReminderAt: '2026-03-03T12:00:00.000Z', lastReminderDay: '2026-03-03' },
      // The instant of a claim given back (`lastReminderDay` removed, the previous reminder's instant restored).
      { lastReminderAt: '2026-03-02T10:00:00.000Z' },
      { lastReminderAt: '2026-03-02T14:00:00.000Z' },
    ];
    const slot = reminderSlot('2026-03-03', NOUMEA); // today starts 2026-03-02T13:00Z
    const results: boolean[] = [];
    for (const s of stored) results.push(await probe.claim(await anInvoiceItem(s), '2026-03-03', NOUMEA, '2026-03-03T05:00:00.000Z'));
    expect(results).toEqual(stored.map((s) => slotFree(s, slot)));
    expect(results).toEqual(stored.map((s) => !remindedOn(s, '2026-03-03', NOUMEA)));
    expect(results).toEqual([true, true, false, true, false, false, true, false, false, false, true, false]);
  });
});
