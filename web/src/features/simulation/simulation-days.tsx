import { Link } from 'react-router';
import type { operations } from '../../api/schema';
import { localDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { templateForLanguage } from '../../lib/template-language';
import { useStepName, useStepReason } from '../invoices/components/step-reason';
import './texts';

export type Simulation = operations['simulation']['responses'][200]['content']['application/json'];
export type SimulationItem = Simulation['items'][number];

const ACTION_TONE: Record<SimulationItem['action'], string> = { send: 'info', skip: 'neutral', escalate: 'danger' };

/** Which rule chose the scenario, in words: the client's own, one of its categories (`tag:<tag>`), or the default. */
export const useRuleText = () => {
  const { t } = useI18n();
  return (rule: string): string =>
    rule === 'client' ? t('simulationMore.rule.client') : rule.startsWith('tag:') ? t('simulationMore.rule.tag', { tag: rule.slice(4) }) : rule === 'default' ? t('simulationMore.rule.default') : rule;
};

/** Messages that would go out: a client's invoices grouped in one message count once. */
const messageCount = (items: readonly SimulationItem[]): number =>
  new Set(
    items
      .filter((i) => i.action === 'send')
      .map((i) => (i.groupedWith ? `${i.channel}:${[i.invoiceNumber ?? i.invoiceId, ...i.groupedWith].sort().join(',')}` : `${i.invoiceId}:${i.stepId}`)),
  ).size;

/** What would happen, one group per day: sends (with their channel), skips with their reason, moves to litigation; each with its scenario and why. */
export const SimulationDays = ({
  simulation,
  scenarioNames = {},
  templateNames = {},
  clientLanguages = {},
  timeZone,
}: {
  simulation: Simulation;
  scenarioNames?: Record<string, string>;
  templateNames?: Record<string, string>;
  /** Each client's language: an English client gets (and is shown) the English variant of a French template. */
  clientLanguages?: Record<string, 'fr' | 'en'>;
  /** The tenant's: days and times as the reminders see them (default: the browser's). */
  timeZone?: string;
}) => {
  const { t, date, dateTime } = useI18n();
  const ruleText = useRuleText();
  const reason = useStepReason();
  const stepName = useStepName();
  const known = Object.keys(templateNames).map((id) => ({ id }));
  const templateName = (item: SimulationItem) => {
    const id = templateForLanguage(item.templateId, clientLanguages[item.clientId], known);
    return templateNames[id] ?? id;
  };
  const days = new Map<string, SimulationItem[]>();
  for (const item of simulation.items) {
    const day = localDay(item.at ?? simulation.from, timeZone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  const count = (f: (i: SimulationItem) => boolean) => simulation.items.filter(f).length;
  const escalations = count((i) => i.action === 'escalate');
  const letters = count((i) => i.action === 'send' && i.channel === 'letter');
  const sms = count((i) => i.action === 'send' && i.channel === 'sms');
  return (
    <>
      {(escalations > 0 || letters > 0 || sms > 0) && (
        <p className="notice" data-testid="simulation-summary">
          {[letters > 0 && t('simulationMore.letters', { count: letters }), sms > 0 && t('simulationMore.sms', { count: sms }), escalations > 0 && t('simulationMore.escalations', { count: escalations })]
            .filter(Boolean)
            .join(' · ')}
          <br />
          <span className="muted">{t('simulationMore.legend')}</span>
        </p>
      )}
      {[...days.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, items]) => (
          <section key={day} className="day-group card" aria-labelledby={`day-${day}`}>
            {/* Under the page's h1, each day is a section of its own (an h3 skipped a level: axe heading-order). */}
            <h2 id={`day-${day}`}>
              {date(day)} · {t('simulation.count', { count: messageCount(items) })}
            </h2>
            <ul className="plain-list simulation-items">
              {items.map((item) => (
                <li key={`${item.invoiceId}-${item.stepId}`} data-testid="simulation-item" data-action={item.action} data-channel={item.channel}>
                  <span className={`badge ${ACTION_TONE[item.action]}`}>
                    {item.action === 'send' ? t('simulation.send') : item.action === 'escalate' ? t('simulationMore.escalate') : t('simulation.skip')}
                  </span>{' '}
                  {item.action !== 'escalate' && (
                    <>
                      <span className={`badge ${item.channel === 'email' ? 'neutral' : 'warn'}`} title={t('simulationMore.channel')}>
                        {t(`simulationMore.channels.${item.channel}`)}
                      </span>{' '}
                    </>
                  )}
                  {item.clientName} · <Link to={`/invoices/${item.invoiceId}`} className="doc-number">{item.invoiceNumber ?? item.invoiceId}</Link>
                  {item.action === 'escalate' ? (
                    <> · {t('simulationMore.escalateText')}</>
                  ) : (
                    <>
                      {' '}
                      · {stepName(item.stepId)} · {templateName(item)}
                    </>
                  )}
                  {item.at && <span className="muted"> · {dateTime(item.at, timeZone)}</span>}
                  {item.reason && <span className="muted"> · {reason(item.reason)}</span>}
                  {item.plannedAt && <span className="muted"> · {t('simulationMore.plannedAt', { date: date(localDay(item.plannedAt, timeZone)) })}</span>}
                  {item.groupedWith && (
                    <span className="muted" data-testid="simulation-grouped">
                      {' '}
                      · {t('simulationMore.groupedWith', { numbers: item.groupedWith.join(', ') })}
                    </span>
                  )}
                  <br />
                  <span className="muted" style={{ fontSize: '0.9rem' }} data-testid="simulation-rule">
                    {t('simulationMore.scenario', { name: scenarioNames[item.scenarioId] ?? item.scenarioId })} — {ruleText(item.scenarioRule)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
};
