/** API errors: RFC 9457 problem+json, with `errors[{ path, message }]` naming each bad field. */
import i18next from 'i18next';
import { apiMessage } from './api-message';
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  /** `nothing-to-remind` (POST /clients/{id}/reminders, its dry run too): each invoice and why it cannot be reminded. */
  items?: RefusedItem[];
}

export interface RefusedItem {
  invoiceId: string;
  number?: string;
  status: string;
  reason?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The whole-request message in the user's language: the API's detail when known, a plain sentence for a 5xx. */
  userMessage(): string {
    const lang = i18next.language === 'en' ? 'en' : 'fr';
    if (this.status >= 500) return i18next.t('errors.server');
    // The portal's daily cap on a link's actions (portal-rate-limit), or API Gateway's throttle (no problem+json, only
    // `{ message }`): a sentence in the user's language, never the API's English or "HTTP 429".
    if (this.problem.type?.endsWith('/portal-rate-limit')) return i18next.t('errors.portalRateLimit');
    if (this.status === 429) return i18next.t('errors.tooManyRequests');
    // A validation refusal's detail only repeats its fields ("query.to: must not be before from"): they are said one by one.
    if (this.problem.type?.endsWith('/validation') && (this.problem.errors?.length ?? 0) > 0) return i18next.t('errors.checkFields');
    // A detail that only lists its fields ("planRequest.instalments: instalments add up to 120002 cents…", a plan
    // request accepted after a payment): the one field's message in the user's words, or "check the fields" for several.
    const errors = this.problem.errors ?? [];
    if (errors.length > 0 && this.message === errors.map((e) => `${e.path}: ${e.message}`).join('; '))
      return errors.length === 1 ? apiMessage(errors[0]!.message, lang) : i18next.t('errors.checkFields');
    return apiMessage(this.message, lang);
  }

  /** Field errors keyed by form path (`body.lines.0.quantity` → `lines.0.quantity`), said in the user's language. */
  fieldErrors(): Record<string, string> {
    const lang = i18next.language === 'en' ? 'en' : 'fr';
    const out: Record<string, string> = {};
    for (const { path, message } of this.problem.errors ?? []) {
      const key = path.replace(/^(body|query|path)\.?/, '') || '_';
      out[key] ??= apiMessage(message, lang);
    }
    return out;
  }
}

export const toApiError = (status: number, body: unknown): ApiError =>
  new ApiError(status, typeof body === 'object' && body !== null ? (body as Problem) : { title: String(body ?? ''), status });

/**
 * A client reminder refused because none of its invoices can be reminded (422 `nothing-to-remind`, the preview
 * as the send): each invoice and why, as a preview listed them when it answered 200; else undefined.
 */
export const nothingToRemind = (error: unknown): RefusedItem[] | undefined =>
  error instanceof ApiError && error.status === 422 && error.problem.type?.endsWith('/nothing-to-remind') ? (error.problem.items ?? []) : undefined;
