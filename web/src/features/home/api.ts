import { useQuery } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { localDay } from '../../lib/format';

export type Cockpit = operations['cockpit']['responses'][200]['content']['application/json'];

export const useCockpit = () => useQuery({ queryKey: ['cockpit'], queryFn: () => unwrap(api().GET('/cockpit')) });

/**
 * What goes out today: the simulation from now to the end of the tenant's day, in its time zone (the API reads a
 * date `to` as the end of that day there). It ended at midnight UTC after the browser's date: a tenant west of UTC
 * (Antilles, 21:00 send hour) never saw its evening's reminders, one east of it (Nouméa) saw tomorrow's as today's.
 */
export const useTodaysReminders = () => {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => unwrap(api().GET('/settings')) });
  const timeZone = settings.data?.timezone;
  return useQuery({
    queryKey: ['simulation', 'today', timeZone],
    enabled: !settings.isPending,
    queryFn: () => {
      const now = new Date().toISOString();
      return unwrap(api().GET('/reminders/simulation', { params: { query: { from: now, to: localDay(now, timeZone) } } }));
    },
  });
};

/** Letters waiting to be posted (same query key as the letters screen): the home screen points to them when there are some. */
export const useLettersToPost = () => useQuery({ queryKey: ['reminders', 'to-post'], queryFn: () => unwrap(api().GET('/reminders/to-post')) });
