import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Navigate, useParams } from 'react-router';
import { z } from 'zod';
import { lineErrorRename, LinesEditor, lineSchema, toApiLine, toLineForm } from '../../../components/lines-editor';
import { Field, Loading, PageHeader, ScreenError, SubmitButton } from '../../../components/ui';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useQuote, useUpdateQuote, type Quote, type QuotePatch } from '../api';
import { VAT_EXEMPTION_CHOICES, VatExemptionField } from '../../../components/vat-exemption-field';
import '../texts';
import { useAfterSave } from '../../../lib/after-save';

/** A pending quote not yet sent: dates, lines and notes, as `PATCH /quotes/{id}` takes them; API field errors under their field. */
export const EditQuoteForm = ({ quote, onSubmit }: { quote: Quote; onSubmit: (patch: QuotePatch) => Promise<unknown> }) => {
  const { t, lang } = useI18n();
  const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: t('errors.required') });
  const schema = z
    .object({
      issueDate: date,
      validUntil: date,
      notes: z.string().max(2000),
      vatExemption: z.enum(['', ...VAT_EXEMPTION_CHOICES]),
      lines: z.array(lineSchema({ amount: t('errors.amount'), required: t('errors.required') })).min(1),
    })
    .refine((v) => v.validUntil >= v.issueDate, { path: ['validUntil'], message: t('quoteMore.validBeforeIssue') });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { issueDate: quote.issueDate, validUntil: quote.validUntil, notes: quote.notes ?? '', vatExemption: quote.vatExemption ?? '', lines: quote.lines.map((l) => toLineForm(l, lang)) },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      await onSubmit({ issueDate: v.issueDate, validUntil: v.validUntil, lines: v.lines.map(toApiLine), notes: v.notes.trim() ? v.notes : null, ...(v.vatExemption !== (quote.vatExemption ?? '') ? { vatExemption: v.vatExemption || null } : {}) });
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['issueDate', 'validUntil', 'notes', 'vatExemption', 'lines'], lineErrorRename(v.lines.length))) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('quoteMore.edit')}>
      {errors.root && (
        <p role="alert" className="error-box">
          {errors.root.message}
        </p>
      )}
      <div className="grid-2">
        <Field label={t('newInvoice.issueDate')} error={errors.issueDate?.message}>
          {(p) => <input {...p} type="date" {...form.register('issueDate')} />}
        </Field>
        <Field label={t('quoteMore.validUntil')} error={errors.validUntil?.message}>
          {(p) => <input {...p} type="date" {...form.register('validUntil')} />}
        </Field>
      </div>
      <VatExemptionField register={form.register('vatExemption')} error={errors.vatExemption?.message} />
      <LinesEditor control={form.control} register={form.register} errors={errors} />
      <Field label={t('quoteMore.notes')} error={errors.notes?.message}>
        {(p) => <textarea {...p} rows={3} style={{ minHeight: '5rem' }} {...form.register('notes')} />}
      </Field>
      <SubmitButton className="button primary" busy={isSubmitting}>
        {t('quoteMore.save')}
      </SubmitButton>
    </form>
  );
};

export default function EditQuoteScreen() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const afterSave = useAfterSave();
  const quote = useQuote(id);
  const update = useUpdateQuote(id);
  if (quote.isPending) return <Loading />;
  if (quote.isError) return <ScreenError error={quote.error} retry={() => void quote.refetch()} />;
  // Once sent (or decided), a quote is what the client received: not edited.
  if (quote.data.status !== 'pending' || quote.data.sentAt) return <Navigate to={`/quotes/${id}`} replace />;
  return (
    <section>
      <PageHeader title={t('quoteMore.edit')} />
      <EditQuoteForm
        quote={quote.data}
        onSubmit={async (body) => {
          await update.mutateAsync(body);
          afterSave.edited(`/quotes/${id}`);
        }}
      />
    </section>
  );
}
