import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadApiMessages } from '../lib/api-message';
import { initI18n } from '../lib/i18n';

beforeAll(async () => {
  await initI18n('fr');
  await loadApiMessages();
});
afterEach(() => cleanup());
