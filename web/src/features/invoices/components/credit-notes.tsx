import { DocumentLink } from '../../../components/document-link';
import { ErrorMessage } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useCreditNotes, useSendCreditNote } from '../api';
import '../texts';

/**
 * The invoice's credit notes (avoirs), each with its PDF; nothing shown while there are none. One whose email the
 * client never got (SES refused it) says so, with a button that emails it again (POST …/credit-notes/{id}/send).
 */
export const CreditNotes = ({ invoiceId }: { invoiceId: string }) => {
  const { t, money, date } = useI18n();
  const notes = useCreditNotes(invoiceId);
  const sendAgain = useSendCreditNote(invoiceId);
  if (notes.isPending || (notes.isSuccess && notes.data.items.length === 0)) return null;
  const outcome = sendAgain.data;
  return (
    <section aria-labelledby="credit-notes-title" className="card">
      <h2 id="credit-notes-title">{t('invoiceGaps.creditNotes')}</h2>
      {notes.isError ? (
        <ErrorMessage error={notes.error} retry={() => void notes.refetch()} />
      ) : (
        <ul className="plain-list" data-testid="credit-notes">
          {notes.data.items.map((n) => (
            <li key={n.id}>
              <p>
                <strong>{n.number}</strong> · {date(n.issueDate)} · {money(n.grossCents)} {n.full && <span className="badge neutral">{t('invoiceGaps.full')}</span>}{' '}
                {n.purpose === 'bad_debt' && <span className="badge neutral">{t('invoiceGaps.badDebt')}</span>}{' '}
                {n.emailStatus === 'failed' && <span className="badge danger">{t('invoiceGaps.creditNoteEmailFailed')}</span>}
              </p>
              <p className="muted">{n.reason}</p>
              <p className="row">
                <DocumentLink path={`/invoices/${invoiceId}/credit-notes/${n.id}/pdf`} label={t('invoiceGaps.creditNotePdf', { number: n.number })} filename={`${n.number}.pdf`} />
                {n.emailStatus === 'failed' && (
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('invoiceGaps.creditNoteSendAgainLabel', { number: n.number })}
                    disabled={sendAgain.isPending}
                    onClick={() => sendAgain.mutate(n.id)}
                  >
                    {sendAgain.isPending && sendAgain.variables === n.id ? t('invoiceGaps.creditNoteSending') : t('invoiceGaps.creditNoteSendAgain')}
                  </button>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {outcome?.emailStatus === 'sent' && (
        <p role="status" className="notice" data-testid="credit-note-sent-again">
          {t('invoiceGaps.creditNoteSentAgain', { number: outcome.creditNote.number })}
        </p>
      )}
      {outcome?.emailStatus === 'failed' && (
        <p role="alert" className="error-box" data-testid="credit-note-still-failing">
          {t('invoiceGaps.creditNoteStillFailing', { number: outcome.creditNote.number })}
        </p>
      )}
      {sendAgain.error && <ErrorMessage error={sendAgain.error} />}
    </section>
  );
};
