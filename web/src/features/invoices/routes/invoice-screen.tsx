import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading, PageHeader, Stat, StatusBadge, invoiceStatus } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useClientNames, useEndgameActions, useInvoice, useInvoiceAction, usePortalActions, type Invoice } from '../api';
import { CreditNoteDialog } from '../components/credit-note-dialog';
import { Payments } from '../components/payments';
import { PdfPreview } from '../../../components/pdf-preview';
import { ReminderPlan, SendReminderDialog } from '../components/reminders';
import { Timeline } from '../components/timeline';
import { PaymentPlanCard } from '../components/payment-plan';
import { ActionDialog } from '../components/action-dialog';
import { DocumentLink } from '../../../components/document-link';
import { CreditNotes } from '../components/credit-notes';
import '../texts';

export default function InvoiceScreen() {
  const { id = '' } = useParams();
  const { t, money, date, lang, vatRate } = useI18n();
  const invoice = useInvoice(id);
  const clients = useClientNames();
  const actions = useInvoiceAction(id);
  const endgame = useEndgameActions(id);
  const owner = usePortalActions(id);
  if (invoice.isPending) return <Loading />;
  if (invoice.isError) return <ErrorMessage error={invoice.error} retry={() => void invoice.refetch()} />;
  const inv = invoice.data;
  const client = clients.data?.find((c) => c.id === inv.clientId);
  const open = inv.status === 'sent' || inv.status === 'partially_paid';
  const title = inv.number ? t('invoice.title', { number: inv.number }) : t('invoices.draftNumber');
  const busy = actions.send.isPending || actions.patch.isPending || actions.cancel.isPending || endgame.leaveLitigation.isPending || owner.resume.isPending || owner.resolve.isPending;
  const actionError = actions.send.error ?? actions.patch.error ?? actions.cancel.error ?? endgame.leaveLitigation.error ?? owner.resume.error ?? owner.resolve.error ?? owner.link.error ?? owner.revokeLinks.error;
  const litigation = inv.status === 'litigation';

  return (
    <article>
      <PageHeader title={title}>
        <StatusBadge status={invoiceStatus(inv)} />
        {inv.remindersPaused && <span className="badge warn">{t('invoice.paused')}</span>}
        {inv.disputed && <span className="badge danger">{t('invoice.disputed')}</span>}
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
        <Stat label={t('invoice.paid')} value={money(inv.paidCents)} tone="ok" />
        <Stat label={t('invoice.balance')} value={<span data-testid="balance">{money(inv.balanceCents)}</span>} tone={inv.overdue ? 'danger' : undefined} />
        <Stat label={t('invoice.dueDate')} value={date(inv.dueDate)} />
      </dl>

      <div className="row" style={{ marginBottom: '1rem' }}>
        {inv.status === 'draft' && (
          <button type="button" className="button primary" disabled={busy} onClick={() => actions.send.mutate()}>
            {actions.send.isPending ? t('invoice.sending') : t('invoice.send')}
          </button>
        )}
        {inv.status === 'draft' && (
          <Link to={`/invoices/${id}/edit`} className="button">
            {t('invoiceGaps.edit')}
          </Link>
        )}
        {open && (
          // The client paid: the form is a screen down on a phone; this takes the thumb there, amount ready to type.
          <button type="button" className="button primary" onClick={focusPaymentForm}>
            {t('invoiceGaps.paymentReceived')}
          </button>
        )}
        {open && <SendReminderDialog invoiceId={id} clientId={inv.clientId} />}
        {open && !inv.remindersPaused && (
          <ActionDialog
            title={t('invoiceMore.pauseTitle')}
            trigger={t('invoiceMore.pause')}
            fields={[
              { name: 'until', label: t('invoiceMore.pauseUntil'), type: 'date', hint: t('invoiceMore.pauseUntilHint') },
              { name: 'reason', label: t('invoiceMore.pauseReason'), required: true },
            ]}
            confirm={t('invoiceMore.pauseConfirm')}
            onSubmit={(v) => owner.pause.mutateAsync({ reason: v.reason!, ...(v.until ? { until: v.until } : {}) })}
          />
        )}
        {open && inv.remindersPaused && (
          <button type="button" className="button" disabled={busy} onClick={() => owner.resume.mutate()}>
            {t('invoiceMore.resume')}
          </button>
        )}
        {open && !inv.disputed && (
          <ActionDialog
            title={t('invoiceMore.disputeTitle')}
            trigger={t('invoiceMore.dispute')}
            fields={[{ name: 'reason', label: t('invoiceMore.disputeReason'), type: 'textarea', required: true }]}
            confirm={t('invoiceMore.disputeConfirm')}
            onSubmit={(v) => owner.dispute.mutateAsync(v.reason!)}
          />
        )}
        {inv.disputed && (
          <button type="button" className="button" disabled={busy} onClick={() => owner.resolve.mutate()}>
            {t('invoiceMore.resolveDispute')}
          </button>
        )}
        {inv.number && inv.status !== 'draft' && (
          <button type="button" className="button" disabled={owner.link.isPending} onClick={() => owner.link.mutate()}>
            {t('invoiceMore.portalLink')}
          </button>
        )}
        {inv.number && inv.status !== 'draft' && (
          <button
            type="button"
            className="button"
            disabled={owner.revokeLinks.isPending}
            onClick={() => window.confirm(t('invoiceGaps.revokePortalConfirm')) && (owner.link.reset(), owner.revokeLinks.mutate())}
          >
            {t('invoiceGaps.revokePortal')}
          </button>
        )}
        {inv.status !== 'draft' && inv.status !== 'cancelled' && inv.status !== 'written_off' && <CreditNoteDialog invoiceId={id} />}
        {open && (
          <ActionDialog
            title={t('invoiceMore.litigation')}
            trigger={t('invoiceMore.litigation')}
            intro={t('invoiceMore.litigationConfirm')}
            fields={[{ name: 'reason', label: t('invoiceMore.pauseReason') }]}
            confirm={t('invoiceMore.litigation')}
            danger
            onSubmit={(v) => endgame.litigation.mutateAsync(v.reason)}
          />
        )}
        {litigation && (
          <button type="button" className="button" disabled={busy} onClick={() => endgame.leaveLitigation.mutate()}>
            {t('invoiceMore.leaveLitigation')}
          </button>
        )}
        {litigation && (
          <ActionDialog
            title={t('invoiceMore.writeOffTitle')}
            trigger={t('invoiceMore.writeOff')}
            intro={t('invoiceMore.writeOffHint')}
            fields={[
              { name: 'reason', label: t('invoiceMore.writeOffReason'), required: true },
              { name: 'evidence', label: t('invoiceMore.writeOffEvidence'), type: 'textarea' },
            ]}
            confirm={t('invoiceMore.writeOffConfirm')}
            danger
            onSubmit={(v) => endgame.writeOff.mutateAsync({ reason: v.reason!, ...(v.evidence ? { evidence: v.evidence } : {}) })}
          />
        )}
        {inv.number && inv.status !== 'draft' && <DocumentLink path={`/invoices/${id}/proof.pdf${lang === 'en' ? '?lang=en' : ''}`} label={t('invoiceMore.proof')} filename={lang === 'en' ? `proof-file-${inv.number}.pdf` : `preuves-${inv.number}.pdf`} />}
        {inv.status === 'draft' && (
          <button type="button" className="button danger" disabled={busy} onClick={() => window.confirm(t('invoiceGaps.cancelDraftConfirm')) && actions.cancel.mutate(undefined)}>
            {t('invoice.cancelInvoice')}
          </button>
        )}
      </div>
      {actionError && <ErrorMessage error={actionError} />}
      {owner.revokeLinks.isSuccess && !owner.link.data && (
        <p role="status" className="notice">
          {t('invoiceGaps.portalRevoked')}
        </p>
      )}
      {owner.link.data && (
        <p role="status" className="notice">
          {t('invoiceMore.portalLinkShown')}{' '}
          <a href={owner.link.data.url} data-testid="portal-link">
            {owner.link.data.url}
          </a>
        </p>
      )}
      <HoldNotice invoice={inv} />

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
                  <td data-label={t('invoice.quantity')} className="num">{line.quantity}</td>
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
      </section>

      {inv.status !== 'draft' && <Payments invoiceId={id} canPay={open} />}
      {inv.status !== 'draft' && <CreditNotes invoiceId={id} />}
      {inv.status !== 'draft' && inv.status !== 'cancelled' && (inv.paymentPlan || inv.planRequest || open) && <PaymentPlanCard invoice={inv} />}
      {inv.status !== 'draft' && <ReminderPlan invoiceId={id} />}
      <PdfPreview path={`/invoices/${id}/pdf`} title={inv.number ?? t('invoices.draftNumber')} />
      <Timeline invoiceId={id} />
    </article>
  );
}

type HeldInvoice = Pick<Invoice, 'pausedUntil' | 'promisedFor' | 'disputeReason' | 'disputed' | 'remindersPaused' | 'pauseReason' | 'paidClaim' | 'status'>;

/** Why reminders wait: a payment the client says was made, a promise, a pause, a dispute; the portal's reasons in words. */
export const HoldNotice = ({ invoice: inv }: { invoice: HeldInvoice }) => {
  const { t, date } = useI18n();
  const { i18n } = useTranslation();
  const reason = (r: string) => (i18n.exists(`invoiceMore.pauseReasons.${r}`) ? t(`invoiceMore.pauseReasons.${r}`) : r);
  const claim = inv.paidClaim && inv.status !== 'paid' ? inv.paidClaim : undefined;
  if (!(claim || inv.pausedUntil || inv.promisedFor || inv.disputeReason || (inv.remindersPaused && inv.pauseReason))) return null;
  return (
    <div className="notice" data-testid="hold-notice">
      {claim && <p>{t(claim.reference ? 'invoiceMore.paidClaimRef' : 'invoiceMore.paidClaim', { date: date(claim.date), reference: claim.reference })}</p>}
      {inv.promisedFor && <p>{t('invoiceMore.promisedFor', { date: date(inv.promisedFor) })}</p>}
      {inv.remindersPaused && (
        <p>
          {inv.pausedUntil ? t('invoiceMore.pausedUntil', { date: date(inv.pausedUntil) }) : t('invoiceMore.pausedOpen')}
          {inv.pauseReason ? ` — ${reason(inv.pauseReason)}` : ''}
        </p>
      )}
      {inv.disputed && inv.disputeReason && <p>{t('invoiceMore.disputedBecause', { reason: inv.disputeReason })}</p>}
    </div>
  );
};

/** Scrolls to the payment form and puts the cursor in its amount (the phone's keyboard opens). */
const focusPaymentForm = () => {
  const amount = document.querySelector<HTMLInputElement>('#payments form input');
  amount?.scrollIntoView({ block: 'center' });
  amount?.focus({ preventScroll: true });
};
