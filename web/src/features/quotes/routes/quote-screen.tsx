import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PdfPreview } from '../../../components/pdf-preview';
import { ErrorMessage, Field, Loading, PageHeader, ScreenError, Stat, StatusBadge, SubmitButton } from '../../../components/ui';
import { ApiError } from '../../../lib/problem';
import { useI18n } from '../../../lib/i18n';
import { noJobFor, quoteStatus, useClientsForQuotes, useQuote, useQuoteActions } from '../api';
import { QuoteTimeline } from '../components/quote-timeline';
import '../texts';
import { FROM_DOCUMENT } from '../../../lib/after-save';

/** Quote → accepted → deposit and final invoices; the job shows what remains to be paid. */
export default function QuoteScreen() {
  const { id = '' } = useParams();
  const { t, money, date } = useI18n();
  const quote = useQuote(id);
  const clients = useClientsForQuotes();
  const actions = useQuoteActions(id);
  const [percent, setPercent] = useState('30');
  const [percentError, setPercentError] = useState<string>();
  // The draft a deposit or the final invoice just made: said with the way to it (it still has to be sent).
  const [created, setCreated] = useState<{ kind: 'deposit' | 'final'; id: string; grossCents: number }>();
  // What the draft bills: a final invoice's total is the job's, the deposits issued come off it (its balance as made).
  const madeDraft = (kind: 'deposit' | 'final') => (invoice: { id: string; balanceCents: number }) => setCreated({ kind, id: invoice.id, grossCents: invoice.balanceCents });
  if (quote.isPending) return <Loading />;
  if (quote.isError) return <ScreenError error={quote.error} retry={() => void quote.refetch()} />;
  const q = quote.data;
  const client = clients.data?.find((c) => c.id === q.clientId);
  // The deposit's refusal names its field: said under the percentage, not in a box with the API's path.
  const depositFields = actions.deposit.error instanceof ApiError ? actions.deposit.error.fieldErrors() : {};
  const depositFieldError = percentError ?? depositFields.percent ?? depositFields.amountCents;
  const error = actions.send.error ?? actions.accept.error ?? actions.refuse.error ?? (depositFieldError ? null : actions.deposit.error) ?? actions.final.error;
  const busy = [actions.send, actions.accept, actions.refuse, actions.deposit, actions.final].some((m) => m.isPending);
  const noJob = noJobFor(q);
  return (
    <article>
      <PageHeader title={q.number ? t('quoteMore.title', { number: q.number }) : t('quoteMore.draftTitle')}>
        <StatusBadge status={quoteStatus(q)} />
      </PageHeader>
      <p>{client ? <Link to={`/clients/${client.id}`}>{client.name}</Link> : '…'} · {t('quotes.validUntil')} {date(q.validUntil)}</p>
      <h2>{t('quotes.job')}</h2>
      <dl className="stats">
        <Stat label={t('quotes.quoted')} value={money(q.job.quotedCents)} />
        {/* Refused or expired with nothing invoiced: no job, nothing left to pay (it read "Reste à payer 1 800,00 €"). */}
        {!noJob && <Stat label={t('quotes.invoiced')} value={money(q.job.invoicedCents)} />}
        {!noJob && <Stat label={t('quotes.paid')} value={money(q.job.paidCents)} tone="ok" />}
        {!noJob && <Stat label={t('quotes.remaining')} value={money(q.job.remainingCents)} />}
      </dl>
      <div className="row" style={{ marginBottom: '1rem' }}>
        {q.status === 'pending' && !q.sentAt && (
          <button type="button" className="button primary" disabled={busy} onClick={() => actions.send.mutate()}>
            {t('quotes.send')}
          </button>
        )}
        {q.status === 'pending' && !q.sentAt && (
          <Link to={`/quotes/${id}/edit`} state={FROM_DOCUMENT} className="button">
            {t('quoteMore.edit')}
          </Link>
        )}
        {/* The client answers a quote they received: the answer buttons come once it is sent. */}
        {q.status === 'pending' && q.sentAt && (
          <>
            <button type="button" className="button" disabled={busy} onClick={() => actions.accept.mutate()}>
              {t('quotes.accept')}
            </button>
            {/* Final, and next to "Accepté" on a phone: asked first. */}
            <button type="button" className="button danger" disabled={busy} onClick={() => window.confirm(t('quoteMore.refuseConfirm')) && actions.refuse.mutate()}>
              {t('quotes.refuse')}
            </button>
          </>
        )}
        {q.status === 'accepted' && (
          <>
            <form
              className="row"
              onSubmit={(e) => {
                e.preventDefault();
                const value = Number(percent.trim().replace(',', '.'));
                if (!percent.trim() || !Number.isFinite(value) || value <= 0 || value > 100) return setPercentError(t('quotes.depositInvalid'));
                setPercentError(undefined);
                setCreated(undefined);
                actions.deposit.mutate(value, { onSuccess: madeDraft('deposit') });
              }}
            >
              <Field label={t('quotes.depositPercent')} error={depositFieldError}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={percent}
                    onChange={(e) => {
                      setPercent(e.target.value);
                      setPercentError(undefined);
                      actions.deposit.reset();
                    }}
                    style={{ width: '6rem' }}
                  />
                )}
              </Field>
              <SubmitButton className="button" busy={busy}>
                {t('quotes.createDeposit')}
              </SubmitButton>
            </form>
            <button type="button" className="button primary" disabled={busy} onClick={() => (setCreated(undefined), actions.final.mutate(undefined, { onSuccess: madeDraft('final') }))}>
              {t('quotes.createFinal')}
            </button>
          </>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      {created && (
        <p role="status" className="success">
          {t(created.kind === 'deposit' ? 'quoteMore.depositCreated' : 'quoteMore.finalCreated', { amount: money(created.grossCents) })}{' '}
          <Link to={`/invoices/${created.id}`}>{t('quoteMore.openToSend')}</Link>
        </p>
      )}
      <section className="card" aria-labelledby="docs-title">
        <h2 id="docs-title">{t('quotes.documents')}</h2>
        {q.job.documents.length === 0 ? (
          <p className="muted">
            {q.status === 'pending' && !q.sentAt
              ? t('quotes.noDocumentsYet')
              : q.status === 'accepted'
                ? t('quoteMore.noDocumentsAccepted')
                : q.status === 'refused'
                  ? t('quoteMore.noDocumentsRefused')
                  : q.status === 'expired'
                    ? t('quoteMore.noDocumentsExpired')
                    : t('quotes.noDocuments')}
          </p>
        ) : (
          <ul className="plain-list">
            {q.job.documents.map((d) => (
              <li key={d.id} className="row">
                {/* A draft has no number yet: its link says what it is ("Facture d’acompte"), its badge that it is a draft; not "Brouillon" twice. */}
                {d.type === 'credit_note' ? (
                  <>
                    <span className="badge neutral">{t(`quotes.docTypes.${d.type}`)}</span>
                    <span>{d.number}</span>
                  </>
                ) : d.number ? (
                  <>
                    <span className="badge neutral">{t(`quotes.docTypes.${d.type}`)}</span>
                    <Link to={`/invoices/${d.id}`} className="doc-number">{d.number}</Link>
                  </>
                ) : (
                  <Link to={`/invoices/${d.id}`}>{t(`quoteMore.draftDocs.${d.type}`)}</Link>
                )}
                <span>{money(d.grossCents)}</span>
                <span className="muted">
                  {t('invoice.balance')} {money(d.balanceCents)}
                </span>
                <StatusBadge status={d.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <PdfPreview path={`/quotes/${id}/pdf`} title={q.number ?? t('quoteMore.draftTitle')} />
      <QuoteTimeline quoteId={id} />
    </article>
  );
}
