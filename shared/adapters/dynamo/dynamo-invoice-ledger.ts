import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BusyError } from '../../app/errors.js';
import type { CreditNoteEmailOutcome, CreditNoteRecord, InvoiceLedger, InvoiceRecord, Page, PageRequest, TimelineRecord } from '../../app/ports.js';
import { encodeCursor, invalidCursor, startKeyFor } from './cursor.js';
import { DynamoInvoiceRepository } from './dynamo-invoice-repository.js';
import { clientInvoiceSk, creditNoteKey, EVENT_PREFIX, invoicePk, invoicesByDuePk, STEP_PREFIX, stepEventSortKey } from './keys.js';
import { queryAll, queryFrom, timelineRecord } from './queries.js';
import { writeWithNextNumber } from './sequence.js';
import { transactWrite } from './transactions.js';

/**
 * The invoice repository plus what only a few functions need: the numbered writes (an invoice sent, a credit note
 * issued: shared/adapters/dynamo/sequence.ts), the whole timeline, and the client index's maintenance. Kept apart from
 * DynamoInvoiceRepository, which every function's wiring builds, so that the reminder send path (client-reminders, the
 * largest API bundle) does not carry them (test/infra/bundle-budget.test.ts). Wired by shared/wiring-invoice-ledger.ts.
 */
export class DynamoInvoiceLedger extends DynamoInvoiceRepository implements InvoiceLedger {
  async saveWithNextNumber(
    invoice: InvoiceRecord,
    sequence: { readonly prefix: string; readonly year: number },
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<InvoiceRecord> {
    const number = await writeWithNextNumber(this.db, this.tableName, { tenantId: invoice.tenantId, ...sequence, issueDate: invoice.issueDate }, (n) => [
      this.versionedInvoicePut({ ...invoice, number: n }),
      ...events(n).map((e) => this.eventPut(invoice.tenantId, invoice.id, e)),
    ]);
    return { ...invoice, number, version: invoice.version + 1 };
  }

  async saveWithCreditNote(
    invoice: InvoiceRecord,
    creditNote: Omit<CreditNoteRecord, 'number'>,
    year: number,
    events: (number: string) => readonly TimelineRecord[],
  ): Promise<CreditNoteRecord> {
    const number = await writeWithNextNumber(this.db, this.tableName, { tenantId: invoice.tenantId, prefix: 'A', year, issueDate: creditNote.issueDate }, (n) => [
      this.versionedInvoicePut(invoice),
      {
        Put: {
          TableName: this.tableName,
          Item: { ...creditNoteKey(invoice.tenantId, invoice.id, creditNote.id), entityType: 'credit-note', ...creditNote, number: n },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      ...events(n).map((e) => this.eventPut(invoice.tenantId, invoice.id, e)),
    ]);
    return { ...creditNote, number };
  }

  async claimCreditNoteEmail(tenantId: string, invoiceId: string, creditNoteId: string, at: string, staleBefore: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: creditNoteKey(tenantId, invoiceId, creditNoteId),
          UpdateExpression: 'SET emailClaimedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(emailClaimedAt) OR emailClaimedAt < :stale)',
          ExpressionAttributeValues: { ':at': at, ':stale': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async recordCreditNoteEmail(tenantId: string, invoiceId: string, creditNoteId: string, outcome: CreditNoteEmailOutcome, events: readonly TimelineRecord[]): Promise<void> {
    const fields = Object.entries(outcome);
    const write = () => transactWrite(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: creditNoteKey(tenantId, invoiceId, creditNoteId),
          // A failed send keeps when, to whom and with which message id it last reached the client.
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')} REMOVE emailClaimedAt`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])),
          ExpressionAttributeValues: Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])),
        },
      },
      ...events.map((e) => this.eventPut(tenantId, invoiceId, e)),
    ]);
    // Credit notes are never deleted and nothing else writes these fields: only a transaction conflict fails it, tried again.
    for (let attempt = 1; ; attempt++) {
      const result = await write();
      if (result.ok) return;
      if (attempt === 3 || result.failedConditions.length > 0) throw new BusyError(`Credit note ${creditNoteId}: its email could not be recorded`);
    }
  }

  /**
   * The invoice's events in time order, a page at a time. A sent reminder's event is kept on its
   * step record (one write per reminder, not two): it is merged in here under the key it would
   * have as an event item, so pages and cursors stay one ordered sequence.
   */
  async timeline(tenantId: string, invoiceId: string, page: PageRequest): Promise<Page<TimelineRecord>> {
    const pk = invoicePk(tenantId, invoiceId);
    const scope = { partition: { PK: pk } };
    const start = startKeyFor(page.cursor, scope);
    if (start && !String(start.SK).startsWith(EVENT_PREFIX)) throw invalidCursor();
    const after = start ? String(start.SK) : '';
    const [stored, onSteps] = await Promise.all([
      queryFrom(
        this.db,
        { TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': pk, ':p': EVENT_PREFIX }, ConsistentRead: true },
        start,
        page.limit,
      ),
      queryAll(
        this.db,
        {
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          FilterExpression: 'attribute_exists(sentEvent)',
          ProjectionExpression: 'SK, sentAt, sentEvent',
          ExpressionAttributeValues: { ':pk': pk, ':p': STEP_PREFIX },
          ConsistentRead: true,
        },
        (item) => ({ SK: stepEventSortKey(String(item.sentAt), String(item.SK)), record: { at: String(item.sentAt), ...(item.sentEvent as { type: string; data: Record<string, unknown> }) } }),
      ),
    ]);
    const merged = [...stored.items.map((item) => ({ SK: String(item.SK), record: timelineRecord(item) })), ...onSteps.filter((e) => e.SK > after)].sort((a, b) =>
      a.SK < b.SK ? -1 : a.SK > b.SK ? 1 : 0,
    );
    const items = merged.slice(0, page.limit);
    // Stored events not read yet all sort after the ones read, so this page is complete.
    const more = merged.length > page.limit || stored.next !== undefined;
    const nextCursor = more && items.length > 0 ? encodeCursor({ PK: pk, SK: items.at(-1)!.SK }, scope) : undefined;
    return nextCursor ? { items: items.map((e) => e.record), nextCursor } : { items: items.map((e) => e.record) };
  }

  /**
   * Maintenance (`npm run aggregates:rebuild`): the invoices of a tenant whose GSI3 sort key predates
   * the status group (`<due>#<id>`, written before 2026-11-26) or no longer matches their status, and
   * with `fix` their key rewritten (conditional on the key read: one saved meanwhile is already right).
   * Until then a client's lists, which read its partition by group, do not see them.
   */
  async rekeyClientIndex(tenantId: string, options: { fix: boolean }): Promise<{ invoices: number; stale: number; rekeyed: number }> {
    const items = await queryAll(
      this.db,
      {
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ProjectionExpression: 'PK, SK, id, dueDate, #status, GSI3SK, entityType',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pk': invoicesByDuePk(tenantId) },
      },
      (i) => i,
    );
    const invoices = items.filter((i) => i.entityType === 'invoice');
    const stale = invoices.filter((i) => i.GSI3SK !== clientInvoiceSk(i as never));
    let rekeyed = 0;
    if (options.fix) {
      for (const i of stale) {
        try {
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { PK: i.PK, SK: i.SK },
              UpdateExpression: 'SET GSI3SK = :new',
              ConditionExpression: 'GSI3SK = :old',
              ExpressionAttributeValues: { ':new': clientInvoiceSk(i as never), ':old': i.GSI3SK },
            }),
          );
          rekeyed += 1;
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        }
      }
    }
    return { invoices: invoices.length, stale: stale.length, rekeyed };
  }
}
