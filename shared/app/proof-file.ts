/**
 * `GET /invoices/{id}/proof.pdf`: the file a court, a collection agency or an auditor asks for
 * (DOMAIN.md "Keep evidence: message id, delivery event, PDF hash"). Everything comes from what
 * was recorded: the invoice as issued, every payment and credit note, every reminder step with
 * its channel, recipients and SES message id matched to its delivery or bounce events, the mise
 * en demeure with its posting (letters are recorded by the channels' `reminder.posted` events),
 * the client's portal actions and the case events (litigation, write-off…), and the penalty
 * computation to the day. Same records, same day → the same bytes.
 */
import { localDate } from '../domain/dates.js';
import { invoiceBalanceCents } from '../domain/invoice.js';
import { withShownDates } from '../domain/import-payment.js';
import { contractRateOf, penaltiesFor, penaltyReductions, type PenaltiesForResult } from '../domain/penalties.js';
import { penaltiesWaived } from '../domain/payment-plan.js';
import type { CompanyIdentity } from '../domain/settings.js';
import type { Client, Language } from '../domain/client.js';
import type { CreditNoteRecord, InvoiceRecord, PaymentRecord, TimelineRecord } from '../domain/invoice-types.js';
import { NotFoundError, StateConflictError } from './errors.js';
import { loadInvoice } from './invoices.js';
import type { ClientRepository, Clock, InvoiceLedger, SettingsRepository, StepRecordItem, StepRecords } from './ports.js';

export interface ProofReminder {
  readonly at: string;
  readonly stepId: string;
  readonly templateId: string;
  readonly channel: string;
  readonly state: string;
  readonly manual: boolean;
  readonly recipients: readonly string[];
  readonly messageId?: string;
  readonly reason?: string;
  /** Delivery news from SES events (`email.delivered`, `email.bounced`, …) for its message id, oldest first. */
  readonly delivery: readonly { readonly at: string; readonly type: string; readonly detail?: string }[];
  /** A letter posted by registered mail (channels: `reminder.posted`). */
  readonly posted?: { readonly at: string; readonly trackingNumber?: string };
  /** A letter's SHA-256, recorded when it was produced (its PDF re-renders to the same bytes): the evidence of what was sent. */
  readonly letterSha256?: string;
  readonly formalNotice: boolean;
}

export interface ProofFileData {
  readonly seller: CompanyIdentity;
  readonly client: Pick<Client, 'name' | 'kind' | 'email' | 'address' | 'siren'>;
  readonly invoice: InvoiceRecord;
  readonly balanceCents: number;
  readonly payments: readonly PaymentRecord[];
  readonly creditNotes: readonly CreditNoteRecord[];
  readonly reminders: readonly ProofReminder[];
  /** The invoice's own email (`invoice.sent`): its SES message id and the delivery news for it. */
  readonly invoiceEmail?: { readonly messageId: string; readonly delivery: ProofReminder['delivery'] };
  /** Portal actions (`portal.*`) and case events (litigation, dispute, pause, write-off, plans), oldest first. */
  readonly events: readonly TimelineRecord[];
  readonly penalties: PenaltiesForResult;
  /** Penalties and the €40 waived on a payment plan still honoured (recorded on the plan): computed, shown, not claimed. */
  readonly penaltiesWaived?: boolean;
  /** The invoice cancelled by a credit note: the seller gave the debt up, so the penalties and the €40 that ran until then are shown, not claimed. */
  readonly penaltiesCancelled?: boolean;
  readonly asOf: string;
  /** The owner's language for the file (`?lang=`, else the tenant's setting), never the client's. */
  readonly language: Language;
}

export interface ProofPdfRenderer {
  proof(data: ProofFileData): Promise<Uint8Array>;
}

export interface ProofFileDeps {
  readonly invoices: InvoiceLedger;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly steps: StepRecords;
  readonly pdf: ProofPdfRenderer;
  readonly clock: Clock;
}

/**
 * What the file lists as case events. The owner's own records of the case count as the portal's do: a payment date the client
 * promised by phone or mail (`invoice.promised`, an acknowledgment of the debt) and a due date moved after sending
 * (`invoice.due_date_changed`: the penalties count from the new one while the invoice as sent printed the old).
 */
const CASE_EVENT = /^(portal\.|invoice\.(litigation|litigation_left|written_off|disputed|dispute_resolved|paused|resumed|promised|due_date_changed|cancelled)|plan\.|instalment\.|owner\.alerted|credit_note\.)/;
const DELIVERY_EVENT = /^email\.(delivered|bounced|complained|rejected|delayed)$/;

const allTimeline = async (invoices: InvoiceLedger, tenantId: string, invoiceId: string): Promise<TimelineRecord[]> => {
  const events: TimelineRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await invoices.timeline(tenantId, invoiceId, { limit: 100, ...(cursor ? { cursor } : {}) });
    events.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
};

const byTime = <T extends { at: string }>(a: T, b: T) => a.at.localeCompare(b.at);

/** An event's instalments as recorded (`{ dueDate, amountCents }`), or undefined when it carries none. */
const recordedInstalments = (data: TimelineRecord['data']): { dueDate: string; amountCents: number }[] | undefined => {
  const list = data?.instalments;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const rows = list.filter((i): i is { dueDate: string; amountCents: number } => typeof i?.dueDate === 'string' && typeof i?.amountCents === 'number');
  return rows.length === list.length ? rows.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents })) : undefined;
};

/**
 * The schedule behind each plan event, for a court or an agency: `plan.created` and `plan.requested` record their
 * instalments; one that does not gets them from the invoice's own record when that record is the same plan (its
 * `seq`) or the same request (its `requestedAt`). Nothing is invented: an event matched by neither keeps none.
 */
export const proofPlanEvents = (events: readonly TimelineRecord[], invoice: Pick<InvoiceRecord, 'paymentPlan' | 'planRequest'>): TimelineRecord[] =>
  events.map((e) => {
    if (e.type !== 'plan.created' && e.type !== 'plan.requested') return e;
    const recorded = recordedInstalments(e.data);
    if (recorded) return { ...e, data: { ...e.data, instalments: recorded } };
    const plan = invoice.paymentPlan;
    const request = invoice.planRequest;
    const fromRecord =
      e.type === 'plan.created' && plan && e.data?.seq === plan.seq ? plan.instalments
      : e.type === 'plan.requested' && request && request.requestedAt === e.at ? request.instalments
      : undefined;
    return fromRecord && fromRecord.length > 0 ? { ...e, data: { ...e.data, instalments: fromRecord.map((i) => ({ dueDate: i.dueDate, amountCents: i.amountCents })) } } : e;
  });

/** Delivery news from SES events for one message id, oldest first. */
const deliveryOf = (timeline: readonly TimelineRecord[], messageId: string): ProofReminder['delivery'] =>
  timeline
    .filter((e) => DELIVERY_EVENT.test(e.type) && e.data?.messageId === messageId)
    .sort(byTime)
    .map((e) => ({ at: e.at, type: e.type, ...(e.data?.bounceType ? { detail: `${String(e.data.bounceType)} ${String(e.data.bounceSubType ?? '')}`.trim() } : {}) }));

/** The invoice's own email (the latest `invoice.sent` with a message id): the first thing a court asks to see delivered. */
export const proofInvoiceEmail = (timeline: readonly TimelineRecord[]): ProofFileData['invoiceEmail'] => {
  const sent = timeline.filter((e) => e.type === 'invoice.sent' && typeof e.data?.messageId === 'string').sort(byTime).at(-1);
  if (!sent) return undefined;
  const messageId = sent.data!.messageId as string;
  return { messageId, delivery: deliveryOf(timeline, messageId) };
};

/** Whom a registered letter went to: the name and postal address the letter printed. */
const postalRecipient = (client: Pick<Client, 'name' | 'address'>): string => {
  const a = client.address;
  return [client.name, ...(a ? [a.line1, ...(a.line2 ? [a.line2] : []), `${a.postalCode} ${a.city.toUpperCase()}`, ...(a.country && a.country !== 'FR' ? [a.country] : [])] : [])].join(', ');
};

/**
 * Every reminder that went out or was attempted, with what SES and the post said of it. A step sent names the
 * template its message went out in, as the invoice's plan does (a client's grouped mise en demeure, a firmer step
 * sent in the courtesy text before the due date); it counts as a mise en demeure only once the invoice was due
 * (`timeZone`: the tenant's, the day it went out): a grouped one tells an invoice not due yet to pay at its due date.
 */
export const proofReminders = (records: readonly StepRecordItem[], timeline: readonly TimelineRecord[], timeZone: string): ProofReminder[] => {
  const deliveries = timeline.filter((e) => DELIVERY_EVENT.test(e.type));
  const posted = timeline.filter((e) => e.type === 'reminder.posted');
  return records
    .filter((r) => r.state === 'sent' || r.state === 'sending' || r.state === 'failed' || (r.state as string) === 'to_post')
    .map((r): ProofReminder => {
      const extra = r as StepRecordItem & { channel?: string; trackingNumber?: string; postedAt?: string };
      const post = posted.find((e) => e.data?.stepId === r.stepId);
      const postedAt = extra.postedAt ?? post?.at;
      const trackingNumber = extra.trackingNumber ?? (post?.data?.trackingNumber as string | undefined);
      const used = r.state === 'sent' ? r.sentEvent?.data.templateId : undefined;
      const templateId = typeof used === 'string' && used ? used : r.templateId;
      const at = r.sentAt ?? r.at;
      return {
        at,
        stepId: r.stepId,
        templateId,
        channel: extra.channel ?? 'email',
        state: r.state,
        manual: r.manual === true,
        recipients: r.letter ? [postalRecipient(r.letter.client)] : (r.recipients ?? []),
        ...(r.messageId ? { messageId: r.messageId } : {}),
        ...(r.reason ? { reason: r.reason } : {}),
        delivery: r.messageId
          ? deliveries
              .filter((e) => e.data?.messageId === r.messageId)
              .sort(byTime)
              .map((e) => ({ at: e.at, type: e.type, ...(e.data?.bounceType ? { detail: `${String(e.data.bounceType)} ${String(e.data.bounceSubType ?? '')}`.trim() } : {}) }))
          : [],
        ...(postedAt ? { posted: { at: postedAt, ...(trackingNumber ? { trackingNumber } : {}) } } : {}),
        ...(r.letterSha256 ? { letterSha256: r.letterSha256 } : {}),
        formalNotice: templateId.startsWith('formal-notice') && !(r.dueDate && localDate(new Date(at), timeZone) <= r.dueDate),
      };
    })
    .sort(byTime);
};

export interface ProofFileOptions {
  /** Asked for by the reader (`?lang=`); else the tenant's `settings.language`, else French. */
  readonly language?: Language | undefined;
}

export const makeProofFile = (deps: ProofFileDeps) =>
  async (tenantId: string, invoiceId: string, options: ProofFileOptions = {}): Promise<{ bytes: Uint8Array; fileName: string }> => {
    const invoice = await loadInvoice(deps.invoices, tenantId, invoiceId);
    // A draft was never issued: nothing was claimed from the client, there is nothing to prove.
    if (invoice.status === 'draft') throw new StateConflictError('draft-has-no-proof', 'A draft was never issued: it has no proof file', [{ path: 'path.id', message: 'the invoice has not been sent' }]);
    const [client, settings, payments, creditNotes, records, timeline] = await Promise.all([
      deps.clients.get(tenantId, invoice.clientId),
      deps.settings.get(tenantId),
      deps.invoices.payments(tenantId, invoiceId),
      deps.invoices.creditNotes(tenantId, invoiceId),
      deps.steps.list(tenantId, invoiceId),
      allTimeline(deps.invoices, tenantId, invoiceId),
    ]);
    if (!client) throw new NotFoundError('Client');
    // The owner's document: his choice or his own language, not the client's.
    const language: Language = options.language ?? settings.language ?? 'fr';
    const asOf = localDate(deps.clock.now(), settings.timezone);
    const party = invoice.issued?.client ?? client;
    const balance = invoiceBalanceCents(invoice);
    // The same rate the reminders and the mise en demeure state (the contract rate frozen with the invoice, else the table).
    const penaltyRate = contractRateOf(settings, invoice);
    const invoiceEmail = proofInvoiceEmail(timeline);
    const data: ProofFileData = {
      seller: invoice.issued?.seller ?? settings.company,
      client: { name: party.name, kind: party.kind, email: party.email, ...(party.address ? { address: party.address } : {}), ...(party.siren ? { siren: party.siren } : {}) },
      invoice,
      balanceCents: balance,
      payments: withShownDates(invoice, payments).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt)),
      creditNotes: [...creditNotes].sort((a, b) => a.number.localeCompare(b.number)),
      reminders: proofReminders(records, timeline, settings.timezone),
      ...(invoiceEmail ? { invoiceEmail } : {}),
      // A plan's or a request's instalments are printed under its event: the agreed schedule is part of the case.
      events: proofPlanEvents(timeline.filter((e) => CASE_EVENT.test(e.type)).sort(byTime), invoice),
      // Counted on what was unpaid each day: every payment and credit note lowered it from the day after its date.
      penalties: penaltiesFor(party.kind, {
        unpaidCents: balance,
        dueDate: invoice.dueDate,
        asOf,
        reductions: penaltyReductions(payments, creditNotes, invoice),
        ...(penaltyRate !== undefined ? { contractualRatePercent: penaltyRate } : {}),
      }),
      ...(penaltiesWaived(invoice.paymentPlan, { status: invoice.status, balanceCents: balance }) ? { penaltiesWaived: true } : {}),
      ...(invoice.status === 'cancelled' ? { penaltiesCancelled: true } : {}),
      asOf,
      language,
    };
    const name = invoice.number ?? invoice.id;
    return { bytes: await deps.pdf.proof(data), fileName: language === 'en' ? `proof-file-${name}.pdf` : `preuves-${name}.pdf` };
  };
