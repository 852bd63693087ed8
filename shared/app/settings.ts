import type { Scenario } from '../domain/scenario.js';
import type { Settings, SettingsInput } from '../domain/settings.js';
import { BusinessRuleError } from './errors.js';
import type { SettingsRepository, TenantDocuments } from './ports.js';
import { resolveScenario } from './reminders/reminder-context.js';

/** `changes` over `base`: a field given replaces, `null` removes it, a field left out is kept. */
const mergeRemoving = <T extends object>(base: T, changes: { [K in keyof T]?: T[K] | null }): T => {
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as T;
};

export const makeGetSettings = ({ settings }: { settings: SettingsRepository }) => (tenantId: string) => settings.get(tenantId);

/**
 * PUT merges the given fields over the current settings (company identity merged field by
 * field). A default scenario must exist, or every client without its own would silently fall back.
 */
export const makeUpdateSettings = ({ settings, scenarios }: { settings: SettingsRepository; scenarios: TenantDocuments<Scenario> }) =>
  async (tenantId: string, input: SettingsInput): Promise<Settings> => {
    if (input.defaultScenarioId && !(await resolveScenario(scenarios, tenantId, input.defaultScenarioId))) {
      throw new BusinessRuleError('unknown-scenario', 'The scenario does not exist', [{ path: 'body.defaultScenarioId', message: 'no such scenario' }]);
    }
    const current = await settings.get(tenantId);
    // Every field of the input was validated at the edge, so the merge of two valid settings is valid.
    const { paymentUrl, notifyEmail, notifications, company, ...rest } = input;
    const { paymentUrl: currentUrl, notifyEmail: currentNotifyEmail, ...kept } = current;
    const url = paymentUrl === null ? undefined : (paymentUrl ?? currentUrl);
    const notify = notifyEmail === null ? undefined : (notifyEmail ?? currentNotifyEmail);
    const merged: Settings = {
      ...mergeRemoving(kept, rest),
      ...(url ? { paymentUrl: url } : {}),
      ...(notify ? { notifyEmail: notify } : {}),
      company: mergeRemoving(current.company, company ?? {}),
      notifications: { ...current.notifications, ...notifications },
    };
    // The plan ends on the day after `planMissedDays`; a late-instalment reminder set later would never go.
    if (merged.planMissedDays < merged.planLateDays) {
      const field = input.planMissedDays !== undefined || input.planLateDays === undefined ? 'planMissedDays' : 'planLateDays';
      throw new BusinessRuleError('plan-missed-before-late', 'A payment plan would end before its late-instalment reminder', [
        { path: `body.${field}`, message: field === 'planMissedDays' ? 'must not be shorter than planLateDays' : 'must not be longer than planMissedDays' },
      ]);
    }
    await settings.put(tenantId, merged);
    return merged;
  };
