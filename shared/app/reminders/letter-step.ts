/**
 * `letter` steps (issue 10 §2): when the step fires, the mise en demeure is produced, not mailed
 * by us: its data is recorded on the step with the PDF's SHA-256 (the evidence DOMAIN.md asks
 * for) and the step waits `to_post` until the owner says it went by registered post.
 *
 * With settings `groupByClient`, the client's other letter steps due the same send day go in the
 * same letter (one registered letter to post, not one per invoice): every step is recorded
 * `to_post` with the same letter, its id and the list of its steps.
 */
import { createHash } from 'node:crypto';
import { localDate } from '../../domain/dates.js';
import { reminderSlot } from '../../domain/reminder-slot.js';
import { transferReference } from '../../domain/epc-qr.js';
import { letterGapHolder, letterIdOf, type LetterData, type LetterMember } from '../../domain/letter.js';
import { isPlanStep } from '../../domain/payment-plan.js';
import { SEND_LEASE_MS } from '../../domain/reminder-steps.js';
import type { ClientGapClaim, StepRecordItem } from '../ports/reminder-steps.js';
import { creditNotesOf, depositsSettledOf, letterDataFor, reminderVariables, withDepositsSettled } from './compose-reminder.js';
import { penaltyReductions } from '../../domain/penalties.js';
import { gatherSameDaySteps } from './grouped-send.js';
import { clientLetterData } from './letter-data.js';
import { activePlan } from './plan-lifecycle.js';
import type { SendContext } from './reminder-context.js';
import { gapClaim, type ReminderOutcome, type SendReminderDeps } from './send-reminder.js';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Renders the letter first (a payment recorded meanwhile still wins: the claim re-checks the
 * invoice), then one transaction claims the step, the invoice's day and the client's gap exactly
 * as an email would, and the step goes `sending → to_post` with what the letter says.
 */
export const produceLetter = async (
  deps: Pick<SendReminderDeps, 'steps' | 'invoices' | 'pdf'>,
  ctx: SendContext,
  record: StepRecordItem,
  now: Date,
  gap: ClientGapClaim,
): Promise<ReminderOutcome | 'invoice_changed'> => {
  const { invoice, client, settings } = ctx;
  // Penalties on what was unpaid each day (payments, credit notes), as the proof file counts them.
  const [payments, creditNotes, depositsSettled] = await Promise.all([deps.invoices.payments(invoice.tenantId, invoice.id), creditNotesOf(deps.invoices, invoice), depositsSettledOf(deps.invoices, invoice)]);
  const letter = letterDataFor({ invoice, client, settings, payments, creditNotes, ...withDepositsSettled(depositsSettled), asOf: now });
  const letterSha256 = sha256Hex(await deps.pdf.letter(letter));
  const at = now.toISOString();
  const today = localDate(now, settings.timezone);
  const claim = await deps.steps.claimSend(
    invoice.tenantId,
    invoice.id,
    { ref: record, expectedScheduledAt: record.scheduledAt!, leaseUntil: new Date(now.getTime() + SEND_LEASE_MS).toISOString(), at },
    { paidCents: invoice.paidCents, creditedCents: invoice.creditedCents, ...reminderSlot(today, settings.timezone), at },
    gap,
  );
  if (!claim.ok) return 'invoice_changed';
  if (!(await deps.steps.recordToPost(invoice.tenantId, invoice.id, record, { at, letter, letterSha256, dueDate: invoice.dueDate }))) {
    throw new Error('the letter step left `sending` while its letter was recorded');
  }
  await deps.invoices.appendEvents(invoice.tenantId, invoice.id, [{ at, type: 'reminder.to_post', data: { stepId: record.stepId, plan: record.plan, letterSha256 } }]);
  return { outcome: 'to_post', letterSha256, stepId: record.stepId };
};

export { letterIdOf };

/**
 * The fire of a client's first letter step of the day: its other letter steps due today (not
 * stopped, in scenario order, no reminder today on their invoice) join the same letter, claimed in
 * one transaction (steps, day slots, the client's gap once), each then recorded `to_post` with the
 * same letter. `single` when there is nothing to group (the ordinary letter goes on).
 */
export const produceLetterWithSameDaySteps = async (
  deps: SendReminderDeps,
  ctx: SendContext,
  record: StepRecordItem,
  now: Date,
): Promise<ReminderOutcome | 'single' | 'invoice_changed'> => {
  // An invoice under a payment plan gets its own letter (the plan's table and any waiver are its own).
  if (!ctx.settings.groupByClient || isPlanStep(record) || activePlan(ctx)) return 'single';
  const siblings = await gatherSameDaySteps(deps, ctx, now, 'letter');
  if (siblings.length === 0) return 'single';
  const members = [{ ctx, record }, ...siblings];
  const { invoice, client, settings } = ctx;
  const { tenantId } = invoice;
  const date = localDate(now, settings.timezone);
  const invoices = members.map((m) => m.ctx.invoice);
  // How to pay names every invoice (the transfer reference), as the grouped email does, in the order of the letter's table.
  const listed = [...invoices].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || (a.number ?? a.id).localeCompare(b.number ?? b.id));
  const paymentInstructions = reminderVariables({ invoice: { ...invoice, number: listed.map((i) => i.number ?? i.id).join(', ') }, client, settings, asOf: now, reference: transferReference(listed.map((i) => i.number ?? i.id)) }).paymentInstructions;
  const read = await Promise.all(
    invoices.map(async (i) => {
      const [payments, creditNotes, depositsSettled] = await Promise.all([deps.invoices.payments(tenantId, i.id), creditNotesOf(deps.invoices, i), depositsSettledOf(deps.invoices, i)]);
      return { id: i.id, reductions: penaltyReductions(payments, creditNotes, i), depositsSettled };
    }),
  );
  const reductions = Object.fromEntries(read.map((r) => [r.id, r.reductions]));
  // A final invoice's deposits for what was paid on them, as its own letter says.
  const depositsSettled = Object.fromEntries(read.flatMap((r) => (r.depositsSettled === undefined ? [] : [[r.id, r.depositsSettled]])));
  const letter: LetterData = clientLetterData({ invoices, client, settings, date, paymentInstructions, reductions, depositsSettled });
  const letterSha256 = sha256Hex(await deps.pdf.letter(letter));
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
  const memberOf = (m: (typeof members)[number]): LetterMember => ({ invoiceId: m.ctx.invoice.id, plan: m.record.plan, index: m.record.index, stepId: m.record.stepId });
  const letterId = letterIdOf(memberOf(members[0]!));
  // Held under the letter's name, so that withdrawn before it is posted it gives the client's gap back (letterGapHolder).
  const gap = gapClaim(ctx, now, letterGapHolder(invoice.id, { ...record, letterId }));
  const claim = await deps.steps.claimGroupSend(
    tenantId,
    members.map((m) => ({
      invoiceId: m.ctx.invoice.id,
      step: { ref: m.record, expectedScheduledAt: m.record.scheduledAt!, leaseUntil, at },
      invoice: { paidCents: m.ctx.invoice.paidCents, creditedCents: m.ctx.invoice.creditedCents, ...reminderSlot(date, settings.timezone), at },
    })),
    gap,
  );
  // A member taken by a concurrent fire, a payment, the gap: the caller re-reads and decides again.
  if (!claim.ok) return 'invoice_changed';
  // In the order of the letter's table: the first member, under which the letter is listed to post, is its first invoice.
  const letterMembers: LetterMember[] = listed.map((i) => memberOf(members.find((m) => m.ctx.invoice.id === i.id)!));
  const numbers = letter.invoices.map((i) => i.number);
  // Every invoice the letter lists recorded `to_post` in one write, or none (a crash or a throttled write
  // leaves them all `sending`: their lease checks mark them `unknown_outcome` and tell the owner, never half).
  await deps.steps.recordGroupToPost(
    tenantId,
    members.map((m) => ({ invoiceId: m.ctx.invoice.id, ref: m.record, dueDate: m.ctx.invoice.dueDate })),
    { at, letter, letterSha256, letterId, letterMembers },
  );
  // Each invoice's timeline is its own partition: written side by side.
  await Promise.all(
    members.map((m) =>
      deps.invoices.appendEvents(tenantId, m.ctx.invoice.id, [{ at, type: 'reminder.to_post', data: { stepId: m.record.stepId, plan: m.record.plan, letterSha256, letterId, grouped: numbers } }]),
    ),
  );
  return { outcome: 'to_post', letterSha256, stepId: record.stepId, letterId, grouped: members.map((m) => m.ctx.invoice.id) };
};
