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

/**
 * The names of the tenant's templates and scenarios, by id, as the app last read their lists (api-client.ts records
 * them): a refusal naming one by its id ("template \"firm\"", "scenario \"01m8…\"") is said with the name the owner
 * sees on screen. An id not read yet stays as it is.
 */
const names = { template: new Map<string, string>(), scenario: new Map<string, string>() };
export const rememberNames = (kind: keyof typeof names, items: readonly { id: string; name: string }[]): void => {
  for (const item of items) names[kind].set(item.id, item.name);
};
export const nameOf = (kind: keyof typeof names, id: string): string => names[kind].get(id) ?? id;
