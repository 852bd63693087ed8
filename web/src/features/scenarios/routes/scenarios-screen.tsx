import { useMemo } from 'react';
import { Link } from 'react-router';
import { AsyncState, EmptyState, PageHeader } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import { useScenarioName } from '../../../lib/scenario-name';
import { useScenarios, useTemplateNames } from '../api';
import { StepTimeline } from '../components/step-timeline';
import '../texts';

/** Each scenario's steps on a timeline around the due date; a scenario opens in its editor. */
export default function ScenariosScreen() {
  const { t, colon } = useI18n();
  const scenarios = useScenarios();
  const said = useScenarioName();
  const templates = useTemplateNames();
  const names = useMemo(() => new Map((templates.data?.items ?? []).map((tpl) => [tpl.id, tpl.name])), [templates.data]);
  return (
    <section>
      <PageHeader title={t('scenarios.title')}>
        <Link to="/scenarios/new" className="button primary">
          {t('scenarioEditor.new')}
        </Link>
      </PageHeader>
      <AsyncState
        query={scenarios}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('scenarios.empty')} action={{ to: '/scenarios/new', label: t('scenarioEditor.new') }}>{t('scenarioEditor.emptyHint')}</EmptyState>}
      >
        {(data) =>
          data.items.map((scenario) => (
            <section key={scenario.id} className="card" aria-labelledby={`scn-${scenario.id}`}>
              <div className="page-header">
                <h2 id={`scn-${scenario.id}`}>
                  {said(scenario.name)} {scenario.customized && <span className="badge neutral">{t('templates.customized')}</span>}
                  {scenario.builtIn && !scenario.customized && <span className="badge neutral">{t('templates.builtIn')}</span>}
                </h2>
                <Link to={`/scenarios/${scenario.id}`} className="button small" aria-label={`${t('scenarioEditor.edit')} ${said(scenario.name)}`}>
                  {t('scenarioEditor.edit')}
                </Link>
              </div>
              {/* The client categories it is bound to: which clients follow it, without opening each scenario. */}
              {(scenario.tags ?? []).length > 0 && (
                <p className="muted" data-testid="scenario-tags">
                  {colon(t('scenarioEditor.tags'))} {(scenario.tags ?? []).join(', ')}
                </p>
              )}
              <StepTimeline steps={scenario.steps} templateNames={names} label={`${t('scenarios.steps')} — ${said(scenario.name)}`} />
            </section>
          ))
        }
      </AsyncState>
    </section>
  );
}
