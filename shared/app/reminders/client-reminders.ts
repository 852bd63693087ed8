import { attachmentFileName } from '../../domain/attachment-name.js';
import { addDays, localDate } from '../../domain/dates.js';
import { remindedOn } from '../../domain/reminder-slot.js';
import { distinctRecipients, type Client } from '../../domain/client.js';
import { lastMessageIn } from '../../domain/client-gap.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { MAX_GROUP_SIZE, manualTemplateId } from '../../domain/grouped-reminder.js';
import { templatePenaltyMentions, templateRefusalFor, WAIVED_PENALTIES_REFUSAL, waivedTemplateRefusal } from '../../domain/penalty-mentions.js';
import { penaltiesWaived } from '../../domain/payment-plan.js';
import { manualTemplateRefusal } from '../../domain/default-templates.js';
import { unknownVariables } from '../../domain/template-render.js';
import { BusinessRuleError, CLIENT_GAP, ConflictError, NotFoundError, UpstreamError } from '../errors.js';
import type { NewStepRecord } from '../ports/reminder-steps.js';
import { bccFor, resolveTemplate } from './compose-reminder.js';
import { prepareGroup, sendPreparedGroup, type GroupMemberStep } from './grouped-send.js';
import { loadReminderContext, reminderRecipients, type ReminderContext } from './reminder-context.js';
import type { GroupSendDeps } from './send-reminder.js';
import { activePlan, planManualDefault } from './plan-lifecycle.js';
import { manualIndex, manualStepId } from './manual-coverage.js';

export interface ClientReminderInput {
  readonly invoiceIds?: readonly string[];
  /** Absent: each invoice's next step template (the firmest one sets the tone). */
  readonly templateId?: string;
  readonly to?: readonly string[];
  readonly cc?: readonly string[];
  readonly bcc?: readonly string[];
  readonly subject?: string;
  readonly body?: string;
  /** Send within the client's minimum gap (the owner decides). */
  readonly force?: boolean;
}

export type InvoiceReminderStatus = 'sent' | 'skipped' | 'failed' | 'would_send';

export interface ClientReminderItem {
  readonly invoiceId: string;
  readonly number?: string;
  readonly status: InvoiceReminderStatus;
  readonly reason?: string;
}

export interface ClientReminderResult {
  readonly clientId: string;
  readonly dryRun: boolean;
  readonly messageId?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly attachments: readonly { fileName: string; size: number }[];
  /** Invoices whose PDF did not fit under the size cap (named in the text). */
  readonly notAttached: readonly string[];
  /** When the client's minimum gap blocks a send without `force`: the first day one is allowed. */
  readonly gapUntil?: string;
  readonly items: readonly ClientReminderItem[];
}

/** Why an invoice of the client cannot be reminded now, if so (the owner's manual send ignores the program switch and opt-out). */
export const manualSkipReason = (ctx: ReminderContext, clientId: string, today: string): string | undefined => {
  const { invoice } = ctx;
  if (invoice.clientId !== clientId) return 'other_client';
  if (invoice.status === 'draft') return 'draft';
  if (invoice.status === 'cancelled') return 'cancelled';
  // The send's claim refuses both, as POST /invoices/{id}/reminders does: a preview must not say `would_send`.
  if (invoice.status === 'litigation') return 'litigation';
  if (invoice.status === 'written_off') return 'written_off';
  if (invoice.status === 'paid' || invoiceBalanceCents(invoice) <= 0) return 'paid';
  if (invoice.disputed) return 'disputed';
  if (invoice.remindersPaused) return 'paused';
  if (remindedOn(invoice, today, ctx.settings.timezone)) return 'same_day';
  return undefined;
};

/** Reads the invoices of one client once each (settings and scenario read once, with the first). */
export const loadClientContexts = async (deps: GroupSendDeps, tenantId: string, clientId: string, ids: readonly string[]): Promise<Map<string, ReminderContext>> => {
  const found = new Map<string, ReminderContext>();
  let first: ReminderContext | undefined;
  let i = 0;
  // The first invoice of this client brings the settings and the scenario; the others only their own items.
  for (; i < ids.length && !first; i++) {
    const ctx = await loadReminderContext(deps, tenantId, ids[i]!);
    if (ctx) found.set(ids[i]!, ctx);
    if (ctx?.invoice.clientId === clientId) first = ctx;
  }
  for (const batch = ids.slice(i); batch.length > 0 && first; ) {
    await Promise.all(
      batch.splice(0, 8).map(async (id) => {
        const [invoice, records] = await Promise.all([deps.invoices.get(tenantId, id), deps.steps.list(tenantId, id)]);
        if (invoice) found.set(id, { ...first!, invoice, records });
      }),
    );
  }
  return found;
};

/** A 422 naming `body.templateId`. */
const templateProblem = (type: string, detail: string, message = detail) => new BusinessRuleError(type, detail, [{ path: 'body.templateId', message }]);
const unknownTemplate = () => templateProblem('unknown-template', 'The template does not exist', 'no such template');

/**
 * One reminder to one client about several of its invoices (one message, the table and every
 * PDF). Invoices that cannot be reminded are skipped with the reason; the client's minimum gap
 * blocks the send unless `force` (`gapUntil` says until when). A dry run renders everything and
 * writes nothing. Throws only for what concerns the whole request (unknown client, template).
 */
export const remindClient = async (
  deps: GroupSendDeps,
  tenantId: string,
  client: Client,
  contexts: ReadonlyMap<string, ReminderContext>,
  ids: readonly string[],
  input: ClientReminderInput,
  dryRun: boolean,
): Promise<ClientReminderResult> => {
  const now = deps.clock.now();
  const first = [...contexts.values()][0];
  const settings = first?.settings ?? (await deps.settings.get(tenantId));
  const today = localDate(now, settings.timezone);
  const items: ClientReminderItem[] = [];
  const candidates: GroupMemberStep[] = [];
  for (const id of ids) {
    const ctx = contexts.get(id);
    const reason = !ctx ? 'not_found' : (manualSkipReason(ctx, client.id, today) ?? (candidates.length >= MAX_GROUP_SIZE ? 'group_full' : undefined));
    if (!ctx || reason) {
      items.push({ invoiceId: id, ...(ctx?.invoice.number ? { number: ctx.invoice.number } : {}), status: 'skipped', reason: reason ?? 'not_found' });
      continue;
    }
    // Default: the next step's template, else the scenario step as late as the invoice (never the escalation step, which sends nothing).
    // While a payment plan runs, its next reminder (never the scenario's mise en demeure).
    const templateId = input.templateId ?? planManualDefault(ctx, today)?.templateId ?? manualTemplateId(ctx.scenario, ctx.records, ctx.invoice.dueDate, today) ?? 'reminder';
    const manual: NewStepRecord = { plan: 0, index: manualIndex(ctx.records, now), stepId: manualStepId(ctx.records, today), templateId, state: 'sending', at: now.toISOString(), manual: true };
    candidates.push({ ctx: { ...ctx, client }, record: { ...manual, attempts: 0 }, manual });
  }
  // An invoice under a running payment plan is chased by its plan's own reminders, never in a group (as the
  // engine does): a message about several invoices would claim its whole balance, a mise en demeure put it
  // on notice, against what was agreed. Asked alone, it gets its plan's reminder.
  const members = candidates.length > 1 ? candidates.filter((m) => !activePlan(m.ctx)) : candidates;
  for (const m of candidates) if (!members.includes(m)) items.push({ invoiceId: m.ctx.invoice.id, ...(m.ctx.invoice.number ? { number: m.ctx.invoice.number } : {}), status: 'skipped', reason: 'payment_plan' });
  const base = { clientId: client.id, dryRun, attachments: [], notAttached: [] };
  const fallback = reminderRecipients(client);
  const { bcc, ...recipients } = distinctRecipients({ to: [...(input.to ?? fallback.to)], cc: [...(input.cc ?? (input.to ? [] : fallback.cc))], bcc: [...(input.bcc ?? []), ...bccFor(settings)] });
  if (members.length === 0) return { ...base, ...recipients, bcc, items };
  if (client.complained && !input.to) {
    return { ...base, ...recipients, bcc, items: [...items, ...members.map((m) => ({ invoiceId: m.ctx.invoice.id, number: m.ctx.invoice.number, status: 'skipped' as const, reason: 'complained' }))] };
  }
  if (recipients.to.length === 0) throw new BusinessRuleError('address-failing', "Every address of this client hard-bounced: correct the client's email or give `to`", [{ path: 'body.to', message: 'no working address' }]);
  // Alone, an invoice under a plan that waives the penalties and the €40: a text claiming them (when it is overdue, else the courtesy one goes) would contradict the waiver.
  const waived = members.some((m) => m.ctx.invoice.dueDate < today && penaltiesWaived(activePlan(m.ctx), { status: m.ctx.invoice.status, balanceCents: invoiceBalanceCents(m.ctx.invoice) }));
  if (input.templateId) {
    const template = await resolveTemplate(deps.templates, tenantId, input.templateId, client.language).catch(() => undefined);
    if (!template) throw unknownTemplate();
    const refusal = templateRefusalFor(client.kind, template);
    if (refusal) throw templateProblem('penalties-for-consumer', refusal);
    const misuse = manualTemplateRefusal(input.templateId, members.every((m) => activePlan(m.ctx) !== undefined));
    if (misuse) throw templateProblem('not-a-reminder-template', misuse);
    const waiver = waived ? waivedTemplateRefusal(template) : undefined;
    if (waiver) throw templateProblem('penalties-waived', waiver);
  }
  // The owner's own words to a consumer: no penalties nor the €40 (CPCE L111-8), as for a template.
  const ownWords = templatePenaltyMentions({ subject: input.subject ?? '', body: input.body ?? '' });
  if (client.kind === 'consumer' && ownWords.length > 0) {
    throw new BusinessRuleError(
      'penalties-for-consumer',
      'The subject or body mentions penalties or the €40 indemnity: it cannot be sent to a consumer (CPCE L111-8)',
      ownWords.map(({ field, mentions }) => ({ path: `body.${field}`, message: `mentions ${mentions.join(', ')}: a consumer owes no penalties nor the €40 indemnity (CPCE L111-8)` })),
    );
  }
  // The owner's own words filling in the penalties or the €40 the plan waives: refused as a template would be.
  const claimed = waived ? ownWords.filter((w) => w.mentions.some((m) => m.startsWith('{{'))) : [];
  if (claimed.length > 0) throw new BusinessRuleError('penalties-waived', WAIVED_PENALTIES_REFUSAL, claimed.map(({ field }) => ({ path: `body.${field}`, message: WAIVED_PENALTIES_REFUSAL })));
  // The last message dated in the tenant's zone of now, as the engine's claim compares it (not the stored date of then).
  const last = lastMessageIn(client, settings.timezone)?.date;
  const gapUntil = !input.force && last && last > addDays(today, -settings.minGapDays) ? addDays(last, settings.minGapDays) : undefined;

  // A dry run shows each invoice's portal link with a placeholder token and creates none.
  const prepared = await prepareGroup(
    deps,
    members,
    now,
    recipients,
    { ...(input.templateId ? { templateId: input.templateId } : {}), ...(input.subject ? { subject: input.subject } : {}), ...(input.body ? { body: input.body } : {}) },
    dryRun ? 'preview' : 'issue',
  );
  const kept = new Set(prepared?.members.map((m) => m.ctx.invoice.id));
  for (const m of members) if (!kept.has(m.ctx.invoice.id)) items.push({ invoiceId: m.ctx.invoice.id, ...(m.ctx.invoice.number ? { number: m.ctx.invoice.number } : {}), status: 'skipped', reason: 'template_mentions_penalties' });
  if (!prepared) return { ...base, ...recipients, bcc, items };
  const email = { ...prepared.grouped.email, ...(bcc.length > 0 ? { bcc } : {}) };
  const view = {
    ...base,
    subject: email.subject,
    text: email.text,
    ...(email.html ? { html: email.html } : {}),
    ...recipients,
    bcc,
    attachments: (email.attachments ?? []).map((a) => ({ fileName: attachmentFileName(a.fileName), size: a.content.byteLength })),
    notAttached: prepared.grouped.notAttached,
    ...(gapUntil ? { gapUntil } : {}),
  };
  const memberItem = (m: GroupMemberStep, status: InvoiceReminderStatus, reason?: string): ClientReminderItem => ({
    invoiceId: m.ctx.invoice.id,
    ...(m.ctx.invoice.number ? { number: m.ctx.invoice.number } : {}),
    status,
    ...(reason ? { reason } : {}),
  });
  if (dryRun) return { ...view, items: [...items, ...prepared.members.map((m) => memberItem(m, gapUntil ? 'skipped' : 'would_send', gapUntil ? 'gap' : undefined))] };
  if (gapUntil) return { ...view, items: [...items, ...prepared.members.map((m) => memberItem(m, 'skipped', 'gap'))] };

  const result = await sendPreparedGroup(deps, { ...prepared, grouped: { ...prepared.grouped, email } }, now, recipients, input.force === true);
  if (result.claim !== 'ok') {
    return { ...view, ...(result.claim === 'gap' ? { gapUntil: addDays(today, 1) } : {}), items: [...items, ...prepared.members.map((m) => memberItem(m, 'skipped', result.claim === 'gap' ? 'gap' : 'changed'))] };
  }
  const sent = result.outcomes.every((o) => o.outcome === 'sent');
  return {
    ...view,
    ...(result.messageId ? { messageId: result.messageId } : {}),
    items: [...items, ...prepared.members.map((m) => memberItem(m, sent ? 'sent' : 'failed', sent ? undefined : 'send_failed'))],
  };
};

/** Reads and claims of a client reminder when its invoices change in between. */
const CLAIM_ROUNDS = 3;

/**
 * A template that does not exist, or is never a reminder email (a text, a thank-you), named first, whatever the
 * invoices (nothing to remind included); what depends on them (a consumer, a plan) is checked with them.
 */
export const checkTemplate = async (templates: GroupSendDeps['templates'], tenantId: string, templateId: string, language: 'fr' | 'en'): Promise<void> => {
  if (!(await resolveTemplate(templates, tenantId, templateId, language).catch(() => undefined))) throw unknownTemplate();
  const misuse = manualTemplateRefusal(templateId, true);
  if (misuse) throw templateProblem('not-a-reminder-template', misuse);
};

/**
 * POST /clients/{id}/reminders: a manual reminder for several invoices of one client (default: its
 * open invoices with a balance), with `dryRun` to preview it. 409 within the client's gap (unless
 * `force`), 422 when no invoice can be reminded (the dry run too), 502 when SES refused (nothing counts against the day).
 */
export const makeSendClientReminder = (deps: GroupSendDeps) =>
  async (tenantId: string, clientId: string, input: ClientReminderInput, dryRun = false): Promise<ClientReminderResult> => {
    // The owner's own words take the template variables, checked as a template's are: a typo
    // (`{{montant}}`) would reach the client as a blank.
    const unknown = (['subject', 'body'] as const).flatMap((field) => {
      const names = input[field] ? unknownVariables(input[field]) : [];
      return names.length === 0 ? [] : [{ path: `body.${field}`, message: `unknown variables: ${names.map((v) => `{{${v}}}`).join(', ')}` }];
    });
    if (unknown.length > 0) throw new BusinessRuleError('unknown-variables', 'The subject or body uses variables that do not exist', unknown);
    const client = await deps.clients.get(tenantId, clientId);
    if (!client) throw new NotFoundError('Client');
    if (input.templateId) await checkTemplate(deps.templates, tenantId, input.templateId, client.language);
    const ids = [...new Set(input.invoiceIds ?? (await deps.invoices.openInvoiceIds(tenantId, clientId)))];
    // A send that took one of the invoices between the read and the claim (a double click, the engine's
    // fire): read again, so the answer says what stands now (the same day, the client's gap), never "changed".
    let current = client;
    let result = await remindClient(deps, tenantId, current, await loadClientContexts(deps, tenantId, clientId, ids), ids, input, dryRun);
    for (let round = 1; round < CLAIM_ROUNDS && result.items.some((i) => i.reason === 'changed'); round++) {
      current = (await deps.clients.get(tenantId, clientId)) ?? current;
      result = await remindClient(deps, tenantId, current, await loadClientContexts(deps, tenantId, clientId, ids), ids, input, dryRun);
    }
    // Nothing to remind: the same 422 for the preview as for the send, naming each invoice and why (its `items` too, as
    // the dry run lists them). Within the client's gap the preview still shows the message (with `gapUntil`), the
    // one `force` sends; the send answers 409.
    const nothingToRemind = () =>
      new BusinessRuleError(
        'nothing-to-remind',
        'No invoice of this client can be reminded now',
        result.items.map((i) => ({ path: input.invoiceIds ? `body.invoiceIds.${input.invoiceIds.indexOf(i.invoiceId)}` : 'body.invoiceIds', message: `${i.number ?? i.invoiceId}: ${i.reason}` })),
        { items: result.items },
      );
    if (dryRun) {
      if (!result.gapUntil && !result.items.some((i) => i.status === 'would_send')) throw nothingToRemind();
      return result;
    }
    if (!result.items.some((i) => i.status === 'sent' || i.status === 'failed')) {
      if (result.gapUntil) {
        const last = lastMessageIn(current, (await deps.settings.get(tenantId)).timezone)?.date;
        throw new ConflictError(`This client received a message on ${last ?? 'the same day'}; the next one is allowed on ${result.gapUntil}. Send with "force": true to send anyway.`, CLIENT_GAP);
      }
      if (result.items.some((i) => i.reason === 'changed')) throw new ConflictError("The client's invoices keep changing while the reminder is prepared: reload them and try again");
      throw nothingToRemind();
    }
    if (result.items.some((i) => i.status === 'failed')) throw new UpstreamError('The email could not be sent; nothing counts against today or the client gap: try again');
    return result;
  };
