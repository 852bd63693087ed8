import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, Field, SubmitButton } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useFocusRefused } from '../../../lib/forms';
import { ApiError } from '../../../lib/problem';
import { useUpdateClient, type Client } from '../api';
import '../texts';
import { phoneForApi, phoneForReading, phoneMissesTexts } from '../../../lib/validators';

type Contact = NonNullable<Client['contacts']>[number];
interface Row {
  name: string;
  email: string;
  phone: string;
  role: Contact['role'];
}

const toRow = (c: Contact): Row => ({ name: c.name, email: c.email ?? '', phone: c.phone ? phoneForReading(c.phone) : '', role: c.role });
const toContact = (r: Row): Contact => ({ name: r.name.trim(), role: r.role, ...(r.email.trim() ? { email: r.email.trim() } : {}), ...(r.phone.trim() ? { phone: phoneForApi(r.phone) } : {}) });

/** The client's contacts: who gets reminders (billing) and texts; saved whole with PATCH { contacts }. */
export const ContactsEditor = ({ client }: { client: Client }) => {
  const { t } = useI18n();
  const update = useUpdateClient(client.id);
  const [rows, setRows] = useState<Row[]>((client.contacts ?? []).map(toRow));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useFocusRefused();
  // "Ajouter un contact" puts the cursor in the new contact's name, as "Ajouter une ligne" does on an invoice:
  // the focus stayed on the button, under the fields to fill, and a phone's keyboard did not open.
  const [added, setAdded] = useState(0);
  useEffect(() => {
    if (added > 0) form.ref.current?.querySelector<HTMLInputElement>('fieldset.contact-row:last-of-type input')?.focus();
  }, [added, form.ref]);
  const set = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (!r.name.trim()) local[`contacts.${i}.name`] = t('errors.required');
      if (!r.email.trim() && !r.phone.trim()) local[`contacts.${i}.email`] = t('clientMore.needEmailOrPhone');
    });
    setErrors(local);
    if (Object.keys(local).length > 0) return form.refused();
    try {
      await update.mutateAsync({ contacts: rows.map(toContact) });
    } catch (error) {
      if (error instanceof ApiError) (setErrors(error.fieldErrors()), form.refused());
    }
  };
  const placed = Object.keys(errors).some((k) => k.startsWith('contacts.'));
  return (
    <form ref={form.ref} className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="client-contacts">
      <h2 id="client-contacts">{t('clientMore.contacts')}</h2>
      <p className="hint">{t('clientMore.contactsHint')}</p>
      {rows.length === 0 && <p className="muted">{t('clientMore.noContacts')}</p>}
      {rows.map((r, i) => {
        const n = i + 1;
        const err = (f: string) => errors[`contacts.${i}.${f}`];
        return (
          <fieldset key={i} className="contact-row">
            <legend>{t('clientMore.contact', { n })}</legend>
            <div className="grid-2">
              <Field label={t('clientMore.name')} error={err('name')}>
                {(p) => <input {...p} value={r.name} autoComplete="off" onChange={(e) => set(i, { name: e.target.value })} />}
              </Field>
              <Field label={t('clientMore.role')} error={err('role')}>
                {(p) => (
                  <select {...p} value={r.role} onChange={(e) => set(i, { role: e.target.value as Row['role'] })}>
                    <option value="billing">{t('clientMore.roles.billing')}</option>
                    <option value="other">{t('clientMore.roles.other')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('clientMore.email')} error={err('email')}>
                {(p) => <input {...p} type="email" value={r.email} autoComplete="off" onChange={(e) => set(i, { email: e.target.value })} />}
              </Field>
              <Field label={t('clientMore.phone')} hint={t('clientMore.phoneHint')} error={err('phone')} warning={phoneMissesTexts(r.phone) ? t('clientMore.landline') : undefined}>
                {(p) => <input {...p} type="tel" value={r.phone} autoComplete="off" onChange={(e) => set(i, { phone: e.target.value })} />}
              </Field>
            </div>
            <button type="button" className="button small danger" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
              {t('clientMore.remove', { n })}
            </button>
          </fieldset>
        );
      })}
      {update.isError && !placed && <ErrorMessage error={update.error} />}
      <div className="row">
        <button type="button" className="button" disabled={rows.length >= 20} onClick={() => (setRows((rs) => [...rs, { name: '', email: '', phone: '', role: 'billing' }]), setAdded((n) => n + 1))}>
          {t('clientMore.add')}
        </button>
        {/* Nothing to save before a contact is added (or one saved is removed): the primary button was "Enregistrer" an empty list. */}
        {(rows.length > 0 || (client.contacts ?? []).length > 0) && (
          <SubmitButton className="button primary" busy={update.isPending}>
            {t('common.save')}
          </SubmitButton>
        )}
      </div>
      {update.isSuccess && !placed && (
        <p role="status" className="success">
          {t('clientMore.saved')}
        </p>
      )}
    </form>
  );
};
