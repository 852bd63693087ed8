import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * What a confirmation says ("Paiement de 600,00 € retiré."), kept until the next action on the screen: any request that
 * changes something (a React Query mutation started anywhere: a reminder sent, a pause, a portal link) takes it away, so
 * it no longer reads as the outcome of what was done since. Set it after its own action's mutation started.
 */
export const useUntilNextAction = <T>() => {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (value === null) return;
    return queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'added') setValue(null);
    });
  }, [queryClient, value]);
  return [value, setValue] as const;
};
