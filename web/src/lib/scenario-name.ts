/**
 * A scenario's name as the user reads it. The two built-in scenarios carry French names from the
 * API (shared/domain/default-scenarios.ts); an English user reads them in English. A name the
 * owner gave is theirs and shown as it is.
 */
import { useCallback } from 'react';
import { useI18n } from './i18n';

const BUILT_IN = {
  'Clients professionnels (J-5, J+1, J+8, J+15)': 'builtInScenarios.b2b',
  'Clients particuliers (J-5, J+1, J+8, J+15)': 'builtInScenarios.b2c',
} as const;

export const useScenarioName = (): ((name: string) => string) => {
  const { t } = useI18n();
  return useCallback((name: string) => (name in BUILT_IN ? t(BUILT_IN[name as keyof typeof BUILT_IN]) : name), [t]);
};
