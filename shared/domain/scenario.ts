/**
 * A reminder scenario: ordered steps, each relative to the due date or to the previous step.
 * Offsets are in calendar days; negative = before the due date ("J-5" is `{ offsetDays: -5, anchor: 'due' }`).
 */
export interface ScenarioStep {
  id: string;
  offsetDays: number;
  anchor: 'due' | 'previous';
  templateId: string;
  /** How the step reaches the client; absent = `email`. */
  channel?: Channel;
}

/**
 * `email` (SES, with the PDFs), `sms` (a short text with the pay link, 08:00–20:00, never on
 * Sundays or holidays) or `letter` (a mise en demeure PDF the owner posts by registered mail).
 */
export type Channel = 'email' | 'sms' | 'letter';
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'letter'];
export const channelOf = (step: { readonly channel?: Channel | undefined }): Channel => step.channel ?? 'email';

export interface Scenario {
  id: string;
  name: string;
  steps: ScenarioStep[];
  /** Client categories this scenario applies to (for a client with no scenario of its own). */
  tags?: string[];
}

/** What creating or replacing a scenario takes. */
export type ScenarioInput = Omit<Scenario, 'id'>;

export const MIN_OFFSET_DAYS = -60;
export const MAX_OFFSET_DAYS = 365;

/**
 * Nominal day offset of every step from the due date, following `previous` anchors through the
 * scenario's own offsets (before any calendar move or catch-up).
 */
export const nominalOffsets = (steps: readonly ScenarioStep[]): number[] => {
  const offsets: number[] = [];
  steps.forEach((step, index) => {
    const previous = offsets[index - 1];
    offsets.push(step.anchor === 'previous' && previous !== undefined ? previous + step.offsetDays : step.offsetDays);
  });
  return offsets;
};

/** Problems that make a scenario unusable, in English, empty when valid. */
export const validateScenario = (s: Scenario): string[] => {
  const problems: string[] = [];
  if (s.steps.length === 0) problems.push('the scenario has no steps');
  const seen = new Set<string>();
  s.steps.forEach((step, index) => {
    const label = `step ${index + 1} (${step.id || 'no id'})`;
    if (!step.id) problems.push(`${label}: missing id`);
    else if (step.id === 'escalate') problems.push(`${label}: the id "escalate" is reserved for the move to litigation after the last step`);
    else if (seen.has(step.id)) problems.push(`${label}: duplicate step id "${step.id}"`);
    seen.add(step.id);
    if (!step.templateId) problems.push(`${label}: missing template`);
    if (step.channel !== undefined && !CHANNELS.includes(step.channel)) problems.push(`${label}: channel must be one of ${CHANNELS.join(', ')}`);
    if (!Number.isInteger(step.offsetDays)) problems.push(`${label}: offset must be a whole number of days`);
    if (step.offsetDays < MIN_OFFSET_DAYS || step.offsetDays > MAX_OFFSET_DAYS) {
      problems.push(`${label}: offset ${step.offsetDays} is outside ${MIN_OFFSET_DAYS}..+${MAX_OFFSET_DAYS} days`);
    }
    if (step.anchor === 'previous') {
      if (index === 0) problems.push(`${label}: the first step cannot be relative to a previous step`);
      if (step.offsetDays <= 0) problems.push(`${label}: an offset from the previous step must be at least 1 day`);
    }
  });
  // Tone escalates in list order: a step may not come before the one listed above it.
  const offsets = nominalOffsets(s.steps);
  offsets.forEach((offset, index) => {
    const previous = offsets[index - 1];
    if (index > 0 && previous !== undefined && offset <= previous) {
      problems.push(`step ${index + 1} (${s.steps[index]?.id ?? ''}): must come at least 1 day after the step before it`);
    }
    // A letter goes by registered post as a mise en demeure: it demands a debt already due.
    const step = s.steps[index];
    if (step?.channel === 'letter' && offset <= 0) {
      problems.push(`step ${index + 1} (${step.id || 'no id'}): a letter (mise en demeure by registered post) can only go after the due date: at least 1 day after it`);
    }
  });
  return problems;
};
