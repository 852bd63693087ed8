/**
 * Settings beyond identity and program, one small form per section, each saving only its own
 * fields (`PUT /settings` takes any subset). Fields are declared in a table: a section lists
 * the settings paths it edits and how; the API validates, and its problem+json errors show
 * under the field they name.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, Field, SubmitButton } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { invalidateMoneyViews } from '../../lib/money-views';
import { useFocusRefused } from '../../lib/forms';
import { ApiError } from '../../lib/problem';

/** A settings form telling the screen whether it holds edits not saved (its id, dirty or not). */
export type OnDirty = (id: string, dirty: boolean) => void;
import './texts';

/**
 * The settings form saved last on the screen: only its outcome shows. An earlier "Réglages enregistrés." stayed under one
 * section while another one, saved since, showed its error. Without a provider (a form alone), each shows its own.
 */
export const LastSubmitted = createContext<{ last: string | undefined; submitted: (id: string) => void }>({ last: undefined, submitted: () => {} });
/** Whether the form `id` is the one saved last (or no form was), and how it says it is being saved. */
export const useLastSubmitted = (id: string) => {
  const { last, submitted } = useContext(LastSubmitted);
  return { latest: last === undefined || last === id, submitted: () => submitted(id) };
};

type Kind = 'text' | 'email' | 'url' | 'int' | 'number' | 'bool' | 'hour';
export interface SettingField {
  path: string;
  label: string;
  kind: Kind;
  hint?: string;
  min?: number;
  max?: number;
  /** Clearing the field sends null (the API removes the setting), not nothing. */
  nullable?: boolean;
  /**
   * A yes/no setting this one only acts under (the partial thank-you under the thank-you, the overview's hour under the
   * overview): greyed and set in under it while that one is off, its value kept. Both could be ticked alone, and the API
   * then did nothing with the one left (shared/app/thank-you.ts sends no thanks at all without `thankOnPayment`).
   */
  requires?: string;
}
export interface SettingSection {
  id: string;
  title: string;
  fields: SettingField[];
}

const read = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const write = (o: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
};

/** Form values to the PUT body: empty texts are left out (or null when the field can be cleared). */
export const toBody = (fields: readonly SettingField[], values: Record<string, string | boolean>, current: unknown): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  // Emptied fields of a nested object (sms.senderId): the object is replaced whole, so leaving them out of it removes them.
  const emptied: string[] = [];
  for (const f of fields) {
    const v = values[f.path];
    if (f.kind === 'bool') write(body, f.path, Boolean(v));
    else if (typeof v === 'string' && v.trim() !== '') write(body, f.path, f.kind === 'int' || f.kind === 'number' || f.kind === 'hour' ? Number(v.replace(',', '.')) : v.trim());
    else if (f.nullable && read(current, f.path) !== undefined) write(body, f.path, null);
    else if (f.path.includes('.') && read(current, f.path) !== undefined) emptied.push(f.path);
  }
  for (const path of emptied) body[path.split('.')[0]!] ??= {};
  // A nested object (e.g. sms) is replaced whole: keep what this form does not edit, drop what it emptied.
  for (const key of Object.keys(body)) {
    const was = read(current, key);
    if (was && typeof was === 'object' && !Array.isArray(was)) {
      const merged: Record<string, unknown> = { ...(was as object), ...(body[key] as object) };
      for (const path of emptied) if (path.startsWith(`${key}.`)) delete merged[path.slice(key.length + 1)];
      body[key] = merged;
    }
  }
  return body;
};

export const SettingsSection = ({ section, settings, onDirty }: { section: SettingSection; settings: unknown; onDirty?: OnDirty }) => {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const initial = Object.fromEntries(
    section.fields.map((f) => {
      const v = read(settings, f.path);
      return [f.path, f.kind === 'bool' ? Boolean(v) : v === undefined || v === null ? '' : String(v)];
    }),
  ) as Record<string, string | boolean>;
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A refused field takes the focus (its own check or the API's), as in the company's form: it stayed on
  // "Enregistrer", under the field to correct, and a screen reader said nothing of it.
  const form = useFocusRefused();
  // Edited since loaded or last saved: leaving the page then asks first.
  const [dirty, setDirty] = useState(false);
  useEffect(() => onDirty?.(section.id, dirty), [onDirty, section.id, dirty]);
  const last = useLastSubmitted(section.id);
  const edit = (path: string, value: string | boolean) => {
    setValues((v) => ({ ...v, [path]: value }));
    setDirty(true);
  };
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => unwrap(api().PUT('/settings', { body: body as never })),
    onSuccess: (data) => {
      queryClient.setQueryData(['settings'], data);
      // The client gap, grace days or litigation delay re-plan the reminders: plans, simulation and home read again.
      void invalidateMoneyViews(queryClient);
    },
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    last.submitted();
    const local: Record<string, string> = {};
    for (const f of section.fields) {
      const v = values[f.path];
      if ((f.kind === 'int' || f.kind === 'hour' || f.kind === 'number') && typeof v === 'string' && v.trim() !== '') {
        const n = Number(v.replace(',', '.'));
        if (!Number.isFinite(n) || (f.kind !== 'number' && !Number.isInteger(n)) || (f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
          local[f.path] = t('settingsMore.range', { min: f.min ?? '', max: f.max ?? '' });
        }
      }
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return form.refused();
    try {
      await save.mutateAsync(toBody(section.fields, values, settings));
      setDirty(false);
    } catch (error) {
      if (error instanceof ApiError) {
        const fields = error.fieldErrors();
        const mine = Object.fromEntries(Object.entries(fields).filter(([p]) => section.fields.some((f) => f.path === p)));
        setErrors(mine);
        if (Object.keys(mine).length > 0) form.refused();
      }
    }
  };
  const placed = Object.keys(errors).length > 0;
  return (
    <form ref={form.ref} className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`settings-${section.id}`}>
      <h2 id={`settings-${section.id}`}>{section.title}</h2>
      {section.fields.map((f) => {
        const off = f.requires !== undefined && !values[f.requires];
        return f.kind === 'bool' ? (
          <label key={f.path} className={f.requires ? 'checkbox sub-option' : 'checkbox'}>
            <input type="checkbox" checked={Boolean(values[f.path])} disabled={off} onChange={(e) => edit(f.path, e.target.checked)} /> {f.label}
          </label>
        ) : (
          <Field key={f.path} label={f.label} hint={f.hint} error={errors[f.path]}>
            {(p) => (
              <input
                {...p}
                disabled={off}
                type={f.kind === 'email' ? 'email' : f.kind === 'url' ? 'url' : f.kind === 'text' ? 'text' : 'text'}
                inputMode={f.kind === 'int' || f.kind === 'hour' ? 'numeric' : f.kind === 'number' ? 'decimal' : undefined}
                value={String(values[f.path] ?? '')}
                onChange={(e) => edit(f.path, e.target.value)}
              />
            )}
          </Field>
        );
      })}
      {save.isError && !placed && <ErrorMessage error={save.error} />}
      <SubmitButton className="button primary" busy={save.isPending}>
        {t('common.save')}
      </SubmitButton>
      {/* Edited since, or another section saved since: "saved" no longer says what the screen shows. */}
      {save.isSuccess && !placed && !dirty && last.latest && (
        <p role="status" className="success">
          {t('settings.saved')}
        </p>
      )}
    </form>
  );
};

/** The sections, each shown when the API has its settings. */
export const useSections = (settings: Record<string, unknown>): SettingSection[] => {
  const { t } = useI18n();
  const s = (k: string) => `settingsMore.${k}`;
  const sections: SettingSection[] = [
    {
      id: 'payment',
      title: t(s('payment')),
      fields: [
        { path: 'paymentUrl', label: t(s('paymentUrl')), hint: t(s('paymentUrlHint'), { invoiceNumber: '{{invoiceNumber}}', balance: '{{balance}}' }), kind: 'url', nullable: true },
        { path: 'replyToEmail', label: t(s('replyTo')), hint: t(s('replyToHint')), kind: 'email', nullable: true },
        { path: 'graceDaysAfterPayment', label: t(s('graceDays')), kind: 'int', min: 0, max: 30 },
        { path: 'penaltyRatePercent', label: t(s('penaltyRate')), hint: t(s('penaltyRateHint')), kind: 'number', min: 0, max: 50, nullable: true },
        { path: 'quoteFollowUpDays', label: t(s('quoteFollowUpDays')), kind: 'int', min: 0, max: 60 },
      ],
    },
  ];
  const has = (path: string) => read(settings, path) !== undefined;
  if (has('notifications')) {
    sections.push({
      id: 'notifications',
      title: t(s('notifications')),
      fields: [
        { path: 'notifyEmail', label: t(s('notifyEmail')), hint: t(s('notifyEmailHint')), kind: 'email', nullable: true },
        { path: 'notifications.immediate', label: t(s('notifyImmediate')), kind: 'bool' },
        { path: 'notifications.dailyOverview', label: t(s('dailyOverview')), kind: 'bool' },
        { path: 'notifications.overviewHour', label: t(s('overviewHour')), kind: 'hour', min: 0, max: 23, requires: 'notifications.dailyOverview' },
      ],
    });
  }
  if (has('planMissedDays')) {
    sections.push({
      id: 'plans',
      title: t(s('plans')),
      fields: [
        { path: 'planCourtesyDays', label: t(s('planCourtesyDays')), kind: 'int', min: 1, max: 30 },
        { path: 'planLateDays', label: t(s('planLateDays')), kind: 'int', min: 1, max: 30 },
        { path: 'planMissedDays', label: t(s('planMissedDays')), kind: 'int', min: 1, max: 90 },
      ],
    });
  }
  if (has('litigationAfterDays') || has('thankOnPayment')) {
    sections.push({
      id: 'endgame',
      title: t(s('endgame')),
      fields: [
        ...(has('thankOnPayment') ? [{ path: 'thankOnPayment', label: t(s('thankOnPayment')), kind: 'bool' as const }] : []),
        ...(has('thankOnPartial') ? [{ path: 'thankOnPartial', label: t(s('thankOnPartial')), kind: 'bool' as const, requires: 'thankOnPayment' }] : []),
        ...(has('thankOnlyIfReminded') ? [{ path: 'thankOnlyIfReminded', label: t(s('thankOnlyIfReminded')), kind: 'bool' as const, requires: 'thankOnPayment' }] : []),
        ...(has('litigationAfterDays') ? [{ path: 'litigationAfterDays', label: t(s('litigationAfterDays')), hint: t(s('litigationHint')), kind: 'int' as const, min: 0, max: 365 }] : []),
      ],
    });
  }
  if (has('groupByClient') || has('bccSelf')) {
    sections.push({
      id: 'sending',
      title: t(s('sending')),
      fields: [
        ...(has('groupByClient') ? [{ path: 'groupByClient', label: t(s('groupByClient')), kind: 'bool' as const }] : []),
        ...(has('bccSelf') ? [{ path: 'bccSelf', label: t(s('bccSelf')), kind: 'bool' as const }] : []),
        { path: 'sms.senderId', label: t(s('smsSender')), hint: t(s('smsSenderHint')), kind: 'text' as const },
        { path: 'sms.originationIdentity', label: t(s('smsOrigination')), kind: 'text' as const },
      ],
    });
  }
  return sections;
};
