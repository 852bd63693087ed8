import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useQuoteTimeline } from '../api';
import '../texts';

/** Every event of the quote, oldest first (`GET /quotes/{id}/timeline`). */
export const QuoteTimeline = ({ quoteId }: { quoteId: string }) => {
  const { t, dateTime } = useI18n();
  const timeline = useQuoteTimeline(quoteId);
  return (
    <section aria-labelledby="quote-timeline-title" className="card">
      <h2 id="quote-timeline-title">{t('quoteMore.timeline')}</h2>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.isError ? (
        <ErrorMessage error={timeline.error} retry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <p className="muted">{t('quoteMore.noTimeline')}</p>
      ) : (
        <ol className="timeline" data-testid="quote-timeline">
          {timeline.data.items.map((event, i) => (
            <li key={`${event.at}-${i}`}>
              <time dateTime={event.at}>{dateTime(event.at)}</time> {t(`quoteMore.events.${event.type.replace(/^quote\./, '')}`, { defaultValue: event.type.replace(/[._]/g, ' ') })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
