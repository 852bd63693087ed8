/**
 * The owner's side of `letter` steps: the letters waiting to be posted, closing one when it went
 * by registered post, and its PDF, rendered again from what the step recorded (same bytes as the
 * day it was produced: its SHA-256 is on the step).
 */
import type { Address } from '../../domain/client.js';
import { ConflictError, NotFoundError, PlanNotRecordedError } from '../errors.js';
import type { Clock, InvoiceRepository, PdfRenderer } from '../ports.js';
import type { LetterSteps, StepRecordItem, StepRecords } from '../ports/reminder-steps.js';
import { letterFileName } from './compose-reminder.js';
import { stepRecordView, type PlannedStepView } from './reminder-plan-view.js';

export interface LetterDeps {
  readonly steps: LetterSteps;
  readonly invoices: InvoiceRepository;
  readonly clock: Clock;
}

export interface LetterToPost {
  readonly invoiceId: string;
  readonly invoiceNumber: string;
  readonly stepId: string;
  /** A letter listing several invoices of the client: its id and every invoice it lists (one letter to post, listed once). */
  readonly letterId?: string;
  readonly invoiceNumbers?: readonly string[];
  readonly clientName: string;
  /** Where to post it. */
  readonly address?: Address;
  /** Total the letter claims: balances, plus penalties and the €40 for a business. */
  readonly amountCents: number;
  /** When it was produced. */
  readonly producedAt: string;
  readonly letterSha256: string;
  /** Relative URL of its PDF. */
  readonly pdfUrl: string;
}

/** The latest (highest plan) scenario step with this id: a later plan replaces an earlier one. */
const latestStep = (records: readonly StepRecordItem[], stepId: string): StepRecordItem | undefined =>
  records.filter((r) => !r.manual && r.stepId === stepId).sort((a, b) => b.plan - a.plan)[0];

/** The invoice's plan as GET /invoices/{id}/reminders shows it (computed, `projected`, until the stream's re-plan records it). */
export type ShownPlan = (tenantId: string, invoiceId: string) => Promise<readonly Pick<PlannedStepView, 'stepId' | 'state' | 'channel' | 'projected'>[]>;

const letterStep = async (steps: StepRecords, invoices: InvoiceRepository, tenantId: string, invoiceId: string, stepId: string, shownPlan?: ShownPlan): Promise<StepRecordItem> => {
  const [invoice, records] = await Promise.all([invoices.get(tenantId, invoiceId), steps.list(tenantId, invoiceId)]);
  if (!invoice) throw new NotFoundError('Invoice');
  const step = latestStep(records, stepId);
  // Sent a moment ago: the plan shown is computed and the step the engine will record is not there yet (the
  // stream records it in seconds). A 409 to retry, never a 404 for a step the invoice's plan shows. A plan that
  // will not be recorded (reminders off for the client: its steps computed `cancelled`) stays a 404.
  if (!step && shownPlan && invoice.status !== 'draft' && !records.some((r) => !r.manual)) {
    const computed = (await shownPlan(tenantId, invoiceId)).find((s) => s.projected && s.stepId === stepId && s.state === 'scheduled');
    if (computed && computed.channel !== 'letter') throw new ConflictError(`Step ${stepId} is not a letter step (channel ${computed.channel})`, [{ path: 'path.stepId', message: 'is not a letter step' }]);
    if (computed) throw new PlanNotRecordedError('The reminder plan of this invoice is being recorded: try again in a moment');
  }
  if (!step) throw new NotFoundError('Reminder step');
  if (step.channel !== 'letter') throw new ConflictError(`Step ${stepId} is not a letter step (channel ${step.channel ?? 'email'})`, [{ path: 'path.stepId', message: 'is not a letter step' }]);
  return step;
};

const total = (s: StepRecordItem): number =>
  (s.letter?.invoices.reduce((sum, i) => sum + i.balanceCents, 0) ?? 0) +
  (s.letter?.client.kind === 'business' ? (s.letter.penaltiesCents ?? 0) + (s.letter.indemnityCents ?? 0) : 0);

/** Keeps one step per letter: a letter listing several invoices is one envelope to post, shown once (by its first step). */
export const oncePerLetter = <T extends Pick<StepRecordItem, 'letterId' | 'letterMembers' | 'stepId'> & { invoiceId: string }>(steps: readonly T[]): T[] => {
  const seen = new Set<string>();
  const byLetter = new Map<string, T>();
  for (const s of steps) if (s.letterId) {
    const lead = s.letterMembers?.[0];
    if (!byLetter.has(s.letterId) || (lead && lead.invoiceId === s.invoiceId && lead.stepId === s.stepId)) byLetter.set(s.letterId, s);
  }
  return steps.flatMap((s) => {
    if (!s.letterId) return [s];
    if (seen.has(s.letterId)) return [];
    seen.add(s.letterId);
    return [byLetter.get(s.letterId)!];
  });
};

/** GET /reminders/to-post: every letter produced and not yet posted, oldest first; a letter listing several invoices once. */
export const makeListLettersToPost = ({ steps }: Pick<LetterDeps, 'steps'>) =>
  async (tenantId: string): Promise<LetterToPost[]> =>
    oncePerLetter(await steps.listToPost(tenantId)).map((s) => ({
      invoiceId: s.invoiceId,
      invoiceNumber: s.letter?.invoices[0]?.number ?? '',
      stepId: s.stepId,
      ...(s.letterId ? { letterId: s.letterId, invoiceNumbers: s.letter?.invoices.map((i) => i.number) ?? [] } : {}),
      clientName: s.letter?.client.name ?? '',
      ...(s.letter?.client.address ? { address: s.letter.client.address } : {}),
      amountCents: total(s),
      producedAt: s.at,
      letterSha256: s.letterSha256 ?? '',
      pdfUrl: `/invoices/${s.invoiceId}/reminders/${encodeURIComponent(s.stepId)}/letter.pdf`,
    }));

/** One registered-mail number however it is typed: La Poste prints `1A 234 567 8901 2`, the owner may type `1a23456789012`. */
const sameTrackingNumber = (recorded: string | undefined, typed: string): boolean =>
  recorded !== undefined && recorded.replace(/\s+/g, '').toUpperCase() === typed.replace(/\s+/g, '').toUpperCase();

/**
 * POST /invoices/{id}/reminders/{stepId}/posted: `to_post → sent` with postedAt and the
 * registered-mail number. Saying it twice is harmless (the step as recorded); a letter posted without
 * its number gets it by a later call (once); a different tracking number on a posted letter, or a
 * letter not produced yet, is a 409.
 */
export const makeMarkLetterPosted = ({ steps, invoices, clock }: LetterDeps) =>
  async (tenantId: string, invoiceId: string, stepId: string, input: { trackingNumber?: string | undefined }): Promise<PlannedStepView> => {
    for (let round = 0; round < 2; round++) {
      const step = await letterStep(steps, invoices, tenantId, invoiceId, stepId);
      if (step.state === 'sent' && step.postedAt) {
        if (input.trackingNumber && !step.trackingNumber) {
          // Posted first, the registered-mail receipt entered afterwards: the number joins the letter (each invoice it lists).
          if (!(await steps.recordTrackingNumber(tenantId, invoiceId, step, input.trackingNumber))) continue;
          await addTrackingToOtherMembers(steps, tenantId, { invoiceId, stepId }, step, input.trackingNumber);
          const updated = latestStep(await steps.list(tenantId, invoiceId), stepId);
          return stepRecordView(updated ?? step);
        }
        if (input.trackingNumber && !sameTrackingNumber(step.trackingNumber, input.trackingNumber)) {
          throw new ConflictError(`This letter was already recorded as posted with tracking number ${step.trackingNumber}`, [
            { path: 'body.trackingNumber', message: 'differs from the tracking number already recorded' },
          ]);
        }
        // A repeat finishes what a first call cut short (the letter's other steps).
        if (step.letterId) await postOtherMembers(steps, invoices, tenantId, { invoiceId, stepId }, step, { at: step.postedAt, ...(step.trackingNumber ? { trackingNumber: step.trackingNumber } : {}) });
        return stepRecordView(step);
      }
      if (step.state !== 'to_post') {
        throw new ConflictError(`The letter of step ${stepId} is ${step.state}, not to_post: only a produced letter can be posted`, [{ path: 'path.stepId', message: `the reminder is ${step.state}` }]);
      }
      const at = clock.now().toISOString();
      const trackingNumber = input.trackingNumber;
      if (await steps.recordPosted(tenantId, invoiceId, step, { at, ...(trackingNumber ? { trackingNumber } : {}) })) {
        await invoices.appendEvents(tenantId, invoiceId, [{ at, type: 'reminder.posted', data: { stepId, plan: step.plan, ...(trackingNumber ? { trackingNumber } : {}), ...(step.letterId ? { letterId: step.letterId } : {}) } }]);
        // One envelope for several invoices: posting it closes every step the letter answers.
        if (step.letterId) await postOtherMembers(steps, invoices, tenantId, { invoiceId, stepId }, step, { at, ...(trackingNumber ? { trackingNumber } : {}) });
        const posted = latestStep(await steps.list(tenantId, invoiceId), stepId);
        return stepRecordView(posted ?? step);
      }
      // Another request posted it meanwhile: read again and answer as a repeat.
    }
    throw new ConflictError('The letter changed meanwhile: try again');
  };

/** The other steps of a grouped letter posted without a tracking number: each gets the number entered later. */
const addTrackingToOtherMembers = async (
  steps: LetterSteps,
  tenantId: string,
  posted: { invoiceId: string; stepId: string },
  step: StepRecordItem,
  trackingNumber: string,
): Promise<void> => {
  if (!step.letterId) return;
  const others = (step.letterMembers ?? []).filter((m) => !(m.invoiceId === posted.invoiceId && m.stepId === posted.stepId));
  await Promise.all(
    others.map(async (m) => {
      const member = (await steps.list(tenantId, m.invoiceId)).find((r) => r.plan === m.plan && r.index === m.index);
      if (member?.letterId === step.letterId) await steps.recordTrackingNumber(tenantId, m.invoiceId, m, trackingNumber);
    }),
  );
};

/** The other steps of a grouped letter, each `to_post → sent` with the same postedAt and tracking number (each still holding that letter). */
const postOtherMembers = async (
  steps: LetterSteps,
  invoices: InvoiceRepository,
  tenantId: string,
  posted: { invoiceId: string; stepId: string },
  step: StepRecordItem,
  input: { at: string; trackingNumber?: string },
): Promise<void> => {
  const others = (step.letterMembers ?? []).filter((m) => !(m.invoiceId === posted.invoiceId && m.stepId === posted.stepId));
  await Promise.all(
    others.map(async (m) => {
      const member = (await steps.list(tenantId, m.invoiceId)).find((r) => r.plan === m.plan && r.index === m.index);
      // Regrouped since (a payment withdrew this letter) or already closed: not this envelope any more.
      if (!member || member.state !== 'to_post' || member.letterId !== step.letterId) return;
      if (await steps.recordPosted(tenantId, m.invoiceId, m, input)) {
        await invoices.appendEvents(tenantId, m.invoiceId, [
          { at: input.at, type: 'reminder.posted', data: { stepId: m.stepId, plan: m.plan, letterId: step.letterId, ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}) } },
        ]);
      }
    }),
  );
};

/** GET /invoices/{id}/reminders/{stepId}/letter.pdf: the letter as produced, rendered again from its recorded data. */
export const makeGetLetterPdf = ({ steps, invoices, pdf, shownPlan }: Pick<LetterDeps, 'invoices'> & { readonly steps: StepRecords; readonly pdf: Pick<PdfRenderer, 'letter'>; readonly shownPlan?: ShownPlan }) =>
  async (tenantId: string, invoiceId: string, stepId: string): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const step = await letterStep(steps, invoices, tenantId, invoiceId, stepId, shownPlan);
    if (!step.letter) throw new ConflictError(`The letter of step ${stepId} is produced when the step is due (it is ${step.state})`, [{ path: 'path.stepId', message: 'the letter is produced when the step is due' }]);
    // A letter listing several invoices is named after all of them (the same file whichever step it is asked from).
    const numbers = step.letter.invoices.map((i) => i.number);
    const number = numbers.length > 3 ? `${numbers[0]}-${numbers.length}` : numbers.join('_');
    return { bytes: await pdf.letter(step.letter), fileName: letterFileName({ client: step.letter.client, invoice: { id: invoiceId, ...(number ? { number } : {}) } }) };
  };
