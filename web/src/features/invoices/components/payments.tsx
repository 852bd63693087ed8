import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorMessage, Field, SubmitButton } from '../../../components/ui';
import { centsToInput, parseMoney, todayIso } from '../../../lib/format';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useUntilNextAction } from '../../../lib/until-next-action';
import { useInvoiceAction, usePayments } from '../api';
import '../texts';

const METHODS = ['transfer', 'card', 'cheque', 'cash', 'direct_debit', 'other'] as const;

export const paymentSchema = (messages: { amount: string; required: string; positive?: string }) =>
  z.object({
    amount: z
      .string()
      .trim()
      .min(1, { message: messages.required })
      .refine((v) => parseMoney(v) !== undefined, { message: messages.amount })
      .refine((v) => parseMoney(v) === undefined || parseMoney(v)! > 0, { message: messages.positive ?? messages.amount }),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: messages.required }),
    method: z.enum(METHODS),
    reference: z.string().max(200),
  });
type PaymentForm = z.infer<ReturnType<typeof paymentSchema>>;

/** What the client said it paid from the portal ("J'ai payé"): the form starts from it, to be checked against the bank account. */
export interface PaymentClaim {
  amountCents: number;
  date: string;
  reference?: string;
}

export const PaymentFormView = ({
  onSubmit,
  claim,
}: {
  onSubmit: (value: { amountCents: number; date: string; method: (typeof METHODS)[number]; reference?: string }) => Promise<unknown>;
  claim?: PaymentClaim;
}) => {
  const { t, money, lang } = useI18n();
  // Said under the button: on a phone the balance that moved is a screen above.
  const [saved, setSaved] = useState<number | null>(null);
  const form = useForm<PaymentForm>({
    resolver: zodResolver(paymentSchema({ amount: t('errors.amount'), required: t('errors.required'), positive: t('errors.positive') })),
    defaultValues: claim
      ? { amount: centsToInput(claim.amountCents, lang), date: claim.date, method: 'transfer', reference: claim.reference ?? '' }
      : { amount: '', date: todayIso(), method: 'transfer', reference: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      const amountCents = parseMoney(v.amount)!;
      setSaved(null);
      await onSubmit({ amountCents, date: v.date, method: v.method, ...(v.reference ? { reference: v.reference } : {}) });
      form.reset({ amount: '', date: v.date, method: v.method, reference: '' });
      setSaved(amountCents);
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['amount', 'date', 'method', 'reference'], { amountCents: 'amount' })) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)} onChange={() => setSaved(null)} noValidate aria-label={t('invoice.addPayment')}>
      {errors.root && <p role="alert" className="error-box">{errors.root.message}</p>}
      <div className="grid-2">
        <Field label={t('invoice.paymentAmount')} error={errors.amount?.message}>
          {(p) => <input {...p} inputMode="decimal" autoComplete="off" {...form.register('amount')} />}
        </Field>
        <Field label={t('invoice.paymentDate')} error={errors.date?.message}>
          {(p) => <input {...p} type="date" {...form.register('date')} />}
        </Field>
        <Field label={t('invoice.paymentMethod')} error={errors.method?.message}>
          {(p) => (
            <select {...p} {...form.register('method')}>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`invoice.methods.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('invoice.paymentReference')} error={errors.reference?.message}>
          {(p) => <input {...p} {...form.register('reference')} />}
        </Field>
      </div>
      {claim && saved === null && <p className="muted">{t('invoiceGaps.claimPrefilled')}</p>}
      <SubmitButton className="button primary" busy={isSubmitting}>
        {t('invoice.addPayment')}
      </SubmitButton>
      {saved !== null && (
        <p role="status" className="success">
          {t('invoiceGaps.paymentSaved', { amount: money(saved) })}
        </p>
      )}
    </form>
  );
};

/**
 * `canRemove` false: the invoice was cancelled or written off, a credit note closed its balance and the API refuses to
 * remove its payments (422 `invoice-closed`), so no "Retirer" is offered (it asked to confirm, then failed).
 */
export const Payments = ({ invoiceId, canPay, canRemove = true, claim }: { invoiceId: string; canPay: boolean; canRemove?: boolean; claim?: PaymentClaim & { at: string } }) => {
  const { t, money, date } = useI18n();
  const payments = usePayments(invoiceId);
  const actions = useInvoiceAction(invoiceId);
  // A removed payment's button goes: the focus would fall to the page's top. It goes to the
  // section's heading instead, and the removal is said (as a recorded payment is), until the next action on the screen
  // (it stayed through a reminder sent, a pause…, as if it were their outcome).
  const heading = useRef<HTMLHeadingElement>(null);
  const [removed, setRemoved] = useUntilNextAction<number>();
  // A payment that settles the invoice takes its form away, with the message under it and the focus on its
  // button: it is said here instead, and the focus goes to the heading (it fell to the page's top, nothing said).
  const [paid, setPaid] = useState<number | null>(null);
  useEffect(() => {
    if (!canPay && paid !== null) heading.current?.focus();
  }, [canPay, paid]);
  const remove = (id: string, amountCents: number) => {
    setRemoved(null);
    setPaid(null);
    actions.removePayment.mutate(id, {
      onSuccess: () => {
        setRemoved(amountCents);
        heading.current?.focus();
      },
    });
  };
  return (
    <section aria-labelledby="payments-title" className="card" id="payments">
      <h2 id="payments-title" ref={heading} tabIndex={-1}>
        {t('invoice.payments')}
      </h2>
      {removed !== null && (
        <p role="status" className="success">
          {t('invoiceGaps.paymentRemoved', { amount: money(removed) })}
        </p>
      )}
      {!canPay && paid !== null && (
        <p role="status" className="success">
          {t('invoiceGaps.paymentSettled', { amount: money(paid) })}
        </p>
      )}
      {payments.isPending ? null : payments.isError ? (
        <ErrorMessage error={payments.error} retry={() => void payments.refetch()} />
      ) : payments.data.items.length === 0 ? (
        <p className="muted">{t('invoice.noPayments')}</p>
      ) : (
        <ul className="plain-list">
          {payments.data.items.map((p) => (
            <li key={p.id} className="row">
              <span className={p.removedAt ? 'muted' : ''} style={p.removedAt ? { textDecoration: 'line-through' } : undefined}>
                {date(p.date)} · {money(p.amountCents)} · {t(`invoice.methods.${p.method}`, { defaultValue: p.method })}
                {/* What an imported invoice had already been paid: stored by the import with a French reference (imp-pay-…). */}
                {p.reference ? ` · ${p.id.startsWith('imp-pay-') && p.reference === 'Réglé avant import' ? t('invoice.paidBeforeImport') : p.reference}` : ''}
              </span>
              {p.removedAt ? (
                <span className="muted">({t('invoice.removed')})</span>
              ) : !canRemove ? null : (
                <button
                  type="button"
                  className="button small danger"
                  disabled={actions.removePayment.isPending}
                  onClick={() => window.confirm(t('invoiceGaps.removePaymentConfirm', { amount: money(p.amountCents), date: date(p.date) })) && remove(p.id, p.amountCents)}
                  aria-label={`${t('common.remove')} ${money(p.amountCents)} ${date(p.date)}`}
                >
                  {t('common.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {actions.removePayment.isError && <ErrorMessage error={actions.removePayment.error} />}
      {canPay && (
        <PaymentFormView
          key={claim?.at ?? 'none'}
          claim={claim} onSubmit={async (v) => {
            const result = await actions.pay.mutateAsync(v);
            setRemoved(null);
            // Said "la facture est réglée" only for the payment that settled it: a partial one showed it later, once a
            // credit note closed the balance and took the form away.
            const left = (result as { invoice?: { balanceCents?: number } } | undefined)?.invoice?.balanceCents;
            setPaid(left === undefined || left === 0 ? v.amountCents : null);
            return result;
          }}
        />
      )}
    </section>
  );
};
