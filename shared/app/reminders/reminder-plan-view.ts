import { NotFoundError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { StepRecordItem } from '../ports/reminder-steps.js';
import type { StepState } from '../../domain/reminder-steps.js';
import type { Channel } from '../../domain/scenario.js';
import { loadReminderContext, planFor, type ReminderReadDeps } from './reminder-context.js';
import { makeClientRuleMoves, moveKey } from './simulation.js';
import type { ReminderTemplate } from '../../domain/default-templates.js';
import type { TenantDocuments } from '../ports.js';

export interface PlannedStepView {
  readonly stepId: string;
  readonly templateId: string;
  readonly state: StepState;
  readonly channel: Channel;
  readonly plan?: number;
  readonly index?: number;
  readonly beforeDue?: boolean;
  readonly scheduledAt?: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly recipients?: readonly string[];
  readonly reason?: string;
  readonly attempts?: number;
  readonly lastError?: string;
  readonly manual?: boolean;
  readonly projected?: boolean;
  /** A scheduled step the client rules send on a later day: when (the dry run's computation) and why. */
  readonly expectedAt?: string;
  readonly movedBy?: string;
  /** A scheduled courtesy step the client rules push onto its due date: it will be skipped (`due_passed`), not sent. */
  readonly expectedSkip?: 'due_passed';
  /** Payment-plan steps: the instalment (0-based) and which of its reminders. */
  readonly instalment?: number;
  readonly planStep?: 'courtesy' | 'late';
  readonly postedAt?: string;
  readonly trackingNumber?: string;
  readonly letterSha256?: string;
  /** A letter listing several invoices of the client: its id and the invoice numbers it lists. */
  readonly letterId?: string;
  readonly letterInvoices?: readonly string[];
}

/** The template a sent step went out in (the courtesy one for a firmer step before the due date), else the step's own. */
const templateOf = (r: StepRecordItem): string => {
  const used = r.state === 'sent' ? r.sentEvent?.data.templateId : undefined;
  return typeof used === 'string' && used ? used : r.templateId;
};

export const stepRecordView = (r: StepRecordItem): PlannedStepView => ({
  stepId: r.stepId,
  templateId: templateOf(r),
  state: r.state,
  channel: r.channel ?? 'email',
  ...(r.manual ? { manual: true } : { plan: r.plan, index: r.index, beforeDue: r.beforeDue ?? false }),
  ...(r.scheduledAt ? { scheduledAt: r.scheduledAt } : {}),
  ...(r.sentAt ? { sentAt: r.sentAt } : {}),
  ...(r.messageId ? { messageId: r.messageId } : {}),
  ...(r.recipients ? { recipients: [...r.recipients] } : {}),
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.attempts ? { attempts: r.attempts } : {}),
  ...(r.lastError ? { lastError: r.lastError } : {}),
  ...(r.planStep ? { instalment: r.instalment ?? 0, planStep: r.planStep } : {}),
  ...(r.postedAt ? { postedAt: r.postedAt } : {}),
  ...(r.trackingNumber ? { trackingNumber: r.trackingNumber } : {}),
  ...(r.letterSha256 ? { letterSha256: r.letterSha256 } : {}),
  ...(r.letterId ? { letterId: r.letterId, letterInvoices: r.letter?.invoices.map((i) => i.number) ?? [] } : {}),
});

/**
 * GET /invoices/{id}/reminders: the recorded steps of every plan, in plan then scenario order,
 * then manual reminders. An invoice that has not entered its plan yet (a draft) shows the plan
 * it would get, marked `projected`.
 */
export const makeGetReminderPlan = (deps: ReminderReadDeps & { clock: Clock; templates?: TenantDocuments<ReminderTemplate> }) => {
  const clientRuleMoves = makeClientRuleMoves(deps);
  return async (tenantId: string, invoiceId: string): Promise<PlannedStepView[]> => {
    const ctx = await loadReminderContext(deps, tenantId, invoiceId);
    if (!ctx) throw new NotFoundError('Invoice');
    const now = deps.clock.now();
    // The client's other invoices can push a step past the client's gap: said as the dry run computes it.
    const pending = ctx.records.some((r) => !r.manual && r.state === 'scheduled' && r.scheduledAt);
    const moves = pending ? await clientRuleMoves(tenantId, new Set([ctx.client.id]), now, ctx.settings.timezone) : new Map();
    const view = (r: StepRecordItem): PlannedStepView => {
      const moved = r.state === 'scheduled' && r.scheduledAt ? moves.get(moveKey(ctx.invoice.id, r.stepId, r.scheduledAt)) : undefined;
      return { ...stepRecordView(r), ...(moved?.skip ? { expectedSkip: moved.skip } : moved ? { expectedAt: moved.at, movedBy: moved.movedBy } : {}) };
    };
    const recorded = ctx.records.filter((r) => !r.manual).map(view);
    const manual = ctx.records.filter((r) => r.manual).map(stepRecordView);
    if (recorded.length > 0) return [...recorded, ...manual];
    const projected = planFor(ctx, deps.clock.now()).map(
      (s, index): PlannedStepView => ({
        stepId: s.stepId,
        templateId: s.templateId,
        state: s.state,
        channel: s.channel ?? 'email',
        index,
        projected: true,
        ...(s.scheduledAt ? { scheduledAt: s.scheduledAt } : {}),
        ...(s.reason ? { reason: s.reason } : {}),
      }),
    );
    return [...projected, ...manual];
  };
};
