import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DAY_LENGTH } from '../../domain/client-gap.js';
import type { StepRef, StepState } from '../../domain/reminder-steps.js';
import type { ClaimResult, ClientGapClaim, GroupClaimMember, InvoiceSendGuard, NewStepRecord, StepRecordItem, StepRecords } from '../../app/ports/reminder-steps.js';
import { clientKey, invoiceKey, invoicePk, STEP_PREFIX, stepKey } from './keys.js';
import { queryAll } from './queries.js';
import { transactWrite, type TransactItem } from './transactions.js';

export const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** `SET a = :a, b = :b` and `REMOVE c` from a patch; `undefined` values are removed. */
export const updateOf = (patch: Record<string, unknown>) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(patch).forEach(([key, value], i) => {
    names[`#f${i}`] = key;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return { expression, names, values };
};

/**
 * The recorded reminder plan (one item per step, in the invoice's partition) and the claims that
 * make a send exactly-once: every move is a conditional write on the state the caller read. What every function
 * uses (wiring.ts builds it); DynamoStepRepository adds the engine's writes (a new plan, one step's claim and outcome,
 * its letter), so that the functions which never make them, client-reminders among them, do not bundle them.
 */
export class DynamoStepRecords implements StepRecords {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async list(tenantId: string, invoiceId: string): Promise<StepRecordItem[]> {
    const items = await queryAll<StepRecordItem>(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': invoicePk(tenantId, invoiceId), ':p': STEP_PREFIX },
      ConsistentRead: true,
    });
    return items.filter((i) => typeof i.plan === 'number').sort(byPlanOrder);
  }

  async transition(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    expected: { state: StepState; scheduledAt?: string },
    next: Partial<StepRecordItem> & { state: StepState; at: string },
  ): Promise<boolean> {
    const update = updateOf(next as Record<string, unknown>);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stepKey(tenantId, invoiceId, ref),
          UpdateExpression: update.expression,
          ConditionExpression: `#state = :expected${expected.scheduledAt ? ' AND scheduledAt = :expectedAt' : ''}`,
          ExpressionAttributeNames: { ...update.names, '#state': 'state' },
          ExpressionAttributeValues: { ...update.values, ':expected': expected.state, ...(expected.scheduledAt ? { ':expectedAt': expected.scheduledAt } : {}) },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async claimGroupSend(tenantId: string, members: readonly GroupClaimMember[], gap: ClientGapClaim): Promise<ClaimResult> {
    // One message, one transaction: every step and invoice of the group, and the client's gap once.
    const items = members.flatMap((m) => [this.stepClaim(tenantId, m.invoiceId, m.step), this.invoiceClaim(tenantId, m.invoiceId, m.invoice)]);
    const result = await transactWrite(this.db, [...items, this.gapClaim(tenantId, gap)]);
    if (result.ok) return { ok: true };
    const failed = result.failedConditions;
    const gapIndex = items.length;
    return { ok: false, conflict: failed.some((i) => i < gapIndex && i % 2 === 0) ? 'step' : failed.includes(gapIndex) && failed.length === 1 ? 'gap' : 'invoice' };
  }

  protected stepClaim(tenantId: string, invoiceId: string, step: { ref: StepRef; expectedScheduledAt?: string; manual?: NewStepRecord; leaseUntil: string; at: string }): TransactItem {
    return step.manual
      ? {
          Put: {
            TableName: this.tableName,
            Item: { ...stepKey(tenantId, invoiceId, step.ref), entityType: 'step', ...step.manual, state: 'sending', leaseUntil: step.leaseUntil, attempts: 1 },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        }
      : {
          Update: {
            TableName: this.tableName,
            Key: stepKey(tenantId, invoiceId, step.ref),
            UpdateExpression: 'SET #state = :sending, leaseUntil = :lease, #at = :at ADD attempts :one',
            ConditionExpression: '#state = :scheduled AND scheduledAt = :sa',
            ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
            ExpressionAttributeValues: { ':sending': 'sending', ':lease': step.leaseUntil, ':at': step.at, ':one': 1, ':scheduled': 'scheduled', ':sa': step.expectedScheduledAt ?? '' },
          },
        };
  }

  /**
   * The invoice is still as read and takes today's reminder slot; bumping the version makes a concurrent save (a payment read before this) retry on fresh data.
   * The slot: the last reminder's instant before the first instant of today in the tenant's zone of now (`lastReminderDay`,
   * dated in the zone of the day it went, is not compared when the instant is there: after a change of time zone it said
   * another day). An item holding a day only (`lastReminderAt` ≤ 10 characters, or absent) is compared by day, at face value.
   * shared/domain/reminder-slot.ts `slotFree` is the same condition as a function.
   */
  protected invoiceClaim(tenantId: string, invoiceId: string, invoice: InvoiceSendGuard): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: invoiceKey(tenantId, invoiceId),
        UpdateExpression: 'SET lastReminderDay = :today, lastReminderAt = :at, version = version + :one ADD reminderCount :one',
        ConditionExpression:
          '#status IN (:sent, :partial) AND remindersPaused = :false AND disputed = :false AND paidCents = :paid AND creditedCents = :credited AND ' +
          '((size(lastReminderAt) > :dayLength AND lastReminderAt < :dayStart) OR ' +
          '((attribute_not_exists(lastReminderAt) OR (size(lastReminderAt) <= :dayLength AND lastReminderAt < :today)) AND (attribute_not_exists(lastReminderDay) OR lastReminderDay < :today)))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':today': invoice.today, ':dayStart': invoice.dayStart, ':dayLength': DAY_LENGTH, ':at': invoice.at, ':one': 1, ':sent': 'sent', ':partial': 'partially_paid', ':false': false,
          ':paid': invoice.paidCents, ':credited': invoice.creditedCents,
        },
      },
    };
  }

  /**
   * The client's gap: its last message's instant before the first instant of the day after `latestAllowedDate` in
   * the tenant's zone of now (`lastMessageDate`, dated in the zone of the day it went, is not compared: after a change
   * of time zone it said another day than the planner). An item holding a day only (`lastMessageAt` ≤ 10 characters:
   * a day string, or the `''` "none" marker; or `lastMessageDate` alone) is compared by day, at face value.
   * shared/domain/client-gap.ts `gapAllows` is the same condition as a function.
   */
  protected gapClaim(tenantId: string, gap: ClientGapClaim): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: clientKey(tenantId, gap.clientId),
        UpdateExpression:
          'SET claimPrevDate = if_not_exists(lastMessageDate, :none), claimPrevAt = if_not_exists(lastMessageAt, :none), lastMessageDate = :date, lastMessageAt = :at, claimHolder = :holder',
        ConditionExpression: gap.window
          ? 'attribute_exists(PK) AND ((size(lastMessageAt) > :dayLength AND lastMessageAt < :before) OR ' +
            '((attribute_not_exists(lastMessageAt) OR (size(lastMessageAt) <= :dayLength AND lastMessageAt <= :latest)) AND (attribute_not_exists(lastMessageDate) OR lastMessageDate <= :latest)))'
          : 'attribute_exists(PK)',
        ExpressionAttributeValues: {
          ':none': '', ':date': gap.date, ':at': gap.at, ':holder': gap.holder,
          ...(gap.window ? { ':latest': gap.window.latestAllowedDate, ':before': gap.window.allowedBefore, ':dayLength': DAY_LENGTH } : {}),
        },
      },
    };
  }

  async finishGroupSend(
    tenantId: string,
    members: readonly { invoiceId: string; ref: StepRef; dueDate: string; event: NonNullable<StepRecordItem['sentEvent']>; groupCovers?: string }[],
    sent: { at: string; messageId: string; recipients: readonly string[] },
  ): Promise<void> {
    // One transaction (≤ 40 members, under DynamoDB's 100 items): a throttled member no longer leaves the
    // others `sent` and itself `unknown_outcome` for the very same message. Failing, all stay `sending`.
    const result = await transactWrite(
      this.db,
      members.map((m) => {
        const update = updateOf({
          state: 'sent', at: sent.at, sentAt: sent.at, messageId: sent.messageId, recipients: [...sent.recipients], dueDate: m.dueDate, sentEvent: m.event, leaseUntil: undefined, lastError: undefined,
          ...(m.groupCovers ? { groupCovers: m.groupCovers } : {}),
        });
        return {
          Update: {
            TableName: this.tableName,
            Key: stepKey(tenantId, m.invoiceId, m.ref),
            UpdateExpression: update.expression,
            ConditionExpression: '#state = :sending',
            ExpressionAttributeNames: { ...update.names, '#state': 'state' },
            ExpressionAttributeValues: { ...update.values, ':sending': 'sending' },
          },
        };
      }),
    );
    if (!result.ok) throw new Error('a step of the group left `sending` while its email was being sent');
  }

  async releaseSend(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    release: { today: string; gap: ClientGapClaim; previousReminderAt?: string },
    next: { state: 'scheduled' | 'failed'; at: string; scheduledAt?: string; localTime?: string; reason: string; lastError?: string; firstFailedAt?: string },
  ): Promise<void> {
    const update = updateOf({ ...next, leaseUntil: undefined });
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: stepKey(tenantId, invoiceId, ref),
        UpdateExpression: update.expression,
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { ...update.names, '#state': 'state' },
        ExpressionAttributeValues: { ...update.values, ':sending': 'sending' },
      }),
    );
    // Give back what this send took, unless someone else holds it since (both best-effort conditional).
    await Promise.all([
      this.ignoreCondition(
        new UpdateCommand({
          TableName: this.tableName,
          Key: invoiceKey(tenantId, invoiceId),
          // The last reminder before this send, or none: an invoice never reminded kept the failed attempt's instant.
          UpdateExpression: release.previousReminderAt
            ? 'REMOVE lastReminderDay SET version = version + :one, lastReminderAt = :prev ADD reminderCount :minus'
            : 'REMOVE lastReminderDay, lastReminderAt SET version = version + :one ADD reminderCount :minus',
          ConditionExpression: 'lastReminderDay = :today',
          ExpressionAttributeValues: { ':today': release.today, ':one': 1, ':minus': -1, ...(release.previousReminderAt ? { ':prev': release.previousReminderAt } : {}) },
        }),
      ),
      this.releaseClientGap(tenantId, release.gap),
    ]);
  }

  async releaseClientGap(tenantId: string, gap: Pick<ClientGapClaim, 'clientId' | 'holder'>): Promise<void> {
    await this.ignoreCondition(
      new UpdateCommand({
        TableName: this.tableName,
        Key: clientKey(tenantId, gap.clientId),
        UpdateExpression: 'SET lastMessageDate = claimPrevDate, lastMessageAt = claimPrevAt REMOVE claimHolder',
        ConditionExpression: 'claimHolder = :holder',
        ExpressionAttributeValues: { ':holder': gap.holder },
      }),
    );
    // A client never written to before: the claim's "none" marker (`''`) is no last message (GET /clients/{id} said "").
    // (An item that held a day only keeps it: its `lastMessageDate` came back, its `lastMessageAt` is the marker.)
    await this.ignoreCondition(
      new UpdateCommand({
        TableName: this.tableName,
        Key: clientKey(tenantId, gap.clientId),
        UpdateExpression: 'REMOVE lastMessageDate, lastMessageAt',
        ConditionExpression: 'lastMessageAt = :none AND (attribute_not_exists(lastMessageDate) OR lastMessageDate = :none) AND attribute_not_exists(claimHolder)',
        ExpressionAttributeValues: { ':none': '' },
      }),
    );
  }

  protected async ignoreCondition(command: UpdateCommand): Promise<void> {
    try {
      await this.db.send(command);
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }
}

/** Plans in order, scenario order inside a plan, manual reminders (plan 0) last by time. */
export const byPlanOrder = (a: { plan: number; index: number }, b: { plan: number; index: number }): number => {
  const pa = a.plan === 0 ? Number.MAX_SAFE_INTEGER : a.plan;
  const pb = b.plan === 0 ? Number.MAX_SAFE_INTEGER : b.plan;
  return pa - pb || a.index - b.index;
};

