import { zodResolver } from '@hookform/resolvers/zod';
import { useDeferredValue, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { ErrorMessage, Field, Loading, PageHeader, ScreenError, SubmitButton } from '../../../components/ui';
import { applyApiErrors } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { fitsClientKind } from '../../../lib/template-language';
import { PENALTY_VARIABLES } from '../../../../../shared/domain/penalty-mentions.js';
import { KNOWN_VARIABLES } from '../texts';
import { fittingInvoice, useClientKinds, useLivePreview, useScenarioNames, usePreviewInvoices, useDeleteTemplate, useRevertTemplate, useSaveTemplate, useTemplate, useTestSend, type Template } from '../api';

const TONES = ['courtesy', 'reminder', 'firm', 'formal-notice'] as const;

/** The `{{names}}` a text uses that are not variables (each once, in order of appearance). */
export const unknownVariables = (text: string, known: readonly string[]): string[] => [
  ...new Set([...text.matchAll(/\{\{([^{}]*)\}\}/g)].map((m) => m[1]!.trim()).filter((name) => !known.includes(name))),
];

export default function TemplateScreen() {
  const { id = '' } = useParams();
  const template = useTemplate(id);
  // Held here: saving refetches the template and remounts the editor, the outcome must survive it.
  const save = useSaveTemplate(id);
  // So is the test: edits not saved yet are saved (and the editor remounted) before it goes.
  const testSend = useTestSend(id);
  if (template.isPending) return <Loading />;
  if (template.isError) return <ScreenError error={template.error} retry={() => void template.refetch()} />;
  return <TemplateEditor key={template.data.id + template.dataUpdatedAt} template={template.data} save={save} testSend={testSend} />;
}

const TemplateEditor = ({ template, save, testSend }: { template: Template; save: ReturnType<typeof useSaveTemplate>; testSend: ReturnType<typeof useTestSend> }) => {
  const { t } = useI18n();
  const schema = z.object({
    name: z.string().trim().min(1, { message: t('errors.required') }).max(100),
    language: z.enum(['fr', 'en']),
    tone: z.enum(TONES),
    subject: z.string().trim().min(1, { message: t('errors.required') }).max(200),
    body: z.string().trim().min(1, { message: t('errors.required') }).max(10_000),
    attachInvoicePdf: z.boolean(),
    letter: z.boolean(),
    kind: z.enum(['', 'business', 'consumer']),
  });
  type Form = z.infer<typeof schema>;
  const form = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { name: template.name, language: template.language, tone: template.tone, subject: template.subject, body: template.body, attachInvoicePdf: template.attachInvoicePdf, letter: template.letter, kind: template.kind ?? '' },
  });
  const revert = useRevertTemplate(template.id);
  const remove = useDeleteTemplate(template.id);
  const navigate = useNavigate();
  const invoices = usePreviewInvoices();
  const clients = useClientKinds();
  // Read for their names: a text refused because a consumer's scenario sends it names that scenario (api-message.ts).
  useScenarioNames();
  // The owner's choice, else the invoice that fits the template (its clients, its tone).
  const [chosenInvoiceId, setChosenInvoiceId] = useState<string>();
  const kindOf = (clientId: string) => clients.data?.find((c) => c.id === clientId)?.kind;
  const fitting = fittingInvoice(invoices.data ?? [], { tone: template.tone, ...(template.kind ? { kind: template.kind } : {}) }, kindOf);
  const invoice = { isPending: invoices.isPending || (clients.isPending && !clients.isError), data: invoices.data?.find((i) => i.id === chosenInvoiceId) ?? fitting };
  const subject = useDeferredValue(form.watch('subject'));
  const body = useDeferredValue(form.watch('body'));
  const preview = useLivePreview(template.id, invoice.isPending ? undefined : invoice.data?.id, { subject, body }, form.watch('language'));
  // A built-in text message's template (SMS steps send it): previewed as the text, without the email-only choices.
  const sms = template.purpose === 'sms';
  const smsText = preview.data ? preview.data.body.replace(/\s+/g, ' ').trim() : '';
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const subjectRef = useRef<HTMLInputElement | null>(null);
  // Where a variable goes: the field last focused, subject or message (the subject always went to the message).
  const target = useRef<'subject' | 'body'>('body');
  // isDirty read here, while rendering: react-hook-form then keeps it up to date (the test button reads it).
  const { errors, isSubmitting, isDirty } = form.formState;
  const bodyField = form.register('body');
  const subjectField = form.register('subject');
  // The preview lists the variables with example values; before any invoice, the known list (no values): a misspelt
  // one is said as it is typed, and a new tenant can insert variables; the API decides on saving.
  // A text that reaches consumers (a consumers' template, the thank-you, a payment plan's reminders) may not claim the
  // penalties nor the €40 (the API refuses it on saving, CPCE L111-8): their variables are not offered there.
  const toConsumers = form.watch('kind') === 'consumer' || template.purpose === 'thank-you' || template.purpose === 'instalment';
  const known = preview.data ? Object.keys(preview.data.variables) : invoice.isPending ? undefined : KNOWN_VARIABLES;
  const picker = toConsumers ? known?.filter((name) => !(PENALTY_VARIABLES as readonly string[]).includes(name)) : known;
  const examples: Record<string, string> = preview.data?.variables ?? {};
  const unknownText = (text: string) => {
    const unknown = known ? unknownVariables(text, known) : [];
    return unknown.length ? t('templateEditor.unknownVariables', { names: unknown.map((n) => `{{${n}}}`).join(', ') }) : undefined;
  };
  const unknownInSubject = unknownText(subject);
  const unknownInBody = unknownText(body);

  const insert = (name: string) => {
    const field = target.current;
    const area = field === 'subject' ? subjectRef.current : bodyRef.current;
    const value = form.getValues(field);
    const at = area?.selectionStart ?? value.length;
    const end = area?.selectionEnd ?? at;
    const token = `{{${name}}}`;
    form.setValue(field, value.slice(0, at) + token + value.slice(end), { shouldDirty: true });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  /** Saves the form's values: true once saved, false when the API refused them (said under their fields). */
  const saveValues = async (v: Form): Promise<boolean> => {
    try {
      const { kind, ...rest } = v;
      await save.mutateAsync({ ...rest, ...(kind ? { kind } : {}) });
      return true;
    } catch (error) {
      // The API's "unknown variables: {{x}}" said in the user's language.
      const said = (message: string) => message.replace(/^unknown variables: (.*)$/, (_, names: string) => t('templateEditor.unknownVariables', { names }));
      const placed = applyApiErrors<Form>(error, (name, e, options) => form.setError(name, { ...e, message: e.message && said(e.message) }, options), ['name', 'language', 'tone', 'subject', 'body', 'attachInvoicePdf', 'letter', 'kind']);
      if (!placed) {
        form.setError('root', { message: error instanceof ApiError ? error.userMessage() : t('errors.network') });
      }
      return false;
    }
  };
  const submit = form.handleSubmit(async (v) => void (await saveValues(v)));
  // The API sends the saved template: edits not saved yet are saved first, so the test shows what is on screen.
  const sendTest = () => {
    if (!isDirty) return testSend.mutate(invoice.data?.id);
    void form.handleSubmit(async (v) => {
      if (await saveValues(v)) testSend.mutate(invoice.data?.id);
    })();
  };

  return (
    <article>
      <PageHeader title={template.name}>
        <button type="button" className="button" disabled={testSend.isPending || isSubmitting} onClick={sendTest}>
          {t('templates.testSend')}
        </button>
        {template.customized && (
          // Asked first, as deleting is: the owner's edits of the built-in text are lost.
          <button type="button" className="button" disabled={revert.isPending} onClick={() => {
              // The built-in text is back: "Enregistré" of the edit before no longer applies.
              if (window.confirm(t('templateEditor.revertConfirm'))) revert.mutate(undefined, { onSuccess: () => save.reset() });
            }}>
            {t('templates.revert')}
          </button>
        )}
        {!template.builtIn && (
          <button
            type="button"
            className="button danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t('templateEditor.deleteConfirm'))) remove.mutate(undefined, { onSuccess: () => void navigate('/templates') });
            }}
          >
            {t('templateEditor.delete')}
          </button>
        )}
      </PageHeader>
      <p className="hint">{t('templateEditor.testHint')}</p>
      {testSend.isSuccess && <p role="status" className="success">{t('templates.testSent', { to: testSend.data.to })}</p>}
      {revert.isError && <ErrorMessage error={revert.error} />}
      {remove.isError && <ErrorMessage error={remove.error} />}
      {testSend.isError && <ErrorMessage error={testSend.error} />}
      <div className="grid-2">
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('common.edit')}>
          {errors.root && <p role="alert" className="error-box">{errors.root.message}</p>}
          <Field label={t('templates.name')} error={errors.name?.message}>
            {(p) => <input {...p} {...form.register('name')} />}
          </Field>
          <div className="grid-2">
            <Field label={t('templates.language')} error={errors.language?.message}>
              {(p) => (
                <select {...p} {...form.register('language')}>
                  <option value="fr">{t('clients.languages.fr')}</option>
                  <option value="en">{t('clients.languages.en')}</option>
                </select>
              )}
            </Field>
            <Field label={t('templates.tone')} error={errors.tone?.message}>
              {(p) => (
                <select {...p} {...form.register('tone')}>
                  {TONES.map((tone) => (
                    <option key={tone} value={tone}>
                      {t(`templates.tones.${tone}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label={t('templateEditor.kind')} error={errors.kind?.message}>
            {(p) => (
              <select {...p} {...form.register('kind')}>
                <option value="">{t('templateEditor.kinds.all')}</option>
                <option value="business">{t('templateEditor.kinds.business')}</option>
                <option value="consumer">{t('templateEditor.kinds.consumer')}</option>
              </select>
            )}
          </Field>
          <Field label={t('templates.subject')} error={errors.subject?.message ?? unknownInSubject}>
            {(p) => (
              <input
                {...p}
                {...subjectField}
                ref={(el) => {
                  subjectField.ref(el);
                  subjectRef.current = el;
                }}
                onFocus={() => (target.current = 'subject')}
              />
            )}
          </Field>
          {picker && (
            <div role="group" aria-label={t('templates.variables')} className="field">
              <span className="hint">
                {t('templates.variables')} — {t('templateEditor.variablesHint')}
                {!preview.data && ` ${t('templateEditor.noVariables')}`}
              </span>
              <div className="chips strip" data-testid="variable-picker">
                {picker.map((name) => (
                  <button
                    key={name}
                    type="button"
                    className="chip"
                    onClick={() => insert(name)}
                    title={examples[name] ? `${t('templateEditor.example')} ${examples[name]}` : undefined}
                  >
                    {/* Named "Insérer {{x}} Reste dû": the visible text is part of the accessible name (WCAG 2.5.3). */}
                    <span className="visually-hidden">{t('templates.insert')} </span>
                    <code>{`{{${name}}}`}</code>
                    {t(`templateEditor.variableLabels.${name}`, { defaultValue: '' }) && <span> {t(`templateEditor.variableLabels.${name}`)}</span>}
                  </button>
                ))}
              </div>
            </div>
          )}
          <Field label={t('templates.body')} error={errors.body?.message ?? unknownInBody}>
            {(p) => (
              <textarea
                {...p}
                rows={14}
                {...bodyField}
                ref={(el) => {
                  bodyField.ref(el);
                  bodyRef.current = el;
                }}
                onFocus={() => (target.current = 'body')}
              />
            )}
          </Field>
          {/* A text carries no attachment: the PDF and letter choices did nothing for the SMS templates; nor for the
              thank-you, sent without any (shared/app/thank-you.ts). */}
          {sms ? (
            <p className="hint">{t('templateEditor.smsHint')}</p>
          ) : template.purpose === 'thank-you' ? (
            <p className="hint">{t('templateEditor.thankYouHint')}</p>
          ) : (
            <>
              <label className="checkbox">
                <input type="checkbox" {...form.register('attachInvoicePdf')} /> {t('templates.attachPdf')}
              </label>
              <label className="checkbox">
                <input type="checkbox" {...form.register('letter')} /> {t('templates.letter')}
              </label>
            </>
          )}
          <SubmitButton className="button primary" busy={isSubmitting}>
            {t('common.save')}
          </SubmitButton>
          {save.isSuccess && !form.formState.isDirty && !errors.root && <p role="status" className="success">{t('common.saved')}</p>}
        </form>
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">
            {t('templates.preview')}
            {invoice.data?.number ? ` — ${t('templates.previewFor')} ${invoice.data.number}` : ''}
          </h2>
          {!invoice.isPending && invoice.data && (invoices.data?.length ?? 0) > 1 && (
            <Field label={t('templateEditor.previewInvoice')} hint={t('templateEditor.previewInvoiceHint')}>
              {(p) => (
                <select {...p} value={invoice.data!.id} onChange={(e) => setChosenInvoiceId(e.target.value)}>
                  {invoices.data!.map((i) => (
                    <option key={i.id} value={i.id}>
                      {[i.number, i.clientName].filter(Boolean).join(' · ')}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {/* A consumer's invoice with a text citing penalties: the API never sends it to them (CPCE L111-8) and the
              preview leaves those amounts empty, which read as a broken template. */}
          {!invoice.isPending && invoice.data && !fitsClientKind({ subject, body }, kindOf(invoice.data.clientId)) && (
            <p className="field-warning" data-testid="consumer-preview">
              {t('templateEditor.consumerPreview', { client: invoice.data.clientName ?? '' })}
            </p>
          )}
          {invoice.isPending ? (
            <Loading />
          ) : !invoice.data ? (
            <p className="muted">{t('templates.noInvoiceForPreview')}</p>
          ) : preview.isPending ? (
            <Loading />
          ) : preview.isError ? (
            <ErrorMessage error={preview.error} />
          ) : (
            <div aria-live="polite">
              {sms ? (
                <>
                  {/* As the text goes (shared/app/reminders/compose-sms.ts): on one line, without a subject. */}
                  <div className="preview">{smsText}</div>
                  <p className="hint">{t('templateEditor.smsLength', { count: smsText.length })}</p>
                </>
              ) : (
                <>
                  <p>
                    <strong>{preview.data.subject}</strong>
                  </p>
                  <div className="preview">{preview.data.body}</div>
                </>
              )}
            </div>
          )}
        </section>
      </div>
    </article>
  );
};
