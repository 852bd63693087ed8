import { useQuery } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { addDaysIso } from '../../lib/dates';
import { todayIso } from '../../lib/format';

export type Cockpit = operations['cockpit']['responses'][200]['content']['application/json'];

export const useCockpit = () => useQuery({ queryKey: ['cockpit'], queryFn: () => unwrap(api().GET('/cockpit')) });

/** What goes out today: the simulation of today's window (the cockpit has no such list). */
export const useTodaysReminders = () =>
  useQuery({
    queryKey: ['simulation', 'today'],
    queryFn: () => {
      const today = todayIso();
      return unwrap(api().GET('/reminders/simulation', { params: { query: { from: new Date().toISOString(), to: `${addDaysIso(today, 1)}T00:00:00Z` } } }));
    },
  });

/** Letters waiting to be posted (same query key as the letters screen): the home screen points to them when there are some. */
export const useLettersToPost = () => useQuery({ queryKey: ['reminders', 'to-post'], queryFn: () => unwrap(api().GET('/reminders/to-post')) });
