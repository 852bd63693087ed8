import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage, SubmitButton } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { useScenarioName } from '../../../lib/scenario-name';
import { parseTags } from '../../../lib/tags';
import { useUpdateClient, type Client } from '../api';
import '../texts';

/** Client categories (e.g. grand-compte): a scenario bound to a category applies to its clients. */
export const TagsEditor = ({
  client,
  scenarios = [],
}: {
  client: Client & { tags?: string[] };
  scenarios?: readonly { id: string; name: string; tags?: readonly string[] | null }[];
}) => {
  const { t } = useI18n();
  const said = useScenarioName();
  const update = useUpdateClient(client.id);
  const [text, setText] = useState((client.tags ?? []).join(', '));
  const [error, setError] = useState<string>();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const tags = parseTags(text);
      await update.mutateAsync({ tags });
      // The field says what was saved ("Grand compte, VIP" → "grand-compte, vip"), as the page will after a reload.
      setText(tags.join(', '));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      // A category giving a consumer a scenario whose templates cite penalties: said in a sentence naming the category
      // and the scenario, not the API's template ids per step ("Étape 1 : Le modèle « firm » (et sa version anglaise)…").
      const refused = Object.entries(fields).find(([k]) => k === 'tags' || k.startsWith('tags.'));
      const penalties = err instanceof ApiError && err.problem.type?.endsWith('/penalties-for-consumer');
      const tag = refused && penalties ? parseTags(text)[Number(refused[0].split('.')[1])] : undefined;
      const scenario = tag === undefined ? undefined : scenarios.find((s) => s.tags?.includes(tag));
      const message = tag !== undefined && scenario ? t('clientMore.tagPenalties', { tag, scenario: said(scenario.name) }) : refused?.[1];
      // The refused field takes the focus (it stayed on "Enregistrer", under it).
      if (message) (setError(message), input.current?.focus());
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="client-tags">
      {/* The card's title is the field's label: one "Catégories", not a heading and a label saying it twice. */}
      <h2 id="client-tags">
        <label htmlFor={id}>{t('clientMore.tags')}</label>
      </h2>
      <div className={`field${error ? ' has-error' : ''}`}>
        <input
          ref={input}
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={Boolean(error)}
          aria-describedby={[error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ')}
        />
        <p id={`${id}-hint`} className="hint">
          {t('clientMore.tagsHint')}
        </p>
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      {update.isError && !error && <ErrorMessage error={update.error} />}
      <SubmitButton className="button primary" busy={update.isPending}>
        {t('common.save')}
      </SubmitButton>
      {update.isSuccess && !error && (
        <p role="status" className="success">
          {t('clientMore.tagsSaved')}
        </p>
      )}
    </form>
  );
};
