/**
 * Invoice and quote lines, shared by both forms: description, quantity, unit price typed in
 * euros (parsed to cents), VAT rate among the French rates.
 */
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import i18next from 'i18next';
import { z } from 'zod';
import '../lib/zod-messages';
import { centsToInput, parseMoney, type Lang } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Field, Stat } from './ui';

export const VAT_RATES = [20, 10, 5.5, 2.1, 0] as const;

export const lineSchema = (messages: { amount: string; required: string }) =>
  z.object({
    description: z.string().trim().min(1, { message: messages.required }).max(500),
    quantity: z
      .string()
      .trim()
      .min(1, { message: messages.required })
      .refine((v) => Number(v.replace(',', '.')) > 0, { message: i18next.language === 'en' ? 'A quantity above 0' : 'Une quantité supérieure à 0' }),
    // Left empty: "Obligatoire", as the other fields say (not "Montant invalide" for nothing typed).
    unitPrice: z.string().trim().min(1, { message: messages.required }).refine((v) => parseMoney(v) !== undefined, { message: messages.amount }),
    vatRate: z.string(),
  });
export type LineForm = z.infer<ReturnType<typeof lineSchema>>;
export const emptyLine: LineForm = { description: '', quantity: '1', unitPrice: '', vatRate: '20' };

export const toApiLine = (line: LineForm) => ({
  description: line.description.trim(),
  quantity: Number(line.quantity.replace(',', '.')),
  unitPriceCents: parseMoney(line.unitPrice)!,
  vatRate: Number(line.vatRate) as (typeof VAT_RATES)[number],
});

/** A line as the API answers it, back into the form's strings (for editing a draft or a quote). */
export const toLineForm = (line: { description: string; quantity: number; unitPriceCents: number; vatRate: number }, lang: Lang): LineForm => ({
  description: line.description,
  quantity: String(line.quantity).replace('.', lang === 'fr' ? ',' : '.'),
  unitPrice: centsToInput(line.unitPriceCents, lang),
  vatRate: String(line.vatRate),
});

const divRound = (n: bigint, d: bigint): bigint => {
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  return neg ? -q : q;
};

/**
 * The running totals of the lines typed so far, as the API computes them (shared/domain/invoice.ts:
 * per line, net = quantity × unit price and VAT on that net, each rounded half away from zero to the
 * cent, then summed; a test compares them). A line whose quantity or price cannot be read counts 0.
 */
export const linesTotals = (lines: readonly Partial<LineForm>[]): { netCents: number; vatCents: number; grossCents: number } => {
  let net = 0n;
  let vat = 0n;
  for (const line of lines) {
    const quantity = Number((line.quantity ?? '').trim().replace(',', '.'));
    const price = parseMoney(line.unitPrice ?? '');
    if (!(quantity > 0) || !Number.isFinite(quantity) || price === undefined) continue;
    const lineNet = divRound(BigInt(Math.round(quantity * 1000)) * BigInt(price), 1000n);
    net += lineNet;
    vat += divRound(lineNet * BigInt(Math.round(Number(line.vatRate ?? '0') * 100)), 10_000n);
  }
  return { netCents: Number(net), vatCents: Number(vat), grossCents: Number(net + vat) };
};

/**
 * API paths `lines.0.unitPriceCents` name the form's `lines.0.unitPrice`. A whole line refused (`lines.0`: its total
 * over the ceiling) is said under its unit price, which takes the focus; the whole document (`lines`: the total) under
 * the totals (`lines.root`, react-hook-form's place for an array's own error). Both were set where nothing showed them.
 */
export const lineErrorRename = (count: number): Record<string, string> => ({
  ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`lines.${i}.unitPriceCents`, `lines.${i}.unitPrice`])),
  ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`lines.${i}`, `lines.${i}.unitPrice`])),
  lines: 'lines.root',
});

type WithLines = { lines: LineForm[] };

export const LinesEditor = <T extends WithLines>({
  control,
  register: registerAny,
  errors,
}: {
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<WithLines>;
}) => {
  const { t, vatRate, money } = useI18n();
  // react-hook-form's generics do not narrow a form to its `lines` part.
  const lines = useFieldArray({ control: control as unknown as Control<WithLines>, name: 'lines' });
  const register = registerAny as unknown as UseFormRegister<WithLines>;
  const watched = useWatch({ control: control as unknown as Control<WithLines>, name: 'lines' });
  const totals = linesTotals(watched ?? []);
  return (
    <fieldset className="card">
      <legend>{t('invoice.lines')}</legend>
      {lines.fields.map((field, i) => {
        const e = errors.lines?.[i];
        return (
          <div className="line-row" key={field.id}>
            <Field label={t('invoice.description')} error={e?.description?.message}>
              {(p) => <input {...p} {...register(`lines.${i}.description`)} />}
            </Field>
            <Field label={t('invoice.quantity')} error={e?.quantity?.message}>
              {(p) => <input {...p} inputMode="decimal" {...register(`lines.${i}.quantity`)} />}
            </Field>
            <Field label={t('invoice.unitPrice')} error={e?.unitPrice?.message}>
              {(p) => <input {...p} inputMode="decimal" {...register(`lines.${i}.unitPrice`)} />}
            </Field>
            <Field label={t('invoice.vatRate')} error={e?.vatRate?.message}>
              {(p) => (
                // defaultValue as well: the rate of an edited line is selected from the first render.
                <select {...p} defaultValue={field.vatRate} {...register(`lines.${i}.vatRate`)}>
                  {VAT_RATES.map((r) => (
                    <option key={r} value={String(r)}>
                      {vatRate(r)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="field">
              <button type="button" className="button small ghost" disabled={lines.fields.length === 1} onClick={() => lines.remove(i)}>
                {t('newInvoice.removeLine', { n: i + 1 })}
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" className="button small" onClick={() => lines.append({ ...emptyLine })}>
        {t('newInvoice.addLine')}
      </button>
      {/* The running total, read out politely as the lines change (HT, TVA, TTC as the PDF will print them). */}
      <dl className="stats" style={{ marginTop: '0.75rem' }} aria-live="polite" data-testid="lines-totals">
        <Stat label={t('invoice.net')} value={money(totals.netCents)} />
        <Stat label={t('invoice.vat')} value={money(totals.vatCents)} />
        <Stat label={t('invoice.gross')} value={<strong>{money(totals.grossCents)}</strong>} />
      </dl>
      {/* The document's own refusal (its total over the ceiling): no field to focus, so announced. */}
      {errors.lines?.root?.message && (
        <p role="alert" className="field-error" data-testid="lines-error">
          {errors.lines.root.message}
        </p>
      )}
    </fieldset>
  );
};
