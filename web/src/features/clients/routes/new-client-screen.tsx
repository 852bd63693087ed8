import { PageHeader } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useCreateClient, useScenarios } from '../api';
import { ClientFormView } from '../components/client-form';
import { useAfterSave } from '../../../lib/after-save';

export default function NewClientScreen() {
  const { t } = useI18n();
  const afterSave = useAfterSave();
  const create = useCreateClient();
  const scenarios = useScenarios();
  return (
    <section>
      <PageHeader title={t('clients.new')} />
      <ClientFormView
        scenarios={scenarios.data?.items ?? []}
        submitLabel={t('common.create')}
        onSubmit={async (input) => {
          const client = await create.mutateAsync(input);
          afterSave.created(`/clients/${client.id}`);
        }}
      />
    </section>
  );
}
