/**
 * What the client sees behind a portal link: the seller's identity as printed on the invoice, the
 * invoice, its payments and how to pay (payment link, IBAN/BIC, EPC QR code). Nothing else of
 * the tenant: no other invoice, no settings, no reminder plan, no internal note.
 */
import { addDays, localDate } from '../../domain/dates.js';
import { epcPayload } from '../../domain/epc-qr.js';
import { withShownDates } from '../../domain/import-payment.js';
import { invoiceBalanceCents, isOpen, isOutstanding, lateness } from '../../domain/invoice.js';
import { renderPaymentUrl } from '../../domain/portal.js';
import { instalmentViews, isPlanRequestMoot } from '../../domain/payment-plan.js';
import { PROMISE_MAX_DAYS } from '../../domain/portal.js';
import type { PortalView } from '../../domain/portal-types.js';
import type { CompanyIdentity, Settings } from '../../domain/settings.js';

export type { PortalView };
import { byPaymentDate } from '../payments.js';
import { retryOnConflict } from '../retry-on-conflict.js';
import type { ClientRepository, InvoiceRecord, QrEncoder } from '../ports.js';
import { resolvePortalToken, type PortalResolveDeps } from './portal-links.js';

export interface PortalViewDeps extends PortalResolveDeps {
  readonly clients: ClientRepository;
  readonly qr: QrEncoder;
}

/** The seller as the invoice states it (frozen at issue), with the live settings' bank details as fallback. */
export const portalSeller = (invoice: InvoiceRecord, settings: Settings): CompanyIdentity => invoice.issued?.seller ?? settings.company;

export const paymentInstructions = (invoice: InvoiceRecord, settings: Settings, qr: QrEncoder): PortalView['payment'] => {
  const seller = portalSeller(invoice, settings);
  const reference = invoice.number ?? invoice.id;
  const balanceCents = invoiceBalanceCents(invoice);
  // How to pay stays while a balance is owed, in litigation too (the reminders stopped, not the debt).
  const open = isOutstanding(invoice.status) && balanceCents > 0;
  const iban = seller.iban ?? settings.company.iban;
  const bic = seller.iban ? seller.bic : settings.company.bic;
  const payload = open && iban ? epcPayload({ beneficiaryName: seller.name, iban, ...(bic ? { bic } : {}), amountCents: balanceCents, remittance: reference }) : undefined;
  return {
    reference,
    ...(open && settings.paymentUrl ? { paymentUrl: renderPaymentUrl(settings.paymentUrl, { number: reference, balanceCents }) } : {}),
    ...(iban ? { iban } : {}),
    ...(bic ? { bic } : {}),
    ...(payload ? { epcQr: { payload, svg: qr.svg(payload) } } : {}),
  };
};

export const makeGetPortalView = (deps: PortalViewDeps) =>
  async (token: string): Promise<PortalView> => {
    const { invoice, settings, now } = await resolvePortalToken(deps, token);
    const [client, payments] = await Promise.all([deps.clients.get(invoice.tenantId, invoice.clientId), deps.invoices.payments(invoice.tenantId, invoice.id)]);
    if (!invoice.portalViewedAt) await recordFirstView(deps, invoice, now);
    const seller = portalSeller(invoice, settings);
    const { iban, bic, ...identity } = seller;
    void [iban, bic];
    const today = localDate(now, settings.timezone);
    const open = isOpen(invoice.status) && invoiceBalanceCents(invoice) > 0;
    return {
      language: invoice.issued?.client.language ?? client?.language ?? settings.language,
      seller: identity,
      client: { name: invoice.issued?.client.name ?? client?.name ?? '' },
      invoice: {
        number: invoice.number ?? '',
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        currency: invoice.currency,
        ...(invoice.kind ? { kind: invoice.kind } : {}),
        lines: [...invoice.lines],
        totals: { ...invoice.totals, vatBreakdown: [...invoice.totals.vatBreakdown] },
        paidCents: invoice.paidCents,
        creditedCents: invoice.creditedCents,
        ...(invoice.deductedCents ? { deductedCents: invoice.deductedCents } : {}),
        balanceCents: invoiceBalanceCents(invoice),
        status: invoice.status,
        ...lateness(invoice.status, invoice.dueDate, now, settings.timezone),
      },
      payments: withShownDates(invoice, payments.filter((p) => !p.removedAt)).sort(byPaymentDate).map((p) => ({ date: p.date, amountCents: p.amountCents, method: p.method })),
      payment: paymentInstructions(invoice, settings, deps.qr),
      reminders: {
        paused: invoice.remindersPaused,
        ...(invoice.pausedUntil ? { pausedUntil: invoice.pausedUntil } : {}),
        disputed: invoice.disputed,
        ...(invoice.disputed && invoice.disputedBy === 'client' ? { disputedByClient: true } : {}),
        ...(invoice.promisedFor ? { promisedFor: invoice.promisedFor } : {}),
        ...(invoice.paidClaim ? { paidClaim: { date: invoice.paidClaim.date, ...(invoice.paidClaim.reference ? { reference: invoice.paidClaim.reference } : {}) } } : {}),
      },
      ...portalPlan(invoice, today),
      actions: {
        claimPaid: open,
        promise: open && !invoice.disputed && invoice.paymentPlan?.status !== 'active',
        dispute: open && !invoice.disputed,
        latestPromiseDate: addDays(today, PROMISE_MAX_DAYS),
        planRequest: open && !invoice.disputed && invoice.paymentPlan?.status !== 'active',
      },
    };
  };

/** The running payment plan and the client's last request, as the client sees them. */
const portalPlan = (invoice: InvoiceRecord, today: string): Pick<PortalView, 'paymentPlan' | 'planRequest'> => {
  const plan = invoice.paymentPlan?.status === 'active' ? invoice.paymentPlan : undefined;
  // A request left pending when the client paid (or the invoice closed) no longer awaits anyone's answer.
  const request = isPlanRequestMoot(invoice) ? undefined : invoice.planRequest;
  return {
    // A consumer owes no penalties nor €40: never told they are waived (DOMAIN, B2C tone), as the PDFs and emails.
    ...(plan ? { paymentPlan: { instalments: instalmentViews(plan, invoiceBalanceCents(invoice), today), waivePenalties: plan.waivePenalties && invoice.clientKind === 'business' } } : {}),
    ...(request
      ? {
          planRequest: {
            instalments: [...request.instalments],
            requestedAt: request.requestedAt,
            status: request.status,
            ...(request.decidedAt ? { decidedAt: request.decidedAt } : {}),
            ...(request.declineReason ? { declineReason: request.declineReason } : {}),
          },
        }
      : {}),
  };
};

/** The first opening goes on the timeline once (a concurrent first view loses the re-check). */
const recordFirstView = (deps: PortalViewDeps, seen: InvoiceRecord, now: Date) =>
  retryOnConflict(async (attempt) => {
    const current = attempt === 1 ? seen : await deps.invoices.get(seen.tenantId, seen.id);
    if (!current || current.portalViewedAt) return;
    const at = now.toISOString();
    await deps.invoices.save({ ...current, portalViewedAt: at }, { events: [{ at, type: 'portal.viewed' }] });
  });
