import { Link } from 'react-router';
import { PdfPreview } from '../../../components/pdf-preview';
import { ErrorMessage, Loading, Stat } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useStatement } from '../api';

/** Relevé de compte: invoices, credit notes and payments with the running balance, and its PDF. */
/** The labels the API's import gives its own statement lines (shared/app/aggregates/import-invoices.ts, client-statement.ts). */
const PAID_BEFORE_IMPORT = 'Réglé avant import';
const IMPORTED_CREDITS = 'Avoirs avant import';

/** A file name part from a client's name: « Café du Port » → « cafe-du-port » (the statements of two clients no longer both download as releve-de-compte.pdf). */
export const fileSlug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

export const Statement = ({ clientId, clientName }: { clientId: string; clientName?: string }) => {
  const { t, money, date } = useI18n();
  const statement = useStatement(clientId);
  return (
    <section className="card" aria-labelledby="statement-title">
      <h2 id="statement-title">{t('clients.statement')}</h2>
      {statement.isPending ? (
        <Loading />
      ) : statement.isError ? (
        <ErrorMessage error={statement.error} retry={() => void statement.refetch()} />
      ) : (
        <>
          <dl className="stats">
            <Stat label={t('invoices.balance')} value={<span data-testid="client-balance">{money(statement.data.balanceCents)}</span>} />
            <Stat label={t('home.overdue')} value={money(statement.data.overdueCents)} tone={statement.data.overdueCents > 0 ? 'danger' : undefined} />
          </dl>
          {statement.data.lines.length === 0 ? (
            <p className="muted">{t('clients.noStatementLines')}</p>
          ) : (
            <div className="table-wrap">
              <table className="responsive">
                <caption className="visually-hidden">{t('clients.statement')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('invoice.paymentDate')}</th>
                    <th scope="col">{t('clients.reference')}</th>
                    <th scope="col" className="num">{t('clients.debit')}</th>
                    <th scope="col" className="num">{t('clients.credit')}</th>
                    <th scope="col" className="num">{t('invoices.balance')}</th>
                  </tr>
                </thead>
                <tbody>
                  {statement.data.lines.map((line, i) => (
                    <tr key={`${line.invoiceId}-${i}`}>
                      <td data-label={t('invoice.paymentDate')}>{date(line.date)}</td>
                      <td data-label={t('clients.reference')}>
                        {/* The import's own lines carry fixed French labels (credit notes and payments before the import): said in the user's language. */}
                        <Link to={`/invoices/${line.invoiceId}`}>
                          {line.kind === 'credit_note' && line.reference === IMPORTED_CREDITS ? t('clients.creditsBeforeImport') : `${t(`clients.lineKinds.${line.kind}`)} ${line.reference}`}
                        </Link>
                        {line.method && <span className="muted"> · {t(`invoice.methods.${line.method}`, { defaultValue: line.method })}</span>}
                        {line.paymentReference && <span className="muted"> · {line.paymentReference === PAID_BEFORE_IMPORT ? t('invoice.paidBeforeImport') : line.paymentReference}</span>}
                      </td>
                      <td data-label={t('clients.debit')} className="num">{line.debitCents ? money(line.debitCents) : ''}</td>
                      <td data-label={t('clients.credit')} className="num">{line.creditCents ? money(line.creditCents) : ''}</td>
                      <td data-label={t('invoices.balance')} className="num">{money(line.balanceCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <PdfPreview path={`/clients/${clientId}/statement.pdf`} title={[t('clients.statementFile'), clientName ? fileSlug(clientName) : ''].filter(Boolean).join('-')} />
    </section>
  );
};
