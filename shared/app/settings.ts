import { Settings, type SettingsInput } from '../http/schemas/settings.js';
import { parseOrThrow } from '../http/problem.js';
import type { SettingsRepository } from './ports.js';

export const makeGetSettings = ({ settings }: { settings: SettingsRepository }) => (tenantId: string) => settings.get(tenantId);

/** PUT merges the given fields over the current settings (company identity merged field by field). */
export const makeUpdateSettings = ({ settings }: { settings: SettingsRepository }) =>
  async (tenantId: string, input: SettingsInput): Promise<Settings> => {
    const current = await settings.get(tenantId);
    const merged = parseOrThrow(Settings, { ...current, ...input, company: { ...current.company, ...input.company } }, 'body');
    await settings.put(tenantId, merged);
    return merged;
  };
