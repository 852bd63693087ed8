import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { operations } from '../../api/schema';
import { ErrorMessage, Field, invoiceStatus, Loading, Stat, StatusBadge, SubmitButton, useDocumentTitle } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { config } from '../../lib/config';
import { addDaysIso } from '../../lib/dates';
import { groupIban, lineNetCents, todayIso } from '../../lib/format';
import { initialLanguage, setLanguage, useI18n } from '../../lib/i18n';
import { useFocusRefused } from '../../lib/forms';
import { ApiError } from '../../lib/problem';
import { PlanState, PortalPlanRequest } from './plan-request';
import { PortalDone, usePortalDone } from './portal-done';
import './texts';

type Portal = operations['getPortal']['responses'][200]['content']['application/json'];

/** The client portal (public, the link's token is the credential): the invoice, how to pay, the client's answers and a payment plan proposal. */
export default function PortalScreen() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const { i18n } = useTranslation();
  const portal = useQuery({ queryKey: ['portal', token], queryFn: () => unwrap(api().GET('/portal/{token}', { params: { path: { token } } })), retry: false });
  // The page speaks the client's language (not stored: the owner's own choice stays).
  const language = portal.data?.language;
  useEffect(() => {
    if (language && i18n.language !== language) {
      void i18n.changeLanguage(language);
      document.documentElement.lang = language;
    }
  }, [language, i18n]);
  // Leaving the portal in the same tab (the owner opened a link, then went back): the app speaks the owner's language again.
  useEffect(
    () => () => {
      const own = initialLanguage();
      if (i18n.language !== own) void setLanguage(own);
    },
    [i18n],
  );
  // The page comes once it speaks the client's language: its forms start from values written in it
  // (an English client's plan amounts read "40.00", not the "40,00" of a first render in French).
  const speaking = !language || i18n.language === language;
  // A link that no longer works says so in the tab too (the page behind it sets its own title).
  useDocumentTitle(portal.isError ? t('portal.unavailable') : undefined, { withApp: false });
  return (
    <main id="main" className="app-main portal">
      {portal.isPending || (portal.isSuccess && !speaking) ? (
        <Loading />
      ) : portal.isError ? (
        portal.error instanceof ApiError && portal.error.status === 404 ? (
          <div className="empty">
            <h1>{t('portal.title')}</h1>
            <p className="empty-title">{t('portal.unavailable')}</p>
            {/* The next step: the client cannot sign in, only the seller can send a working link. */}
            <p>{t('portal.unavailableNext')}</p>
          </div>
        ) : (
          <ErrorMessage error={portal.error} retry={() => void portal.refetch()} />
        )
      ) : (
        <PortalPage token={token} portal={portal.data} />
      )}
    </main>
  );
}

const PortalPage = ({ token, portal }: { token: string; portal: Portal }) => {
  const { t, money, date, number } = useI18n();
  const { invoice, seller, payment, reminders, actions } = portal;
  const settled = invoice.balanceCents <= 0;
  // A payment plan being kept: the client pays by its dates, the invoice's own due date no longer makes them late.
  const plan = portal.paymentPlan;
  const onPlan = !settled && plan !== undefined && !plan.instalments.some((i) => i.status === 'late');
  const nextInstalment = onPlan ? plan.instalments.find((i) => i.status !== 'paid') : undefined;
  const late = invoice.overdue && !settled && !onPlan;
  useDocumentTitle(`${t('portalPage.invoice', { number: invoice.number })} — ${seller.name}`, { withApp: false });
  // An action taken: the other forms' errors go (each form's own are replaced by its outcome).
  const [doneCount, setDoneCount] = useState(0);
  const done = useMemo(() => ({ count: doneCount, done: () => setDoneCount((n) => n + 1) }), [doneCount]);
  return (
    <PortalDone.Provider value={done}>
      <article>
        <header className="portal-header">
          <p className="muted">{t('portalPage.from', { seller: seller.name })}</p>
          <h1>{t('portalPage.invoice', { number: invoice.number })}</h1>
          <p>
            {t('portalPage.for', { client: portal.client.name })}{' '}
            {/* A write-off is the seller's bookkeeping: the client sees the invoice closed, not "passée en perte". */}
            {invoice.status === 'written_off' ? <span className="badge neutral">{t('portalPage.closed')}</span> : <StatusBadge status={invoiceStatus({ ...invoice, overdue: invoice.overdue && !onPlan })} />}
          </p>
        </header>
        <dl className="stats">
          <Stat label={t('portalPage.total')} value={money(invoice.totals.grossCents)} />
          {/* A final invoice: the deposit invoices it deducts, so that total − paid = balance reads true. */}
          {(invoice.deductedCents ?? 0) > 0 && <Stat label={t('portalPage.deducted')} value={<span data-testid="portal-deducted">{money(invoice.deductedCents ?? 0)}</span>} />}
          {/* A credit note is not a payment: said apart, so that "Déjà payé" matches the payments listed below. */}
          {invoice.creditedCents > 0 && <Stat label={t('portalPage.credited')} value={<span data-testid="portal-credited">{money(invoice.creditedCents)}</span>} />}
          <Stat label={t('portalPage.paid')} value={money(invoice.paidCents)} tone="ok" />
          <Stat label={t('portalPage.balance')} value={<span data-testid="portal-balance">{money(invoice.balanceCents)}</span>} tone={late ? 'danger' : undefined} />
          <Stat label={t('portalPage.due')} value={date(invoice.dueDate)} />
        </dl>
        {late && <p className="muted">{t('portalPage.daysLate', { count: invoice.daysLate })}</p>}
        {nextInstalment && (
          <p className="muted" data-testid="portal-on-plan">
            {t('portalPage.onPlan', { date: date(nextInstalment.dueDate), amount: money(nextInstalment.dueCents) })}
          </p>
        )}
        {settled && (
          <p role="status" className="success">
            {/* Thanks only for a payment: a balance cleared by a credit note or a write-off is no payment. */}
            {invoice.status === 'paid' ? t('portalPage.settled') : t('portalPage.nothingLeft')}
          </p>
        )}
        <Status portal={portal} />
        <PlanState portal={portal} />
        <PdfButton token={token} number={invoice.number} />

        {!settled && (
          <section className="card" aria-labelledby="portal-pay">
            <h2 id="portal-pay">{t('portalPage.howToPay')}</h2>
            {payment.paymentUrl && (
              <p>
                <a className="button primary" href={payment.paymentUrl} rel="noopener noreferrer" target="_blank">
                  {t('portalPage.payOnline')}
                </a>
              </p>
            )}
            {payment.iban && (
              <>
                <h3>{t('portalPage.transfer')}</h3>
                <dl className="kv">
                  <dt>{t('portalPage.beneficiary')}</dt>
                  <dd>{seller.name}</dd>
                  <dt>IBAN</dt>
                  <dd>
                    <span className="iban" data-testid="portal-iban">{groupIban(payment.iban)}</span>{' '}
                    <CopyButton value={payment.iban.replace(/\s+/g, '')} label={t('portalPage.copyIban')} done={t('portalPage.ibanCopied')} />
                  </dd>
                  {payment.bic && (
                    <>
                      <dt>BIC</dt>
                      <dd>{payment.bic}</dd>
                    </>
                  )}
                  <dt>{t('portalPage.reference')}</dt>
                  <dd>
                    <span data-testid="portal-reference">{payment.reference}</span>{' '}
                    <CopyButton value={payment.reference} label={t('portalPage.copyReference')} done={t('portalPage.referenceCopied')} />
                  </dd>
                </dl>
              </>
            )}
            {payment.epcQr && (
              <figure className="qr">
                <img
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(payment.epcQr.svg)}`}
                  alt={t('portalPage.qrAlt', { amount: money(invoice.balanceCents), reference: payment.reference })}
                  width={200}
                  height={200}
                />
                <figcaption className="muted">{t('portalPage.qr')}</figcaption>
              </figure>
            )}
          </section>
        )}

        <section className="card" aria-labelledby="portal-lines">
          <h2 id="portal-lines">{t('portalPage.lines')}</h2>
          <ul className="plain-list">
            {invoice.lines.map((line, i) => (
              <li key={i} className="row" style={{ justifyContent: 'space-between' }}>
                <span>
                  {line.description} × {number(line.quantity)}
                </span>
                <span>{t('portalPage.exclVat', { amount: money(lineNetCents(line.quantity, line.unitPriceCents)) })}</span>
              </li>
            ))}
          </ul>
          {portal.payments.length > 0 && (
            <>
              <h3>{t('portalPage.payments')}</h3>
              <ul className="plain-list">
                {portal.payments.map((p, i) => (
                  <li key={i}>
                    {date(p.date)} · {money(p.amountCents)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        {!settled && (
          <div className="grid-2">
            {actions.claimPaid && (
              <ActionForm
                token={token}
                id="paid"
                title={t('portalPage.paidTitle')}
                hint={t('portalPage.paidHint', { seller: seller.name })}
                submit={t('portalPage.paidSubmit')}
                done={(v) => t('portalPage.paidDone', { date: date(v.date!), seller: seller.name })}
                fields={[
                  { name: 'date', label: t('portalPage.paidDate'), type: 'date', initial: todayIso(), max: todayIso(), required: true },
                  { name: 'reference', label: t('portalPage.paidReference') },
                ]}
                send={(v) => api().POST('/portal/{token}/paid', { params: { path: { token } }, body: { date: v.date!, ...(v.reference ? { reference: v.reference } : {}) } })}
              />
            )}
            {actions.promise && (
              <ActionForm
                token={token}
                id="promise"
                title={t('portalPage.promiseTitle')}
                hint={t('portalPage.promiseHint')}
                submit={t('portalPage.promiseSubmit')}
                done={(v) => t('portalPage.promiseDone', { date: date(v.date!) })}
                fields={[{ name: 'date', label: t('portalPage.promiseDate'), type: 'date', initial: addDaysIso(todayIso(), 7), min: addDaysIso(todayIso(), 1), max: actions.latestPromiseDate, required: true }]}
                send={(v) => api().POST('/portal/{token}/promise', { params: { path: { token } }, body: { date: v.date! } })}
              />
            )}
            {actions.dispute && (
              <ActionForm
                token={token}
                id="dispute"
                title={t('portalPage.disputeTitle')}
                hint={t('portalPage.disputeHint', { seller: seller.name })}
                submit={t('portalPage.disputeSubmit')}
                done={() => t('portalPage.disputeDone')}
                fields={[{ name: 'reason', label: t('portalPage.disputeReason'), type: 'textarea', required: true }]}
                send={(v) => api().POST('/portal/{token}/dispute', { params: { path: { token } }, body: { reason: v.reason! } })}
              />
            )}
          </div>
        )}
        {!settled && actions.planRequest && portal.planRequest?.status !== 'pending' && <PortalPlanRequest token={token} portal={portal} />}
        {/* The seller's address as a link: on a phone one tap opens the mail app, the invoice named in the subject. */}
        {seller.email && (
          <p className="muted" data-testid="portal-contact">
            {t('portalPage.contactLead')}{' '}
            <a href={`mailto:${seller.email}?subject=${encodeURIComponent(t('portalPage.invoice', { number: invoice.number }))}`}>{seller.email}</a>
          </p>
        )}
      </article>
    </PortalDone.Provider>
  );
};

const Status = ({ portal }: { portal: Portal }) => {
  const { t, date } = useI18n();
  const r = portal.reminders;
  const seller = portal.seller.name;
  // Paid, written off or cancelled: nothing left to pay; no hold or dispute to speak of (a paid invoice's promise read
  // "vous payerez le …, aucune relance d'ici là" under the thanks).
  if (portal.invoice.status === 'paid' || portal.invoice.status === 'written_off' || portal.invoice.status === 'cancelled') return null;
  const lines: ReactNode[] = [];
  if (r.paidClaim) lines.push(t('portalPage.paidDone', { date: date(r.paidClaim.date), seller }));
  if (r.promisedFor) lines.push(t('portalPage.promiseDone', { date: date(r.promisedFor) }));
  // "Votre contestation" only when the client raised it here; a dispute the seller recorded is said neutrally.
  if (r.disputed) lines.push(t(r.disputedByClient ? 'portalPage.disputeDone' : 'portalPage.disputed'));
  if (lines.length === 0 && r.paused && r.pausedUntil) lines.push(t('portalPage.paused', { date: date(r.pausedUntil) }));
  if (lines.length === 0) return null;
  return (
    <div role="status" className="notice" data-testid="portal-status">
      {lines.map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </div>
  );
};

const PdfButton = ({ token, number }: { token: string; number: string }) => {
  const { t } = useI18n();
  const [state, setState] = useState<{ busy?: boolean; error?: unknown }>({});
  const download = async () => {
    setState({ busy: true });
    try {
      const response = await fetch(`${config().apiUrl}/portal/${encodeURIComponent(token)}/pdf`);
      if (!response.ok) throw new ApiError(response.status, { status: response.status, title: response.statusText });
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${number}.pdf`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({});
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <p>
      <button type="button" className="button" disabled={state.busy} onClick={() => void download()}>
        {t('portalPage.pdf')}
      </button>
      {state.error !== undefined && <ErrorMessage error={state.error} />}
    </p>
  );
};

interface PortalField {
  name: string;
  label: string;
  type?: 'date' | 'textarea';
  initial?: string;
  min?: string;
  max?: string;
  required?: boolean;
}

/**
 * Copies a value the client pastes in their bank's app (the IBAN without its spaces: some apps cut a pasted
 * IBAN at 27 characters), with the outcome said in a live region. Without a clipboard (an older browser, a
 * refusal) the value is selected on screen, for the phone's own "Copy".
 */
const CopyButton = ({ value, label, done }: { value: string; label: string; done: string }) => {
  const { t } = useI18n();
  const [said, setSaid] = useState('');
  const target = useRef<HTMLSpanElement>(null);
  const selectIt = () => {
    const text = target.current?.parentElement?.firstElementChild;
    const selection = typeof window === 'undefined' ? null : window.getSelection();
    if (text && selection) selection.selectAllChildren(text);
    setSaid(t('portalPage.copyFailed'));
  };
  const copy = () => {
    setSaid('');
    if (typeof navigator === 'undefined' || !navigator.clipboard) return selectIt();
    navigator.clipboard.writeText(value).then(() => setSaid(done), selectIt);
  };
  return (
    <>
      <button type="button" className="button small copy" onClick={copy}>
        {label}
      </button>{' '}
      <span ref={target} role="status" className={said === done ? 'success' : 'muted'}>
        {said}
      </span>
    </>
  );
};

/** An IBAN as banks print it, in groups of four: easier to read out and to copy by hand. */
export { groupIban };

const ActionForm = ({
  token,
  id,
  title,
  hint,
  submit: submitLabel,
  done,
  fields,
  send,
}: {
  token: string;
  id: string;
  title: string;
  hint: string;
  submit: string;
  /** What the client is told, in the form they tapped, once it is taken (the page's status is at its top, off a phone's screen). */
  done: (values: Record<string, string>) => string;
  fields: PortalField[];
  send: (values: Record<string, string>) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
}) => {
  const { t, date } = useI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useFocusRefused();
  const action = useMutation({
    mutationFn: (v: Record<string, string>) => unwrap(send(v)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal', token] }),
  });
  const portalDone = usePortalDone(() => {
    setErrors({});
    if (action.isError) action.reset();
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    for (const f of fields) {
      const v = (values[f.name] ?? '').trim();
      if (f.required && !v) local[f.name] = t('errors.required');
      // A date out of the range the API accepts is said here, in the client's language (ISO dates compare as text).
      else if (f.type === 'date' && v && ((f.min && v < f.min) || (f.max && v > f.max)))
        local[f.name] = f.min && f.max ? t('portalPage.dateBetween', { min: date(f.min), max: date(f.max) }) : f.max ? t('portalPage.dateUntil', { max: date(f.max) }) : t('portalPage.dateFrom', { min: date(f.min!) });
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return form.refused();
    try {
      await action.mutateAsync(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== '')));
      portalDone();
    } catch (error) {
      if (error instanceof ApiError) (setErrors(error.fieldErrors()), form.refused());
    }
  };
  const placed = fields.some((f) => errors[f.name]);
  // The button pressed gives way to what was taken: the focus goes there (it fell to the page's top).
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (action.isSuccess) doneRef.current?.focus();
  }, [action.isSuccess]);
  return (
    <form ref={form.ref} className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`portal-${id}`}>
      <h2 id={`portal-${id}`}>{title}</h2>
      <p className="muted">{hint}</p>
      {fields.map((f) => (
        <Field key={f.name} label={f.label} error={errors[f.name]}>
          {(p) =>
            f.type === 'textarea' ? (
              <textarea {...p} rows={3} value={values[f.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
            ) : (
              <input {...p} type={f.type ?? 'text'} min={f.min} max={f.max} value={values[f.name] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
            )
          }
        </Field>
      ))}
      {action.isError && !placed && <ErrorMessage error={action.error} />}
      {action.isSuccess ? (
        <p role="status" className="success" tabIndex={-1} ref={doneRef}>
          {done(action.variables)}
        </p>
      ) : (
        <SubmitButton className="button primary" busy={action.isPending}>
          {submitLabel}
        </SubmitButton>
      )}
    </form>
  );
};
