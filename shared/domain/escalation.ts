/**
 * The end of a scenario: after its last step, an invoice still unpaid for `litigationAfterDays`
 * moves to `litigation` (contentieux). The move is one more recorded step of the plan (id
 * `escalate`), so it is planned, scheduled, re-planned and shown like the others; when it fires it
 * sends nothing: the step ends `done` and the invoice changes status. No table scan is ever needed.
 */
import type { Scenario, ScenarioStep } from './scenario.js';

export const ESCALATE_STEP_ID = 'escalate';
/** Not a template: the step's action (nothing is sent). */
export const ESCALATE_TEMPLATE_ID = 'escalate';

export const isEscalation = (step: { readonly stepId: string }): boolean => step.stepId === ESCALATE_STEP_ID;

/** The scenario as the engine plans it: its steps, then the escalation (0 days = none). */
export const withEscalation = (scenario: Scenario, litigationAfterDays: number): Scenario => {
  if (litigationAfterDays <= 0 || scenario.steps.length === 0 || scenario.steps.some((s) => s.id === ESCALATE_STEP_ID)) return scenario;
  const escalate: ScenarioStep = { id: ESCALATE_STEP_ID, offsetDays: litigationAfterDays, anchor: 'previous', templateId: ESCALATE_TEMPLATE_ID };
  return { ...scenario, steps: [...scenario.steps, escalate] };
};
