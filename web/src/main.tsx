import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { initApi } from './lib/api-client';
import { loadApiMessages } from './lib/api-message';
import { initAuth } from './lib/auth';
import { loadConfig } from './lib/config';
import { initI18n } from './lib/i18n';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const [config] = await Promise.all([loadConfig(), initI18n()]);
  initAuth(config);
  initApi(config.apiUrl);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // The API's messages in French and English, after the first screen (see lib/api-message.ts).
  void loadApiMessages();
} catch (error) {
  root.render(<p role="alert">Relances could not start: {error instanceof Error ? error.message : String(error)}</p>);
}
