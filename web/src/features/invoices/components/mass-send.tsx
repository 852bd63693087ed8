import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Dialog, ErrorMessage, Field, Loading } from '../../../components/ui';
import { api, unwrap } from '../../../lib/api-client';
import { nothingToRemind } from '../../../lib/problem';
import { invalidateMoneyViews } from '../../../lib/money-views';
import { useI18n } from '../../../lib/i18n';
import { useClientNames, useClientReminderPreview, usePreview, useTemplates, type Invoice } from '../api';
import { fitsClientKind, templateForLanguage, useTemplateLabel } from '../../../lib/template-language';
import { sendInRounds } from '../batch-rounds';
import '../texts';
import { useStepReason } from './step-reason';

/**
 * Mass send: the selected rows, one template (or each step's), a preview of what one client gets (the
 * first's by default; "Aperçu pour" picks another client), then per-invoice results. A client with several
 * selected invoices gets one grouped message: its preview is that message's dry run
 * (`POST /clients/{id}/reminders?dryRun=true`, with the chosen template if any), as the batch sends it; a
 * client with one invoice and a chosen template gets that template's own text, previewed on the invoice.
 */
export const MassSendDialog = ({ invoices, onDone, onOpenChange }: { invoices: readonly Invoice[]; onDone: () => void; onOpenChange?: (open: boolean) => void }) => {
  const { t, lang } = useI18n();
  const reason = useStepReason();
  const label = useTemplateLabel();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [templateId, setTemplateId] = useState('');
  const templates = useTemplates();
  const clients = useClientNames();
  const [previewedId, setPreviewedId] = useState('');
  // The invoice previewed: the one picked, else the first (a picked one unselected since falls back too).
  const first = invoices.find((i) => i.id === previewedId) ?? invoices[0];
  // One message per client (grouped when it has several invoices): one choice per client (its first invoice).
  const previewChoices = invoices.filter((inv, i) => invoices.findIndex((o) => o.clientId === inv.clientId) === i);
  const invoicesOf = (clientId: string) => invoices.filter((i) => i.clientId === clientId);
  const firstClientInvoices = first ? invoicesOf(first.clientId) : [];
  // Without a chosen template every client's message is the grouped one; with one, only a client with several invoices'.
  const groupedPreview = !templateId || firstClientInvoices.length > 1;
  // An English client gets the English variant of a chosen French template: the preview shows that one.
  const firstLanguage = clients.data?.find((c) => c.id === first?.clientId)?.language;
  const all = templates.data?.items ?? [];
  // None of the client's chosen invoices overdue: the API sends the courtesy template instead of a firmer one
  // (grouped-send.ts), never "impayée depuis 0 jours": the preview shows that one, and says so.
  const firstClient = clients.data?.find((c) => c.id === first?.clientId);
  const courtesyId = templateForLanguage(firstClient?.kind === 'consumer' ? 'courtesy-consumer' : 'courtesy', firstLanguage, all);
  const chosenTone = all.find((tpl) => tpl.id === templateId)?.tone;
  const clientNotDue = first !== undefined && firstClientInvoices.every((i) => !i.overdue);
  const courtesyInstead = templateId && clientNotDue && chosenTone !== undefined && chosenTone !== 'courtesy' ? all.find((tpl) => tpl.id === courtesyId) : undefined;
  // Once one is overdue, the built-in courtesy one chosen gives way to the first overdue reminder (the API's fittingTemplateId):
  // it would tell the client the invoice "arrive à échéance" on a past date. That one previews.
  const reminderInstead =
    templateId && first !== undefined && !clientNotDue && /^courtesy(-consumer)?(-en)?$/.test(templateId)
      ? all.find((tpl) => tpl.id === templateForLanguage(firstClient?.kind === 'consumer' ? 'reminder-consumer' : 'reminder', firstLanguage, all))
      : undefined;
  // A consumer never gets a template citing penalties or the €40 (CPCE L111-8): the batch skips that client
  // (penalties_for_consumer). Said under the choice, before sending, and no preview of a message that never goes
  // (it showed the firm text with its penalty lines left empty).
  const refusedClients = templateId
    ? (clients.data ?? []).filter(
        (c) =>
          c.kind === 'consumer' &&
          previewChoices.some((i) => i.clientId === c.id) &&
          !fitsClientKind(all.find((tpl) => tpl.id === templateForLanguage(templateId, c.language, all)), 'consumer'),
      )
    : [];
  const firstRefused = first !== undefined && refusedClients.some((c) => c.id === first.clientId);
  const previewId = templateId ? (courtesyInstead?.id ?? reminderInstead?.id ?? templateForLanguage(templateId, firstLanguage, all)) : undefined;
  const preview = usePreview(open && previewId && !groupedPreview && !clients.isPending && !firstRefused ? previewId : undefined, first?.id ?? '');
  // The dry run of the client's grouped message, exactly what the batch sends that client (the API picks each
  // invoice's step without a template; with one, its variant in the client's language, or the courtesy one
  // when none is overdue yet).
  // Past the 40 one message lists, the batch keeps the most overdue (group_full for the newest): so does the preview.
  const firstClientIds = [...firstClientInvoices].sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '')).slice(0, 40).map((i) => i.id);
  const grouped = useClientReminderPreview(
    first?.clientId ?? '',
    open && groupedPreview && first && !firstRefused ? { invoiceIds: firstClientIds, ...(templateId ? { templateId } : {}) } : undefined,
  );
  // None of the client's invoices can be reminded: the preview is refused as the send would be (422
  // nothing-to-remind), with each invoice and why: listed as when the preview answered them skipped.
  const refused = nothingToRemind(grouped.error);
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  // A large selection may take several calls: the API answers within its time budget and leaves
  // the rest `skipped: time_budget`, which goes out in the next round (batch-rounds.ts).
  const send = useMutation({
    mutationFn: () =>
      sendInRounds(
        invoices.map((i) => i.id),
        (ids) =>
          unwrap(
            api().POST('/reminders/batch', {
              params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
              body: { invoiceIds: [...ids], ...(templateId ? { templateId } : {}) },
            }),
          ),
        (done, total) => setProgress({ done, total }),
      ),
    onSuccess: () => invalidateMoneyViews(queryClient),
    onSettled: () => setProgress(undefined),
  });
  // A draft has no number yet: named as the list names it, with its client (never by its id).
  const docName = (i: Pick<Invoice, 'number' | 'clientName'>) => i.number ?? `${t('invoices.draftNumber')} — ${i.clientName ?? ''}`;
  const numbers = new Map(invoices.map((i) => [i.id, docName(i)]));
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        onOpenChange?.(o);
        if (!o && send.isSuccess) onDone();
        if (!o) send.reset();
      }}
      title={t('massSend.title', { count: invoices.length })}
      trigger={
        <button type="button" className="button primary">
          {t('massSend.send')}
        </button>
      }
    >
      <p className="muted">{t('massSend.hint')}</p>
      {send.data ? (
        <div role="status">
          <p className="success" data-testid="batch-totals">
            {t('massSend.totals', send.data.totals)}
          </p>
          <div className="table-wrap">
            <table className="responsive" data-testid="batch-items">
              <thead>
                <tr>
                  <th scope="col">{t('invoices.number')}</th>
                  <th scope="col">{t('massSend.result')}</th>
                  <th scope="col">{t('massSend.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {send.data.items.map((item) => (
                  <tr key={item.invoiceId}>
                    <td data-label={t('invoices.number')}>
                      <Link to={`/invoices/${item.invoiceId}`}>{numbers.get(item.invoiceId) ?? item.invoiceId}</Link>
                    </td>
                    <td data-label={t('massSend.result')}>
                      <span className={`badge ${item.status === 'sent' ? 'ok' : item.status === 'failed' ? 'danger' : 'neutral'}`}>{t(`massSend.outcome.${item.status}`)}</span>
                    </td>
                    <td data-label={t('massSend.reason')}>{item.reason ? reason(item.reason) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <>
          <Field
            label={t('massSend.template')}
            hint={templateId === '' ? t('massSend.stepTemplateHint') : undefined}
            warning={
              refusedClients.length > 0
                ? t('massSend.penaltiesForConsumers', { count: refusedClients.length, clients: refusedClients.map((c) => c.name).join(', ') })
                : undefined
            }
          >
            {(p) => (
              <select {...p} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="">{t('massSend.stepTemplate')}</option>
                {(templates.data?.items ?? []).filter((tpl) => tpl.purpose === 'reminder').map((tpl, _, all) => (
                  <option key={tpl.id} value={tpl.id}>
                    {label(tpl, all)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {previewChoices.length > 1 && first && (
            <Field label={t('massSend.previewFor')}>
              {(p) => (
                <select
                  {...p}
                  value={previewChoices.find((i) => i.clientId === first.clientId)?.id ?? ''}
                  onChange={(e) => setPreviewedId(e.target.value)}
                >
                  {previewChoices.map((inv) => (
                    <option key={inv.id} value={inv.id}>
                      {templateId && invoicesOf(inv.clientId).length === 1
                        ? inv.number
                          ? `${inv.number} — ${inv.clientName ?? ''}`
                          : docName(inv)
                        : (inv.clientName ?? inv.clientId)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {firstRefused && (
            <p className="muted" data-testid="mass-preview-consumer-refused">
              {t('massSend.previewConsumerRefused')}
            </p>
          )}
          {!groupedPreview && first && !firstRefused && (
            <section aria-label={t('massSend.preview', { number: docName(first) })}>
              <h3>{t('massSend.preview', { number: docName(first) })}</h3>
              {courtesyInstead && (
                <p className="field-warning" data-testid="mass-courtesy-instead">
                  {t('planSteps.notYetDue', { name: label(courtesyInstead, all) })}
                </p>
              )}
              {preview.isPending ? (
                <Loading />
              ) : preview.isError ? (
                <ErrorMessage error={preview.error} />
              ) : (
                <>
                  <p>
                    <strong>{preview.data.subject}</strong>
                  </p>
                  <div className="preview">{preview.data.body}</div>
                </>
              )}
            </section>
          )}
          {groupedPreview && first && !firstRefused && (
            <section aria-label={t('massSend.previewClient', { client: first.clientName ?? '' })}>
              <h3>{t('massSend.previewClient', { client: first.clientName ?? '' })}</h3>
              {courtesyInstead && (
                <p className="field-warning" data-testid="mass-courtesy-instead">
                  {t('planSteps.notYetDue', { name: label(courtesyInstead, all) })}
                </p>
              )}
              {grouped.isPending || grouped.isPlaceholderData ? (
                <Loading />
              ) : grouped.isError && !refused ? (
                <ErrorMessage error={grouped.error} />
              ) : !refused && grouped.data?.subject ? (
                <>
                  <p>
                    <strong data-testid="mass-preview-subject">{grouped.data.subject}</strong>
                  </p>
                  <div className="preview">{grouped.data.text}</div>
                </>
              ) : (
                <p className="muted">
                  {t('massSend.previewSkipped')}{' '}
                  {(refused ?? grouped.data?.items ?? [])
                    .filter((i) => i.reason)
                    .map((i) => `${i.number ?? t('invoices.draftNumber')} — ${reason(i.reason!)}`)
                    .join(lang === 'fr' ? ' ; ' : '; ')}
                </p>
              )}
            </section>
          )}
          {send.isError && <ErrorMessage error={send.error} />}
          {send.isPending && progress && (
            <p role="status" data-testid="batch-progress">
              <progress max={progress.total} value={progress.done} /> {t('massSend.progress', progress)}
            </p>
          )}
          <button type="button" className="button primary" disabled={send.isPending} onClick={() => send.mutate()} style={{ marginTop: '1rem' }}>
            {send.isPending ? t('massSend.sending') : t('massSend.confirm')}
          </button>
        </>
      )}
    </Dialog>
  );
};
