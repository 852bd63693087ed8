import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { emptyLine, lineErrorRename, LinesEditor, lineSchema, toApiLine } from '../../../components/lines-editor';
import { EmptyState, Field, Loading, PageHeader, SubmitButton } from '../../../components/ui';
import { todayIso } from '../../../lib/format';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useClientsForQuotes, useCreateQuote } from '../api';
import { VAT_EXEMPTION_CHOICES, VatExemptionField } from '../../../components/vat-exemption-field';
import '../texts';
import { useAfterSave } from '../../../lib/after-save';

export default function NewQuoteScreen() {
  const { t } = useI18n();
  const afterSave = useAfterSave();
  const clients = useClientsForQuotes();
  const create = useCreateQuote();
  const schema = z.object({
    clientId: z.string().min(1, { message: t('errors.required') }),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: t('errors.required') }),
    validityDays: z
      .string()
      .trim()
      .min(1, { message: t('errors.required') })
      .refine((v) => /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 365, { message: t('quoteMore.validityRange') }),
    vatExemption: z.enum(['', ...VAT_EXEMPTION_CHOICES]),
    lines: z.array(lineSchema({ amount: t('errors.amount'), required: t('errors.required') })).min(1),
  });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { clientId: '', issueDate: todayIso(), validityDays: '30', vatExemption: '', lines: [{ ...emptyLine }] } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      const quote = await create.mutateAsync({ clientId: v.clientId, issueDate: v.issueDate, validityDays: Number(v.validityDays), lines: v.lines.map(toApiLine), ...(v.vatExemption ? { vatExemption: v.vatExemption } : {}), currency: 'EUR' });
      afterSave.created(`/quotes/${quote.id}`);
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['clientId', 'issueDate', 'validityDays', 'vatExemption', 'lines'], lineErrorRename(v.lines.length))) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  if (clients.isPending) return <Loading />;
  if (clients.data?.length === 0) return (
      <section>
        <PageHeader title={t('quotes.new')} />
        <EmptyState title={t('newInvoice.noClients')} action={{ to: '/clients/new', label: t('clients.new') }} />
      </section>
    );
  return (
    <section>
      <PageHeader title={t('quotes.new')} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors.root && <p role="alert" className="error-box">{errors.root.message}</p>}
        <div className="grid-2">
          <Field label={t('newInvoice.client')} error={errors.clientId?.message}>
            {(p) => (
              <select {...p} {...form.register('clientId')}>
                <option value="">{t('newInvoice.chooseClient')}</option>
                {(clients.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('newInvoice.issueDate')} error={errors.issueDate?.message}>
            {(p) => <input {...p} type="date" {...form.register('issueDate')} />}
          </Field>
          <Field label={t('quotes.validityDays')} error={errors.validityDays?.message}>
            {(p) => <input {...p} inputMode="numeric" {...form.register('validityDays')} />}
          </Field>
        </div>
        <VatExemptionField register={form.register('vatExemption')} error={errors.vatExemption?.message} />
        <LinesEditor control={form.control} register={form.register} errors={errors} />
        <SubmitButton className="button primary" busy={isSubmitting}>
          {t('quotes.create')}
        </SubmitButton>
      </form>
    </section>
  );
}
