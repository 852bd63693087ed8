import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation } from 'react-router';
import { z } from 'zod';
import type { operations } from '../../api/schema';
import { Field, Loading, PageHeader, ScreenError, SubmitButton } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { applyApiErrors } from '../../lib/forms';
import { invalidateMoneyViews } from '../../lib/money-views';
import { useI18n } from '../../lib/i18n';
import { centsToInput, groupIban, parseMoney, type Lang } from '../../lib/format';
import { useScenarioName } from '../../lib/scenario-name';
import { ApiError } from '../../lib/problem';
import { UnsavedGuard } from '../../lib/unsaved';
import { isValidBic, isValidIban, isValidSiren, isValidVatNumber, normalizeSpaces } from '../../lib/validators';

const REGIONS = ['metropole', 'alsace-moselle', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte', 'saint-martin', 'saint-barthelemy', 'nouvelle-caledonie', 'polynesie-francaise'] as const;
import { LastSubmitted, SettingsSection, useLastSubmitted, useSections, type OnDirty } from './more-settings';
import { COMPANY_EMAIL_ANCHOR, NoReplyAddressWarning, useFieldFromHash } from './reply-address';

type Settings = operations['getSettings']['responses'][200]['content']['application/json'];
type SettingsInput = NonNullable<operations['putSettings']['requestBody']>['content']['application/json'];

const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());

/**
 * The name a new tenant's settings start with (shared/domain/settings.ts PLACEHOLDER_COMPANY_NAME):
 * not a name the user gave, and French. The form shows it as an empty field with a hint in the
 * user's language, and saving the field still empty keeps it (sending an invoice asks for a real one).
 */
export const PLACEHOLDER_COMPANY_NAME = 'Mon entreprise';

export const settingsSchema = (
  m: { required: string; siren: string; vatNumber: string; iban: string; email: string; bic: string; amount: string; range: (min: number, max: number) => string },
  { nameRequired = true }: { nameRequired?: boolean } = {},
) => {
  // Our words, not zod's English defaults ("Too big: expected number to be <=23").
  // An emptied field is "required", not 0 (an empty send hour meant reminders at midnight).
  const whole = (min: number, max: number) =>
    z
      .union([z.number(), z.string().trim().min(1, { message: m.required })])
      .transform(Number)
      .pipe(z.number({ message: m.range(min, max) }).int({ message: m.range(min, max) }).min(min, { message: m.range(min, max) }).max(max, { message: m.range(min, max) }));
  return z.object({
    company: z.object({
      name: z.string().trim().min(nameRequired ? 1 : 0, { message: m.required }).max(200),
      legalForm: z.string().max(100),
      // In euros as typed ("10 000", "7500,50"); sent in cents. Empty = none.
      shareCapital: z.string().refine((v) => v.trim() === '' || parseMoney(v) !== undefined, { message: m.amount }),
      registration: z.string().max(100),
      siren: z.string().refine((v) => v.trim() === '' || isValidSiren(v), { message: m.siren }),
      vatNumber: z.string().max(30).refine((v) => v.trim() === '' || isValidVatNumber(v), { message: m.vatNumber }),
      email: z.string().refine((v) => v.trim() === '' || z.string().email().safeParse(v.trim()).success, { message: m.email }),
      phone: z.string().max(30),
      iban: z.string().refine((v) => v.trim() === '' || isValidIban(v), { message: m.iban }),
      bic: z.string().refine((v) => v.trim() === '' || isValidBic(v), { message: m.bic }),
      address: z.object({ line1: z.string().max(200), line2: z.string().max(200), postalCode: z.string().max(10), city: z.string().max(100), country: z.string() }),
    }),
    remindersEnabled: z.boolean(),
    sendHour: whole(0, 23),
    timezone: z.string().trim().min(1, { message: m.required }),
    skipWeekends: z.boolean(),
    skipHolidays: z.boolean(),
    region: z.enum(REGIONS),
    minGapDays: whole(0, 30),
    defaultScenarioId: z.string(),
    language: z.enum(['fr', 'en']),
  });
};
type Form = z.input<ReturnType<typeof settingsSchema>>;
type Parsed = z.output<ReturnType<typeof settingsSchema>>;

/** The API's built-in scenario for business clients, used when no default is chosen. */
const B2B_DEFAULT = 'b2b-default';

const toForm = (s: Settings, lang: Lang): Form => ({
  company: {
    name: s.company.name === PLACEHOLDER_COMPANY_NAME ? '' : s.company.name,
    legalForm: s.company.legalForm ?? '',
    shareCapital: s.company.shareCapitalCents === undefined ? '' : centsToInput(s.company.shareCapitalCents, lang),
    registration: s.company.registration ?? '',
    siren: s.company.siren ?? '',
    vatNumber: s.company.vatNumber ?? '',
    email: s.company.email ?? '',
    phone: s.company.phone ?? '',
    // Stored without spaces; shown in groups of four, as on the bank's RIB (the API takes it either way).
    iban: s.company.iban ? groupIban(s.company.iban) : '',
    bic: s.company.bic ?? '',
    // Its second line and country kept (they were dropped at every save: "Bâtiment B" left the invoices and letters).
    address: { line1: s.company.address?.line1 ?? '', line2: s.company.address?.line2 ?? '', postalCode: s.company.address?.postalCode ?? '', city: s.company.address?.city ?? '', country: s.company.address?.country ?? 'FR' },
  },
  remindersEnabled: s.remindersEnabled,
  sendHour: s.sendHour,
  timezone: s.timezone,
  skipWeekends: s.skipWeekends,
  skipHolidays: s.skipHolidays,
  region: s.region,
  minGapDays: s.minGapDays,
  // The built-in B2B scenario is the empty choice ("none chosen"), whether saved by its id or not at all.
  defaultScenarioId: s.defaultScenarioId === B2B_DEFAULT ? '' : (s.defaultScenarioId ?? ''),
  language: s.language,
});

const toInput = (v: Parsed): SettingsInput => {
  const c = v.company;
  return {
    company: {
      name: c.name.trim() || PLACEHOLDER_COMPANY_NAME,
      // An emptied field is sent as null, which removes it: PUT keeps a field left out, and an emptied phone or
      // BIC stayed on the invoices and reminders while the screen said "saved".
      legalForm: optional(c.legalForm) ?? null,
      shareCapitalCents: optional(c.shareCapital) ? parseMoney(c.shareCapital)! : null,
      registration: optional(c.registration) ?? null,
      siren: optional(c.siren) ? normalizeSpaces(c.siren) : null,
      vatNumber: optional(c.vatNumber) ?? null,
      email: optional(c.email) ?? null,
      phone: optional(c.phone) ?? null,
      iban: optional(c.iban) ? c.iban : null,
      bic: optional(c.bic) ? normalizeSpaces(c.bic).toUpperCase() : null,
      // Any part of the address given sends it whole: a postal code and city without the street were
      // dropped without a word (saved "successfully"); now the API names the part missing under its field.
      address: [c.address.line1, c.address.postalCode, c.address.city].some((part) => part.trim() !== '')
        ? {
            line1: c.address.line1.trim(),
            ...(c.address.line2.trim() ? { line2: c.address.line2.trim() } : {}),
            postalCode: c.address.postalCode.trim(),
            city: c.address.city.trim(),
            country: c.address.country || 'FR',
          }
        : null,
    },
    remindersEnabled: v.remindersEnabled,
    sendHour: v.sendHour,
    timezone: v.timezone,
    skipWeekends: v.skipWeekends,
    skipHolidays: v.skipHolidays,
    region: v.region,
    minGapDays: v.minGapDays,
    // Always sent: the built-in one by its id, as PUT keeps a field left out (going back to it kept the other).
    defaultScenarioId: v.defaultScenarioId || B2B_DEFAULT,
    language: v.language,
  };
};

export default function SettingsScreen() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')) });
  const queryClient = useQueryClient();
  // Remounted with the settings its own save answered, and only then: a section below saving its
  // fields also refreshes the settings, and keying on that threw away what was typed here unsaved.
  const [saved, setSaved] = useState(0);
  // Here, not in the form: the form is remounted with the saved settings, the "saved" notice stays.
  const save = useMutation({
    mutationFn: (body: SettingsInput) => unwrap(api().PUT('/settings', { body })),
    onSuccess: (data) => {
      queryClient.setQueryData(['settings'], data);
      // The send hour, the calendar or the program switch re-plan the reminders: plans, simulation and home read again.
      void invalidateMoneyViews(queryClient);
      setSaved((n) => n + 1);
    },
  });
  // Each form says whether it holds edits not saved: leaving the page then asks first.
  const [dirty, setDirty] = useState<Record<string, boolean>>({});
  const onDirty = useCallback((id: string, isDirty: boolean) => setDirty((d) => (d[id] === isDirty ? d : { ...d, [id]: isDirty })), []);
  // `/settings#company-email` (the warning's link from home): that field, once the form is there.
  useFieldFromHash(settings.isSuccess);
  // The form saved last: only its outcome shows ("saved" or its error), not an older one's "saved" next to it.
  const [lastSubmitted, setLastSubmitted] = useState<string>();
  const lastContext = useMemo(() => ({ last: lastSubmitted, submitted: setLastSubmitted }), [lastSubmitted]);
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ScreenError error={settings.error} retry={() => void settings.refetch()} />;
  return (
    <LastSubmitted.Provider value={lastContext}>
      <UnsavedGuard dirty={Object.values(dirty).some(Boolean)} />
      <SettingsForm key={saved} settings={settings.data} save={save} onDirty={onDirty} />
      <MoreSettings settings={settings.data} onDirty={onDirty} />
    </LastSubmitted.Provider>
  );
}

const MoreSettings = ({ settings, onDirty }: { settings: Settings; onDirty: OnDirty }) => {
  const sections = useSections(settings as unknown as Record<string, unknown>);
  return (
    <>
      {sections.map((section) => (
        <SettingsSection key={section.id} section={section} settings={settings} onDirty={onDirty} />
      ))}
    </>
  );
};

type SaveSettings = UseMutationResult<Settings, Error, SettingsInput>;

/** Where "Compléter les réglages" came from (a screen of this app, `/…`), from the link's router state. */
const backFrom = (state: unknown): string | undefined => {
  const back = (state as { back?: unknown } | null)?.back;
  return typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') ? back : undefined;
};

export const SettingsForm = ({ settings, save, onDirty }: { settings: Settings; save: SaveSettings; onDirty?: OnDirty }) => {
  const { t, lang } = useI18n();
  const scenarios = useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')) });
  const said = useScenarioName();
  const builtInB2b = scenarios.data?.items.find((s) => s.id === B2B_DEFAULT);
  // A new tenant has no name yet: the field may stay empty (the placeholder is kept); a name once given is required.
  const unnamed = settings.company.name === PLACEHOLDER_COMPANY_NAME;
  const form = useForm<Form, unknown, Parsed>({
    resolver: zodResolver(
      settingsSchema(
        { required: t('errors.required'), siren: t('errors.siren'), vatNumber: t('errors.vatNumber'), iban: t('errors.iban'), email: t('errors.email'), bic: t('errors.bic'), amount: t('errors.amount'), range: (min, max) => t('settingsMore.range', { min, max }) },
        { nameRequired: !unnamed },
      ),
    ),
    defaultValues: toForm(settings, lang),
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  useEffect(() => onDirty?.('main', isDirty), [onDirty, isDirty]);
  const last = useLastSubmitted('main');
  const back = backFrom(useLocation().state);
  const submit = form.handleSubmit(async (v) => {
    try {
      await save.mutateAsync(toInput(v));
    } catch (error) {
      if (!applyApiErrors(error, form.setError, ['company', 'remindersEnabled', 'sendHour', 'timezone', 'skipWeekends', 'skipHolidays', 'region', 'minGapDays', 'defaultScenarioId', 'language'], { 'company.shareCapitalCents': 'company.shareCapital' })) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  const text = (name: Parameters<typeof form.register>[0], label: string, error?: string, extra: Record<string, string> = {}, hint?: string) => (
    <Field label={label} error={error} hint={hint}>
      {(p) => <input {...p} {...extra} {...form.register(name)} />}
    </Field>
  );
  const e = errors.company;
  return (
    <section>
      <PageHeader title={t('settings.title')} />
      {/* The saved settings: it goes once one of the three addresses is saved (here, the reply-to or the alerts one below). */}
      <NoReplyAddressWarning settings={settings} />
      <form
        onSubmit={(ev) => {
          last.submitted();
          void submit(ev);
        }}
        noValidate
      >
        {errors.root && <p role="alert" className="error-box">{errors.root.message}</p>}
        <fieldset className="card">
          <legend>{t('settings.identity')}</legend>
          <div className="grid-2">
            {text('company.name', t('settings.companyName'), e?.name?.message, { autoComplete: 'organization', placeholder: t('settings.companyNamePlaceholder') })}
            {text('company.legalForm', t('settings.legalForm'), e?.legalForm?.message)}
            {text('company.shareCapital', t('settings.shareCapital'), e?.shareCapital?.message, { inputMode: 'decimal' }, t('settings.shareCapitalHint'))}
            {text('company.registration', t('settings.registration'), e?.registration?.message, {}, t('settings.registrationHint'))}
            {text('company.siren', t('settings.siren'), e?.siren?.message, { inputMode: 'numeric' })}
            {text('company.vatNumber', t('settings.vatNumber'), e?.vatNumber?.message)}
            <div id={COMPANY_EMAIL_ANCHOR}>{text('company.email', t('settings.email'), e?.email?.message, { type: 'email', autoComplete: 'email' })}</div>
            {text('company.phone', t('settings.phone'), e?.phone?.message, { type: 'tel', autoComplete: 'tel' })}
            {text('company.iban', t('settings.iban'), e?.iban?.message)}
            {text('company.bic', t('settings.bic'), e?.bic?.message)}
            {text('company.address.line1', t('clients.address'), e?.address?.line1?.message, { autoComplete: 'address-line1' })}
            {text('company.address.line2', t('settingsMore.addressLine2'), e?.address?.line2?.message, { autoComplete: 'address-line2' })}
            {text('company.address.postalCode', t('clients.postalCode'), e?.address?.postalCode?.message, { autoComplete: 'postal-code' })}
            {text('company.address.city', t('clients.city'), e?.address?.city?.message, { autoComplete: 'address-level2' })}
          </div>
        </fieldset>
        <fieldset className="card">
          <legend>{t('settings.program')}</legend>
          <label className="checkbox">
            <input type="checkbox" {...form.register('remindersEnabled')} /> {t('settings.remindersEnabled')}
          </label>
          <div className="grid-2">
            {text('sendHour', t('settings.sendHour'), errors.sendHour?.message, { type: 'number', min: '0', max: '23' })}
            {text('timezone', t('settings.timezone'), errors.timezone?.message)}
            {text('minGapDays', t('settings.minGapDays'), errors.minGapDays?.message, { type: 'number', min: '0', max: '30' })}
            <Field label={t('settings.region')} error={errors.region?.message}>
              {(p) => (
                <select {...p} {...form.register('region')}>
                  {REGIONS.map((region) => (
                    <option key={region} value={region}>
                      {t(`settings.regions.${region}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('settingsMore.defaultScenario')} error={errors.defaultScenarioId?.message} hint={t('settingsMore.defaultScenarioHint')}>
              {(p) => (
                // Its value given, so React selects the saved choice once the scenarios are read and its option is there
                // (the select had only the built-in one when the form was set, and showed it whatever the settings said).
                <select {...p} {...form.register('defaultScenarioId')} value={form.watch('defaultScenarioId')}>
                  {/* No choice saved: business clients follow the built-in B2B scenario; say which, not "—". */}
                  <option value="">{builtInB2b ? said(builtInB2b.name) : t('settingsMore.defaultScenarioBuiltIn')}</option>
                  {(scenarios.data?.items ?? []).filter((s) => s.id !== B2B_DEFAULT).map((s) => (
                    <option key={s.id} value={s.id}>
                      {said(s.name)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {/* The owner's language (alerts, daily overview, proof file): each client's own is on its page. */}
            <Field label={t('settings.language')} error={errors.language?.message} hint={t('settingsMore.languageHint')}>
              {(p) => (
                <select {...p} {...form.register('language')}>
                  <option value="fr">{t('clients.languages.fr')}</option>
                  <option value="en">{t('clients.languages.en')}</option>
                </select>
              )}
            </Field>
          </div>
          <label className="checkbox">
            <input type="checkbox" {...form.register('skipWeekends')} /> {t('settings.skipWeekends')}
          </label>
          <label className="checkbox">
            <input type="checkbox" {...form.register('skipHolidays')} /> {t('settings.skipHolidays')}
          </label>
        </fieldset>
        <div className="form-actions">
          <SubmitButton className="button primary" busy={isSubmitting}>
            {t('common.save')}
          </SubmitButton>
          {save.isSuccess && !form.formState.isDirty && last.latest && (
            <p role="status" className="success">
              {t('settings.saved')}
              {/* Came from a send refused for the company's identity ("Compléter les réglages"): the way back to it. */}
              {back && (
                <>
                  {' '}
                  <Link to={back}>{t('settingsMore.backToSend')}</Link>
                </>
              )}
            </p>
          )}
        </div>
      </form>
    </section>
  );
};
