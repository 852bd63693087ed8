import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useTemplates, useTimeline } from '../api';
import '../event-texts';
import '../texts';
import { useStepName, useStepReason } from './step-reason';

type EventData = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const cents = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Events of a message that went out: they name its template (the timeline is the proof in a dispute). */
const SENT = new Set(['reminder.sent', 'sms.sent']);

/** What an event says beyond its name, in words: step, template sent, amount, date, method, recipient, reason, status change. */
export const useEventDetail = (templateName: (id: string) => string | undefined = () => undefined) => {
  const { t, date, money } = useI18n();
  const stepName = useStepName();
  const stepReason = useStepReason();
  return (type: string, data: EventData = {}): string => {
    if (type === 'invoice.status_changed' && text(data.from) && text(data.to)) return `${t(`status.${data.from as string}`)} → ${t(`status.${data.to as string}`)}`;
    const reminder = type.startsWith('reminder.');
    const parts = [
      (reminder || type === 'sms.sent' || type.startsWith('email.')) && text(data.stepId) ? stepName(data.stepId as string) : undefined,
      SENT.has(type) && text(data.templateId) ? templateName(data.templateId as string) : undefined,
      cents(data.amountCents) !== undefined ? money(data.amountCents as number) : cents(data.grossCents) !== undefined ? money(data.grossCents as number) : undefined,
      text(data.date) && /^\d{4}-\d\d-\d\d$/.test(data.date as string) ? date(data.date as string) : undefined,
      text(data.method) ? t(`invoice.methods.${data.method as string}`, { defaultValue: data.method as string }) : undefined,
      text(data.reference),
      text(data.trackingNumber),
      // Which credit note went out, or did not (an invoice may have several).
      type === 'credit_note.sent' || type === 'credit_note.email_failed' ? text(data.creditNote) : undefined,
      text(data.to),
      // A reminder's, a plan's and a resume by the API's reason are codes (said in words); the others are what the owner or
      // the client typed (an automatic resume carries the pause's reason: typed, or the code of a promise or a "j'ai payé").
      text(data.reason)
        ? reminder || (type === 'invoice.resumed' && data.auto === false)
          ? stepReason(data.reason as string)
          : type === 'plan.ended'
            ? t(`planSteps.planEndReasons.${data.reason as string}`, { defaultValue: data.reason as string })
            : type === 'invoice.resumed'
              ? t(`invoiceMore.pauseReasons.${data.reason as string}`, { defaultValue: data.reason as string })
              : (data.reason as string)
        : undefined,
      // What the owner typed with a promise or a payment plan, or the client with a plan request: it was shown nowhere.
      text(data.note),
    ];
    return parts.filter(Boolean).join(' · ');
  };
};

export const Timeline = ({ invoiceId }: { invoiceId: string }) => {
  const { t, dateTime } = useI18n();
  const timeline = useTimeline(invoiceId);
  const templates = useTemplates();
  const detail = useEventDetail((id) => templates.data?.items.find((tpl) => tpl.id === id)?.name);
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
              {detail(event.type, event.data as EventData | undefined) && <span className="muted"> — {detail(event.type, event.data as EventData | undefined)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
