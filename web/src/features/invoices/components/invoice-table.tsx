import { Link } from 'react-router';
import { StatusBadge, invoiceStatus } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import type { Invoice } from '../api';
import { disputedNow } from '../disputed-now';
import '../texts';

/** The follow-up table; on a phone each row becomes a card (labels from data-label). */
export interface Selection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  setAll: (ids: string[], on: boolean) => void;
}

export const InvoiceTable = ({ invoices, clientNames, selection }: { invoices: readonly Invoice[]; clientNames: ReadonlyMap<string, string>; selection?: Selection }) => {
  const { t, money, date, dateTime } = useI18n();
  const reminders = invoices.some((i) => i.lastReminder || i.nextStep);
  // "Select all" above the table, in words: on a phone the table's header is hidden (rows are
  // cards), and a plumber with twenty late invoices should not have to tick each one.
  const selectAll = selection && invoices.length > 1 && (
    <label className="checkbox select-all">
      <input
        type="checkbox"
        checked={invoices.every((i) => selection.selected.has(i.id))}
        onChange={(e) => selection.setAll(invoices.map((i) => i.id), e.target.checked)}
      />
      {t('massSend.selectAll')}
    </label>
  );
  return (
    <>
      {selectAll}
      <div className="table-wrap">
        <table className="responsive">
          <caption className="visually-hidden">{t('invoices.title')}</caption>
          <thead>
            <tr>
              {selection && (
                <th scope="col">
                  <span className="visually-hidden">{t('massSend.select')}</span>
                </th>
              )}
              <th scope="col">{t('invoices.number')}</th>
              <th scope="col">{t('invoices.client')}</th>
              <th scope="col">{t('invoices.due')}</th>
              <th scope="col" className="num">
                {t('invoices.amount')}
              </th>
              <th scope="col" className="num">
                {t('invoices.balance')}
              </th>
              <th scope="col">{t('invoices.status')}</th>
              {reminders && <th scope="col">{t('followUp.lastReminder')}</th>}
              {reminders && <th scope="col">{t('followUp.nextStep')}</th>}
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                {selection && (
                  <td data-label={t('massSend.select')}>
                    <label className="tap">
                      <input
                        type="checkbox"
                        aria-label={t('massSend.selectOne', { number: invoice.number ?? t('invoices.draftNumber') })}
                        checked={selection.selected.has(invoice.id)}
                        onChange={() => selection.toggle(invoice.id)}
                      />
                    </label>
                  </td>
                )}
                <td data-label={t('invoices.number')}>
                  <Link className="doc-number" to={`/invoices/${invoice.id}`}>{invoice.number ?? t('invoices.draftNumber')}</Link>
                </td>
                <td data-label={t('invoices.client')}>{invoice.clientName ?? clientNames.get(invoice.clientId) ?? '…'}</td>
                <td data-label={t('invoices.due')}>
                  {date(invoice.dueDate)}
                  {invoice.overdue && <span className="muted"> · {t('invoices.daysLate', { count: invoice.daysLate })}</span>}
                </td>
                <td data-label={t('invoices.amount')} className="num">
                  {money(invoice.totals.grossCents)}
                </td>
                <td data-label={t('invoices.balance')} className="num">
                  {/* A draft cancelled before it was sent owes nothing (the API still gives its total as the balance). */}
                  <strong>{invoice.status === 'cancelled' && !invoice.number ? '—' : money(invoice.balanceCents)}</strong>
                </td>
                <td data-label={t('invoices.status')}>
                  <StatusBadge status={invoiceStatus(invoice)} />
                  {/* Why no reminder is planned: said on the row, not only on the invoice. */}
                  {invoice.remindersPaused && <> <span className="badge warn">{t('invoice.paused')}</span></>}
                  {disputedNow(invoice) && <> <span className="badge danger">{t('invoice.disputed')}</span></>}
                </td>
                {reminders && <td data-label={t('followUp.lastReminder')}>{invoice.lastReminder ? dateTime(invoice.lastReminder.at) : t('common.none')}</td>}
                {reminders && <td data-label={t('followUp.nextStep')}>{invoice.nextStep ? dateTime(invoice.nextStep.at) : t('common.none')}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
};
