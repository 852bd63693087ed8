import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog, ErrorMessage, Field, Loading, SubmitButton } from '../../../components/ui';
import { addDaysIso } from '../../../lib/dates';
import { centsToInput, parseMoney, todayIso } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n';
import { ApiError } from '../../../lib/problem';
import { usePaymentPlan, usePlanActions, type Invoice } from '../api';
import { splitPlan } from '../../../lib/plan-split';
import '../texts';
import { ActionDialog } from './action-dialog';

/**
 * The payment plan (échéancier): its instalments with what is left on each, a client's request to decide, or a new plan.
 * A consumer owes no late penalties nor the €40 (the API ignores a waiver for one): no "Renoncer aux pénalités" then.
 */
export const PaymentPlanCard = ({ invoice, consumer = false }: { invoice: Invoice; consumer?: boolean }) => {
  const { t, money, date, colon } = useI18n();
  const active = invoice.paymentPlan?.status === 'active';
  const plan = usePaymentPlan(invoice.id, active);
  const actions = usePlanActions(invoice.id);
  const open = invoice.status === 'sent' || invoice.status === 'partially_paid';
  // A request left pending when the client paid (or the invoice was cancelled, written off) has nothing left to answer.
  const closed = invoice.status === 'paid' || invoice.status === 'cancelled' || invoice.status === 'written_off';
  const request = invoice.planRequest?.status === 'pending' && !closed ? invoice.planRequest : undefined;
  const error = actions.end.error ?? actions.accept.error;
  const stale = actions.accept.error instanceof ApiError ? actions.accept.error.fieldErrors()['planRequest.instalments'] : undefined;
  const [waive, setWaive] = useState(false);
  // A plan just agreed (saved, or a request accepted): the button pressed went away with its dialog or notice, so the
  // focus goes to the card's title, not to the page's top (after the dialog's own focus return, hence the timer).
  const title = useRef<HTMLHeadingElement>(null);
  const wasActive = useRef(active);
  useEffect(() => {
    const started = active && !wasActive.current;
    wasActive.current = active;
    if (!started) return;
    const timer = setTimeout(() => title.current?.focus(), 50);
    return () => clearTimeout(timer);
  }, [active]);
  return (
    <section aria-labelledby="payment-plan-title" className="card">
      <h2 id="payment-plan-title" ref={title} tabIndex={-1}>
        {t('invoiceMore.plan')}
      </h2>
      {request && (
        <div className="notice" role="group" aria-label={t('invoiceMore.planRequested')}>
          <p>
            <strong>{t('invoiceMore.planRequested')}</strong>
            {request.note ? ` — ${request.note}` : ''}
          </p>
          <ol>
            {request.instalments.map((i, n) => (
              <li key={n}>
                {colon(date(i.dueDate))} {money(i.amountCents)}
              </li>
            ))}
          </ol>
          {!consumer && (
            <label className="checkbox">
              <input type="checkbox" checked={waive} onChange={(e) => setWaive(e.target.checked)} /> {t('invoiceMore.planWaive')}
            </label>
          )}
          <div className="row">
            <button type="button" className="button primary" disabled={actions.accept.isPending} onClick={() => actions.accept.mutate(waive && !consumer)}>
              {t('invoiceMore.planAccept')}
            </button>
            <ActionDialog
              title={t('invoiceGaps.declineTitle')}
              trigger={t('invoiceMore.planDecline')}
              intro={t('invoiceGaps.declineIntro')}
              fields={[{ name: 'reason', label: t('invoiceGaps.declineReason'), type: 'textarea' }]}
              confirm={t('invoiceMore.planDecline')}
              onSubmit={(v) => actions.decline.mutateAsync(v.reason)}
            />
          </div>
        </div>
      )}
      {active ? (
        plan.isPending ? (
          <Loading />
        ) : plan.isError ? (
          <ErrorMessage error={plan.error} retry={() => void plan.refetch()} />
        ) : (
          <>
            {plan.data.note && <p className="muted">{plan.data.note}</p>}
            {/* The waiver agreed on the plan (recorded), said as the reminders' PDFs tell the client; a consumer owes neither. */}
            {plan.data.waivePenalties && invoice.issued?.client?.kind !== 'consumer' && (
              <p className="muted" data-testid="plan-waived">
                {t('invoiceMore.planWaived')}
              </p>
            )}
            <div className="table-wrap">
              <table className="responsive" data-testid="instalments">
                <thead>
                  <tr>
                    <th scope="col">{t('invoiceMore.planDate')}</th>
                    <th scope="col" className="num">{t('invoiceMore.planAmountColumn')}</th>
                    <th scope="col" className="num">{t('invoiceMore.planDue')}</th>
                    <th scope="col">{t('invoice.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.data.instalments.map((i, n) => (
                    <tr key={n}>
                      <td data-label={t('invoiceMore.planDate')}>{date(i.dueDate)}</td>
                      <td data-label={t('invoiceMore.planAmountColumn')} className="num">{money(i.amountCents)}</td>
                      <td data-label={t('invoiceMore.planDue')} className="num">{money(i.dueCents)}</td>
                      <td data-label={t('invoice.state')}>
                        <span className={`badge ${i.status === 'paid' ? 'ok' : i.status === 'late' ? 'danger' : 'info'}`}>{t(`invoiceMore.planStatus.${i.status}`)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button
              type="button"
              className="button danger small"
              style={{ marginTop: '0.75rem' }}
              disabled={actions.end.isPending}
              onClick={() => window.confirm(t('invoiceMore.planEndConfirm')) && actions.end.mutate()}
            >
              {t('invoiceMore.planEnd')}
            </button>
          </>
        )
      ) : (
        <>
          {/* An ended plan says so (it read "Annulée", the invoice's badge, feminine, with no separator, then "Aucun
              échéancier. Proposez-en un…", on a paid invoice too). */}
          {invoice.paymentPlan && (
            <p className="muted" data-testid="plan-ended">
              {invoice.paymentPlan.endReason
                ? `${colon(t('invoiceMore.planEnded'))} ${t(`planSteps.planEndReasons.${invoice.paymentPlan.endReason}`, { defaultValue: invoice.paymentPlan.endReason })}.`
                : `${t('invoiceMore.planEnded')}.`}
            </p>
          )}
          {!request && !invoice.paymentPlan && <p className="muted">{t('invoiceMore.planNone')}</p>}
          {!request && invoice.paymentPlan && open && invoice.balanceCents > 0 && <p className="muted">{t('invoiceMore.planAgain')}</p>}
          {/* A client's request waits: the owner answers it first (the API refuses another plan until then). */}
          {open && invoice.balanceCents > 0 && !request && <NewPlanDialog invoice={invoice} consumer={consumer} />}
        </>
      )}
      {/* The client's instalments no longer add up to the balance (a payment since): the way out, not only the sums. */}
      {stale ? (
        <p role="alert" className="field-error">
          {t('invoiceMore.planRequestStale', { detail: stale.charAt(0).toLowerCase() + stale.slice(1) })}
        </p>
      ) : (
        error && <ErrorMessage error={error} />
      )}
    </section>
  );
};

interface Row {
  dueDate: string;
  amount: string;
}

/** The API's limit (shared/domain/payment-plan.ts MAX_INSTALMENTS): more is refused, never cut down to it. */
export const MAX_PLAN_INSTALMENTS = 24;
const MAX_EVERY_DAYS = 365;

const NewPlanDialog = ({ invoice, consumer }: { invoice: Invoice; consumer: boolean }) => {
  const { t, lang, money } = useI18n();
  const { create } = usePlanActions(invoice.id);
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState('3');
  const [first, setFirst] = useState(() => addDaysIso(todayIso(), 7));
  const [every, setEvery] = useState('30');
  const spread = (c = count, e = every, f = first): Row[] =>
    splitPlan(invoice.balanceCents, Math.max(1, Math.min(MAX_PLAN_INSTALMENTS, Number(c) || 1)), f, Math.max(1, Number(e) || 30)).map((i) => ({ dueDate: i.dueDate, amount: centsToInput(i.amountCents, lang) }));
  // The instalments follow the count, interval and first date as they are typed (valid): they stayed as first spread,
  // and "Enregistrer" saved 3 instalments under a count of 4 unless "Répartir" was pressed first.
  const respread = (c: string, e: string, f: string) => {
    const n = Number(c);
    const days = Number(e);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_PLAN_INSTALMENTS && Number.isInteger(days) && days >= 1 && days <= MAX_EVERY_DAYS && /^\d{4}-\d{2}-\d{2}$/.test(f)) setRows(spread(c, e, f));
  };
  const changeCount = (v: string) => (setCount(v), respread(v, every, first));
  const changeEvery = (v: string) => (setEvery(v), respread(count, v, first));
  const changeFirst = (v: string) => (setFirst(v), respread(count, every, v));
  const [rows, setRows] = useState<Row[]>(spread);
  const [note, setNote] = useState('');
  const [waive, setWaive] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const sum = rows.reduce((s, r) => s + (parseMoney(r.amount) ?? 0), 0);
  // A count or interval out of range is said under its field, as typed: 30 instalments used to spread 24 silently.
  const spreadProblems = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    const n = Number(count);
    const days = Number(every);
    if (count.trim() !== '' && Number.isInteger(n) && n > MAX_PLAN_INSTALMENTS) problems.count = t('invoiceMore.planCountMax', { max: MAX_PLAN_INSTALMENTS });
    else if (count.trim() === '' || !Number.isInteger(n) || n < 1) problems.count = t('invoiceMore.planCountRange', { max: MAX_PLAN_INSTALMENTS });
    if (every.trim() === '' || !Number.isInteger(days) || days < 1 || days > MAX_EVERY_DAYS) problems.every = t('invoiceMore.planEveryRange', { max: MAX_EVERY_DAYS });
    return problems;
  };
  const spreadAgain = () => {
    const problems = spreadProblems();
    setErrors(problems);
    if (Object.keys(problems).length === 0) setRows(spread());
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = spreadProblems();
    rows.forEach((r, i) => {
      const cents = parseMoney(r.amount);
      if (cents === undefined || cents === 0) local[`instalments.${i}.amountCents`] = t(cents === 0 ? 'errors.positive' : 'errors.amount');
      if (!r.dueDate) local[`instalments.${i}.dueDate`] = t('errors.required');
    });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    try {
      await create.mutateAsync({
        instalments: rows.map((r) => ({ dueDate: r.dueDate, amountCents: parseMoney(r.amount)! })),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(waive && !consumer ? { waivePenalties: true } : {}),
      });
      setOpen(false);
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    }
  };
  const placed = Object.keys(errors).some((k) => k.startsWith('instalments.'));
  const listError = errors.instalments ?? errors._;
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setRows(spread());
        if (!o) (create.reset(), setErrors({}));
      }}
      title={t('invoiceMore.planTitle')}
      trigger={
        <button type="button" className="button">
          {t('invoiceMore.planCreate')}
        </button>
      }
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="grid-2">
          <Field label={t('invoiceMore.planCount')} error={errors.count}>
            {(p) => <input {...p} type="number" min={1} max={MAX_PLAN_INSTALMENTS} value={count} onChange={(e) => changeCount(e.target.value)} />}
          </Field>
          <Field label={t('invoiceMore.planEvery')} error={errors.every}>
            {(p) => <input {...p} type="number" min={1} max={MAX_EVERY_DAYS} value={every} onChange={(e) => changeEvery(e.target.value)} />}
          </Field>
          <Field label={t('invoiceMore.planFirst')}>{(p) => <input {...p} type="date" value={first} onChange={(e) => changeFirst(e.target.value)} />}</Field>
        </div>
        <button type="button" className="button small" onClick={spreadAgain}>
          {t('invoiceMore.planSpread')}
        </button>
        <ol className="plain-list">
          {rows.map((r, i) => (
            <li key={i}>
              <fieldset className="contact-row">
                <legend>{t('invoiceMore.planInstalment', { n: i + 1 })}</legend>
                <div className="grid-2">
                  <Field label={t('invoiceMore.planDate')} error={errors[`instalments.${i}.dueDate`]}>
                    {(p) => <input {...p} type="date" value={r.dueDate} onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, dueDate: e.target.value } : x)))} />}
                  </Field>
                  <Field label={t('invoiceMore.planAmount')} error={errors[`instalments.${i}.amountCents`]}>
                    {(p) => <input {...p} inputMode="decimal" value={r.amount} onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />}
                  </Field>
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <p className={sum === invoice.balanceCents ? 'muted' : 'field-error'} data-testid="plan-sum">
          {t('invoiceMore.planSumOff', { sum: money(sum), balance: money(invoice.balanceCents) })}
          {sum !== invoice.balanceCents && ` ${t(sum < invoice.balanceCents ? 'invoiceMore.planSumMissing' : 'invoiceMore.planSumExtra', { diff: money(Math.abs(invoice.balanceCents - sum)) })}`}
        </p>
        <Field label={t('invoiceMore.planNote')}>{(p) => <input {...p} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />}</Field>
        {!consumer && (
          <label className="checkbox">
            <input type="checkbox" checked={waive} onChange={(e) => setWaive(e.target.checked)} /> {t('invoiceMore.planWaive')}
          </label>
        )}
        {listError && (
          <p role="alert" className="field-error">
            {listError}
          </p>
        )}
        {create.isError && !placed && !listError && <ErrorMessage error={create.error} />}
        <SubmitButton className="button primary" busy={create.isPending}>
          {t('invoiceMore.planSave')}
        </SubmitButton>
      </form>
    </Dialog>
  );
};
