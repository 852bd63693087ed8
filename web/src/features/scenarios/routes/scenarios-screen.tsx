import { useQuery } from '@tanstack/react-query';
import { AsyncState, EmptyState, PageHeader } from '../../../components/ui';
import { api, unwrap } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';

/** Each scenario's steps on a timeline, in order of their day relative to the due date. */
export default function ScenariosScreen() {
  const { t } = useI18n();
  const scenarios = useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')) });
  return (
    <section>
      <PageHeader title={t('scenarios.title')} />
      <AsyncState query={scenarios} isEmpty={(d) => d.items.length === 0} empty={<EmptyState title={t('scenarios.empty')} />}>
        {(data) =>
          data.items.map((scenario) => (
            <section key={scenario.id} className="card" aria-labelledby={`scn-${scenario.id}`}>
              <h2 id={`scn-${scenario.id}`}>
                {scenario.name} {scenario.customized && <span className="badge neutral">{t('templates.customized')}</span>}
              </h2>
              <ol className="steps" aria-label={t('scenarios.steps')}>
                {scenario.steps.map((step) => (
                  <li key={step.id}>
                    <strong>
                      {t('scenarios.offset', { sign: step.offsetDays < 0 ? '−' : '+', days: Math.abs(step.offsetDays) })}
                    </strong>
                    <div className="muted">
                      {step.offsetDays < 0 ? t('scenarios.beforeDue') : step.anchor === 'previous' ? t('scenarios.anchorPrevious') : t('scenarios.anchorDue')}
                    </div>
                    <div>{step.templateId}</div>
                    <div className="muted">
                      {t('scenarios.channel')} : {t('scenarios.email')}
                    </div>
                  </li>
                ))}
              </ol>
            </section>
          ))
        }
      </AsyncState>
    </section>
  );
}
