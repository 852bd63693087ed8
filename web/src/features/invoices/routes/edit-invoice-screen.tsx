import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Navigate, useParams } from 'react-router';
import { z } from 'zod';
import { lineErrorRename, LinesEditor, lineSchema, toApiLine, toLineForm } from '../../../components/lines-editor';
import { Field, Loading, PageHeader, ScreenError, SubmitButton } from '../../../components/ui';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useInvoice, useInvoiceAction, type Invoice, type InvoicePatch } from '../api';
import { VAT_EXEMPTION_CHOICES, VatExemptionField } from '../../../components/vat-exemption-field';
import '../texts';
import { useAfterSave } from '../../../lib/after-save';
import { ServiceDateFields } from '../components/service-date-fields';

/** A draft's dates, lines and notes, as `PATCH /invoices/{id}` takes them; API field errors under their field. */
export const EditInvoiceForm = ({ invoice, onSubmit }: { invoice: Invoice; onSubmit: (patch: InvoicePatch) => Promise<unknown> }) => {
  const { t, lang } = useI18n();
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: t('errors.required') });
  const schema = z
    .object({
      issueDate: date,
      dueDate: date,
      notes: z.string().max(2000),
      serviceDate: z.string(),
      serviceEndDate: z.string(),
      vatExemption: z.enum(['', ...VAT_EXEMPTION_CHOICES]),
      lines: z.array(lineSchema({ amount: t('errors.amount'), required: t('errors.required') })).min(1),
    })
    .refine((v) => v.dueDate >= v.issueDate, { path: ['dueDate'], message: t('invoiceGaps.dueBeforeIssue') });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { issueDate: invoice.issueDate, dueDate: invoice.dueDate, notes: invoice.notes ?? '', serviceDate: invoice.serviceDate ?? '', serviceEndDate: invoice.serviceEndDate ?? '', vatExemption: invoice.vatExemption ?? '', lines: invoice.lines.map((l) => toLineForm(l, lang)) },
  });
  const { errors, isSubmitting } = form.formState;
  // The service dates go together when either changed: the API checks the period they make.
  const serviceChange = (v: Form): Pick<InvoicePatch, 'serviceDate' | 'serviceEndDate'> =>
    v.serviceDate !== (invoice.serviceDate ?? '') || v.serviceEndDate !== (invoice.serviceEndDate ?? '') ? { serviceDate: v.serviceDate || null, serviceEndDate: v.serviceEndDate || null } : {};
  const submit = form.handleSubmit(async (v) => {
    try {
      await onSubmit({ issueDate: v.issueDate, dueDate: v.dueDate, lines: v.lines.map(toApiLine), notes: v.notes.trim() ? v.notes : null, ...serviceChange(v), ...(v.vatExemption !== (invoice.vatExemption ?? '') ? { vatExemption: v.vatExemption || null } : {}) });
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['issueDate', 'dueDate', 'serviceDate', 'serviceEndDate', 'notes', 'vatExemption', 'lines'], lineErrorRename(v.lines.length))) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('invoiceGaps.editTitle')}>
      {errors.root && (
        <p role="alert" className="error-box">
          {errors.root.message}
        </p>
      )}
      <div className="grid-2">
        <Field label={t('newInvoice.issueDate')} error={errors.issueDate?.message}>
          {(p) => <input {...p} type="date" {...form.register('issueDate')} />}
        </Field>
        <Field label={t('invoiceGaps.dueDate')} error={errors.dueDate?.message}>
          {(p) => <input {...p} type="date" {...form.register('dueDate')} />}
        </Field>
      </div>
      <ServiceDateFields register={form.register} errors={errors} />
      <VatExemptionField register={form.register('vatExemption')} error={errors.vatExemption?.message} />
      <LinesEditor control={form.control} register={form.register} errors={errors} />
      <Field label={t('newInvoice.notes')} error={errors.notes?.message}>
        {(p) => <textarea {...p} rows={3} style={{ minHeight: '5rem' }} {...form.register('notes')} />}
      </Field>
      <SubmitButton className="button primary" busy={isSubmitting}>
        {t('invoiceGaps.save')}
      </SubmitButton>
    </form>
  );
};

export default function EditInvoiceScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const afterSave = useAfterSave();
  const invoice = useInvoice(id);
  const { patch } = useInvoiceAction(id);
  if (invoice.isPending) return <Loading />;
  if (invoice.isError) return <ScreenError error={invoice.error} retry={() => void invoice.refetch()} />;
  // Only a draft is edited; an issued invoice is corrected by a credit note.
  if (invoice.data.status !== 'draft') return <Navigate to={`/invoices/${id}`} replace />;
  return (
    <section>
      <PageHeader title={t('invoiceGaps.editTitle')} />
      <EditInvoiceForm
        invoice={invoice.data}
        onSubmit={async (body) => {
          await patch.mutateAsync(body);
          afterSave.edited(`/invoices/${id}`);
        }}
      />
    </section>
  );
}
