/**
 * The API's messages in the user's language (api-messages.ts), kept out of the first screen: its
 * tables weigh ~13 KB gzipped, and the first screen's JS is held under 200 KB. The module is fetched
 * right after the app starts (main.tsx), and a refusal is never shown before it is there: `unwrap`
 * waits for it before throwing. Until then (or if it cannot load) a message reads as the API wrote it.
 */
import type { Lang } from './format';

type Messages = typeof import('./api-messages');
let loaded: Messages | undefined;
let loading: Promise<Messages | undefined> | undefined;

export const loadApiMessages = (): Promise<Messages | undefined> =>
  (loading ??= import('./api-messages').then(
    (m) => (loaded = m),
    () => ((loading = undefined), undefined),
  ));

export const apiMessage = (message: string, lang: Lang): string => (loaded ? loaded.apiMessage(message, lang) : message);
