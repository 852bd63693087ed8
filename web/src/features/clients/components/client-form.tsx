import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Field, SubmitButton } from '../../../components/ui';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { useScenarioName } from '../../../lib/scenario-name';
import { ApiError } from '../../../lib/problem';
import { isValidSiren, isValidVatNumber, normalizeSpaces, phoneForApi, phoneForReading, phoneMissesTexts } from '../../../lib/validators';
import '../texts';
import type { Client, ClientInput } from '../api';

const FIELDS = ['name', 'kind', 'email', 'ccEmails', 'phone', 'siren', 'vatNumber', 'address', 'language', 'remindersEnabled', 'scenarioId'] as const;

export const clientSchema = (m: { required: string; email: string; siren: string; vatNumber?: string }) =>
  z.object({
    name: z.string().trim().min(1, { message: m.required }).max(200),
    kind: z.enum(['business', 'consumer']),
    email: z.string().trim().email({ message: m.email }),
    ccEmails: z.string().refine((v) => v.split(',').map((s) => s.trim()).filter(Boolean).every((s) => z.string().email().safeParse(s).success), { message: m.email }),
    phone: z.string().max(30),
    siren: z.string().refine((v) => v.trim() === '' || isValidSiren(v), { message: m.siren }),
    vatNumber: z.string().max(30).refine((v) => v.trim() === '' || isValidVatNumber(v), { message: m.vatNumber ?? m.siren }),
    address: z.object({ line1: z.string().max(200), line2: z.string().max(200), postalCode: z.string().max(10), city: z.string().max(100), country: z.string().length(2) }),
    language: z.enum(['fr', 'en']),
    remindersEnabled: z.boolean(),
    scenarioId: z.string(),
  });
export type ClientForm = z.infer<ReturnType<typeof clientSchema>>;

export const toClientInput = (v: ClientForm): ClientInput => ({
  name: v.name.trim(),
  kind: v.kind,
  email: v.email.trim(),
  ccEmails: v.ccEmails.split(',').map((s) => s.trim()).filter(Boolean),
  language: v.language,
  remindersEnabled: v.remindersEnabled,
  ...(v.siren.trim() ? { siren: normalizeSpaces(v.siren) } : {}),
  // An intra-EU invoice needs it (422 naming client.vatNumber at sending): the form had no field for it.
  ...(v.vatNumber.trim() ? { vatNumber: v.vatNumber.trim() } : {}),
  ...(v.phone.trim() ? { phone: phoneForApi(v.phone) } : {}),
  // The address as typed, its second line and its country kept: the form sent `country: 'FR'` and no second line, so
  // saving a Belgian client (any change: its email) failed on its 4-digit postal code, a German one became French, and a
  // "Bâtiment B" was dropped from the letters' address.
  ...(v.address.line1.trim()
    ? {
        address: {
          line1: v.address.line1.trim(),
          ...(v.address.line2.trim() ? { line2: v.address.line2.trim() } : {}),
          postalCode: v.address.postalCode.trim(),
          city: v.address.city.trim(),
          country: v.address.country,
        },
      }
    : {}),
  ...(v.scenarioId ? { scenarioId: v.scenarioId } : {}),
});

const fromClient = (c?: Client): ClientForm => ({
  name: c?.name ?? '',
  kind: c?.kind ?? 'business',
  email: c?.email ?? '',
  ccEmails: (c?.ccEmails ?? []).join(', '),
  phone: c?.phone ? phoneForReading(c.phone) : '',
  siren: c?.siren ?? '',
  vatNumber: c?.vatNumber ?? '',
  address: { line1: c?.address?.line1 ?? '', line2: c?.address?.line2 ?? '', postalCode: c?.address?.postalCode ?? '', city: c?.address?.city ?? '', country: c?.address?.country ?? 'FR' },
  language: c?.language ?? 'fr',
  remindersEnabled: c?.remindersEnabled ?? true,
  scenarioId: c?.scenarioId ?? '',
});

/**
 * France first, then the countries a French artisan's clients are mostly in (the EU, its neighbours), named in the
 * user's language; a client's own country outside them is kept as a choice.
 */
const COUNTRIES = ['FR', 'BE', 'LU', 'CH', 'MC', 'DE', 'ES', 'IT', 'PT', 'NL', 'AT', 'IE', 'GB', 'AD', 'DK', 'SE', 'FI', 'PL', 'CZ', 'GR', 'RO', 'BG', 'HU', 'SK', 'SI', 'HR', 'EE', 'LV', 'LT', 'CY', 'MT', 'NO', 'US', 'CA', 'MA', 'TN', 'DZ', 'SN', 'CI'] as const;
const countryChoices = (lang: string, current?: string): [string, string][] => {
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const codes: string[] = [...COUNTRIES];
  if (current && !codes.includes(current)) codes.push(current);
  const [france, ...others] = codes.map((c): [string, string] => [c, names.of(c) ?? c]);
  return [france!, ...others.sort((a, b) => a[1].localeCompare(b[1], lang))];
};

/** New and edit: errors from zod or from the API's problem+json appear under their field. */
export const ClientFormView = ({
  client,
  scenarios,
  submitLabel,
  onSubmit,
}: {
  client?: Client;
  scenarios: readonly { id: string; name: string; tags?: readonly string[] | null }[];
  submitLabel: string;
  onSubmit: (input: ClientInput) => Promise<unknown>;
}) => {
  const { t, lang } = useI18n();
  const said = useScenarioName();
  // No scenario of its own: the client follows the scenario of the first of its categories that has one (the API's
  // rule, shared/app/reminders/reminder-context.ts), else the default. The choice read "Scénario par défaut" for a
  // client whose category "grand-compte" sends it "Grands comptes".
  const byCategory = (client?.tags ?? []).flatMap((tag) => {
    const bound = scenarios.find((s) => s.tags?.includes(tag));
    return bound ? [{ tag, scenario: said(bound.name) }] : [];
  })[0];
  const form = useForm<ClientForm>({
    resolver: zodResolver(clientSchema({ required: t('errors.required'), email: t('errors.email'), siren: t('errors.siren'), vatNumber: t('errors.vatNumber') })),
    defaultValues: fromClient(client),
  });
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    try {
      await onSubmit(toClientInput(v));
    } catch (error) {
      // A scenario citing penalties for a consumer: said in a sentence naming the scenario, not the API's list of
      // template ids and {{variables}} for each step ("Étape 2 : Le modèle « reminder » cite … ({{penaltyRate}}, …)").
      const penalties = error instanceof ApiError && error.problem.type?.endsWith('/penalties-for-consumer') ? error.fieldErrors() : {};
      const scenario = scenarios.find((s) => s.id === v.scenarioId);
      if (penalties.scenarioId && scenario) form.setError('scenarioId', { type: 'server', message: t('clientMore.scenarioPenalties', { scenario: said(scenario.name) }) }, { shouldFocus: true });
      else if (penalties.kind) form.setError('kind', { type: 'server', message: t('clientMore.kindPenalties') }, { shouldFocus: true });
      else if (!applyApiErrors(error, form.setError, FIELDS)) form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      throw error;
    }
  });
  return (
    <form onSubmit={(e) => void submit(e).catch(() => undefined)} noValidate aria-label={submitLabel}>
      {errors.root && <p role="alert" className="error-box">{errors.root.message}</p>}
      <div className="grid-2">
        <Field label={t('clients.name')} error={errors.name?.message}>
          {(p) => <input {...p} autoComplete="organization" {...form.register('name')} />}
        </Field>
        <Field label={t('clients.kind')} error={errors.kind?.message}>
          {(p) => (
            <select {...p} {...form.register('kind')}>
              <option value="business">{t('clients.kinds.business')}</option>
              <option value="consumer">{t('clients.kinds.consumer')}</option>
            </select>
          )}
        </Field>
        <Field label={t('clients.email')} error={errors.email?.message}>
          {(p) => <input {...p} type="email" autoComplete="email" {...form.register('email')} />}
        </Field>
        <Field label={t('clients.ccEmails')} error={errors.ccEmails?.message}>
          {(p) => <input {...p} {...form.register('ccEmails')} />}
        </Field>
        <Field
          label={t('clientMore.clientPhone')}
          hint={t('clientMore.clientPhoneHint')}
          error={errors.phone?.message}
          warning={phoneMissesTexts(form.watch('phone')) ? t('clientMore.landline') : undefined}
        >
          {(p) => <input {...p} type="tel" autoComplete="tel" {...form.register('phone')} />}
        </Field>
        <Field label={t('clients.siren')} error={errors.siren?.message}>
          {(p) => <input {...p} inputMode="numeric" {...form.register('siren')} />}
        </Field>
        <Field label={t('clientMore.vatNumber')} hint={t('clientMore.vatNumberHint')} error={errors.vatNumber?.message}>
          {(p) => <input {...p} autoCapitalize="characters" {...form.register('vatNumber')} />}
        </Field>
        <Field label={t('clients.language')} error={errors.language?.message}>
          {(p) => (
            <select {...p} {...form.register('language')}>
              <option value="fr">{t('clients.languages.fr')}</option>
              <option value="en">{t('clients.languages.en')}</option>
            </select>
          )}
        </Field>
        <Field label={t('clients.address')} error={errors.address?.line1?.message}>
          {(p) => <input {...p} autoComplete="address-line1" {...form.register('address.line1')} />}
        </Field>
        <Field label={t('clientMore.addressLine2')} error={errors.address?.line2?.message}>
          {(p) => <input {...p} autoComplete="address-line2" {...form.register('address.line2')} />}
        </Field>
        <Field label={t('clients.postalCode')} error={errors.address?.postalCode?.message}>
          {(p) => <input {...p} autoComplete="postal-code" {...form.register('address.postalCode')} />}
        </Field>
        <Field label={t('clients.city')} error={errors.address?.city?.message}>
          {(p) => <input {...p} autoComplete="address-level2" {...form.register('address.city')} />}
        </Field>
        <Field label={t('clientMore.country')} error={errors.address?.country?.message}>
          {(p) => (
            <select {...p} autoComplete="country" {...form.register('address.country')} value={form.watch('address.country')}>
              {countryChoices(lang, client?.address?.country).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('clients.scenario')} error={errors.scenarioId?.message}>
          {(p) => (
            // Its value given, so React selects the client's scenario once the scenarios are read (they may come after
            // the client: the select was set with no option for it and showed "Scénario par défaut").
            <select {...p} {...form.register('scenarioId')} value={form.watch('scenarioId')}>
              <option value="">{byCategory ? t('clientMore.categoryScenario', byCategory) : t('clients.defaultScenario')}</option>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {said(s.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" {...form.register('remindersEnabled')} /> {t('clients.reminders')}
      </label>
      <SubmitButton className="button primary" busy={isSubmitting}>
        {submitLabel}
      </SubmitButton>
      {isSubmitSuccessful && client && (
        <p role="status" className="success">
          {t('common.saved')}
        </p>
      )}
    </form>
  );
};
