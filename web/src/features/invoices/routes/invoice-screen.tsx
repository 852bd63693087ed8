import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { invoiceStatus, Loading, PageHeader, ScreenError, Stat, StatusBadge } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useClientNames, useInvoice, usePayments, type Invoice } from '../api';
import { Payments } from '../components/payments';
import { PdfPreview } from '../../../components/pdf-preview';
import { ReminderPlan } from '../components/reminders';
import { Timeline } from '../components/timeline';
import { PaymentPlanCard } from '../components/payment-plan';
import { InvoiceActions } from '../components/invoice-actions';
import { CreditNotes } from '../components/credit-notes';
import '../texts';
import { disputedNow } from '../disputed-now';

export default function InvoiceScreen() {
  const { id = '' } = useParams();
  const { t, money, date, vatRate, number } = useI18n();
  const invoice = useInvoice(id);
  const clients = useClientNames();
  const payments = usePayments(id).data?.items;
  if (invoice.isPending) return <Loading />;
  if (invoice.isError) return <ScreenError error={invoice.error} retry={() => void invoice.refetch()} />;
  const inv = invoice.data;
  const client = clients.data?.find((c) => c.id === inv.clientId);
  const open = inv.status === 'sent' || inv.status === 'partially_paid';
  // A draft cancelled before it was sent: never issued, nothing owed, paid or chased (it read "Reste dû 12,00 €" under
  // "Annulée", over a payments form and a reminder plan of five cancelled steps it never had).
  const voided = inv.status === 'cancelled' && !inv.number;
  const issued = inv.status !== 'draft' && !voided;
  // A draft has no number yet: "Facture (brouillon)" beside its "Brouillon" badge, not the word twice.
  const title = inv.number ? t('invoice.title', { number: inv.number }) : t('invoice.draftTitle');

  return (
    <article>
      <PageHeader title={title}>
        <StatusBadge status={invoiceStatus(inv)} />
        {inv.remindersPaused && <span className="badge warn">{t('invoice.paused')}</span>}
        {disputedNow(inv) && <span className="badge danger">{t('invoice.disputed')}</span>}
      </PageHeader>
      <p>
        {client ? <Link to={`/clients/${client.id}`}>{client.name}</Link> : '…'}
        {inv.quoteId && (
          <>
            {' · '}
            <Link to={`/quotes/${inv.quoteId}`}>{t('invoice.quote', { number: inv.quoteNumber ?? '' })}</Link>
          </>
        )}
      </p>
      <dl className="stats">
        <Stat label={t('invoice.gross')} value={money(inv.totals.grossCents)} />
        {/* What comes off the total besides payments, so the figures add up: a final invoice's deposits, credit notes. */}
        {(inv.deductedCents ?? 0) > 0 && <Stat label={t('invoice.deducted')} value={<span data-testid="deducted">{money(inv.deductedCents ?? 0)}</span>} />}
        {inv.creditedCents > 0 && <Stat label={t('invoice.credited')} value={<span data-testid="credited">{money(inv.creditedCents)}</span>} />}
        {!voided && <Stat label={t('invoice.paid')} value={money(inv.paidCents)} tone="ok" />}
        {!voided && <Stat label={t('invoice.balance')} value={<span data-testid="balance">{money(inv.balanceCents)}</span>} tone={inv.overdue ? 'danger' : undefined} />}
        {!voided && <Stat label={t('invoice.dueDate')} value={date(inv.dueDate)} />}
        {inv.serviceDate && (
          <Stat
            label={t('invoice.service')}
            value={inv.serviceEndDate && inv.serviceEndDate !== inv.serviceDate ? t('invoice.servicePeriod', { from: date(inv.serviceDate), to: date(inv.serviceEndDate) }) : date(inv.serviceDate)}
          />
        )}
      </dl>

      <InvoiceActions invoice={inv} onPaymentReceived={focusPaymentForm} language={client?.language} consumer={client?.kind === 'consumer'} />
      <HoldNotice invoice={inv} payments={payments} clientRemindersOff={client?.remindersEnabled === false ? client.id : undefined} />

      <section aria-labelledby="lines-title" className="card">
        <h2 id="lines-title">{t('invoice.lines')}</h2>
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th scope="col">{t('invoice.description')}</th>
                <th scope="col" className="num">{t('invoice.quantity')}</th>
                <th scope="col" className="num">{t('invoice.unitPrice')}</th>
                <th scope="col" className="num">{t('invoice.vatRate')}</th>
              </tr>
            </thead>
            <tbody>
              {inv.lines.map((line, i) => (
                <tr key={i}>
                  <td data-label={t('invoice.description')}>{line.description}</td>
                  <td data-label={t('invoice.quantity')} className="num">{number(line.quantity)}</td>
                  <td data-label={t('invoice.unitPrice')} className="num">{money(line.unitPriceCents)}</td>
                  <td data-label={t('invoice.vatRate')} className="num">{vatRate(line.vatRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="stats" style={{ marginTop: '0.75rem' }}>
          <Stat label={t('invoice.net')} value={money(inv.totals.netCents)} />
          <Stat label={t('invoice.vat')} value={money(inv.totals.vatCents)} />
          <Stat label={t('invoice.gross')} value={money(inv.totals.grossCents)} />
          {inv.creditedCents > 0 && <Stat label={t('invoice.credited')} value={money(inv.creditedCents)} />}
        </dl>
        {inv.vatExemption && (
          <p className="hint" data-testid="vat-exemption">
            {t('invoice.vatExemptionShown', { reason: t(`newInvoice.vatExemptions.${inv.vatExemption}`) })}
          </p>
        )}
        {inv.deductions && inv.deductions.length > 0 && (
          <ul className="plain-list" data-testid="deductions">
            {inv.deductions.map((d) => (
              <li key={d.invoiceId} className="row">
                <Link to={`/invoices/${d.invoiceId}`}>{t('invoice.deduction', { number: d.number, date: date(d.issueDate) })}</Link>
                <span>− {money(d.grossCents)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {issued && (
        <Payments
          invoiceId={id}
          canPay={open || (inv.status === 'litigation' && inv.balanceCents > 0)}
          canRemove={inv.status !== 'cancelled' && inv.status !== 'written_off'}
          // The client said "J'ai payé": "Paiement reçu" then finds the balance, the date and the reference it gave, to check and save.
          claim={inv.paidClaim && !claimAnswered(inv.paidClaim, payments) ? { amountCents: inv.balanceCents, date: inv.paidClaim.date, reference: inv.paidClaim.reference, at: inv.paidClaim.at } : undefined}
        />
      )}
      {issued && <CreditNotes invoiceId={id} />}
      {issued && inv.status !== 'cancelled' && (inv.paymentPlan || inv.planRequest || open) && <PaymentPlanCard invoice={inv} consumer={client?.kind === 'consumer'} />}
      {issued && <ReminderPlan invoiceId={id} language={client?.language} />}
      <PdfPreview path={`/invoices/${id}/pdf`} title={inv.number ?? t('invoice.draftTitle')} />
      <Timeline invoiceId={id} />
    </article>
  );
}

type HeldInvoice = Pick<Invoice, 'pausedUntil' | 'promisedFor' | 'disputeReason' | 'disputed' | 'remindersPaused' | 'pauseReason' | 'paidClaim' | 'status'>;

/** Why reminders wait: a payment the client says was made, a promise, a pause, a dispute; the portal's reasons in words. */
type RecordedPayment = { createdAt: string; removedAt?: string };
/** The client's "J'ai payé" is answered once the owner recorded a payment after it (checked in their account): no more asking to. */
export const claimAnswered = (claim: { at: string }, payments: readonly RecordedPayment[] | undefined): boolean =>
  (payments ?? []).some((p) => !p.removedAt && Date.parse(p.createdAt) >= Date.parse(claim.at));

/**
 * `clientRemindersOff`: the id of the invoice's client when its automatic reminders are off (the client page's switch). Nothing
 * then goes out by itself, so a pause's "reprise le …" would promise reminders that never come (the invoice read "Relances
 * suspendues, reprise le 11 déc." for a client switched off); and an invoice not paused said nothing at all.
 */
export const HoldNotice = ({ invoice: inv, payments, clientRemindersOff }: { invoice: HeldInvoice; payments?: readonly RecordedPayment[]; clientRemindersOff?: string }) => {
  const { t, date } = useI18n();
  const { i18n } = useTranslation();
  const reason = (r: string) => (i18n.exists(`invoiceMore.pauseReasons.${r}`) ? t(`invoiceMore.pauseReasons.${r}`) : r);
  const claim = inv.paidClaim && inv.status !== 'paid' && !claimAnswered(inv.paidClaim, payments) ? inv.paidClaim : undefined;
  const disputed = disputedNow(inv);
  // Only where reminders would otherwise go: an invoice awaiting payment (not a draft, paid, cancelled, written off or in litigation).
  const optedOut = Boolean(clientRemindersOff) && (inv.status === 'sent' || inv.status === 'partially_paid');
  if (!(claim || inv.pausedUntil || inv.promisedFor || (disputed && inv.disputeReason) || (inv.remindersPaused && inv.pauseReason) || optedOut)) return null;
  return (
    <div className="notice" data-testid="hold-notice">
      {claim && <p>{t(claim.reference ? 'invoiceMore.paidClaimRef' : 'invoiceMore.paidClaim', { date: date(claim.date), reference: claim.reference })}</p>}
      {inv.promisedFor && <p>{t('invoiceMore.promisedFor', { date: date(inv.promisedFor) })}</p>}
      {inv.remindersPaused && (
        <p>
          {/* Disputed or the client switched off, the reminders do not resume when the pause ends: no "reprise le …" then. */}
          {inv.pausedUntil && !disputed && !optedOut ? t('invoiceMore.pausedUntil', { date: date(inv.pausedUntil) }) : t('invoiceMore.pausedOpen')}
          {inv.pauseReason ? ` — ${reason(inv.pauseReason)}` : ''}
        </p>
      )}
      {disputed && inv.disputeReason && <p>{t('invoiceMore.disputedBecause', { reason: inv.disputeReason })}</p>}
      {disputed && inv.remindersPaused && inv.pausedUntil && <p>{t('invoiceMore.disputedHolds')}</p>}
      {optedOut && (
        <p data-testid="client-reminders-off">
          {t('invoiceMore.clientRemindersOff')} <Link to={`/clients/${clientRemindersOff}`}>{t('invoiceMore.clientRemindersOffLink')}</Link>
        </p>
      )}
    </div>
  );
};

/** Scrolls to the payment form and puts the cursor in its amount (the phone's keyboard opens). */
const focusPaymentForm = () => {
  const amount = document.querySelector<HTMLInputElement>('#payments form input');
  amount?.scrollIntoView({ block: 'center' });
  amount?.focus({ preventScroll: true });
};
