import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AsyncState, Dialog, EmptyState, ErrorMessage, Field, PageHeader, SubmitButton } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useFocusRefused } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { useTemplateLabel } from '../../../lib/template-language';
import { useCreateTemplate, useTemplates, type Template } from '../api';
import '../texts';

export default function TemplatesScreen() {
  const { t } = useI18n();
  const templates = useTemplates();
  return (
    <section>
      <PageHeader title={t('templates.title')}>{templates.data && <NewTemplateDialog templates={templates.data.items} />}</PageHeader>
      <AsyncState query={templates} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('templates.empty')}>{t('templateEditor.emptyHint')}</EmptyState>}>
        {(data) => (
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th scope="col">{t('templates.name')}</th>
                  <th scope="col">{t('templates.language')}</th>
                  <th scope="col">{t('templates.tone')}</th>
                  <th scope="col">{t('templateEditor.kind')}</th>
                  <th scope="col">{t('templates.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((tpl) => (
                  <tr key={tpl.id}>
                    <td data-label={t('templates.name')}>
                      <Link to={`/templates/${tpl.id}`}>{tpl.name}</Link>{' '}
                      {/* The owner's own template has no badge (an empty one showed as a blank grey pill). */}
                      {(tpl.customized || tpl.builtIn) && <span className="badge neutral">{tpl.customized ? t('templates.customized') : t('templates.builtIn')}</span>}
                    </td>
                    <td data-label={t('templates.language')}>{tpl.language.toUpperCase()}</td>
                    <td data-label={t('templates.tone')}>{t(`templates.tones.${tpl.tone}`)}</td>
                    {/* Two "Mise en demeure (J+15)" are built in: one for professionals, one for consumers. */}
                    <td data-label={t('templateEditor.kind')}>{t(`templateEditor.kinds.${tpl.kind ?? 'all'}`)}</td>
                    <td data-label={t('templates.subject')}>{tpl.subject}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncState>
    </section>
  );
}

/** A new template: a name and a starting point (a copy of an existing one, or a short message to complete: a template needs a subject and a message), then the editor. */
const NewTemplateDialog = ({ templates }: { templates: readonly Template[] }) => {
  const { t, lang } = useI18n();
  const label = useTemplateLabel();
  const navigate = useNavigate();
  const create = useCreateTemplate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [nameError, setNameError] = useState<string>();
  const form = useFocusRefused();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(t('errors.required'));
      return form.refused();
    }
    const base = templates.find((tpl) => tpl.id === from);
    const v = { invoiceNumber: '{{invoiceNumber}}' };
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        language: base?.language ?? lang,
        tone: base?.tone ?? 'reminder',
        subject: base?.subject ?? t('templateEditor.defaultSubject', v),
        body: base?.body ?? t('templateEditor.defaultBody', v),
        attachInvoicePdf: base?.attachInvoicePdf ?? true,
        letter: base?.letter ?? false,
        ...(base?.kind ? { kind: base.kind } : {}),
      });
      setOpen(false);
      void navigate(`/templates/${created.id}`);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      if (fields.name) (setNameError(fields.name), form.refused());
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) create.reset();
      }}
      title={t('templateEditor.newTitle')}
      trigger={
        <button type="button" className="button primary">
          {t('templateEditor.new')}
        </button>
      }
    >
      <form ref={form.ref} onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('templates.name')} error={nameError}>
          {(p) => <input {...p} value={name} maxLength={100} onChange={(e) => (setName(e.target.value), setNameError(undefined))} />}
        </Field>
        <Field label={t('templateEditor.basedOn')}>
          {(p) => (
            <select {...p} value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">{t('templateEditor.blank')}</option>
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {label(tpl, templates)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {create.isError && !(create.error instanceof ApiError && create.error.fieldErrors().name) && <ErrorMessage error={create.error} />}
        <SubmitButton className="button primary" busy={create.isPending}>
          {t('templateEditor.create')}
        </SubmitButton>
      </form>
    </Dialog>
  );
};
