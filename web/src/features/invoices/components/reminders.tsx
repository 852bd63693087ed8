import { useEffect, useState } from 'react';
import { z } from 'zod';
import '../../../lib/zod-messages';
import { Dialog, ErrorMessage, Field, Loading, StatusBadge } from '../../../components/ui';
import { useI18n } from '../../../lib/i18n';
import '../texts';
import { ActionDialog } from './action-dialog';
import { useStepName, useStepReason } from './step-reason';
import { ApiError, nothingToRemind } from '../../../lib/problem';
import { DocumentLink } from '../../../components/document-link';
import { fitsClientKind, offeredFor, templateForLanguage, useTemplateLabel } from '../../../lib/template-language';
import { type ClientReminderInput, useCancelStep, useClientReminderPreview, useMarkPosted, useReminderPlan, useSendClientReminder, useTemplates } from '../api';

/** The escalation step (shared/domain/escalation.ts): a move to litigation, nothing is sent. */
const ESCALATE = 'escalate';
/** When a step went or will go: its schedule, else when it was sent (a manual reminder has no schedule). */
const when = (step: { scheduledAt?: string; sentAt?: string }) => step.scheduledAt ?? step.sentAt;

/** Payment-plan (échéancier) steps are numbered from 1000 (shared/http/schemas/reminders-views.ts). */
const PAYMENT_PLAN_BASE = 1000;
const ENDED_UNSENT = new Set(['cancelled', 'skipped']);

/**
 * The steps worth a row: every step of the current scenario plan and of the current payment
 * plan, manual reminders, and of the earlier plans (each stop and restart — a pause resumed, a
 * payment removed — begins a new one) only what went out or failed; their cancelled and skipped
 * steps are counted, the history keeps them.
 */
export const visibleSteps = <S extends { plan?: number; state: string; stepId?: string; reason?: string }>(items: readonly S[]): { shown: S[]; hidden: number } => {
  const latest = (inPlan: (plan: number) => boolean) => Math.max(0, ...items.map((s) => s.plan ?? 0).filter(inPlan));
  const scenario = latest((p) => p < PAYMENT_PLAN_BASE);
  const payment = latest((p) => p >= PAYMENT_PLAN_BASE);
  // A step the owner cancelled stays cancelled when the reminders start again: the new plan has no row for it,
  // so its cancellation in the earlier plan is where the owner sees it.
  const inCurrent = new Set(items.filter((s) => s.plan === scenario).map((s) => s.stepId));
  const ownerCancelled = (s: S) => s.state === 'cancelled' && s.reason === 'owner_cancelled' && s.plan !== undefined && s.plan < PAYMENT_PLAN_BASE && !inCurrent.has(s.stepId);
  const shown = items.filter((s) => s.plan === undefined || s.plan === scenario || s.plan === payment || !ENDED_UNSENT.has(s.state) || ownerCancelled(s));
  return { shown, hidden: items.length - shown.length };
};

/** The plan as recorded: each step with its time, state and the reason it ended that way. */
export const ReminderPlan = ({ invoiceId, language }: { invoiceId: string; language?: 'fr' | 'en' }) => {
  const { t, dateTime } = useI18n();
  const reason = useStepReason();
  const plan = useReminderPlan(invoiceId);
  const templates = useTemplates();
  const templateName = (id: string) => {
    const items = templates.data?.items ?? [];
    const sent = templateForLanguage(id, language, items);
    return items.find((tpl) => tpl.id === sent)?.name ?? id;
  };
  const stepName = useStepName();
  const cancel = useCancelStep(invoiceId);
  const posted = useMarkPosted(invoiceId);
  const { shown, hidden } = visibleSteps(plan.data?.items ?? []);
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
              {shown.map((step, row) => (
                // A step id comes back in each plan (J+1 of the first plan, then of the one after a resume);
                // manual reminders of one day share theirs, and one that failed has no sending time.
                <tr key={`${step.plan ?? 'manual'}:${step.stepId}:${step.index ?? step.sentAt ?? row}`}>
                  <td data-label={t('invoice.step')}>{stepName(step.stepId)}</td>
                  <td data-label={t('invoice.when')}>
                    {when(step) ? dateTime(when(step)!) : t('common.none')}
                    {/* The client rules will send it on a later day (the client's gap): said here as the simulation computes it. */}
                    {/* A courtesy step the client rules push onto its due date: skipped then, never sent. */}
                    {step.state === 'scheduled' && step.expectedSkip && (
                      <>
                      <br />
                      <span className="muted" data-testid="will-skip">{t('invoiceMore.willSkip')}</span>
                      </>
                    )}
                    {/* Or on an earlier day: a courtesy step before it will be skipped, and the gap kept after it with it. */}
                    {step.state === 'scheduled' && step.expectedAt && (
                      <>
                      <br />
                      {step.scheduledAt && step.expectedAt < step.scheduledAt ? (
                        <span className="muted" data-testid="advanced">{t('invoiceMore.advanced', { date: dateTime(step.expectedAt) })}</span>
                      ) : (
                        <span className="muted" data-testid="postponed">
                          {t('invoiceMore.postponed', { date: dateTime(step.expectedAt), reason: t(`invoiceMore.postponedBy.${step.movedBy === 'gap' || step.movedBy === 'same_day' || step.movedBy === 'order' ? step.movedBy : 'other'}`) })}
                        </span>
                      )}
                      </>
                    )}
                  </td>
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
                    {step.channel === 'letter' && step.letterInvoices && step.letterInvoices.length > 1 && (
                      <span className="muted" data-testid="shared-letter">
                        {t('invoiceMore.sharedLetter', { numbers: step.letterInvoices.join(', ') })}
                      </span>
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
                    {step.postedAt && !step.trackingNumber && (
                      <ActionDialog
                        title={t('invoiceMore.addTrackingTitle')}
                        trigger={t('invoiceMore.addTracking')}
                        fields={[{ name: 'trackingNumber', label: t('invoiceMore.addTrackingField'), required: true }]}
                        confirm={t('invoiceMore.addTrackingConfirm')}
                        onSubmit={(v) => posted.mutateAsync({ stepId: step.stepId, trackingNumber: v.trackingNumber! })}
                      />
                    )}
                    {((step.state === 'scheduled' && !step.projected) || step.state === 'to_post') && (
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
          {hidden > 0 && (
            <p className="hint" data-testid="older-steps" style={{ padding: '0.5rem 0.6rem' }}>
              {t('invoiceMore.olderSteps', { count: hidden })}
            </p>
          )}
        </div>
      )}
    </section>
  );
};

type Recipients = { to: string; cc: string; bcc: string };
type FieldName = keyof Recipients | 'templateId';

/** "a@x.fr, b@y.fr" → the addresses, whatever separates them (commas, semicolons, spaces). */
const parseList = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);
const anEmail = z.email().max(254);
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase());

/**
 * Send a reminder now through POST /clients/{clientId}/reminders for this one invoice: a dry run
 * shows who gets it (To/Cc/Bcc, editable), the subject, the body and the attachments; sending
 * posts the same body without dryRun. Recipients go to the API only when the owner changed them,
 * so the client's defaults (billing contacts, a client who complained) stay the API's call.
 */
export const SendReminderDialog = ({
  invoiceId,
  clientId,
  language,
  notYetDue = false,
  consumer = false,
}: {
  invoiceId: string;
  clientId: string;
  language?: 'fr' | 'en';
  /** Not overdue yet: whatever firmer template is chosen, the API sends the courtesy one (grouped-send.ts), never "échue" or "impayée". */
  notYetDue?: boolean;
  consumer?: boolean;
}) => {
  const { t, colon } = useI18n();
  const label = useTemplateLabel();
  const [open, setOpen] = useState(false);
  const templates = useTemplates();
  const plan = useReminderPlan(invoiceId);
  const [templateId, setTemplateId] = useState<string>();
  // By default what the plan would send next (as the API does without a choice), else its firmest
  // step: never the first template of the list (a pre-due courtesy note for an invoice long overdue).
  const planned = (plan.data?.items ?? []).filter((s) => !s.manual && s.stepId !== ESCALATE && (s.channel ?? 'email') === 'email');
  const all = templates.data?.items ?? [];
  const next = (planned.find((s) => s.state === 'scheduled') ?? planned.at(-1))?.templateId;
  // An English client gets the English variant of a French template: that one is proposed and named.
  const suggested = next === undefined ? undefined : templateForLanguage(next, language, all);
  const known = (id: string | undefined) => (id && all.some((tpl) => tpl.id === id) ? id : undefined);
  // Reminders only: not the engine's texts, payment-plan notes or thank-yous (unless the plan sends one next);
  // for an English client, no French template the API would swap for its English variant anyway.
  // For a consumer, none citing penalties or the €40: the API refuses them (CPCE L111-8).
  const offered = all.filter(
    (tpl) => (tpl.purpose === 'reminder' || tpl.id === suggested) && offeredFor(tpl.id, language, all) && fitsClientKind(tpl, consumer ? 'consumer' : 'business'),
  );
  // Before the due date the API swaps any firmer template for the courtesy one: that one is proposed, so the
  // choice shown is the message previewed (it showed "Relance à échéance (J+1)" over a courtesy text).
  const courtesy = known(templateForLanguage(consumer ? 'courtesy-consumer' : 'courtesy', language, all));
  const toneOf = (id: string | undefined) => all.find((tpl) => tpl.id === id)?.tone;
  const firmerThanDue = (id: string | undefined) => notYetDue && id !== undefined && toneOf(id) !== undefined && toneOf(id) !== 'courtesy';
  const byDefault = (offered.some((tpl) => tpl.id === suggested) ? suggested : undefined) ?? offered[0]?.id;
  const chosen = templateId ?? (plan.isPending ? undefined : firmerThanDue(byDefault) && courtesy ? courtesy : byDefault);
  const swapped = firmerThanDue(chosen) && courtesy !== undefined ? all.find((tpl) => tpl.id === courtesy) : undefined;
  // What the owner typed (undefined: untouched, the preview's defaults show) and what the preview used.
  const [typed, setTyped] = useState<Partial<Recipients>>({});
  const [committed, setCommitted] = useState<Partial<Recipients>>({});
  const [defaults, setDefaults] = useState<{ to: string[]; cc: string[] }>();
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const send = useSendClientReminder(clientId, invoiceId);

  const bodyFor = (r: Partial<Recipients>, force = false): ClientReminderInput | undefined => {
    if (!chosen) return undefined;
    const to = r.to === undefined ? undefined : parseList(r.to);
    const cc = r.cc === undefined ? undefined : parseList(r.cc);
    const bcc = r.bcc === undefined ? [] : parseList(r.bcc);
    const changed = (to && !sameList(to, defaults?.to ?? [])) || (cc && !sameList(cc, defaults?.cc ?? []));
    return {
      invoiceIds: [invoiceId],
      templateId: chosen,
      // The API takes cc as "none" when to is given without it: both go together.
      ...(changed ? { to: to ?? defaults?.to ?? [], cc: cc ?? defaults?.cc ?? [] } : {}),
      ...(bcc.length > 0 ? { bcc } : {}),
      ...(force ? { force: true } : {}),
    };
  };
  const preview = useClientReminderPreview(clientId, open ? bodyFor(committed) : undefined);
  // Once sent, the dialog keeps showing what went out: read again, the preview would only say
  // "cannot be reminded now: already reminded today" under "Relance envoyée".
  const [sentPreview, setSentPreview] = useState<typeof preview.data>();
  const frozen = send.isSuccess && sentPreview !== undefined;
  const data = frozen ? sentPreview : preview.data;
  useEffect(() => {
    if (data && !defaults) setDefaults({ to: data.to, cc: data.cc });
  }, [data, defaults]);
  const shown: Recipients = {
    to: typed.to ?? defaults?.to.join(', ') ?? '',
    cc: typed.cc ?? defaults?.cc.join(', ') ?? '',
    bcc: typed.bcc ?? '',
  };

  /** zod on each address: the first bad one is named next to its field. */
  const validate = (r: Recipients): Partial<Record<FieldName, string>> => {
    const out: Partial<Record<FieldName, string>> = {};
    for (const name of ['to', 'cc', 'bcc'] as const) {
      const list = parseList(r[name]);
      const bad = list.find((a) => !anEmail.safeParse(a).success);
      if (bad) out[name] = t('planSteps.invalidEmail', { value: bad });
      else if (name === 'to' && list.length === 0) out[name] = t('planSteps.toRequired');
      else if (list.length > 10) out[name] = t('planSteps.tooMany');
    }
    return out;
  };
  /** The cursor goes to the first address said wrong (it stayed on "Envoyer la relance", the error out of sight on a phone). */
  const focusInvalidRecipient = () =>
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[role="dialog"] input[aria-invalid="true"]')?.focus());
  /** The owner's edits as the API takes them (only what differs from the preview's defaults). */
  const edits = (): Partial<Recipients> => ({
    ...(typed.to !== undefined ? { to: typed.to } : {}),
    ...(typed.cc !== undefined ? { cc: typed.cc } : {}),
    ...(typed.bcc !== undefined ? { bcc: typed.bcc } : {}),
  });
  const commit = () => {
    const found = validate(shown);
    setErrors(found);
    if (Object.keys(found).length === 0) setCommitted(edits());
  };
  /** problem+json errors named `body.to.0`, `body.cc`, `body.templateId`: shown next to that field. */
  const placeErrors = (error: unknown, sent: ClientReminderInput | undefined): boolean => {
    if (!(error instanceof ApiError)) return false;
    const placed: Partial<Record<FieldName, string>> = {};
    for (const [key, message] of Object.entries(error.fieldErrors())) {
      const [name, index] = key.split('.');
      if (name !== 'to' && name !== 'cc' && name !== 'bcc' && name !== 'templateId') continue;
      const address = index !== undefined && name !== 'templateId' ? sent?.[name]?.[Number(index)] : undefined;
      placed[name] ??= address ? `${address} : ${message}` : message;
    }
    if (Object.keys(placed).length === 0) return false;
    setErrors(placed);
    focusInvalidRecipient();
    return true;
  };
  const submit = (force = false) => {
    const found = validate(shown);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusInvalidRecipient();
    setCommitted(edits());
    const body = bodyFor(edits(), force);
    // The plan read again after the send names its next step: the dialog keeps the template it sent.
    setTemplateId(chosen);
    setSentPreview(preview.data);
    if (body) send.mutate(body, { onError: (error) => void placeErrors(error, body) });
  };
  // Errors naming a field of the dialog show next to it; the others (the client gap, nothing to remind…) above the buttons.
  const sendError = send.error instanceof ApiError && Object.keys(send.error.fieldErrors()).some((k) => /^(to|cc|bcc|templateId)(\.|$)/.test(k)) ? null : send.error;
  // The invoice cannot be reminded now (paused, reminded today…): the preview is refused as the send would be (422
  // nothing-to-remind, with each invoice and why), said as the reason, not as an error.
  const refused = frozen ? undefined : nothingToRemind(preview.error);
  // The preview refused for the template chosen (a plan waiving the penalties, a template citing them to a consumer):
  // said under the template's choice, as the send's refusal is, not as an error to retry in the preview's place.
  const previewTemplateError = !frozen && preview.error instanceof ApiError ? preview.error.fieldErrors().templateId : undefined;
  const skipped = refused
    ? (refused.find((i) => i.status === 'skipped') ?? { invoiceId, status: 'skipped' })
    : data && !data.subject
      ? data.items.find((i) => i.status === 'skipped')
      : undefined;
  const recipientField = (name: keyof Recipients, hint?: string) => (
    <Field label={t(`planSteps.${name}`)} error={errors[name]} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="text"
          inputMode="email"
          autoComplete="off"
          value={shown[name]}
          disabled={send.isPending || send.isSuccess}
          onChange={(e) => {
            setTyped((v) => ({ ...v, [name]: e.target.value }));
            setErrors(({ [name]: _gone, ...rest }) => rest);
            send.reset();
          }}
          onBlur={commit}
        />
      )}
    </Field>
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          send.reset();
          setTyped({});
          setCommitted({});
          setErrors({});
        }
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
          <Field
            label={t('invoice.chooseTemplate')}
            error={errors.templateId ?? previewTemplateError}
            warning={swapped ? t('planSteps.notYetDue', { name: label(swapped, all.filter((tpl) => tpl.language === swapped.language)) }) : undefined}
          >
            {(p) => (
              <select
                {...p}
                value={chosen ?? ''}
                disabled={send.isPending || send.isSuccess}
                onChange={(e) => {
                  setTemplateId(e.target.value);
                  setErrors(({ templateId: _gone, ...rest }) => rest);
                  send.reset();
                }}
              >
                {offered.map((tpl) => (
                  <option key={tpl.id} value={tpl.id}>
                    {label(tpl, offered)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {recipientField('to', t('planSteps.recipientsHint'))}
          {recipientField('cc')}
          {recipientField('bcc', t('planSteps.bccHint'))}
          <h3>{t('invoice.preview')}</h3>
          {!frozen && preview.isPending ? (
            <Loading />
          ) : previewTemplateError ? (
            <p className="muted" data-testid="preview-template-refused">
              {t('planSteps.previewTemplateRefused')}
            </p>
          ) : !frozen && preview.isError && !refused ? (
            <ErrorMessage error={preview.error} retry={() => void preview.refetch()} />
          ) : skipped ? (
            <p className="muted" data-testid="preview-skipped">
              {t('planSteps.notRemindable', { reason: skipped.reason ? t(`planSteps.reasons.${skipped.reason}`, { defaultValue: skipped.reason }) : '' })}
            </p>
          ) : (
            <div aria-live="polite" aria-busy={preview.isFetching}>
              <p>
                <strong>{colon(t('planSteps.to'))}</strong> <span data-testid="preview-to">{data!.to.join(', ')}</span>
                {data!.cc.length > 0 && (
                  <>
                    {' · '}
                    <strong>{colon(t('planSteps.cc'))}</strong> <span data-testid="preview-cc">{data!.cc.join(', ')}</span>
                  </>
                )}
                {data!.bcc.length > 0 && (
                  <>
                    {' · '}
                    <strong>{colon(t('planSteps.bcc'))}</strong> <span data-testid="preview-bcc">{data!.bcc.join(', ')}</span>
                  </>
                )}
              </p>
              <p>
                <strong>{colon(t('invoice.subject'))}</strong> <span data-testid="preview-subject">{data!.subject}</span>
              </p>
              <div className="preview" data-testid="preview-body">
                {data!.text}
              </div>
              {data!.attachments.length > 0 && (
                <>
                  <p>
                    <strong>{colon(t('planSteps.attachments'))}</strong>
                  </p>
                  <ul data-testid="preview-attachments">
                    {data!.attachments.map((a) => (
                      <li key={a.fileName}>{a.fileName}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          {sendError && <ErrorMessage error={sendError} />}
          {send.isSuccess ? (
            <p role="status" className="success">
              {t('invoice.reminderSent')}
              {send.data.to.length + send.data.cc.length > 0 ? <> {t('planSteps.sentTo', { to: [...send.data.to, ...send.data.cc].join(', ') })}</> : null}
            </p>
          ) : (
            <div className="row" style={{ marginTop: '1rem' }}>
              {/* The preview already says why it cannot go now (reminded today, paused, disputed…): no send to be refused. */}
              <button type="button" className="button primary" disabled={send.isPending || !chosen || Boolean(skipped)} onClick={() => submit()}>
                {t('invoice.confirmSend')}
              </button>
              {/* The client had a message within the minimum gap: the owner may still decide to send. */}
              {send.error instanceof ApiError && send.error.status === 409 && send.error.message.includes('"force"') && (
                <button type="button" className="button" disabled={send.isPending} onClick={() => submit(true)}>
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
