import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useTimeline } from '../api';
import '../event-texts';

export const Timeline = ({ invoiceId }: { invoiceId: string }) => {
  const { t, dateTime } = useI18n();
  const timeline = useTimeline(invoiceId);
  return (
    <section aria-labelledby="timeline-title" className="card">
      <h2 id="timeline-title">{t('invoice.timeline')}</h2>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.isError ? (
        <ErrorMessage error={timeline.error} retry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <p className="muted">{t('invoice.noTimeline')}</p>
      ) : (
        <ol className="timeline">
          {timeline.data.items.map((event, i) => (
            <li key={`${event.at}-${i}`}>
              <time dateTime={event.at}>{dateTime(event.at)}</time>
              {t(`invoiceEvents.${event.type}`, { defaultValue: event.type.replace(/[._]/g, ' ') })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
