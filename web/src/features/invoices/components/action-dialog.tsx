import { useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Dialog, ErrorMessage, Field, SubmitButton } from '../../../components/ui';
import { useFocusRefused } from '../../../lib/forms';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';

export interface ActionField {
  name: string;
  label: string;
  required?: boolean;
  type?: 'text' | 'date' | 'textarea';
  hint?: string;
  min?: string;
  max?: string;
}

/**
 * A small form in a dialog for an invoice action (pause, dispute, litigation, write-off…):
 * required fields checked here, the API's problem+json field errors shown under their field.
 * With `open`/`onOpenChange` it is opened from elsewhere (the invoice's "more actions" menu) and
 * has no button of its own.
 */
export const ActionDialog = ({
  title,
  trigger,
  intro,
  fields,
  confirm,
  danger,
  onSubmit,
  open: controlledOpen,
  onOpenChange,
  returnFocus,
}: {
  title: string;
  trigger?: string;
  intro?: ReactNode;
  fields: ActionField[];
  confirm: string;
  danger?: boolean;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  returnFocus?: RefObject<HTMLElement | null>;
}) => {
  const { t } = useI18n();
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = (o: boolean) => (onOpenChange ?? setOwnOpen)(o);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // A refusal takes the focus to the first field it names, as the other forms do (react-hook-form): it stayed
  // on the button, and a screen reader or a phone's keyboard was not taken to "Obligatoire" under the reason.
  const form = useFocusRefused();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = Object.fromEntries(fields.filter((f) => f.required && !(values[f.name] ?? '').trim()).map((f) => [f.name, t('errors.required')]));
    setErrors(local);
    setFailure(undefined);
    if (Object.keys(local).length > 0) return form.refused();
    setBusy(true);
    try {
      await onSubmit(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')));
      setOpen(false);
      setValues({});
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
      const mine = Object.fromEntries(Object.entries(fieldErrors).filter(([k]) => fields.some((f) => f.name === k)));
      setErrors(mine);
      if (Object.keys(mine).length === 0) setFailure(error);
      else form.refused();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) (setErrors({}), setFailure(undefined));
      }}
      title={title}
      returnFocus={returnFocus}
      trigger={
        trigger === undefined ? undefined : (
          <button type="button" className={`button${danger ? ' danger' : ''}`}>
            {trigger}
          </button>
        )
      }
    >
      <form ref={form.ref} onSubmit={(e) => void submit(e)} noValidate>
        {intro && <p className="muted">{intro}</p>}
        {fields.map((f) => (
          <Field key={f.name} label={f.label} hint={f.hint} error={errors[f.name]}>
            {(p) =>
              f.type === 'textarea' ? (
                <textarea {...p} rows={3} value={values[f.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
              ) : (
                <input
                  {...p}
                  type={f.type ?? 'text'}
                  min={f.min}
                  max={f.max}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                />
              )
            }
          </Field>
        ))}
        {failure !== undefined && <ErrorMessage error={failure} />}
        <SubmitButton className={`button ${danger ? 'danger' : 'primary'}`} busy={busy}>
          {confirm}
        </SubmitButton>
      </form>
    </Dialog>
  );
};
