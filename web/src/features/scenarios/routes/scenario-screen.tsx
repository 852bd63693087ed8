import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useLocation, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { ErrorMessage, Field, Loading, PageHeader, ScreenError, SubmitButton } from '../../../components/ui';
import { applyApiErrors } from '../../../lib/forms';
import { parseTags } from '../../../lib/tags';
import { useI18n } from '../../../lib/i18n';
import { useScenarioName } from '../../../lib/scenario-name';
import { ApiError } from '../../../lib/problem';
import { useTemplateLabel } from '../../../lib/template-language';
import { stepDays, stepId, useDeleteScenario, useRevertScenario, useSaveScenario, useScenario, useTemplateNames, type Scenario, type ScenarioInput } from '../api';
import { StepTimeline } from '../components/step-timeline';
import '../texts';

export default function ScenarioScreen() {
  const { id = 'new' } = useParams();
  const scenario = useScenario(id);
  const templates = useTemplateNames();
  // Here, not in the editor: the editor is remounted with the saved scenario, the "saved" line stays.
  const save = useSaveScenario(id);
  if (id !== 'new' && scenario.isPending) return <Loading />;
  if (scenario.isError) return <ScreenError error={scenario.error} retry={() => void scenario.refetch()} />;
  if (templates.isPending) return <Loading />;
  if (templates.isError) return <ScreenError error={templates.error} retry={() => void templates.refetch()} />;
  return <ScenarioEditor key={`${id}-${scenario.dataUpdatedAt}`} id={id} scenario={scenario.data} templates={templates.data.items} save={save} />;
}

type Templates = { id: string; name: string; language: string; purpose?: string; tone?: string; kind?: string }[];

/**
 * What a step's channel can send: a reminder by email, a formal notice by letter (the letter is the mise en demeure,
 * whatever else is chosen: the API refuses another tone), a short text by SMS; never a thank-you or an instalment note.
 */
const fits = (tpl: Templates[number], channel: string) =>
  channel === 'letter' ? (!tpl.purpose || tpl.purpose === 'reminder') && tpl.tone === 'formal-notice' : !tpl.purpose || (channel === 'sms' ? tpl.purpose === 'sms' : tpl.purpose === 'reminder');
const TONES = ['courtesy', 'reminder', 'firm', 'formal-notice'];

/** A new step goes one tone firmer than the step before (same language and clients), as the built-in scenarios do. */
export const nextTemplate = (templates: Templates, previousId: string | undefined): string | undefined => {
  const reminders = templates.filter((tpl) => fits(tpl, 'email'));
  const previous = reminders.find((tpl) => tpl.id === previousId);
  if (!previous) return reminders[0]?.id ?? templates[0]?.id;
  const rank = (tpl: Templates[number]) => TONES.indexOf(tpl.tone ?? '');
  const firmer = reminders.find((tpl) => tpl.language === previous.language && tpl.kind === previous.kind && rank(tpl) > rank(previous));
  return (firmer ?? previous).id;
};

const ScenarioEditor = ({ id, scenario, templates, save }: { id: string; scenario?: Scenario; templates: Templates; save: ReturnType<typeof useSaveScenario> }) => {
  const { t } = useI18n();
  const said = useScenarioName();
  const label = useTemplateLabel();
  const navigate = useNavigate();
  const justCreated = (useLocation().state as { created?: boolean } | null)?.created === true;
  const remove = useDeleteScenario(id);
  const revert = useRevertScenario(id);
  const required = t('errors.required');
  const daysRange = t('scenarioEditor.daysRange');
  const schema = z.object({
    name: z.string().trim().min(1, { message: required }).max(100),
    tags: z.string().max(1000),
    steps: z
      .array(
        z.object({
          id: z.string(),
          // Empty is "required" (not coerced to 0, the due date); out of range or not whole says the range.
          offsetDays: z
            .union([z.number(), z.string().trim().min(1, { message: required })])
            .transform(Number)
            .pipe(z.number({ message: daysRange }).int({ message: daysRange }).min(-60, { message: daysRange }).max(365, { message: daysRange })),
          anchor: z.enum(['due', 'previous']),
          templateId: z.string().min(1, { message: required }),
          channel: z.enum(['email', 'sms', 'letter']),
        }),
      )
      .min(1, { message: t('scenarioEditor.noSteps') }),
  });
  type Form = z.input<typeof schema>;
  type Parsed = z.output<typeof schema>;
  const form = useForm<Form, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: scenario?.name ?? '',
      tags: (scenario?.tags ?? []).join(', '),
      steps: (scenario?.steps ?? []).map((s) => ({ id: s.id, offsetDays: s.offsetDays, anchor: s.anchor, templateId: s.templateId, channel: s.channel ?? 'email' })),
    },
  });
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const watched = form.watch('steps');
  const names = useMemo(() => new Map(templates.map((tpl) => [tpl.id, tpl.name])), [templates]);
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (v) => {
    const taken = new Set(v.steps.map((s) => s.id).filter(Boolean));
    const days = stepDays(v.steps);
    const tags = parseTags(v.tags);
    const body: ScenarioInput = {
      name: v.name,
      ...(tags.length > 0 || (scenario?.tags ?? []).length > 0 ? { tags } : {}),
      steps: v.steps.map((s, i) => {
        let sid = s.id;
        if (!sid) {
          sid = stepId(days[i]!, taken);
          taken.add(sid);
        }
        return { id: sid, offsetDays: s.offsetDays, anchor: s.anchor, templateId: s.templateId, channel: s.channel };
      }),
    };
    try {
      const saved = await save.mutateAsync(body);
      if (id === 'new') void navigate(`/scenarios/${saved.id}`, { replace: true, state: { created: true } });
    } catch (error) {
      // Any refused category (`body.tags.5`) under the one field that holds them (only the first three were).
      if (!applyApiErrors(error, form.setError, ['name', 'steps', 'tags'], Object.fromEntries(tags.map((_, i) => [`tags.${i}`, 'tags'])))) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
    }
  });
  // The first step can only count from the due date (its select offers nothing else): a step counted
  // from the one before, moved up to first or left first by a removal, showed "l’échéance" while the
  // form still sent "previous", and the API refused what the screen did not show.
  const firstFromDue = () => {
    if (form.getValues('steps.0.anchor') === 'previous') form.setValue('steps.0.anchor', 'due', { shouldDirty: true });
  };
  const addStep = () => {
    const last = watched[watched.length - 1];
    const lastDay = stepDays(watched.map((s) => ({ offsetDays: Number(s.offsetDays) || 0, anchor: s.anchor })))[watched.length - 1];
    steps.append({ id: '', offsetDays: last ? (lastDay ?? 0) + 7 : -5, anchor: 'due', templateId: nextTemplate(templates, last?.templateId) ?? '', channel: 'email' });
  };
  const title = id === 'new' ? t('scenarioEditor.newTitle') : t('scenarioEditor.editTitle', { name: said(scenario?.name ?? '') });
  const preview = watched.map((s) => ({ offsetDays: Number(s.offsetDays) || 0, anchor: s.anchor, templateId: s.templateId, channel: s.channel }));
  const stepErrors = errors.steps;

  return (
    <article>
      <PageHeader title={title}>
        {scenario?.customized && (
          // Asked first, as deleting is: the owner's steps are lost.
          <button type="button" className="button" disabled={revert.isPending} onClick={() => window.confirm(t('scenarioEditor.revertConfirm')) && revert.mutate()}>
            {t('scenarioEditor.revert')}
          </button>
        )}
        {scenario && !scenario.builtIn && (
          <button
            type="button"
            className="button danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('scenarioEditor.deleteConfirm'))) remove.mutate(undefined, { onSuccess: () => void navigate('/scenarios') });
            }}
          >
            {t('scenarioEditor.delete')}
          </button>
        )}
      </PageHeader>
      {remove.isError && <ErrorMessage error={remove.error} />}
      {revert.isError && <ErrorMessage error={revert.error} />}
      <div className="grid-2">
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
          {errors.root && (
            <p role="alert" className="error-box">
              {errors.root.message}
            </p>
          )}
          <Field label={t('scenarioEditor.name')} error={errors.name?.message}>
            {(p) => <input {...p} {...form.register('name')} />}
          </Field>
          <Field label={t('scenarioEditor.tags')} hint={t('scenarioEditor.tagsHint')} error={errors.tags?.message}>
            {(p) => <input {...p} {...form.register('tags')} />}
          </Field>
          <p className="hint">{t('scenarioEditor.order')}</p>
          {steps.fields.length === 0 && <p className="empty muted">{t('scenarioEditor.noSteps')}</p>}
          {stepErrors?.message && (
            <p role="alert" className="field-error">
              {stepErrors.message}
            </p>
          )}
          {stepErrors?.root?.message && (
            <p role="alert" className="field-error">
              {stepErrors.root.message}
            </p>
          )}
          <ol className="step-editor">
            {steps.fields.map((field, i) => {
              const e = stepErrors?.[i];
              const n = i + 1;
              return (
                <li key={field.id} className="card">
                  <fieldset>
                    <legend>{t('scenarioEditor.step', { n })}</legend>
                    {e?.id?.message && <p className="field-error">{e.id.message}</p>}
                    <div className="grid-2">
                      <Field label={t('scenarioEditor.days')} hint={t('scenarioEditor.daysHint')} error={e?.offsetDays?.message}>
                        {(p) => <input {...p} type="number" inputMode="numeric" min={-60} max={365} {...form.register(`steps.${i}.offsetDays`)} />}
                      </Field>
                      <Field label={t('scenarioEditor.anchor')} error={e?.anchor?.message}>
                        {(p) => (
                          <select {...p} {...form.register(`steps.${i}.anchor`)}>
                            <option value="due">{t('scenarioEditor.anchorDue')}</option>
                            {i > 0 && <option value="previous">{t('scenarioEditor.anchorPrevious')}</option>}
                          </select>
                        )}
                      </Field>
                    </div>
                    <Field label={t('scenarioEditor.channel')} error={e?.channel?.message}>
                      {(p) => (
                        <select
                          {...p}
                          {...form.register(`steps.${i}.channel`, {
                            // A text needs a short SMS template, an email or a letter a reminder: switch when the one chosen does not fit.
                            onChange: (e: { target: { value: string } }) => {
                              const current = templates.find((tpl) => tpl.id === form.getValues(`steps.${i}.templateId`));
                              // The same language and clients as the template it replaces, when there is one.
                              const fitting =
                                templates.find((tpl) => fits(tpl, e.target.value) && tpl.language === current?.language && tpl.kind === current?.kind) ??
                                templates.find((tpl) => fits(tpl, e.target.value));
                              if (current && !fits(current, e.target.value) && fitting) form.setValue(`steps.${i}.templateId`, fitting.id);
                            },
                          })}
                        >
                          {(['email', 'sms', 'letter'] as const).map((c) => (
                            <option key={c} value={c}>
                              {t(`scenarioEditor.channels.${c}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field label={t('scenarioEditor.template')} error={e?.templateId?.message}>
                      {(p) => (
                        <select {...p} {...form.register(`steps.${i}.templateId`)}>
                          {templates
                            .filter((tpl) => fits(tpl, watched[i]?.channel ?? 'email') || tpl.id === watched[i]?.templateId)
                            .map((tpl) => (
                              <option key={tpl.id} value={tpl.id}>
                                {label(tpl, templates)}
                              </option>
                            ))}
                        </select>
                      )}
                    </Field>
                    <div className="row">
                      <button type="button" className="button small" disabled={i === 0} onClick={() => (steps.move(i, i - 1), firstFromDue())} aria-label={t('scenarioEditor.moveUp', { n })}>
                        ↑
                      </button>
                      <button type="button" className="button small" disabled={i === steps.fields.length - 1} onClick={() => (steps.move(i, i + 1), firstFromDue())} aria-label={t('scenarioEditor.moveDown', { n })}>
                        ↓
                      </button>
                      <button type="button" className="button small danger" onClick={() => (steps.remove(i), firstFromDue())}>
                        {t('scenarioEditor.removeStep', { n })}
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div className="row">
            <button type="button" className="button" onClick={addStep} disabled={steps.fields.length >= 12}>
              {t('scenarioEditor.addStep')}
            </button>
            <SubmitButton className="button primary" busy={isSubmitting}>
              {t('common.save')}
            </SubmitButton>
          </div>
          {(save.isSuccess || justCreated) && !form.formState.isDirty && (
            <p role="status" className="success">
              {t('scenarioEditor.saved')}
            </p>
          )}
        </form>
        <section aria-labelledby="scenario-timeline">
          <h2 id="scenario-timeline">{t('scenarioEditor.timeline')}</h2>
          {preview.length === 0 ? <p className="muted">{t('scenarioEditor.noSteps')}</p> : <StepTimeline steps={preview} templateNames={names} label={t('scenarioEditor.timeline')} />}
        </section>
      </div>
    </article>
  );
};
