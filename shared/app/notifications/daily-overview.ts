/**
 * The owner's daily overview (issue 10 §5): reminders going out today (each cancellable), letters
 * to post, yesterday's payments, invoices that became overdue today and the unread alerts. The
 * same content answers `GET /overview` and fills the morning email.
 */
import { defaultTemplate } from '../../domain/default-templates.js';
import { date as formatDate, emailTexts, money } from '../../../templates/email/index.js';
import { addDays, localDate } from '../../domain/dates.js';
import { ESCALATE_TEMPLATE_ID } from '../../domain/escalation.js';
import { invoiceBalanceCents } from '../../domain/invoice.js';
import { channelBlock, type Client } from '../../domain/client.js';
import { isPaymentBeforeImport } from '../../domain/import-payment.js';
import { ownerEmailOf } from '../../domain/notification.js';
import { utcToZoned } from '../../domain/zoned-time.js';
import type { ClientRepository, Clock, InvoiceRecord, InvoiceRepository, Mailer, NotificationRepository, PaymentLog, SettingsRepository, StepRecordItem, StepRecords } from '../ports.js';
import { describe } from './notify-owner.js';
import { notificationView, type NotificationView } from './notifications.js';
import { oncePerLetter } from '../reminders/letters.js';
import { makeClientRuleMoves, moveKey, type SimulationDeps } from '../reminders/simulation.js';
import { startOfLocalDay } from '../../domain/zoned-time.js';

export interface DailyOverviewDeps {
  readonly invoices: InvoiceRepository;
  readonly clients: ClientRepository;
  readonly steps: StepRecords;
  readonly settings: SettingsRepository;
  readonly notifications: NotificationRepository;
  readonly paymentLog: PaymentLog;
  readonly clock: Clock;
  /**
   * What the dry run reads (scenarios, templates): with it, a step the client rules will send on a later day (the
   * client's gap after another message that day) is marked `postponedTo`, as the simulation and the engine place it.
   */
  readonly simulation?: Omit<SimulationDeps, 'clock'>;
}

interface InvoiceRef {
  readonly invoiceId: string;
  readonly invoiceNumber?: string;
  readonly clientName: string;
}

/** Why a reminder due today cannot reach the client on its channel (the send will record it `skipped` with that reason). */
export type Undeliverable = 'address_failing' | 'no_phone' | 'no_postal_address';

export interface DailyOverview {
  readonly date: string;
  readonly timezone: string;
  /**
   * Steps due that day. `undeliverable`: the step cannot go out on its channel as the client stands (every email
   * address bounced, no mobile, no postal address): listed apart in the email, never as going out.
   */
  readonly reminders: readonly (InvoiceRef & { stepId: string; templateId: string; channel?: 'sms' | 'letter'; scheduledAt: string; cancel: { method: 'POST'; path: string }; undeliverable?: Undeliverable; postponedTo?: string; postponedBy?: string; skippedBy?: 'due_passed' })[];
  /** Letters to post; one listing several invoices of a client (settings `groupByClient`) once, with all its invoice numbers. */
  readonly letters: readonly (InvoiceRef & { stepId: string; templateId: string; since: string; letterId?: string; invoiceNumbers?: readonly string[] })[];
  readonly payments: readonly (InvoiceRef & { paymentId: string; amountCents: number; method: string })[];
  readonly newlyOverdue: readonly (InvoiceRef & { dueDate: string; balanceCents: number })[];
  readonly alerts: readonly NotificationView[];
}

/** How the morning email names the `escalate` step (no message: the invoice moves to litigation). */
const ESCALATION_LABEL = { fr: 'passage en contentieux', en: 'move to litigation' } as const;
/** What the email adds to a text's or a letter's template name: a letter step produces a letter the owner then posts. */
const CHANNEL_LABEL = { fr: { sms: ' (SMS)', letter: ' (lettre à poster)' }, en: { sms: ' (text message)', letter: ' (letter to post)' } } as const;

/** Unread alerts listed in an overview, newest first (the rest are in `GET /notifications?unread=true`). */
export const OVERVIEW_ALERTS = 50;
const PARALLEL_READS = 8;

/** `to_post` is the letter channel's state (step waiting for the owner to post it); read as a plain state here. */
const TO_POST = 'to_post';

export const cancelRoute = (invoiceId: string, stepId: string) => ({ method: 'POST' as const, path: `/invoices/${invoiceId}/reminders/${encodeURIComponent(stepId)}/cancel` });

export const isOverviewEmpty = (o: DailyOverview): boolean =>
  o.reminders.length + o.letters.length + o.payments.length + o.newlyOverdue.length + o.alerts.length === 0;

/**
 * Reads each open invoice and its steps (one GetItem and one Query each, 8 at a time): a daily
 * cost set by the open invoices, never by history; payments come from the day's log, alerts from
 * the unread index.
 */
export const makeDailyOverview = (deps: DailyOverviewDeps) =>
  async (tenantId: string, day?: string): Promise<DailyOverview> => {
    const settings = await deps.settings.get(tenantId);
    const timezone = settings.timezone;
    const date = day ?? localDate(deps.clock.now(), timezone);
    const yesterday = addDays(date, -1);
    const ids = await deps.invoices.openInvoiceIds(tenantId);
    const open: { invoice: InvoiceRecord; records: StepRecordItem[]; ref: InvoiceRef }[] = [];
    // A client read once, and only when needed: a draft's name, or whether today's steps can reach it.
    const clients = new Map<string, Promise<Client | undefined>>();
    const clientOf = (clientId: string) => {
      let client = clients.get(clientId);
      if (!client) clients.set(clientId, (client = deps.clients.get(tenantId, clientId).then((c) => c ?? undefined)));
      return client;
    };
    const clientName = (invoice: InvoiceRecord) =>
      invoice.issued ? Promise.resolve(invoice.issued.client.name) : clientOf(invoice.clientId).then((c) => c?.name ?? '');
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const [invoice, records] = await Promise.all([deps.invoices.get(tenantId, id), deps.steps.list(tenantId, id)]);
        if (!invoice) continue;
        open.push({ invoice, records, ref: { invoiceId: invoice.id, ...(invoice.number ? { invoiceNumber: invoice.number } : {}), clientName: await clientName(invoice) } });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, worker));

    const due = open.flatMap(({ invoice, records, ref }) =>
      records
        .filter((r) => r.state === 'scheduled' && r.scheduledAt && localDate(new Date(r.scheduledAt), timezone) === date)
        .map((r) => ({ invoice, record: r, ref })));
    // A step recorded for an earlier day (from today on) that the client rules push onto this one goes out this
    // day: listed with it, at the time it goes (it was listed on its own day only, postponed, and nowhere going out).
    const today = localDate(deps.clock.now(), timezone);
    const pushedIn = open.flatMap(({ invoice, records, ref }) =>
      records
        .filter((r) => r.state === 'scheduled' && r.scheduledAt && localDate(new Date(r.scheduledAt), timezone) >= today && localDate(new Date(r.scheduledAt), timezone) < date)
        .map((r) => ({ invoice, record: r, ref })));
    // A step recorded for a later day that goes out on this one: a courtesy step of its invoice due by then is pushed onto
    // its due date by the client's gap and skipped, and the re-plan then gives the later steps back the gap their plan
    // kept after it (`courtesy_skipped`, simulation-client-rules.ts).
    const pulledIn = open.flatMap(({ invoice, records, ref }) =>
      records.some((r) => r.state === 'scheduled' && r.beforeDue && r.scheduledAt && localDate(new Date(r.scheduledAt), timezone) <= date)
        ? records.filter((r) => r.state === 'scheduled' && r.scheduledAt && localDate(new Date(r.scheduledAt), timezone) > date).map((r) => ({ invoice, record: r, ref }))
        : []);
    // A client may not get all its steps of the day that day (another message that day or just before it, the gap):
    // the dry run's client rules, over those clients' invoices only, say which go later and when.
    const crowded = new Set([...due, ...pushedIn, ...pulledIn].map(({ invoice }) => invoice.clientId));
    const moves = deps.simulation && date >= today
      ? await makeClientRuleMoves({ ...deps.simulation, clock: deps.clock })(tenantId, crowded, startOfLocalDay(date, timezone), timezone)
      : new Map<string, { at: string; movedBy: string; skip?: 'due_passed' }>();
    const arriving = [...pushedIn, ...pulledIn].flatMap((p) => {
      const moved = moves.get(moveKey(p.invoice.id, p.record.stepId, p.record.scheduledAt!));
      return moved && !moved.skip && localDate(new Date(moved.at), timezone) === date ? [{ ...p, goesAt: moved.at as string | undefined }] : [];
    });
    const reminders = (
      await Promise.all(
        [
          // One the re-plan after a skipped courtesy step brings to an earlier day goes out then, not on this one.
          ...due.filter((d) => { const moved = moves.get(moveKey(d.invoice.id, d.record.stepId, d.record.scheduledAt!)); return !(moved && !moved.skip && localDate(new Date(moved.at), timezone) < date); })
            .map((d) => ({ ...d, goesAt: undefined as string | undefined })),
          ...arriving,
        ].map(async ({ invoice, record: r, ref, goesAt }) => {
          // The escalation sends nothing to the client: no address needed.
          const client = r.templateId === ESCALATE_TEMPLATE_ID ? undefined : await clientOf(invoice.clientId);
          const undeliverable = client ? channelBlock(client, r.channel) : undefined;
          const moved = undeliverable || goesAt ? undefined : moves.get(moveKey(invoice.id, r.stepId, r.scheduledAt!));
          return {
            ...ref, stepId: r.stepId, templateId: r.templateId, ...(r.channel === 'sms' || r.channel === 'letter' ? { channel: r.channel } : {}), scheduledAt: goesAt ?? r.scheduledAt!, cancel: cancelRoute(ref.invoiceId, r.stepId),
            ...(undeliverable ? { undeliverable } : {}), ...(moved?.skip ? { skippedBy: moved.skip } : moved ? { postponedTo: moved.at, postponedBy: moved.movedBy } : {}),
          };
        }),
      )
    ).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.invoiceId.localeCompare(b.invoiceId));
    const letters = oncePerLetter(
      open.flatMap(({ records, ref }) => records.filter((r) => (r.state as string) === TO_POST).map((r) => ({ ...r, ...ref, since: r.at }))),
    )
      .map(({ invoiceId, invoiceNumber, clientName, stepId, templateId, since, letterId, letter }) => ({
        invoiceId, ...(invoiceNumber ? { invoiceNumber } : {}), clientName, stepId, templateId, since,
        ...(letterId ? { letterId, invoiceNumbers: letter?.invoices.map((i) => i.number) ?? [] } : {}),
      }))
      .sort((a, b) => a.since.localeCompare(b.since) || a.invoiceId.localeCompare(b.invoiceId));
    const newlyOverdue = open
      .filter(({ invoice }) => invoice.dueDate === yesterday)
      .map(({ invoice, ref }) => ({ ...ref, dueDate: invoice.dueDate, balanceCents: invoiceBalanceCents(invoice) }))
      .sort((a, b) => b.balanceCents - a.balanceCents);
    const [paid, unread] = await Promise.all([
      deps.paymentLog.onDate(tenantId, yesterday),
      deps.notifications.list(tenantId, { unread: true }, { limit: OVERVIEW_ALERTS }),
    ]);
    // Money received: what an imported invoice had been paid before the import is no payment of that day.
    const payments = paid.filter((p) => !isPaymentBeforeImport(p.paymentId)).map((p) => ({
      invoiceId: p.invoiceId, ...(p.invoiceNumber ? { invoiceNumber: p.invoiceNumber } : {}), clientName: p.clientName,
      paymentId: p.paymentId, amountCents: p.amountCents, method: p.method,
    }));
    return { date, timezone, reminders, letters, payments, newlyOverdue, alerts: unread.items.map(notificationView) };
  };

export type SendOverviewOutcome = { readonly outcome: 'sent'; readonly messageId: string; readonly date: string } | { readonly outcome: 'skipped'; readonly reason: 'switched_off' | 'no_address' | 'nothing_to_report' | 'already_sent'; readonly date: string };

/**
 * A built-in template by its name in the owner's language (scenarios name the base, French, template:
 * "Relance à échéance (J+1)" reads "Reminder at due date (D+1)" to an English owner); a tenant's own by its id.
 */
const builtInName = (templateId: string, lang: 'fr' | 'en'): string => {
  const base = templateId.replace(/-en$/, '');
  return (defaultTemplate(lang === 'en' ? `${base}-en` : base) ?? defaultTemplate(templateId))?.name ?? templateId;
};

/**
 * The morning email, fired by the tenant's recurring schedule at `scheduledTime` (the day is
 * that instant's local date, so a replayed clock gets the right day). At most one per day: the
 * day is claimed before sending, and given back if SES refuses, so the platform's retry may send it.
 */
export const makeSendDailyOverview = (deps: DailyOverviewDeps & { readonly mailer: Mailer; readonly appUrl?: string }) => {
  const overview = makeDailyOverview(deps);
  return async (tenantId: string, scheduledTime: Date): Promise<SendOverviewOutcome> => {
    const settings = await deps.settings.get(tenantId);
    const date = localDate(scheduledTime, settings.timezone);
    if (!settings.notifications.dailyOverview) return { outcome: 'skipped', reason: 'switched_off', date };
    const to = ownerEmailOf(settings);
    if (!to) return { outcome: 'skipped', reason: 'no_address', date };
    const content = await overview(tenantId, date);
    if (isOverviewEmpty(content)) return { outcome: 'skipped', reason: 'nothing_to_report', date };
    if (!(await deps.notifications.claimOverview(tenantId, date, deps.clock.now().toISOString()))) return { outcome: 'skipped', reason: 'already_sent', date };
    const lang = settings.language;
    const texts = emailTexts(lang);
    const label = (r: InvoiceRef) => r.invoiceNumber ?? r.invoiceId;
    const text = texts.dailyOverview({
      date: formatDate(date, lang),
      reminders: content.reminders.map((r) => ({
        // A built-in template by its name ("Relance à échéance (J+1)"), a tenant's own by its id; the
        // `escalate` step sends nothing: it is the move to litigation, named as such.
        invoice: label(r), clientName: r.clientName,
        template: r.templateId === ESCALATE_TEMPLATE_ID ? ESCALATION_LABEL[lang] : builtInName(r.templateId, lang) + (r.channel ? CHANNEL_LABEL[lang][r.channel] : ''),
        time: utcToZoned(new Date(r.scheduledAt), settings.timezone).time.slice(0, 5),
        cancel: deps.appUrl ? `${deps.appUrl}/invoices/${r.invoiceId}` : `${r.cancel.method} ${r.cancel.path}`,
        ...(r.undeliverable ? { undeliverable: r.undeliverable } : {}),
        ...(r.skippedBy ? { skippedBy: r.skippedBy } : {}),
        ...(r.postponedTo ? { postponedTo: formatDate(localDate(new Date(r.postponedTo), settings.timezone), lang), ...(r.postponedBy ? { postponedBy: r.postponedBy } : {}) } : {}),
      })),
      letters: content.letters.map((l) => ({ invoice: label(l), ...(l.invoiceNumbers && l.invoiceNumbers.length > 1 ? { invoices: l.invoiceNumbers } : {}), clientName: l.clientName, step: l.stepId })),
      payments: content.payments.map((p) => ({ invoice: label(p), clientName: p.clientName, amount: money(p.amountCents, lang) })),
      overdue: content.newlyOverdue.map((o) => ({ invoice: label(o), clientName: o.clientName, balance: money(o.balanceCents, lang), dueDate: formatDate(o.dueDate, lang) })),
      alerts: content.alerts.map((a) => texts.ownerNotification(describe({ ...a, tenantId, email: 'sent' }, lang)).subject.replace(/^\[Relances\] /, '')),
    });
    try {
      const { messageId } = await deps.mailer.send({ to: [to], subject: text.subject, text: text.text, tags: { tenant: tenantId, kind: 'daily-overview' } });
      return { outcome: 'sent', messageId, date };
    } catch (error) {
      await deps.notifications.releaseOverview(tenantId, date);
      throw error;
    }
  };
};
