/** Calendar arithmetic on business dates `YYYY-MM-DD` (UTC days, no time zone drift). */
export const addDaysIso = (date: string, days: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
};
