import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AsyncState, EmptyState, Field, PageHeader } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { addDaysIso } from '../../lib/dates';
import { todayIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';

/** A calendar of what would go out: one group per day, sends and skips with their reason. */
export default function SimulationScreen() {
  const { t, date, dateTime } = useI18n();
  const [range, setRange] = useState(() => ({ from: todayIso(), to: addDaysIso(todayIso(), 30) }));
  const [draft, setDraft] = useState(range);
  const simulation = useQuery({
    queryKey: ['simulation', range],
    queryFn: () =>
      unwrap(api().GET('/reminders/simulation', { params: { query: { from: `${range.from}T00:00:00Z`, to: `${range.to}T23:59:59Z` } } })),
  });
  return (
    <section>
      <PageHeader title={t('simulation.title')} />
      <p className="muted">{t('simulation.intro')}</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setRange(draft);
        }}
      >
        <Field label={t('simulation.from')}>{(p) => <input {...p} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}</Field>
        <Field label={t('simulation.to')}>{(p) => <input {...p} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}</Field>
        <button type="submit" className="button primary">
          {t('simulation.run')}
        </button>
      </form>
      <AsyncState query={simulation} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('simulation.empty')} />}>
        {(data) => {
          const days = new Map<string, typeof data.items>();
          for (const item of data.items) {
            const day = (item.at ?? data.from).slice(0, 10);
            days.set(day, [...(days.get(day) ?? []), item]);
          }
          return [...days.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([day, items]) => (
              <section key={day} className="day-group card" aria-labelledby={`day-${day}`}>
                <h3 id={`day-${day}`}>
                  {date(day)} · {t('simulation.count', { count: items.filter((i) => i.action === 'send').length })}
                </h3>
                <ul className="plain-list">
                  {items.map((item) => (
                    <li key={`${item.invoiceId}-${item.stepId}`}>
                      <span className={`badge ${item.action === 'send' ? 'info' : 'neutral'}`}>{item.action === 'send' ? t('simulation.send') : t('simulation.skip')}</span>{' '}
                      {item.clientName} · {item.invoiceNumber ?? item.invoiceId} · {item.stepId.toUpperCase()} · {item.templateId}
                      {item.at && <span className="muted"> · {dateTime(item.at)}</span>}
                      {item.reason && <span className="muted"> · {item.reason}</span>}
                    </li>
                  ))}
                </ul>
              </section>
            ));
        }}
      </AsyncState>
    </section>
  );
}
