/**
 * A reminder scenario: ordered steps, each relative to the due date or to the previous step.
 * Offsets are in calendar days; negative = before the due date ("J-5" is `{ offsetDays: -5, anchor: 'due' }`).
 */
export interface ScenarioStep {
  id: string;
  offsetDays: number;
  anchor: 'due' | 'previous';
  templateId: string;
}

export interface Scenario {
  id: string;
  name: string;
  steps: ScenarioStep[];
}

export const MIN_OFFSET_DAYS = -60;
export const MAX_OFFSET_DAYS = 365;

/** Problems that make a scenario unusable, in English, empty when valid. */
export const validateScenario = (s: Scenario): string[] => {
  const problems: string[] = [];
  if (s.steps.length === 0) problems.push('the scenario has no steps');
  const seen = new Set<string>();
  s.steps.forEach((step, index) => {
    const label = `step ${index + 1} (${step.id || 'no id'})`;
    if (!step.id) problems.push(`${label}: missing id`);
    else if (seen.has(step.id)) problems.push(`${label}: duplicate step id "${step.id}"`);
    seen.add(step.id);
    if (!step.templateId) problems.push(`${label}: missing template`);
    if (!Number.isInteger(step.offsetDays)) problems.push(`${label}: offset must be a whole number of days`);
    if (step.offsetDays < MIN_OFFSET_DAYS || step.offsetDays > MAX_OFFSET_DAYS) {
      problems.push(`${label}: offset ${step.offsetDays} is outside ${MIN_OFFSET_DAYS}..+${MAX_OFFSET_DAYS} days`);
    }
    if (step.anchor === 'previous') {
      if (index === 0) problems.push(`${label}: the first step cannot be relative to a previous step`);
      if (step.offsetDays <= 0) problems.push(`${label}: an offset from the previous step must be at least 1 day`);
    }
  });
  return problems;
};
