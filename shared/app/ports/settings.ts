/** Ports — A tenant's settings. */
import type { Settings } from '../../domain/settings.js';

export interface SettingsRepository {
  get(tenantId: string): Promise<Settings>;
  put(tenantId: string, settings: Settings): Promise<void>;
}
