import { useEffect, useState } from 'react';
import { ErrorMessage, Loading } from './ui';
import { fetchBlobUrl } from '../lib/api-client';
import { config } from '../lib/config';
import { useI18n } from '../lib/i18n';

/** The PDF, fetched with the token on demand (rendering costs the server ~100 ms to 1 s). */
export const PdfPreview = ({ path, title }: { path: string; title: string }) => {
  const { t } = useI18n();
  const [state, setState] = useState<{ url?: string; error?: unknown; loading?: boolean }>({});
  useEffect(() => () => void (state.url && URL.revokeObjectURL(state.url)), [state.url]);
  const load = () => {
    setState({ loading: true });
    fetchBlobUrl(config().apiUrl, path).then(
      (url) => setState({ url }),
      (error: unknown) => setState({ error }),
    );
  };
  return (
    <section aria-labelledby="pdf-title" className="card">
      <h2 id="pdf-title">{t('invoice.pdf')}</h2>
      {state.url ? (
        <>
          <iframe className="pdf-frame" src={state.url} title={title} />
          <a href={state.url} download={`${title}.pdf`}>
            {title}.pdf
          </a>
        </>
      ) : state.loading ? (
        <Loading />
      ) : (
        <>
          {state.error !== undefined && <ErrorMessage error={state.error} />}
          <button type="button" className="button" onClick={load}>
            {t('invoice.showPdf')}
          </button>
        </>
      )}
    </section>
  );
};
