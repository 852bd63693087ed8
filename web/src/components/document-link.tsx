import { useState } from 'react';
import { fetchBlobUrl } from '../lib/api-client';
import { config } from '../lib/config';
import { useI18n } from '../lib/i18n';
import { ApiError } from '../lib/problem';
import { ErrorMessage } from './ui';

/**
 * A letter asked for right after its invoice was sent: the stream is still recording the reminder plan
 * (409 `conflict/plan-not-recorded`, Retry-After 3 s, which a cross-origin page cannot read): asked
 * again by itself every few seconds, a few times, saying so, before the refusal is shown.
 */
export const PLAN_RECORDING_RETRY_MS = 3_000;
export const PLAN_RECORDING_TRIES = 5;
const planBeingRecorded = (error: unknown) => error instanceof ApiError && error.status === 409 && Boolean(error.problem.type?.endsWith('/plan-not-recorded'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fetches a PDF the API renders on demand (with the token), then saves it; busy while it comes, its error if it fails. */
export const useDocumentDownload = (path: string, filename: string) => {
  const [state, setState] = useState<{ busy?: boolean; waiting?: boolean; error?: unknown }>({});
  const download = async () => {
    setState({ busy: true });
    for (let attempt = 1; ; attempt++) {
      try {
        const url = await fetchBlobUrl(config().apiUrl, path);
        const a = document.createElement('a');
        a.href = url;
        a.download = filename;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setState({});
        return;
      } catch (error) {
        if (!planBeingRecorded(error) || attempt >= PLAN_RECORDING_TRIES) {
          setState({ error });
          return;
        }
        setState({ busy: true, waiting: true });
        await sleep(PLAN_RECORDING_RETRY_MS);
      }
    }
  };
  return { download, busy: Boolean(state.busy), waiting: Boolean(state.waiting), error: state.error };
};

/** A PDF the API renders on demand (with the token): fetched on click, then saved. */
export const DocumentLink = ({ path, label, filename }: { path: string; label: string; filename: string }) => {
  const { t } = useI18n();
  const { download, busy, waiting, error } = useDocumentDownload(path, filename);
  return (
    <>
      <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void download()}>
        {label}
      </button>
      {waiting && (
        <p role="status" className="muted" data-testid="plan-recording">
          {t('errors.planRecording')}
        </p>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </>
  );
};
