import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from './ui';
import { useI18n } from '../lib/i18n';

/** The API's reasons for charging no VAT (shared/domain/vat-exemption.ts); '' = none given. */
export const VAT_EXEMPTION_CHOICES = ['franchise', 'construction_subcontracting', 'eu_services', 'eu_goods'] as const;
export type VatExemptionChoice = (typeof VAT_EXEMPTION_CHOICES)[number] | '';

/** Why the invoice charges no VAT: its PDF prints the mention the law words for that case. */
export const VatExemptionField = ({ register, error }: { register: UseFormRegisterReturn; error?: string | undefined }) => {
  const { t } = useI18n();
  return (
    <Field label={t('newInvoice.vatExemption')} hint={t('newInvoice.vatExemptionHint')} {...(error ? { error } : {})}>
      {(p) => (
        <select {...p} {...register}>
          <option value="">{t('newInvoice.vatExemptions.none')}</option>
          {VAT_EXEMPTION_CHOICES.map((c) => (
            <option key={c} value={c}>
              {t(`newInvoice.vatExemptions.${c}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
};
