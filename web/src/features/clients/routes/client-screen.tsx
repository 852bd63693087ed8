import { Link, useParams } from 'react-router';
import { ErrorMessage, invoiceStatus, Loading, PageHeader, ScreenError, StatusBadge } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useClient, useClientInvoices, useScenarios, useUpdateClient } from '../api';
import { ClientFormView } from '../components/client-form';
import { Statement } from '../components/statement';
import { ContactsEditor } from '../components/contacts-editor';
import { TagsEditor } from '../components/tags-editor';
import { GroupedReminderDialog } from '../components/grouped-reminder';
import { RemindersSwitch } from '../components/reminders-switch';

export default function ClientScreen() {
  const { id = '' } = useParams();
  const { t, money, date } = useI18n();
  const client = useClient(id);
  const invoices = useClientInvoices(id);
  const scenarios = useScenarios();
  const update = useUpdateClient(id);
  if (client.isPending) return <Loading />;
  if (client.isError) return <ScreenError error={client.error} retry={() => void client.refetch()} />;
  const c = client.data;
  return (
    <article>
      <PageHeader title={c.name}>
        <GroupedReminderDialog clientId={c.id} language={c.language} kind={c.kind} />
        <Link to={`/invoices/new?client=${c.id}`} className="button primary">
          {t('clients.newInvoice')}
        </Link>
      </PageHeader>
      {c.emailStatus === 'bouncing' && (
        <p role="alert" className="error-box">
          {t('clients.bouncing')}
        </p>
      )}
      <RemindersSwitch client={c} />
      <Statement clientId={c.id} clientName={c.name} />
      <section className="card" aria-labelledby="client-invoices">
        <h2 id="client-invoices">{t('clients.invoices')}</h2>
        {invoices.isPending ? (
          <Loading />
        ) : invoices.isError ? (
          <ErrorMessage error={invoices.error} retry={() => void invoices.refetch()} />
        ) : invoices.data.items.length === 0 ? (
          <p className="muted">{t('invoices.empty')}</p>
        ) : (
          <ul className="plain-list">
            {invoices.data.items.map((inv) => (
              <li key={inv.id} className="row">
                <Link to={`/invoices/${inv.id}`} className="doc-number">{inv.number ?? t('invoices.draftNumber')}</Link>
                <span>{date(inv.dueDate)}</span>
                <strong>{money(inv.balanceCents)}</strong>
                <StatusBadge status={invoiceStatus(inv)} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <ContactsEditor key={`contacts-${c.id}`} client={c} />
      <TagsEditor key={`tags-${c.id}`} client={c} scenarios={scenarios.data?.items ?? []} />
      {/* The form is remounted with the saved client: the "saved" line lives here, until the next edit. */}
      <section className="card" aria-labelledby="client-edit" onChange={() => update.isSuccess && update.reset()}>
        <h2 id="client-edit">{t('common.edit')}</h2>
        <ClientFormView
          key={c.updatedAt}
          client={c}
          scenarios={scenarios.data?.items ?? []}
          submitLabel={t('common.save')}
          onSubmit={(input) =>
            update.mutateAsync({ ...input, phone: input.phone ?? null, siren: input.siren ?? null, vatNumber: input.vatNumber ?? null, address: input.address ?? null, scenarioId: input.scenarioId ?? null })
          }
        />
        {update.isSuccess && (
          <p role="status" className="success">
            {t('clientMore.clientSaved')}
          </p>
        )}
      </section>
    </article>
  );
}
