import { localDate } from '../../domain/dates.js';
import { date, emailTexts, money } from '../../../templates/email/index.js';
import { planQuoteFollowUp, quoteStatusView } from '../../domain/quote.js';
import { ConflictError } from '../errors.js';
import type { ClientRepository, Clock, Mailer, QuoteFollowUpInput, QuotePdfRenderer, QuoteRecord, QuoteRepository, ReminderScheduler, SettingsRepository } from '../ports.js';
import { programBlock, sendCalendarFor } from './reminder-context.js';
import type { Client } from '../../domain/client.js';
import type { Settings } from '../../domain/settings.js';
import { replyToOf } from '../../domain/settings.js';

export interface QuoteFollowUpDeps {
  readonly quotes: QuoteRepository;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

export const quoteSchedulePrefix = (quoteId: string) => `rq-${quoteId}-`;
const STEP = 'quote-follow-up' as const;

/** The follow-up's planned instant, or none: answered, expired, already followed up, opted out, switched off. */
const followUpPlan = (quote: QuoteRecord, client: Client, settings: Settings, now: Date) => {
  if (programBlock({ settings, client }) || settings.quoteFollowUpDays === 0) return undefined;
  return planQuoteFollowUp({
    status: quote.status,
    ...(quote.sentAt ? { sentAt: quote.sentAt } : {}),
    ...(quote.followUpSentAt ? { followUpSentAt: quote.followUpSentAt } : {}),
    validUntil: quote.validUntil,
    calendar: sendCalendarFor(settings, client),
    now,
    delayDays: settings.quoteFollowUpDays,
  });
};

const load = async (deps: QuoteFollowUpDeps, tenantId: string, quoteId: string) => {
  const quote = await deps.quotes.get(tenantId, quoteId);
  if (!quote) return undefined;
  const [client, settings] = await Promise.all([deps.clients.get(tenantId, quote.clientId), deps.settings.get(tenantId)]);
  return client ? { quote, client, settings } : undefined;
};

/** Keeps at most one follow-up schedule per quote, like the invoice reconciler does for steps. */
export const makeReconcileQuoteFollowUp = (deps: QuoteFollowUpDeps & { scheduler: ReminderScheduler }) =>
  async (tenantId: string, quoteId: string): Promise<{ created: string[]; deleted: string[] }> => {
    const [ctx, existing] = await Promise.all([load(deps, tenantId, quoteId), deps.scheduler.list(quoteSchedulePrefix(quoteId))]);
    const plan = ctx && followUpPlan(ctx.quote, ctx.client, ctx.settings, deps.clock.now());
    const name = plan && `${quoteSchedulePrefix(quoteId)}f-${plan.scheduledAt.slice(0, 16).replace(/[-:T]/g, '')}`;
    const deleted = existing.map((s) => s.name).filter((n) => n !== name);
    await Promise.all(deleted.map((n) => deps.scheduler.delete(n)));
    const created: string[] = [];
    if (plan && name && !existing.some((s) => s.name === name)) {
      await deps.scheduler.create({
        name,
        localTime: plan.localTime,
        timeZone: ctx.settings.timezone,
        input: { tenantId, quoteId, stepId: STEP, scheduledAt: plan.scheduledAt },
        description: `Relances quote ${ctx.quote.number ?? quoteId} follow-up`,
      });
      created.push(name);
    }
    return { created, deleted };
  };

const followUpEmail = (quote: QuoteRecord, client: Client, settings: Settings) =>
  emailTexts(client.language).quoteFollowUp({
    clientName: client.name,
    number: quote.number ?? '',
    amount: money(quote.totals.grossCents, client.language),
    validUntil: date(quote.validUntil, client.language),
    company: settings.company.name,
  });

/** A follow-up schedule fired: re-reads the quote, claims the follow-up on the quote item, sends once. */
export const makeSendQuoteFollowUp = (deps: QuoteFollowUpDeps & { mailer: Mailer; pdf: QuotePdfRenderer }) =>
  async (input: QuoteFollowUpInput & { scheduledTime?: string }) => {
    const { tenantId, quoteId, stepId } = input;
    const firedAt = input.scheduledTime && !Number.isNaN(Date.parse(input.scheduledTime)) ? new Date(input.scheduledTime) : deps.clock.now();
    const ctx = await load(deps, tenantId, quoteId);
    if (!ctx) return { outcome: 'skipped' as const, reason: 'quote-not-found', stepId };
    const { quote, client, settings } = ctx;
    if (quote.followUpSentAt) return { outcome: 'skipped' as const, reason: 'already-sent', stepId };
    const status = quoteStatusView(quote.status, quote.validUntil, localDate(firedAt, settings.timezone));
    const plan = followUpPlan(quote, client, settings, new Date(firedAt.getTime() - 60_000));
    const reason = status !== 'pending' ? status : !plan ? programBlock({ settings, client }) ?? 'not-planned' : plan.scheduledAt !== input.scheduledAt ? 'stale' : undefined;
    const now = deps.clock.now();
    const at = (firedAt > now ? firedAt : now).toISOString();
    if (reason) return { outcome: 'skipped' as const, reason, stepId };
    let claimed: QuoteRecord;
    try {
      claimed = await deps.quotes.save({ ...quote, followUpSentAt: at, updatedAt: at }, []);
    } catch (error) {
      if (error instanceof ConflictError) return { outcome: 'skipped' as const, reason: 'already-claimed', stepId };
      throw error;
    }
    try {
      const bytes = await deps.pdf.quote({ seller: settings.company, client, quote, language: client.language });
      const { messageId } = await deps.mailer.send({
        to: [client.email],
        cc: client.ccEmails,
        fromName: settings.company.name,
        ...(replyToOf(settings) ? { replyTo: replyToOf(settings)! } : {}),
        ...followUpEmail(quote, client, settings),
        attachments: [{ fileName: `${quote.number}.pdf`, contentType: 'application/pdf', content: bytes }],
        tags: { tenant: tenantId, quote: quoteId, client: client.id, step: stepId },
      });
      await deps.quotes.save(claimed, [{ at, type: 'quote.follow_up_sent', data: { messageId, to: client.email } }]);
      return { outcome: 'sent' as const, messageId, stepId };
    } catch (error) {
      // Release the claim so the platform's retry can send it.
      const { followUpSentAt, ...released } = claimed;
      void followUpSentAt;
      await deps.quotes.save(released, [{ at, type: 'quote.follow_up_failed' }]).catch(() => undefined);
      throw error;
    }
  };
