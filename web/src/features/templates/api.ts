import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { listAllClients } from '../../lib/all-clients';

export type Template = operations['getTemplate']['responses'][200]['content']['application/json'];
export type TemplateInput = NonNullable<operations['putTemplate']['requestBody']>['content']['application/json'];

export const useTemplates = () => useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')) });
export const useTemplate = (id: string) => useQuery({ queryKey: ['templates', id], queryFn: () => unwrap(api().GET('/templates/{id}', { params: { path: { id } } })) });

/** Numbered invoices (the latest due first) to preview templates with real values. */
export const usePreviewInvoices = () =>
  useQuery({
    queryKey: ['invoices', 'list', { preview: 'numbered' }],
    queryFn: async () => (await unwrap(api().GET('/invoices', { params: { query: { limit: 50, sort: '-dueDate' } } }))).items.filter((i) => i.number),
  });

/** The clients, for their kind (professional or consumer): the same query as the invoice pickers. */
/** The scenarios' names, read for a refusal naming one by its id (the template is sent by a consumer's scenario). */
export const useScenarioNames = () => useQuery({ queryKey: ['scenarios'], queryFn: () => unwrap(api().GET('/scenarios')), staleTime: 60_000 });
export const useClientKinds = () => useQuery({ queryKey: ['clients', 'names'], queryFn: listAllClients, staleTime: 60_000 });

interface PreviewCandidate {
  readonly clientId: string;
  readonly overdue: boolean;
  readonly status: string;
}

/**
 * The invoice a template is best previewed on, so its variables show real values: one of the
 * clients it is written for (a consumer's invoice leaves the B2B penalties and the €40 empty),
 * overdue for a reminder past the due date ("impayée depuis 0 jours" on an invoice not yet due),
 * not yet due for a courtesy note, and still open; among equals, the latest due.
 */
export const fittingInvoice = <I extends PreviewCandidate>(
  invoices: readonly I[],
  template: { readonly tone: string; readonly kind?: string },
  kindOf: (clientId: string) => string | undefined,
): I | undefined => {
  const score = (i: I) =>
    (!template.kind || kindOf(i.clientId) === template.kind ? 4 : 0) +
    ((template.tone === 'courtesy' ? !i.overdue : i.overdue) ? 2 : 0) +
    (i.status === 'sent' || i.status === 'partially_paid' ? 1 : 0);
  let best: I | undefined;
  for (const invoice of invoices) if (!best || score(invoice) > score(best)) best = invoice;
  return best;
};

/** `language`: the one chosen in the editor, saved or not: the variables (dates, amounts, payment lines) follow it. */
export const useLivePreview = (id: string, invoiceId: string | undefined, draft: { subject: string; body: string }, language?: 'fr' | 'en') =>
  useQuery({
    queryKey: ['templates', id, 'preview', invoiceId, language],
    enabled: Boolean(invoiceId),
    placeholderData: keepPreviousData,
    queryFn: () => unwrap(api().POST('/templates/{id}/preview', { params: { path: { id } }, body: { invoiceId: invoiceId!, ...(language ? { language } : {}) } })),
    select: (preview) => ({ ...preview, ...renderDraft(draft, preview.variables) }),
  });

/**
 * "à {{companyEmail}} ou au {{companyPhone}}" for a company without a phone: the "ou au" goes with
 * it, as the API renders it (shared/domain/template-render.ts, PHONE_ALTERNATIVE; a test compares them).
 */
export const PHONE_ALTERNATIVE = /[ \t]+(?:ou au|ou|or on|or)[ \t]+\{\{\s*companyPhone\s*\}\}/g;

/** "Facture en ligne (…) : {{portalUrl}}" alone on its line goes when the invoice has no link (revoked, none issued), as the API renders it. */
const LINK_LINE = /^[^\n{}]*:[ \t]*\{\{\s*portalUrl\s*\}\}[ \t]*(?:\n|$)/gm;
/** `{{daysLate}} jours` / `days` reads « 1 jour » / "1 day" at one day late (French singular at 0 too), as the API renders it. */
const DAYS_AFTER = /(\{\{\s*daysLate\s*\}\}[ \u00a0])(jours|days)\b/g;

/**
 * The live preview renders the text being edited with the variables the API computed for the invoice, by the
 * API's rules (shared/domain/template-render.ts, renderTemplate; a test compares them).
 */
export const renderDraft = (draft: { subject: string; body: string }, variables: Record<string, string>) => {
  const days = Number(variables.daysLate);
  const render = (text: string) => {
    let out = variables.companyPhone ? text : text.replace(PHONE_ALTERNATIVE, '');
    if (!variables.portalUrl) out = out.replace(LINK_LINE, '');
    if (Number.isFinite(days) && days <= 1) out = out.replace(DAYS_AFTER, (_, head: string, word: string) => `${head}${word === 'jours' ? 'jour' : days === 1 ? 'day' : word}`);
    return out.replace(/\{\{([^{}]*)\}\}/g, (_, raw: string) => variables[raw.trim()] ?? '');
  };
  return { subject: render(draft.subject), body: render(draft.body) };
};

export const useSaveTemplate = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateInput) => unwrap(api().PUT('/templates/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
};

export const useRevertTemplate = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().DELETE('/templates/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
};

/**
 * Deletes one of the owner's templates. Its own queries go at once, the list alone is read again: reading the deleted
 * template again (a 404) replaced its screen by "cannot be found" before the screen could go back to the list.
 */
export const useDeleteTemplate = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().DELETE('/templates/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['templates', id] });
      void queryClient.invalidateQueries({ queryKey: ['templates'], exact: true });
    },
  });
};

export const useTestSend = (id: string) =>
  useMutation({ mutationFn: (invoiceId?: string) => unwrap(api().POST('/templates/{id}/test', { params: { path: { id } }, body: invoiceId ? { invoiceId } : {} })) });

export type TemplateCreate = NonNullable<operations['createTemplate']['requestBody']>['content']['application/json'];

export const useCreateTemplate = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateCreate) => unwrap(api().POST('/templates', { params: { header: { 'Idempotency-Key': crypto.randomUUID() } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['templates'] }),
  });
};
