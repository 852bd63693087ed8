/**
 * Ports of the reminder engine's recorded plan (DESIGN.md §5): one record per step of each plan
 * of an invoice, the per-invoice day claim and the per-client gap claim, moved only by
 * conditional writes so that concurrent fires, retries and re-plans cannot double-send.
 */
import type { GapWindow } from '../../domain/client-gap.js';
import type { ReminderSlot } from '../../domain/reminder-slot.js';
import type { StepRef, StepState } from '../../domain/reminder-steps.js';
import type { StepRecordItem } from '../../domain/step.js';
import type { LetterData, LetterMember } from '../../domain/letter.js';

export type { StepRecordItem };

export type NewStepRecord = Omit<StepRecordItem, 'attempts'>;

/**
 * The guard of a send: the invoice must still be as read (open, not paused/disputed, same amounts), and its day's slot
 * free: at most one reminder per invoice per day, `today` and `dayStart` in the tenant's zone of now
 * (shared/domain/reminder-slot.ts; `today` is stored as `lastReminderDay` beside `at`, the condition reads the instant).
 */
export interface InvoiceSendGuard extends ReminderSlot {
  readonly paidCents: number;
  readonly creditedCents: number;
  readonly at: string;
}

/**
 * The per-client minimum gap: no message if the last one went out after `window.latestAllowedDate`, the last message's
 * instant dated in the tenant's time zone of now (shared/domain/client-gap.ts). `date` (the local date of this send) is
 * stored beside `at` for the client rows; the condition reads the instant.
 */
export interface ClientGapClaim {
  readonly clientId: string;
  readonly date: string;
  readonly at: string;
  /** `undefined` = forced (the owner overrode the gap). */
  readonly window?: GapWindow;
  readonly holder: string;
}

export type ClaimResult = { readonly ok: true } | { readonly ok: false; readonly conflict: 'step' | 'invoice' | 'gap' };

/** One invoice of a grouped message: its step (recorded, or a new manual record) and its guard. */
export interface GroupClaimMember {
  readonly invoiceId: string;
  readonly step: { readonly ref: StepRef; readonly expectedScheduledAt?: string; readonly manual?: NewStepRecord; readonly leaseUntil: string; readonly at: string };
  readonly invoice: InvoiceSendGuard;
}

export interface ClientLastMessage {
  readonly date: string;
  readonly at: string;
}

/** A letter step waiting to be posted, with the invoice it belongs to. */
export type ToPostStep = StepRecordItem & { readonly invoiceId: string };

/**
 * The recorded steps as every function uses them: read, move one, and the claims of a message about several invoices
 * (the sends by hand for a client or a batch, client-reminders). Its adapter, DynamoStepRecords, is what wiring.ts
 * builds; writing a plan, the claim of one invoice's step and its letters are ReminderStepRepository's.
 */
export interface StepRecords {
  /** Every record of the invoice, plans in order then scenario order, manual ones last. */
  list(tenantId: string, invoiceId: string): Promise<StepRecordItem[]>;
  /**
   * Moves one step if it is still in `expected.state` (and at `expected.scheduledAt` when given).
   * False when another writer moved it first. Terminal states are never left.
   */
  transition(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    expected: { readonly state: StepState; readonly scheduledAt?: string },
    next: Partial<Omit<StepRecordItem, 'plan' | 'index' | 'stepId' | 'templateId' | 'manual'>> & { readonly state: StepState; readonly at: string },
  ): Promise<boolean>;
  /**
   * `claimSend` for one message about several invoices of one client (a grouped reminder): every
   * member's step and invoice guard and the client's gap claim, all or nothing.
   */
  claimGroupSend(tenantId: string, members: readonly GroupClaimMember[], gap: ClientGapClaim): Promise<ClaimResult>;
  /**
   * Records one message accepted for several invoices (a grouped reminder): every member's step
   * `sending → sent` with the shared message id, all or none. A member's write failing alone left the
   * others `sent` and it `failed: unknown_outcome` after its lease, for the very same message.
   */
  finishGroupSend(
    tenantId: string,
    members: readonly { readonly invoiceId: string; readonly ref: StepRef; readonly dueDate: string; readonly event: NonNullable<StepRecordItem['sentEvent']>; readonly groupCovers?: string }[],
    sent: { readonly at: string; readonly messageId: string; readonly recipients: readonly string[] },
  ): Promise<void>;
  /**
   * The email was not sent: gives back the day slot and the client claim (when still ours) and
   * moves the step to `next` (`scheduled` for a retry, `failed`).
   */
  releaseSend(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    release: { readonly today: string; readonly gap: ClientGapClaim; readonly previousReminderAt?: string },
    next: { readonly state: 'scheduled' | 'failed'; readonly at: string; readonly scheduledAt?: string; readonly localTime?: string; readonly reason: string; readonly lastError?: string; readonly firstFailedAt?: string },
  ): Promise<void>;
  /**
   * A message that never went after all (a letter withdrawn before it was posted): the client's gap claim it took is
   * given back, its last message the one before it again, unless another message holds the claim since (as releaseSend).
   */
  releaseClientGap(tenantId: string, gap: Pick<ClientGapClaim, 'clientId' | 'holder'>): Promise<void>;
}

/**
 * The reminder engine's side (the scheduled send, a reminder sent by hand for one invoice, the reconciler): a new plan,
 * one step's claim and outcome, its letter. DynamoStepRepository, wired by shared/wiring-reminder-steps.ts, so the
 * other functions (client-reminders, the largest API bundle, among them) leave these methods out.
 */
export interface ReminderStepRepository extends StepRecords {
  /** Writes the steps of a new plan; false when that plan already exists (another reconciler won). */
  createPlan(tenantId: string, invoiceId: string, steps: readonly NewStepRecord[]): Promise<boolean>;
  /**
   * One transaction right before the email: the step goes `scheduled → sending` (or a manual
   * record is created `sending`), the invoice is checked unchanged and takes today's reminder
   * slot (and its reminder count), and the client's gap claim is taken.
   */
  claimSend(
    tenantId: string,
    invoiceId: string,
    step: { readonly ref: StepRef; readonly expectedScheduledAt?: string; readonly manual?: NewStepRecord; readonly leaseUntil: string; readonly at: string },
    invoice: InvoiceSendGuard,
    gap: ClientGapClaim,
  ): Promise<ClaimResult>;
  /** Records the email accepted by SES (`sending → sent`). */
  finishSend(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    sent: { readonly at: string; readonly messageId: string; readonly recipients: readonly string[]; readonly dueDate: string; readonly event: NonNullable<StepRecordItem['sentEvent']> },
  ): Promise<void>;
  /**
   * A claimed letter step is produced: `sending → to_post` with what the letter says and its PDF
   * hash; it joins the tenant's to-post list. False when the step left `sending` meanwhile.
   */
  recordToPost(
    tenantId: string,
    invoiceId: string,
    ref: StepRef,
    letter: { readonly at: string; readonly letter: LetterData; readonly letterSha256: string; readonly dueDate: string; readonly letterId?: string; readonly letterMembers?: readonly LetterMember[] },
  ): Promise<boolean>;
  /**
   * One letter listing several invoices: every member's step `sending → to_post` with the letter, all or
   * none (throws when any member left `sending`; all stay `sending`, then `unknown_outcome` after their lease).
   */
  recordGroupToPost(
    tenantId: string,
    members: readonly { readonly invoiceId: string; readonly ref: StepRef; readonly dueDate: string }[],
    letter: { readonly at: string; readonly letter: LetterData; readonly letterSha256: string; readonly letterId: string; readonly letterMembers: readonly LetterMember[] },
  ): Promise<void>;
}

/**
 * The owner's side of `letter` steps: the letters waiting to be posted, and closing one (posted, its tracking number).
 * Only the functions that list or close letters (and the daily overview, which counts them) use it: its adapter,
 * DynamoLetterSteps (shared/wiring-letter-steps.ts), stays out of the other bundles.
 */
export interface LetterSteps extends ReminderStepRepository {
  /** The owner posted it: `to_post → sent` (sentAt = postedAt), off the to-post list. False when it was not `to_post`. */
  recordPosted(tenantId: string, invoiceId: string, ref: StepRef, posted: { readonly at: string; readonly trackingNumber?: string }): Promise<boolean>;
  /** A letter posted without its registered-mail number gets it later (once): false when it is not a posted letter or already has one. */
  recordTrackingNumber(tenantId: string, invoiceId: string, ref: StepRef, trackingNumber: string): Promise<boolean>;
  /** Every letter step of the tenant waiting to be posted, oldest first (a sparse index: the cost follows the list). */
  listToPost(tenantId: string): Promise<ToPostStep[]>;
}
