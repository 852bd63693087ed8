import { useState, type FormEvent } from 'react';
import { ErrorMessage, Field } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useUpdateClient, type Client } from '../api';
import '../texts';

export const parseTags = (text: string): string[] => [...new Set(text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];

/** Client categories (e.g. grand-compte): a scenario bound to a category applies to its clients. */
export const TagsEditor = ({ client }: { client: Client & { tags?: string[] } }) => {
  const { t } = useI18n();
  const update = useUpdateClient(client.id);
  const [text, setText] = useState((client.tags ?? []).join(', '));
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await update.mutateAsync({ tags: parseTags(text) });
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      const message = Object.entries(fields).find(([k]) => k === 'tags' || k.startsWith('tags.'))?.[1];
      if (message) setError(message);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="client-tags">
      <h2 id="client-tags">{t('clientMore.tags')}</h2>
      <Field label={t('clientMore.tags')} hint={t('clientMore.tagsHint')} error={error}>
        {(p) => <input {...p} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      {update.isError && !error && <ErrorMessage error={update.error} />}
      <button type="submit" className="button primary" disabled={update.isPending}>
        {t('common.save')}
      </button>
      {update.isSuccess && !error && (
        <p role="status" className="success">
          {t('clientMore.tagsSaved')}
        </p>
      )}
    </form>
  );
};
