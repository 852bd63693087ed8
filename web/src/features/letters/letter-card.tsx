import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { DocumentLink } from '../../components/document-link';
import { Field, SubmitButton } from '../../components/ui';
import { applyApiErrors } from '../../lib/forms';
import { useI18n } from '../../lib/i18n';
import { ApiError } from '../../lib/problem';
import type { LetterToPost } from './api';
import './texts';

const postedSchema = (tooLong: string) => z.object({ trackingNumber: z.string().trim().max(40, { message: tooLong }) });
type PostedForm = z.infer<ReturnType<typeof postedSchema>>;

/** One letter: who and where to, what it claims, its PDF, and "posted" with an optional registered mail number. */
export const LetterCard = ({
  letter,
  onPosted,
  onWithdraw,
}: {
  letter: LetterToPost;
  onPosted: (trackingNumber?: string) => Promise<unknown>;
  /** The owner will not post it (asked first). */
  onWithdraw?: () => Promise<unknown>;
}) => {
  const { t, money, dateTime } = useI18n();
  const form = useForm<PostedForm>({
    resolver: zodResolver(postedSchema(t('letters.trackingTooLong'))),
    defaultValues: { trackingNumber: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      await onPosted(v.trackingNumber || undefined);
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['trackingNumber'])) form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
    }
  });
  const a = letter.address;
  // A letter listing several invoices of the client (groupByClient) is listed once, under one of its steps.
  const numbers = letter.invoiceNumbers ?? [letter.invoiceNumber];
  const grouped = numbers.length > 1;
  const label = numbers.join(', ');
  const headingId = `letter-${letter.invoiceId}-${letter.stepId}`;
  return (
    <li data-testid="letter">
      <article className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('letters.letterFor', { client: letter.clientName })}</h2>
        <dl className="kv">
          <dt>{grouped ? t('letters.invoices') : t('letters.invoice')}</dt>
          <dd>
            <Link to={`/invoices/${letter.invoiceId}`} className="doc-number">{letter.invoiceNumber}</Link>
            {grouped && `, ${numbers.filter((n) => n !== letter.invoiceNumber).join(', ')}`}
          </dd>
          <dt>{t('letters.amount')}</dt>
          <dd>{money(letter.amountCents)}</dd>
          <dt>{t('letters.producedAt')}</dt>
          <dd>{dateTime(letter.producedAt)}</dd>
          <dt>{t('letters.address')}</dt>
          <dd>
            {a ? (
              <address style={{ fontStyle: 'normal' }}>
                {letter.clientName}
                <br />
                {a.line1}
                {a.line2 && (
                  <>
                    <br />
                    {a.line2}
                  </>
                )}
                <br />
                {a.postalCode} {a.city}
                {a.country && a.country !== 'FR' && (
                  <>
                    <br />
                    {a.country}
                  </>
                )}
              </address>
            ) : (
              <span className="field-error">{t('letters.noAddress')}</span>
            )}
          </dd>
        </dl>
        <p>
          <DocumentLink path={letter.pdfUrl} label={t('letters.download', { number: label })} filename={`mise-en-demeure-${letter.invoiceNumber}.pdf`} />
        </p>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('letters.postedLabel', { number: label })}>
          {errors.root && (
            <p role="alert" className="error-box">
              {errors.root.message}
            </p>
          )}
          <Field label={t('letters.tracking')} hint={t('letters.trackingHint')} error={errors.trackingNumber?.message}>
            {(p) => <input {...p} autoComplete="off" {...form.register('trackingNumber')} />}
          </Field>
          <div className="row">
            <SubmitButton className="button primary" busy={isSubmitting}>
              {t('letters.posted')}
            </SubmitButton>
            {onWithdraw && (
              <button
                type="button"
                className="button"
                disabled={isSubmitting}
                aria-label={t('letters.withdrawLabel', { number: label })}
                onClick={() => {
                  if (!window.confirm(t('letters.withdrawConfirm'))) return;
                  onWithdraw().catch((error: unknown) => form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') }));
                }}
              >
                {t('letters.withdraw')}
              </button>
            )}
          </div>
        </form>
      </article>
    </li>
  );
};
