import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { Field } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';

type ServiceDates = { serviceDate: string; serviceEndDate: string };

/**
 * The date of the sale or service (CGI 242 nonies A: printed when it differs from the invoice's date), and
 * the last day of a job done over several. Both optional; the API's field errors show under them.
 */
export const ServiceDateFields = <T extends ServiceDates>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<T> }) => {
  const { t } = useI18n();
  const reg = register as unknown as UseFormRegister<ServiceDates>;
  const errs = errors as FieldErrors<ServiceDates>;
  return (
    <div className="grid-2">
      <Field label={t('newInvoice.serviceDate')} error={errs.serviceDate?.message} hint={t('newInvoice.serviceHint')}>
        {(p) => <input {...p} type="date" {...reg('serviceDate')} />}
      </Field>
      <Field label={t('newInvoice.serviceEndDate')} error={errs.serviceEndDate?.message}>
        {(p) => <input {...p} type="date" {...reg('serviceEndDate')} />}
      </Field>
    </div>
  );
};
