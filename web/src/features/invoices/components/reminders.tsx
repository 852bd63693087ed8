import { useState } from 'react';
import { Dialog, ErrorMessage, Field, Loading, StatusBadge } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import '../texts';
import { ActionDialog } from './action-dialog';
import { useStepName, useStepReason } from './step-reason';
import { ApiError } from '../../../lib/problem';
import { DocumentLink } from '../../../components/document-link';
import { useCancelStep, useMarkPosted, useInvoiceAction, usePreview, useReminderPlan, useTemplates } from '../api';

/** The escalation step (shared/domain/escalation.ts): a move to litigation, nothing is sent. */
const ESCALATE = 'escalate';
/** When a step went or will go: its schedule, else when it was sent (a manual reminder has no schedule). */
const when = (step: { scheduledAt?: string; sentAt?: string }) => step.scheduledAt ?? step.sentAt;

/** The plan as recorded: each step with its time, state and the reason it ended that way. */
export const ReminderPlan = ({ invoiceId }: { invoiceId: string }) => {
  const { t, dateTime } = useI18n();
  const reason = useStepReason();
  const plan = useReminderPlan(invoiceId);
  const templates = useTemplates();
  const templateName = (id: string) => templates.data?.items.find((tpl) => tpl.id === id)?.name ?? id;
  const stepName = useStepName();
  const cancel = useCancelStep(invoiceId);
  const posted = useMarkPosted(invoiceId);
  return (
    <section aria-labelledby="plan-title" className="card">
      <h2 id="plan-title">{t('invoice.plan')}</h2>
      {cancel.isError && <ErrorMessage error={cancel.error} />}
      {plan.isPending ? (
        <Loading />
      ) : plan.isError ? (
        <ErrorMessage error={plan.error} retry={() => void plan.refetch()} />
      ) : plan.data.items.length === 0 ? (
        <p className="muted">{t('invoice.noPlan')}</p>
      ) : (
        <div className="table-wrap">
          <table className="responsive">
            <thead>
              <tr>
                <th scope="col">{t('invoice.step')}</th>
                <th scope="col">{t('invoice.when')}</th>
                <th scope="col">{t('invoice.template')}</th>
                <th scope="col">{t('invoiceMore.channel')}</th>
                <th scope="col">{t('invoice.state')}</th>
                <th scope="col">{t('invoice.reason')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.data.items.map((step) => (
                <tr key={step.stepId}>
                  <td data-label={t('invoice.step')}>{stepName(step.stepId)}</td>
                  <td data-label={t('invoice.when')}>{when(step) ? dateTime(when(step)!) : t('common.none')}</td>
                  <td data-label={t('invoice.template')}>{step.stepId === ESCALATE ? t('common.none') : templateName(step.templateId)}</td>
                  <td data-label={t('invoiceMore.channel')}>{step.stepId === ESCALATE ? t('common.none') : t(`invoiceMore.channels.${step.channel ?? 'email'}`)}</td>
                  <td data-label={t('invoice.state')}>
                    <StatusBadge status={step.state} />
                  </td>
                  <td data-label={t('invoice.reason')}>{step.reason ? reason(step.reason) : ''}</td>
                  <td data-label={t('common.actions')}>
                    {step.channel === 'letter' && (step.state === 'to_post' || step.state === 'sent') && (
                      <DocumentLink path={`/invoices/${invoiceId}/reminders/${step.stepId}/letter.pdf`} label={t('invoiceMore.letter')} filename={`lettre-${step.stepId}.pdf`} />
                    )}
                    {step.state === 'to_post' && (
                      <ActionDialog
                        title={t('invoiceMore.postedTitle')}
                        trigger={t('invoiceMore.posted')}
                        fields={[{ name: 'trackingNumber', label: t('invoiceMore.trackingNumber') }]}
                        confirm={t('invoiceMore.postedConfirm')}
                        onSubmit={(v) => posted.mutateAsync({ stepId: step.stepId, ...(v.trackingNumber ? { trackingNumber: v.trackingNumber } : {}) })}
                      />
                    )}
                    {step.postedAt && (
                      <span className="muted">
                        {t('invoiceMore.postedOn', { date: dateTime(step.postedAt) })}
                        {step.trackingNumber ? ` · ${step.trackingNumber}` : ''}
                      </span>
                    )}
                    {step.state === 'scheduled' && !step.projected && (
                      <button
                        type="button"
                        className="button small"
                        disabled={cancel.isPending}
                        aria-label={t('invoiceMore.cancelStepLabel', { step: stepName(step.stepId) })}
                        onClick={() => window.confirm(t('invoiceMore.cancelStepConfirm')) && cancel.mutate(step.stepId)}
                      >
                        {t('invoiceMore.cancelStep')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

/** Send a reminder now: choose the template, read the rendered preview, send. */
export const SendReminderDialog = ({ invoiceId }: { invoiceId: string }) => {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const templates = useTemplates();
  const [templateId, setTemplateId] = useState<string>();
  const chosen = templateId ?? templates.data?.items[0]?.id;
  const preview = usePreview(open ? chosen : undefined, invoiceId);
  const { remind } = useInvoiceAction(invoiceId);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) remind.reset();
      }}
      title={t('invoice.remindNow')}
      trigger={
        <button type="button" className="button">
          {t('invoice.remindNow')}
        </button>
      }
    >
      {templates.isPending ? (
        <Loading />
      ) : templates.isError ? (
        <ErrorMessage error={templates.error} />
      ) : (
        <>
          <Field label={t('invoice.chooseTemplate')}>
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setTemplateId(e.target.value)}>
                {templates.data.items.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {tpl.name} ({tpl.language})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h3>{t('invoice.preview')}</h3>
          {preview.isPending ? (
            <Loading />
          ) : preview.isError ? (
            <ErrorMessage error={preview.error} />
          ) : (
            <div aria-live="polite">
              <p>
                <strong>{t('invoice.subject')} :</strong> <span data-testid="preview-subject">{preview.data.subject}</span>
              </p>
              <div className="preview" data-testid="preview-body">
                {preview.data.body}
              </div>
            </div>
          )}
          {remind.isError && <ErrorMessage error={remind.error} />}
          {remind.isSuccess ? (
            <p role="status" className="success">
              {t('invoice.reminderSent')}
              {remind.data?.recipients?.length ? <> {t('planSteps.sentTo', { to: remind.data.recipients.join(', ') })}</> : null}
            </p>
          ) : (
            <div className="row" style={{ marginTop: '1rem' }}>
              <button type="button" className="button primary" disabled={remind.isPending || !chosen} onClick={() => remind.mutate({ templateId: chosen })}>
                {t('invoice.confirmSend')}
              </button>
              {/* The client had a message within the minimum gap: the owner may still decide to send. */}
              {remind.error instanceof ApiError && remind.error.status === 409 && remind.error.message.includes('"force"') && (
                <button type="button" className="button" disabled={remind.isPending} onClick={() => remind.mutate({ templateId: chosen, force: true })}>
                  {t('planSteps.sendAnyway')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
};
