import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';

export type Template = operations['getTemplate']['responses'][200]['content']['application/json'];
export type TemplateInput = NonNullable<operations['putTemplate']['requestBody']>['content']['application/json'];

export const useTemplates = () => useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')) });
export const useTemplate = (id: string) => useQuery({ queryKey: ['templates', id], queryFn: () => unwrap(api().GET('/templates/{id}', { params: { path: { id } } })) });

/** A numbered invoice (the latest due) to preview templates with real values. */
export const usePreviewInvoice = () =>
  useQuery({
    queryKey: ['invoices', 'list', { preview: true }],
    queryFn: async () => (await unwrap(api().GET('/invoices', { params: { query: { limit: 10, sort: '-dueDate' } } }))).items.find((i) => i.number) ?? null,
  });

export const useLivePreview = (id: string, invoiceId: string | undefined, draft: { subject: string; body: string }) =>
  useQuery({
    queryKey: ['templates', id, 'preview', invoiceId],
    enabled: Boolean(invoiceId),
    queryFn: () => unwrap(api().POST('/templates/{id}/preview', { params: { path: { id } }, body: { invoiceId: invoiceId! } })),
    select: (preview) => ({ ...preview, ...renderDraft(draft, preview.variables) }),
  });

/**
 * "à {{companyEmail}} ou au {{companyPhone}}" for a company without a phone: the "ou au" goes with
 * it, as the API renders it (shared/domain/template-render.ts, PHONE_ALTERNATIVE; a test compares them).
 */
export const PHONE_ALTERNATIVE = /[ \t]+(?:ou au|ou|or on|or)[ \t]+\{\{\s*companyPhone\s*\}\}/g;

/** The live preview renders the text being edited with the variables the API computed for the invoice. */
export const renderDraft = (draft: { subject: string; body: string }, variables: Record<string, string>) => {
  const render = (text: string) =>
    (variables.companyPhone ? text : text.replace(PHONE_ALTERNATIVE, '')).replace(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g, (_, name: string) => variables[name] ?? '');
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
