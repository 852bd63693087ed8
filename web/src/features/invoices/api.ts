/** Server state of the invoices feature: TanStack Query over the typed client. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, operations } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';
import { listAllClients } from '../../lib/all-clients';

export type InvoiceQuery = NonNullable<operations['listInvoices']['parameters']['query']>;
export type Invoice = operations['getInvoice']['responses'][200]['content']['application/json'];
export type InvoiceInput = NonNullable<operations['createInvoice']['requestBody']>['content']['application/json'];
export type InvoicePatch = NonNullable<operations['updateInvoice']['requestBody']>['content']['application/json'];
export type PaymentInput = NonNullable<operations['recordPayment']['requestBody']>['content']['application/json'];
export type PlannedStep = operations['reminderPlan']['responses'][200]['content']['application/json']['items'][number];
export type Problem = components['schemas']['Problem'];

const keys = {
  all: ['invoices'] as const,
  list: (q: InvoiceQuery) => ['invoices', 'list', q] as const,
  one: (id: string) => ['invoices', id] as const,
};

export const useInvoiceList = (query: InvoiceQuery) =>
  useInfiniteQuery({
    queryKey: keys.list(query),
    queryFn: ({ pageParam }) => unwrap(api().GET('/invoices', { params: { query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

/** Whether the tenant has any invoice at all (asked only when a tab is empty): a new tenant is told to create one, not to look at the simulation. */
export const useHasInvoices = (enabled: boolean) =>
  useQuery({
    queryKey: ['invoices', 'list', { any: true }],
    enabled,
    queryFn: async () => (await unwrap(api().GET('/invoices', { params: { query: { limit: 1 } } }))).items.length > 0,
  });

/** Whether any draft waits to be sent: an empty follow-up tab says so (a draft is followed only once sent). */
export const useHasDrafts = (enabled: boolean) =>
  useQuery({
    queryKey: ['invoices', 'list', { anyDraft: true }],
    enabled,
    queryFn: async () => (await unwrap(api().GET('/invoices', { params: { query: { status: 'draft', limit: 1 } } }))).items.length > 0,
  });

export const useInvoice = (id: string) => useQuery({ queryKey: keys.one(id), queryFn: () => unwrap(api().GET('/invoices/{id}', { params: { path: { id } } })) });

export const usePayments = (id: string) =>
  useQuery({ queryKey: [...keys.one(id), 'payments'], queryFn: () => unwrap(api().GET('/invoices/{id}/payments', { params: { path: { id } } })) });

/** A bound on the timeline's pages (100 events each), so a broken cursor cannot loop for ever. */
const MAX_TIMELINE_PAGES = 20;

/** The whole history, oldest first: every page, so a long one (a payment plan, pauses, re-plans) shows its newest events too. */
export const useTimeline = (id: string) =>
  useQuery({
    queryKey: [...keys.one(id), 'timeline'],
    queryFn: async () => {
      const read = (cursor?: string) => unwrap(api().GET('/invoices/{id}/timeline', { params: { path: { id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } } }));
      const first = await read();
      const items = [...first.items];
      let cursor = first.nextCursor;
      for (let page = 1; cursor && page < MAX_TIMELINE_PAGES; page++) {
        const next = await read(cursor);
        items.push(...next.items);
        cursor = next.nextCursor;
      }
      return { items };
    },
  });

export const useReminderPlan = (id: string) =>
  useQuery({ queryKey: [...keys.one(id), 'plan'], queryFn: () => unwrap(api().GET('/invoices/{id}/reminders', { params: { path: { id } } })) });

export const useCreditNotes = (id: string, enabled = true) =>
  useQuery({ queryKey: [...keys.one(id), 'credit-notes'], enabled, queryFn: () => unwrap(api().GET('/invoices/{id}/credit-notes', { params: { path: { id } } })) });

/** Clients by id, for names in the list and the form's picker (the list rows do not carry the name yet). */
/** Emails a credit note to the client again (its email failed, or on request): the answer says `emailStatus` sent or failed. */
export const useSendCreditNote = (id: string) => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (creditNoteId: string) =>
      unwrap(api().POST('/invoices/{id}/credit-notes/{creditNoteId}/send', { params: { path: { id, creditNoteId }, header: idem() } })),
    onSuccess: invalidate,
  });
};

export const useClientNames = () =>
  useQuery({
    queryKey: ['clients', 'names'],
    queryFn: listAllClients,
    staleTime: 60_000,
  });

export const useTemplates = () => useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')) });

/**
 * A preview says what would go out now: read again each time it is shown (never the cached one of a moment ago,
 * which kept the balance of before a payment recorded meanwhile), and dropped once no dialog shows it.
 */
const FRESH_PREVIEW = { staleTime: 0, gcTime: 0 } as const;

export const usePreview = (templateId: string | undefined, invoiceId: string) =>
  useQuery({
    queryKey: ['templates', templateId, 'preview', invoiceId],
    enabled: Boolean(templateId),
    ...FRESH_PREVIEW,
    queryFn: () => unwrap(api().POST('/templates/{id}/preview', { params: { path: { id: templateId! } }, body: { invoiceId } })),
  });

/** After a write on an invoice: the invoice (and the list) and every other screen showing its money. */
const useInvalidate = () => {
  const queryClient = useQueryClient();
  return () => invalidateMoneyViews(queryClient);
};

const idem = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export const useCreateInvoice = () => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: InvoiceInput) => unwrap(api().POST('/invoices', { body, params: { header: idem() } })),
    onSuccess: invalidate,
  });
};

export type ClientReminderInput = NonNullable<operations['sendClientReminder']['requestBody']>['content']['application/json'];

/** POST /clients/{id}/reminders: `dryRun` renders what would go (recipients, subject, body, attachments) and writes nothing. */
const remindClient = (clientId: string, body: ClientReminderInput, dryRun: boolean) =>
  unwrap(api().POST('/clients/{id}/reminders', { params: { path: { id: clientId }, query: { dryRun: dryRun ? 'true' : 'false' }, header: idem() }, body }));

export const useClientReminderPreview = (clientId: string, body: ClientReminderInput | undefined) =>
  useQuery({
    queryKey: ['client-reminder-preview', clientId, body],
    enabled: Boolean(body),
    queryFn: () => remindClient(clientId, body!, true),
    placeholderData: keepPreviousData,
    ...FRESH_PREVIEW,
  });

/** Send a reminder now about one invoice through the client route: the same body as the preview. */
export const useSendClientReminder = (clientId: string, invoiceId: string) => {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: ClientReminderInput) => remindClient(clientId, body, false), onSuccess: invalidate });
};

export const useInvoiceAction = (id: string) => {
  const invalidate = useInvalidate();
  const path = { path: { id } };
  return {
    send: useMutation({ mutationFn: () => unwrap(api().POST('/invoices/{id}/send', { params: { ...path, header: idem() } })), onSuccess: invalidate }),
    // An issued invoice is cancelled by a credit note, which needs a reason; a draft is voided without one.
    cancel: useMutation({
      mutationFn: (reason?: string) => unwrap(api().POST('/invoices/{id}/cancel', { params: { ...path, header: idem() }, body: reason ? { reason } : {} })),
      onSuccess: invalidate,
    }),
    patch: useMutation({
      mutationFn: (body: InvoicePatch) => unwrap(api().PATCH('/invoices/{id}', { params: path, body })),
      onSuccess: invalidate,
    }),
    pay: useMutation({
      mutationFn: (body: PaymentInput) => unwrap(api().POST('/invoices/{id}/payments', { params: { ...path, header: idem() }, body })),
      onSuccess: invalidate,
    }),
    removePayment: useMutation({
      mutationFn: (paymentId: string) => unwrap(api().DELETE('/invoices/{id}/payments/{paymentId}', { params: { path: { id, paymentId } } })),
      onSuccess: invalidate,
    }),
    remind: useMutation({
      mutationFn: ({ templateId, force }: { templateId?: string; force?: boolean }) =>
        unwrap(api().POST('/invoices/{id}/reminders', { params: { ...path, header: idem() }, body: { ...(templateId ? { templateId } : {}), ...(force ? { force } : {}) } })),
      onSuccess: invalidate,
    }),
    creditNote: useMutation({
      mutationFn: (body: { reason: string; amountCents?: number }) =>
        unwrap(api().POST('/invoices/{id}/credit-notes', { params: { ...path, header: idem() }, body })),
      onSuccess: invalidate,
    }),
  };
};

export type PaymentPlan = operations['getPaymentPlan']['responses'][200]['content']['application/json'];
export type PaymentPlanInput = NonNullable<operations['createPaymentPlan']['requestBody']>['content']['application/json'];

export const usePaymentPlan = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: [...keys.one(id), 'payment-plan'],
    enabled,
    queryFn: () => unwrap(api().GET('/invoices/{id}/payment-plan', { params: { path: { id } } })),
  });

/**
 * The client's plan request answered (accepted or declined): its unread alerts are read, so Home no longer lists the
 * request as something to do (it kept "Demande d'échéancier" on top after the owner had answered it).
 */
const readPlanRequestAlerts = async (invoiceId: string): Promise<void> => {
  const page = await unwrap(api().GET('/notifications', { params: { query: { unread: 'true', limit: 100 } } }));
  const answered = page.items.filter((n) => n.kind === 'plan_request' && n.invoiceId === invoiceId);
  await Promise.all(answered.map((n) => unwrap(api().POST('/notifications/{id}/read', { params: { path: { id: n.id } } }))));
};

export const usePlanActions = (id: string) => {
  const queryClient = useQueryClient();
  const invalidateViews = useInvalidate();
  const answered = async () => {
    await readPlanRequestAlerts(id).catch(() => undefined);
    await Promise.all([invalidateViews(), queryClient.invalidateQueries({ queryKey: ['notifications'] })]);
  };
  const invalidate = invalidateViews;
  const path = { path: { id } };
  return {
    create: useMutation({
      mutationFn: (body: PaymentPlanInput) => unwrap(api().POST('/invoices/{id}/payment-plan', { params: { ...path, header: idem() }, body })),
      onSuccess: invalidate,
    }),
    end: useMutation({ mutationFn: () => unwrap(api().DELETE('/invoices/{id}/payment-plan', { params: path })), onSuccess: invalidate }),
    accept: useMutation({
      mutationFn: (waivePenalties: boolean) => unwrap(api().POST('/invoices/{id}/payment-plan/request/accept', { params: { ...path, header: idem() }, body: { waivePenalties } })),
      onSuccess: answered,
    }),
    decline: useMutation({
      mutationFn: (reason?: string) => unwrap(api().POST('/invoices/{id}/payment-plan/request/decline', { params: { ...path, header: idem() }, body: reason ? { reason } : {} })),
      onSuccess: answered,
    }),
  };
};

export const useEndgameActions = (id: string) => {
  const invalidate = useInvalidate();
  const path = { path: { id } };
  return {
    litigation: useMutation({
      mutationFn: (reason?: string) => unwrap(api().POST('/invoices/{id}/litigation', { params: path, body: reason ? { reason } : {} })),
      onSuccess: invalidate,
    }),
    leaveLitigation: useMutation({ mutationFn: () => unwrap(api().DELETE('/invoices/{id}/litigation', { params: path })), onSuccess: invalidate }),
    writeOff: useMutation({
      mutationFn: (body: { reason: string; evidence?: string }) => unwrap(api().POST('/invoices/{id}/write-off', { params: { ...path, header: idem() }, body })),
      onSuccess: invalidate,
    }),
  };
};

export const useCancelStep = (id: string) => {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (stepId: string) => unwrap(api().POST('/invoices/{id}/reminders/{stepId}/cancel', { params: { path: { id, stepId } } })),
    onSuccess: invalidate,
  });
};

export const usePortalActions = (id: string) => {
  const invalidate = useInvalidate();
  const path = { path: { id } };
  return {
    pause: useMutation({
      mutationFn: (body: { until?: string; reason: string }) => unwrap(api().POST('/invoices/{id}/pause', { params: path, body })),
      onSuccess: invalidate,
    }),
    promise: useMutation({
      mutationFn: (body: { date: string; note?: string }) => unwrap(api().POST('/invoices/{id}/promise', { params: path, body })),
      onSuccess: invalidate,
    }),
    resume: useMutation({ mutationFn: () => unwrap(api().POST('/invoices/{id}/resume', { params: path })), onSuccess: invalidate }),
    dispute: useMutation({ mutationFn: (reason: string) => unwrap(api().POST('/invoices/{id}/dispute', { params: path, body: { reason } })), onSuccess: invalidate }),
    resolve: useMutation({ mutationFn: () => unwrap(api().POST('/invoices/{id}/resolve-dispute', { params: path })), onSuccess: invalidate }),
    link: useMutation({ mutationFn: () => unwrap(api().POST('/invoices/{id}/portal-link', { params: path })) }),
    revokeLinks: useMutation({ mutationFn: () => unwrap(api().DELETE('/invoices/{id}/portal-link', { params: path })), onSuccess: invalidate }),
  };
};

export const useMarkPosted = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stepId, trackingNumber }: { stepId: string; trackingNumber?: string }) =>
      unwrap(api().POST('/invoices/{id}/reminders/{stepId}/posted', { params: { path: { id, stepId } }, body: trackingNumber ? { trackingNumber } : {} })),
    // A letter listing several invoices closes on each of them: every invoice and the letters to post are read again.
    onSuccess: () => invalidateMoneyViews(queryClient),
  });
};
