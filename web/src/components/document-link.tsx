import { useState } from 'react';
import { fetchBlobUrl } from '../lib/api-client';
import { config } from '../lib/config';
import { ErrorMessage } from './ui';

/** A PDF the API renders on demand (with the token): fetched on click, then saved. */
export const DocumentLink = ({ path, label, filename }: { path: string; label: string; filename: string }) => {
  const [state, setState] = useState<{ busy?: boolean; error?: unknown }>({});
  const open = async () => {
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
  return (
    <>
      <button type="button" className="button" disabled={state.busy} aria-busy={state.busy} onClick={() => void open()}>
        {label}
      </button>
      {state.error !== undefined && <ErrorMessage error={state.error} />}
    </>
  );
};
