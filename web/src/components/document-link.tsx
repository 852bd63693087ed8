import { useState } from 'react';
import { fetchBlobUrl } from '../lib/api-client';
import { config } from '../lib/config';
import { ErrorMessage } from './ui';

/** Fetches a PDF the API renders on demand (with the token), then saves it; busy while it comes, its error if it fails. */
export const useDocumentDownload = (path: string, filename: string) => {
  const [state, setState] = useState<{ busy?: boolean; error?: unknown }>({});
  const download = async () => {
    setState({ busy: true });
    try {
      const url = await fetchBlobUrl(config().apiUrl, path);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({});
    } catch (error) {
      setState({ error });
    }
  };
  return { download, busy: Boolean(state.busy), error: state.error };
};

/** A PDF the API renders on demand (with the token): fetched on click, then saved. */
export const DocumentLink = ({ path, label, filename }: { path: string; label: string; filename: string }) => {
  const { download, busy, error } = useDocumentDownload(path, filename);
  return (
    <>
      <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void download()}>
        {label}
      </button>
      {error !== undefined && <ErrorMessage error={error} />}
    </>
  );
};
