import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import { stepDays } from '../api';
import '../texts';

export interface TimelineStep {
  offsetDays: number;
  anchor?: 'due' | 'previous';
  templateId: string;
  channel?: string;
}

/**
 * A name's closing "(J-5)" kept on one line: a phone broke it at its hyphen ("(J-" then "5)"), as it broke
 * "E-mail" after the name (the channel is kept whole too).
 */
const unbroken = (name: string): ReactNode => {
  const split = /^(.*\S)\s+(\([^()\s]*\))$/.exec(name);
  return split ? (
    <>
      {split[1]} <span className="nowrap">{split[2]}</span>
    </>
  ) : (
    name
  );
};

/** Steps on a vertical timeline around the due date (day 0), each with its day, template and channel. */
export const StepTimeline = ({ steps, templateNames, label }: { steps: readonly TimelineStep[]; templateNames: ReadonlyMap<string, string>; label: string }) => {
  const { t } = useI18n();
  const days = stepDays(steps);
  const dueIndex = days.findIndex((d) => d >= 0);
  const due = (
    <li className="due-marker" key="due">
      <strong>{t('scenarioEditor.dueMarker')}</strong>
    </li>
  );
  return (
    <ol className="step-timeline" aria-label={label}>
      {steps.map((step, i) => (
        <Fragment key={i}>
          {i === dueIndex && days[i] !== 0 && due}
          <li className={`channel-${step.channel ?? 'email'}`}>
            <strong>{t('scenarioEditor.dayLabel', { sign: days[i]! < 0 ? '−' : '+', days: Math.abs(days[i]!) })}</strong>{' '}
            <span>{unbroken(templateNames.get(step.templateId) ?? step.templateId)}</span>{' '}
            <span className="muted nowrap">· {t(`scenarioEditor.channels.${step.channel ?? 'email'}`)}</span>
          </li>
        </Fragment>
      ))}
      {dueIndex === -1 && due}
    </ol>
  );
};
