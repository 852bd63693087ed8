import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { usePortalDone } from './portal-done';
import { z } from 'zod';
import '../../lib/zod-messages';
import type { operations } from '../../api/schema';
import { ErrorMessage, Field, SubmitButton } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { addDaysIso } from '../../lib/dates';
import { centsToInput, parseMoney, todayIso } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { splitPlan } from '../../lib/plan-split';
import { useFocusRefused } from '../../lib/forms';
import { ApiError } from '../../lib/problem';
import './plan-texts';

export type Portal = operations['getPortal']['responses'][200]['content']['application/json'];
export type PlanRequestBody = NonNullable<operations['portalPlanRequest']['requestBody']>['content']['application/json'];

const MAX_INSTALMENTS = 24;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The client's proposal, checked here by the rules the API applies (each amount positive, the
 * total equal to the balance, dates ascending from today), so most mistakes never reach it.
 */
export const planRequestSchema = (
  balanceCents: number,
  today: string,
  m: { amount: string; required: string; sum: (sumCents: number) => string; firstDate: string; order: string },
) =>
  z
    .object({
      instalments: z
        .array(z.object({ dueDate: z.string().regex(ISO_DATE, { message: m.required }), amount: z.string().refine((v) => (parseMoney(v) ?? 0) > 0, { message: m.amount }) }))
        .min(1)
        .max(MAX_INSTALMENTS),
      note: z.string().trim().max(1000),
    })
    .superRefine((v, ctx) => {
      const cents = v.instalments.map((i) => parseMoney(i.amount));
      if (cents.every((c) => c !== undefined && c > 0)) {
        const sum = cents.reduce<number>((s, c) => s + c!, 0);
        if (sum !== balanceCents) ctx.addIssue({ code: 'custom', path: ['instalments'], message: m.sum(sum) });
      }
      const first = v.instalments[0]?.dueDate;
      if (first && ISO_DATE.test(first) && first < today) ctx.addIssue({ code: 'custom', path: ['instalments', 0, 'dueDate'], message: m.firstDate });
      v.instalments.forEach((inst, i) => {
        const previous = v.instalments[i - 1]?.dueDate;
        if (i > 0 && previous && ISO_DATE.test(previous) && ISO_DATE.test(inst.dueDate) && inst.dueDate <= previous) {
          ctx.addIssue({ code: 'custom', path: ['instalments', i, 'dueDate'], message: m.order });
        }
      });
    });

interface Row {
  dueDate: string;
  amount: string;
}

/** "Proposer un échéancier": spread the balance, adjust each instalment, send; errors under the field they name. */
export const PlanRequestForm = ({
  balanceCents,
  seller,
  onSubmit,
  today = todayIso(),
}: {
  balanceCents: number;
  seller: string;
  onSubmit: (body: PlanRequestBody) => Promise<unknown>;
  today?: string;
}) => {
  const { t, lang, money } = useI18n();
  const [count, setCount] = useState('3');
  const [first, setFirst] = useState(() => addDaysIso(today, 7));
  const [every, setEvery] = useState('30');
  const spread = (c = count, e = every, f = first): Row[] =>
    splitPlan(balanceCents, Math.max(1, Math.min(MAX_INSTALMENTS, Number(c) || 1)), f, Math.max(1, Number(e) || 30)).map((i) => ({
      dueDate: i.dueDate,
      amount: centsToInput(i.amountCents, lang),
    }));
  // The instalments follow the count, interval and first date as they are typed (valid): they stayed as first spread,
  // and "Envoyer ma proposition" sent 3 instalments under a count of 2 unless "Répartir" was pressed first.
  const respread = (c: string, e: string, f: string) => {
    const n = Number(c);
    const days = Number(e);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_INSTALMENTS && Number.isInteger(days) && days >= 1 && days <= 365 && /^\d{4}-\d{2}-\d{2}$/.test(f) && f >= today) setRows(spread(c, e, f));
  };
  const changeCount = (v: string) => (setCount(v), respread(v, every, first));
  const changeEvery = (v: string) => (setEvery(v), respread(count, v, first));
  const changeFirst = (v: string) => (setFirst(v), respread(count, every, v));
  const [rows, setRows] = useState<Row[]>(spread);
  // A count, interval or first date out of range is said under its field: it used to become 1, 30 days or the date as typed.
  const spreadAgain = () => {
    const n = Number(count);
    const days = Number(every);
    const problems: Record<string, string> = {};
    if (!Number.isInteger(n) || count.trim() === '' || n < 1 || n > MAX_INSTALMENTS) problems.count = t('portalPlan.errors.count', { max: MAX_INSTALMENTS });
    if (!Number.isInteger(days) || every.trim() === '' || days < 1 || days > 365) problems.every = t('portalPlan.errors.every');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(first) || first < today) problems.first = t('portalPlan.errors.firstDate');
    setErrors(problems);
    if (Object.keys(problems).length === 0) setRows(spread());
  };
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const form = useFocusRefused();
  // Another of the portal's actions taken since: this form's old errors go.
  const portalDone = usePortalDone(() => {
    setErrors({});
    setFailure(undefined);
  });
  const sum = rows.reduce((s, r) => s + (parseMoney(r.amount) ?? 0), 0);
  const setRow = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const schema = planRequestSchema(balanceCents, today, {
      amount: t('errors.amount'),
      required: t('errors.required'),
      sum: (s) => t('portalPlan.errors.sum', { sum: money(s), balance: money(balanceCents) }),
      firstDate: t('portalPlan.errors.firstDate'),
      order: t('portalPlan.errors.order'),
    });
    const parsed = schema.safeParse({ instalments: rows, note });
    if (!parsed.success) {
      const local: Record<string, string> = {};
      for (const issue of parsed.error.issues) local[issue.path.join('.')] ??= issue.message;
      setErrors(local);
      return form.refused();
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit({
        instalments: parsed.data.instalments.map((i) => ({ dueDate: i.dueDate, amountCents: parseMoney(i.amount)! })),
        ...(parsed.data.note ? { note: parsed.data.note } : {}),
      });
      portalDone();
    } catch (error) {
      // The API names `body.instalments.1.amountCents`: the amount field of that row.
      const named = error instanceof ApiError ? Object.entries(error.fieldErrors()).map(([k, v]) => [k.replace(/\.amountCents$/, '.amount'), v] as const) : [];
      const placed = named.filter(([k]) => k === 'note' || k.startsWith('instalments'));
      setErrors(Object.fromEntries(placed));
      if (placed.length === 0) setFailure(error);
      else form.refused();
    } finally {
      setBusy(false);
    }
  };

  const listError = errors.instalments;
  return (
    <form ref={form.ref} className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="portal-plan">
      <h2 id="portal-plan">{t('portalPlan.title')}</h2>
      <p className="muted">{t('portalPlan.hint', { seller, balance: money(balanceCents) })}</p>
      <div className="grid-2">
        <Field label={t('portalPlan.count')} error={errors.count}>
          {(p) => <input {...p} type="number" min={1} max={MAX_INSTALMENTS} value={count} onChange={(e) => changeCount(e.target.value)} />}
        </Field>
        <Field label={t('portalPlan.every')} error={errors.every}>{(p) => <input {...p} type="number" min={1} max={365} value={every} onChange={(e) => changeEvery(e.target.value)} />}</Field>
        <Field label={t('portalPlan.first')} error={errors.first}>{(p) => <input {...p} type="date" min={today} value={first} onChange={(e) => changeFirst(e.target.value)} />}</Field>
      </div>
      <button type="button" className="button small" onClick={spreadAgain}>
        {t('portalPlan.spread')}
      </button>
      <ol className="plain-list">
        {rows.map((r, i) => (
          <li key={i}>
            <fieldset className="contact-row">
              <legend>{t('portalPlan.instalment', { n: i + 1 })}</legend>
              <div className="grid-2">
                <Field label={t('portalPlan.date')} error={errors[`instalments.${i}.dueDate`]}>
                  {(p) => <input {...p} type="date" value={r.dueDate} onChange={(e) => setRow(i, { dueDate: e.target.value })} />}
                </Field>
                <Field label={t('portalPlan.amount')} error={errors[`instalments.${i}.amount`]}>
                  {(p) => <input {...p} inputMode="decimal" autoComplete="off" value={r.amount} onChange={(e) => setRow(i, { amount: e.target.value })} />}
                </Field>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <p className={sum === balanceCents ? 'muted' : 'field-error'} data-testid="portal-plan-sum">
        {t('portalPlan.sum', { sum: money(sum), balance: money(balanceCents) })}
        {sum !== balanceCents && ` ${t(sum < balanceCents ? 'portalPlan.sumMissing' : 'portalPlan.sumExtra', { diff: money(Math.abs(balanceCents - sum)) })}`}
      </p>
      {listError && (
        <p role="alert" className="field-error">
          {listError}
        </p>
      )}
      <Field label={t('portalPlan.note', { seller })} error={errors.note}>
        {(p) => <textarea {...p} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <SubmitButton className="button primary" busy={busy}>
        {t('portalPlan.submit')}
      </SubmitButton>
    </form>
  );
};

/** The client's last proposal and the seller's answer, then the running plan ("rappel de l'échéancier"). */
export const PlanState = ({ portal }: { portal: Portal }) => {
  const { t, money, date, dateTime, colon } = useI18n();
  const seller = portal.seller.name;
  const request = portal.planRequest;
  const plan = portal.paymentPlan;
  return (
    <>
      {request && (
        <div role="status" className="notice" data-testid="portal-plan-request">
          {request.status === 'pending' && <p>{t('portalPlan.pending', { date: dateTime(request.requestedAt), seller })}</p>}
          {request.status === 'accepted' && <p>{t('portalPlan.accepted', { date: dateTime(request.decidedAt ?? request.requestedAt) })}</p>}
          {request.status === 'declined' && (
            <p>
              {t('portalPlan.declined', { date: dateTime(request.decidedAt ?? request.requestedAt) })}
              {request.declineReason && (
                <>
                  <br />
                  {t('portalPlan.declinedReason', { reason: request.declineReason })}
                </>
              )}
            </p>
          )}
          {request.status !== 'accepted' && (
            <>
              <p className="muted">{t('portalPlan.requested')}</p>
              <ol>
                {request.instalments.map((i, n) => (
                  <li key={n}>
                    {colon(date(i.dueDate))} {money(i.amountCents)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {plan && (
        <section className="card" aria-labelledby="portal-plan-reminder">
          <h2 id="portal-plan-reminder">{t('portalPlan.reminderTitle')}</h2>
          <p className="muted">{t('portalPlan.reminderHint')}</p>
          <div className="table-wrap">
            <table className="responsive" data-testid="portal-instalments">
              <thead>
                <tr>
                  <th scope="col">{t('portalPlan.date')}</th>
                  <th scope="col" className="num">
                    {t('portalPlan.amountColumn')}
                  </th>
                  <th scope="col" className="num">
                    {t('portalPlan.due')}
                  </th>
                  <th scope="col">{t('portalPlan.state')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.instalments.map((i, n) => (
                  <tr key={n}>
                    <td data-label={t('portalPlan.date')}>{date(i.dueDate)}</td>
                    <td data-label={t('portalPlan.amountColumn')} className="num">
                      {money(i.amountCents)}
                    </td>
                    <td data-label={t('portalPlan.due')} className="num">
                      {money(i.dueCents)}
                    </td>
                    <td data-label={t('portalPlan.state')}>
                      <span className={`badge ${i.status === 'paid' ? 'ok' : i.status === 'late' ? 'danger' : 'info'}`}>{t(`portalPlan.status.${i.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plan.waivePenalties && <p className="muted">{t('portalPlan.penaltiesWaived')}</p>}
        </section>
      )}
    </>
  );
};

/** The form wired to `POST /portal/{token}/plan-request`; the portal is read again to show the request's state. */
export const PortalPlanRequest = ({ token, portal }: { token: string; portal: Portal }) => {
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (body: PlanRequestBody) => unwrap(api().POST('/portal/{token}/plan-request', { params: { path: { token } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', token] }),
  });
  return <PlanRequestForm balanceCents={portal.invoice.balanceCents} seller={portal.seller.name} onSubmit={(body) => send.mutateAsync(body)} />;
};
