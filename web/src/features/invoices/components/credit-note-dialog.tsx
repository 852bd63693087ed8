import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type RefObject } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Dialog, Field, SubmitButton } from '../../../components/ui';
import { parseMoney } from '../../../lib/format';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useInvoiceAction } from '../api';

/** The credit note form; with `open`/`onOpenChange` it is opened from the invoice's "more actions" menu (no button of its own). */
export const CreditNoteDialog = ({
  invoiceId,
  open: controlledOpen,
  onOpenChange,
  returnFocus,
  onIssued,
}: {
  invoiceId: string;
  /** Told what the API answered: whether the credit note's email to the client left. */
  onIssued?: (result: { creditNote: { number: string }; emailStatus: 'sent' | 'failed' }) => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  returnFocus?: RefObject<HTMLElement | null>;
}) => {
  const { t } = useI18n();
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (o: boolean) => (onOpenChange ?? setOwnOpen)(o);
  const { creditNote } = useInvoiceAction(invoiceId);
  const schema = z.object({
    reason: z.string().trim().min(1, { message: t('errors.required') }).max(500),
    amount: z
      .string()
      .refine((v) => v.trim() === '' || parseMoney(v) !== undefined, { message: t('errors.amount') })
      .refine((v) => v.trim() === '' || parseMoney(v) === undefined || parseMoney(v)! > 0, { message: t('errors.positive') }),
  });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { reason: '', amount: '' } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      const issued = await creditNote.mutateAsync({ reason: v.reason, ...(v.amount.trim() ? { amountCents: parseMoney(v.amount)! } : {}) });
      onIssued?.(issued);
      setOpen(false);
      form.reset();
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['reason', 'amount'], { amountCents: 'amount' })) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t('invoice.creditNote')}
      returnFocus={returnFocus}
      trigger={controlledOpen === undefined ? <button type="button" className="button">{t('invoice.creditNote')}</button> : undefined}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        {errors.root && <p role="alert" className="error-box">{errors.root.message}</p>}
        <Field label={t('invoice.creditReason')} error={errors.reason?.message}>
          {(p) => <input {...p} {...form.register('reason')} />}
        </Field>
        <Field label={t('invoice.creditAmount')} error={errors.amount?.message}>
          {(p) => <input {...p} inputMode="decimal" {...form.register('amount')} />}
        </Field>
        <SubmitButton className="button primary" busy={isSubmitting}>
          {t('invoice.creditNote')}
        </SubmitButton>
      </form>
    </Dialog>
  );
};
