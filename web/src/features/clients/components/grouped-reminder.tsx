import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { operations } from '../../../api/schema';
import { Dialog, ErrorMessage, Field } from '../../../components/ui';
import { api, unwrap } from '../../../lib/api-client';
import { ApiError, nothingToRemind } from '../../../lib/problem';
import { invalidateMoneyViews } from '../../../lib/money-views';
import { useI18n } from '../../../lib/i18n';
import { fitsClientKind, offeredFor, useTemplateLabel } from '../../../lib/template-language';
import { useClientInvoices } from '../api';
import '../texts';

type Input = NonNullable<operations['sendClientReminder']['requestBody']>['content']['application/json'];

/** One reminder listing several invoices of the client: choose them and a template, preview (dry run), send. */
export const GroupedReminderDialog = ({ clientId, language, kind }: { clientId: string; language?: 'fr' | 'en'; kind?: 'business' | 'consumer' }) => {
  const { t, money, date, colon } = useI18n();
  const label = useTemplateLabel();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const invoices = useClientInvoices(clientId);
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api().GET('/templates')), enabled: open });
  // The oldest due first, as the message lists them (the list came newest first).
  const openInvoices = (invoices.data?.items ?? [])
    .filter((i) => (i.status === 'sent' || i.status === 'partially_paid') && i.balanceCents > 0)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [templateId, setTemplateId] = useState('');
  const [force, setForce] = useState(false);
  const body = (): Input => ({
    invoiceIds: openInvoices.filter((i) => !excluded.has(i.id)).map((i) => i.id),
    ...(templateId ? { templateId } : {}),
    ...(force ? { force: true } : {}),
  });
  const call = (dryRun: boolean) =>
    unwrap(
      api().POST('/clients/{id}/reminders', {
        params: { path: { id: clientId }, query: { dryRun: dryRun ? 'true' : 'false' }, header: { 'Idempotency-Key': crypto.randomUUID() } },
        body: body(),
      }),
    );
  const preview = useMutation({ mutationFn: () => call(true) });
  const send = useMutation({ mutationFn: () => call(false), onSuccess: () => invalidateMoneyViews(queryClient) });
  const changed = () => (preview.reset(), send.reset());
  const shown = send.data ?? preview.data;
  // What the preview says will not go, and why: the owner reads it before pressing send, never the API's code after.
  // None of them can be reminded: the preview is refused as the send would be (422 nothing-to-remind), naming each and why.
  const refused = nothingToRemind(preview.error);
  // A refusal naming the template (a plan waiving the penalties…): said under the template's choice.
  const templateError = [preview.error, send.error].map((e) => (e instanceof ApiError ? e.fieldErrors().templateId : undefined)).find(Boolean);
  const skipped = refused ?? (preview.data?.items ?? []).filter((i) => i.status === 'skipped');
  const nothingToSend = refused !== undefined || (preview.isSuccess && skipped.length === preview.data.items.length);
  const blockedByGap = Boolean(preview.data?.gapUntil) && !force;
  const reason = (code?: string) => (code ? t(`clientMore.skipReasons.${code}`, { defaultValue: code }) : '');
  const count = openInvoices.length - openInvoices.filter((i) => excluded.has(i.id)).length;
  // None of the chosen invoices overdue: the API sends the courtesy template instead of a firmer one chosen (grouped-send.ts).
  const chosenTone = templates.data?.items.find((tpl) => tpl.id === templateId)?.tone;
  const courtesyInstead = chosenTone !== undefined && chosenTone !== 'courtesy' && count > 0 && openInvoices.filter((i) => !excluded.has(i.id)).every((i) => !i.overdue);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) changed();
      }}
      title={t('clientMore.grouped')}
      trigger={
        <button type="button" className="button">
          {t('clientMore.grouped')}
        </button>
      }
    >
      <p className="muted">{t('clientMore.groupedHint')}</p>
      {openInvoices.length === 0 ? (
        <p className="empty muted">{t('clientMore.groupedNone')}</p>
      ) : (
        <>
          <fieldset className="contact-row">
            <legend>{t('clientMore.invoicesToInclude')}</legend>
            {openInvoices.map((i) => (
              <label key={i.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={!excluded.has(i.id)}
                  onChange={(e) => {
                    changed();
                    setExcluded((s) => (e.target.checked ? new Set([...s].filter((x) => x !== i.id)) : new Set([...s, i.id])));
                  }}
                />{' '}
                {i.number} · {date(i.dueDate)} · {money(i.balanceCents)}
              </label>
            ))}
          </fieldset>
          <Field
            label={t('clientMore.template')}
            hint={templateId === '' ? t('clientMore.stepTemplateHint') : undefined}
            error={templateError}
            warning={courtesyInstead ? t('clientMore.courtesyInstead') : undefined}
          >
            {(p) => (
              <select {...p} value={templateId} onChange={(e) => (changed(), setTemplateId(e.target.value))}>
                <option value="">{t('clientMore.stepTemplate')}</option>
                {/* Reminders only: not the SMS, instalment or thank-you texts (as "send now" and mass send); for an
                    English client, no French template the API would swap for its English variant anyway; for a consumer,
                    none citing penalties or the €40, which the API refuses (CPCE L111-8). */}
                {(templates.data?.items ?? [])
                  .filter((tpl, _, all) => tpl.purpose === 'reminder' && offeredFor(tpl.id, language, all) && fitsClientKind(tpl, kind))
                  .map((tpl, _, offered) => (
                  <option key={tpl.id} value={tpl.id}>
                    {label(tpl, offered)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={force} onChange={(e) => (changed(), setForce(e.target.checked))} /> {t('clientMore.force')}
          </label>
          {!templateError && ((refused ? undefined : preview.error) ?? send.error) && <ErrorMessage error={(refused ? undefined : preview.error) ?? send.error} />}
          {(shown || refused) && (
            <section aria-label={t('clientMore.preview')} data-testid="grouped-preview">
              <h3>{t('clientMore.preview')}</h3>
              {shown && (
                <p>
                  <strong>{colon(t('clientMore.to'))}</strong> {shown.to.join(', ')}
                </p>
              )}
              {shown?.subject && (
                <p>
                  <strong>{shown.subject}</strong>
                </p>
              )}
              {shown?.text && <div className="preview">{shown.text}</div>}
              {shown && shown.attachments.length > 0 && (
                <ul>
                  {shown.attachments.map((a) => (
                    <li key={a.fileName}>{a.fileName}</li>
                  ))}
                </ul>
              )}
              {!send.isSuccess && skipped.length > 0 && (
                <ul className="plain-list" data-testid="grouped-skipped">
                  {skipped.map((i) => (
                    <li key={i.invoiceId} className="muted">
                      {t('clientMore.skippedLine', { number: i.number ?? i.invoiceId, reason: reason(i.reason) })}
                    </li>
                  ))}
                </ul>
              )}
              {!send.isSuccess && nothingToSend && <p className="field-error">{t('clientMore.nothingToSend')}</p>}
              {!send.isSuccess && shown?.gapUntil && <p className="field-error">{t('clientMore.gapUntil', { date: date(shown.gapUntil) })}</p>}
            </section>
          )}
          {send.isSuccess ? (
            <p role="status" className="success">
              {t('clientMore.sent')}
            </p>
          ) : (
            <div className="row" style={{ marginTop: '1rem' }}>
              <button type="button" className="button" disabled={count === 0 || preview.isPending} onClick={() => preview.mutate()}>
                {t('clientMore.previewButton')}
              </button>
              <button type="button" className="button primary" disabled={count === 0 || !preview.isSuccess || nothingToSend || blockedByGap || send.isPending} onClick={() => send.mutate()}>
                {t('clientMore.send')}
              </button>
            </div>
          )}
        </>
      )}
    </Dialog>
  );
};
