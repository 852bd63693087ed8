import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';

export type Scenario = operations['getScenario']['responses'][200]['content']['application/json'];
/** A whole scenario as the editor sends it (to POST, or to PUT, which also takes part of one). */
export type ScenarioInput = Omit<NonNullable<operations['createScenario']['requestBody']>['content']['application/json'], 'id'>;
export type ScenarioStep = ScenarioInput['steps'][number];

export const useScenarios = () => useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')) });
export const useScenario = (id: string) =>
  useQuery({ queryKey: ['scenarios', id], enabled: id !== 'new', queryFn: () => unwrap(api().GET('/scenarios/{id}', { params: { path: { id } } })) });
export const useTemplateNames = () => useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')) });

/**
 * A scenario saved, reverted or deleted re-plans the open invoices that follow it: their reminder plans, the
 * simulation and today's reminders on the home screen are read again, not shown as before for the cache's 15 s.
 */
const refreshAfterScenarioChange = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: ['scenarios'] }), invalidateMoneyViews(queryClient)]);

export const useSaveScenario = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScenarioInput) =>
      id === 'new'
        ? unwrap(api().POST('/scenarios', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body }))
        : unwrap(api().PUT('/scenarios/{id}', { params: { path: { id } }, body })),
    onSuccess: () => refreshAfterScenarioChange(queryClient),
  });
};

/** A customised built-in scenario back to the built-in steps (DELETE answers them): read again where it is shown. */
export const useRevertScenario = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().DELETE('/scenarios/{id}', { params: { path: { id } } })),
    onSuccess: () => refreshAfterScenarioChange(queryClient),
  });
};

/** One of the owner's scenarios deleted. */
export const useDeleteScenario = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().DELETE('/scenarios/{id}', { params: { path: { id } } })),
    // Over as soon as deleted (the screens read again behind), and the deleted scenario is not read again: its 404
    // replaced the screen by "introuvable" before the delete was over, and the screen never went back to the list.
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['scenarios', id] });
      void queryClient.invalidateQueries({ queryKey: ['scenarios'], exact: true });
      void invalidateMoneyViews(queryClient);
    },
  });
};

/** Day of each step relative to the due date (a step anchored on the previous one adds to it). */
export const stepDays = (steps: readonly { offsetDays: number; anchor?: 'due' | 'previous' }[]): number[] => {
  const days: number[] = [];
  steps.forEach((step, i) => {
    const previous = days[i - 1];
    days.push(step.anchor === 'previous' && previous !== undefined ? previous + step.offsetDays : step.offsetDays);
  });
  return days;
};

/** A step id the API accepts (1-16 of a-z 0-9 + -), from its day, unique in the scenario. */
export const stepId = (day: number, taken: ReadonlySet<string>): string => {
  const base = `j${day < 0 ? '-' : '+'}${Math.abs(day)}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
};
