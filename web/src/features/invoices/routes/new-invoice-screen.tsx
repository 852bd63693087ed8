import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { emptyLine, lineErrorRename, LinesEditor, lineSchema, toApiLine } from '../../../components/lines-editor';
import { EmptyState, Field, Loading, PageHeader, SubmitButton } from '../../../components/ui';
import { todayIso } from '../../../lib/format';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useClientNames, useCreateInvoice } from '../api';
import { VAT_EXEMPTION_CHOICES, VatExemptionField } from '../../../components/vat-exemption-field';
import '../texts';
import { useAfterSave } from '../../../lib/after-save';
import { ServiceDateFields } from '../components/service-date-fields';

export default function NewInvoiceScreen() {
  const { t } = useI18n();
  const afterSave = useAfterSave();
  const [params] = useSearchParams();
  const clients = useClientNames();
  const create = useCreateInvoice();
  const messages = { amount: t('errors.amount'), required: t('errors.required') };
  const schema = z.object({
    clientId: z.string().min(1, { message: t('errors.required') }),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: t('errors.required') }),
    // The API takes 0 to 60 days (the legal maximum between businesses): said as such, not "required".
    paymentTermsDays: z
      .string()
      .trim()
      .min(1, { message: t('errors.required') })
      .refine((v) => /^\d{1,2}$/.test(v) && Number(v) <= 60, { message: t('invoiceGaps.termsRange') }),
    notes: z.string().max(2000),
    serviceDate: z.string(),
    serviceEndDate: z.string(),
    vatExemption: z.enum(['', ...VAT_EXEMPTION_CHOICES]),
    lines: z.array(lineSchema(messages)).min(1),
  });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { clientId: params.get('client') ?? '', issueDate: todayIso(), paymentTermsDays: '30', notes: '', serviceDate: '', serviceEndDate: '', vatExemption: '', lines: [{ ...emptyLine }] },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      const invoice = await create.mutateAsync({
        clientId: v.clientId,
        issueDate: v.issueDate,
        paymentTermsDays: Number(v.paymentTermsDays),
        lines: v.lines.map(toApiLine),
        ...(v.notes.trim() ? { notes: v.notes } : {}),
        ...(v.serviceDate ? { serviceDate: v.serviceDate } : {}),
        ...(v.serviceEndDate ? { serviceEndDate: v.serviceEndDate } : {}),
        ...(v.vatExemption ? { vatExemption: v.vatExemption } : {}),
      });
      afterSave.created(`/invoices/${invoice.id}`);
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['clientId', 'issueDate', 'paymentTermsDays', 'serviceDate', 'serviceEndDate', 'notes', 'vatExemption', 'lines'], lineErrorRename(v.lines.length))) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });

  if (clients.isPending) return <Loading />;
  if (clients.data?.length === 0) {
    return (
      <section>
        <PageHeader title={t('newInvoice.title')} />
        <EmptyState title={t('newInvoice.noClients')} action={{ to: '/clients/new', label: t('clients.new') }} />
      </section>
    );
  }
  return (
    <section>
      <PageHeader title={t('newInvoice.title')} />
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
          <Field label={t('newInvoice.terms')} error={errors.paymentTermsDays?.message}>
            {(p) => <input {...p} inputMode="numeric" {...form.register('paymentTermsDays')} />}
          </Field>
        </div>
        <ServiceDateFields register={form.register} errors={errors} />
        <VatExemptionField register={form.register('vatExemption')} error={errors.vatExemption?.message} />
        <LinesEditor
          control={form.control}
          register={form.register}
          errors={errors}
        />
        <Field label={t('newInvoice.notes')} error={errors.notes?.message}>
          {(p) => <textarea {...p} rows={3} style={{ minHeight: '5rem' }} {...form.register('notes')} />}
        </Field>
        <SubmitButton className="button primary" busy={isSubmitting}>
          {t('newInvoice.create')}
        </SubmitButton>
      </form>
    </section>
  );
}
