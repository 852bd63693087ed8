import { useTranslation } from 'react-i18next';
import '../texts';

/** Why a step or a reminder did not go, in the user's language; a code the screen does not know stays as is. */
export const useStepReason = () => {
  const { t, i18n } = useTranslation();
  return (code: string) => (i18n.exists(`planSteps.reasons.${code}`) ? t(`planSteps.reasons.${code}`) : code);
};

/** A step's name: "J+8" as the scenario says it ("D+8" in English); the escalation and manual reminders by what they are. */
export const useStepName = () => {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (stepId: string) => {
    // A payment plan's steps (p1-c2, p1-l2: before and after instalment 2) by what they are, not their code.
    const instalment = /^p\d+-([cl])(\d+)$/i.exec(stepId);
    if (instalment) return t(instalment[1]!.toLowerCase() === 'c' ? 'planSteps.instalmentCourtesy' : 'planSteps.instalmentLate', { n: Number(instalment[2]) });
    return stepId === 'escalate'
      ? t('planSteps.escalate')
      : stepId === 'manual' || stepId.startsWith('manual-')
        ? t('planSteps.manual')
        : english && /^j[+-]\d+$/i.test(stepId)
          ? `D${stepId.slice(1)}`
          : stepId.toUpperCase();
  };
};
