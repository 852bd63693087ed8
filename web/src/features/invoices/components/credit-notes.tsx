import { DocumentLink } from '../../../components/document-link';
import { ErrorMessage } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useCreditNotes } from '../api';
import '../texts';

/** The invoice's credit notes (avoirs), each with its PDF; nothing shown while there are none. */
export const CreditNotes = ({ invoiceId }: { invoiceId: string }) => {
  const { t, money, date } = useI18n();
  const notes = useCreditNotes(invoiceId);
  if (notes.isPending || (notes.isSuccess && notes.data.items.length === 0)) return null;
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
                {n.purpose === 'bad_debt' && <span className="badge neutral">{t('invoiceGaps.badDebt')}</span>}
              </p>
              <p className="muted">{n.reason}</p>
              <DocumentLink path={`/invoices/${invoiceId}/credit-notes/${n.id}/pdf`} label={t('invoiceGaps.creditNotePdf', { number: n.number })} filename={`${n.number}.pdf`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
