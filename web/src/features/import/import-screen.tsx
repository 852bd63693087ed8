import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { operations } from '../../api/schema';
import { ErrorMessage, PageHeader, Stat, StatusBadge } from '../../components/ui';
import { api, unwrap } from '../../lib/api-client';
import { invalidateMoneyViews } from '../../lib/money-views';
import { useI18n } from '../../lib/i18n';
import { importSample } from './sample';
import { formatDate, formatMoney, parseMoney } from '../../lib/format';
import { csvText } from '../../lib/validators';
import './texts';

type Report = operations['importInvoices']['responses'][200]['content']['application/json'];
type Job = operations['getImport']['responses'][200]['content']['application/json'];
/** What the import ends with, whether written in the request or by a job. */
interface Outcome {
  created: number;
  existing: number;
  clientsCreated: number;
  errors: Report['errors'];
  /** A job's rows with what became of each (GET /imports/{id}). */
  jobItems?: Job['items'];
}


const PREVIEW_ROWS = 20;
/** Statuses an imported invoice comes in with that no reminder follows (in litigation, settled or cancelled). */
const NOT_CHASED = new Set(['litigation', 'paid', 'cancelled', 'written_off']);

/** Seconds since a long request started, for the progress line. */
const useElapsed = (running: boolean) => {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    setSeconds(0);
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return seconds;
};

/** CSV upload → dry run (what would be created, every row error) → import of the valid rows. */
export default function ImportScreen() {
  const { t, number, lang } = useI18n();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; csv: string }>();
  const [reading, setReading] = useState(false);
  const run = (csv: string, dryRun: boolean) =>
    unwrap(
      api().POST('/imports/invoices', {
        params: { query: { dryRun: dryRun ? 'true' : 'false' }, header: { 'Idempotency-Key': crypto.randomUUID() } },
        body: { csv },
      }),
    );
  const check = useMutation({ mutationFn: (csv: string) => run(csv, true) });
  const refresh = () => invalidateMoneyViews(queryClient);
  const commit = useMutation({ mutationFn: (csv: string) => run(csv, false), onSuccess: refresh });
  // Large files become a job: follow it until done (invoices written so far of the total).
  const jobId = commit.data?.status === 'running' ? commit.data.id : undefined;
  const job = useQuery({
    queryKey: ['imports', jobId],
    enabled: Boolean(jobId),
    // Polled without its rows (~750 KB at 5,000 rows, every second); its rows read once, when it is done.
    queryFn: async () => {
      const progress = await unwrap(api().GET('/imports/{id}', { params: { path: { id: jobId! }, query: { items: 'false' } } }));
      return progress.status === 'done' ? unwrap(api().GET('/imports/{id}', { params: { path: { id: jobId! } } })) : progress;
    },
    refetchInterval: (q) => (q.state.data?.status === 'done' ? false : 1000),
  });
  useEffect(() => {
    if (job.data?.status === 'done') void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job.data?.status]);
  const running: Job | undefined = jobId && job.data?.status !== 'done' ? job.data : undefined;
  const outcome: Outcome | undefined = !commit.data
    ? undefined
    : commit.data.status === 'done'
      ? commit.data
      : job.data?.status === 'done'
        ? { created: job.data.processed, existing: job.data.existing, clientsCreated: job.data.clientsCreated, errors: job.data.errors, jobItems: job.data.items }
        : undefined;
  // The import button goes when the import is done: the focus goes to what it says (it fell to the page's top).
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (outcome) doneRef.current?.focus();
  }, [outcome !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps
  const busy = reading || check.isPending || commit.isPending || Boolean(jobId && !outcome && !job.isError);
  const seconds = useElapsed(busy);

  const choose = async (chosen: File | undefined) => {
    check.reset();
    commit.reset();
    setFile(undefined);
    if (!chosen) return;
    setReading(true);
    try {
      const csv = csvText(await chosen.arrayBuffer());
      setFile({ name: chosen.name, csv });
      check.mutate(csv);
    } finally {
      setReading(false);
    }
  };
  const again = () => {
    check.reset();
    commit.reset();
    setFile(undefined);
    if (input.current) input.current.value = '';
    input.current?.focus();
  };
  const downloadSample = () => {
    const sample = importSample(lang);
    const url = URL.createObjectURL(new Blob([`\ufeff${sample.content}`], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = sample.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const report = check.data;

  return (
    <section>
      <PageHeader title={t('importScreen.title')} />
      <p>{t('importScreen.intro')}</p>
      <div className="card">
        <div className="field">
          <label htmlFor={inputId}>{t('importScreen.file')}</label>
          {/* The browser's own button speaks the browser's language ("Choose File" in a French screen):
              the input stays (labelled, focusable, hidden from sight) and a button-looking label of ours opens it. */}
          <input
            ref={input}
            id={inputId}
            type="file"
            className="file-input visually-hidden"
            accept=".csv,text/csv,text/plain"
            aria-describedby={`${inputId}-hint`}
            disabled={busy}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          <span className="row file-chooser">
            <label htmlFor={inputId} className="button file-button" aria-hidden="true" data-testid="file-button">
              {t('importScreen.chooseFile')}
            </label>
            <span className="muted" aria-hidden="true">
              {file?.name ?? t('importScreen.noFile')}
            </span>
          </span>
          <p id={`${inputId}-hint`} className="hint">
            {t('importScreen.fileHint')}
          </p>
        </div>
        <details>
          <summary>{t('importScreen.columns')}</summary>
          <p className="muted">{t('importScreen.columnsList')}</p>
        </details>
        <button type="button" className="button small" onClick={downloadSample}>
          {t('importScreen.sample')}
        </button>
      </div>

      {busy && (
        <div className="card" role="status" aria-live="polite">
          {running && running.total > 0 ? (
            <progress aria-label={t('importScreen.progress')} value={running.processed} max={running.total} />
          ) : (
            <progress aria-label={t('importScreen.progress')} />
          )}
          <p>
            {reading
              ? t('importScreen.reading')
              : running
                ? t('importScreen.written', { processed: running.processed, total: running.total })
                : commit.isPending || jobId
                ? t('importScreen.importing', { count: report?.created ?? 0 })
                : t('importScreen.checking', { name: file?.name ?? '' })}{' '}
            <span className="muted">{t('importScreen.elapsed', { seconds })}</span>
          </p>
        </div>
      )}
      {check.isError && <ErrorMessage error={check.error} retry={file ? () => check.mutate(file.csv) : undefined} />}
      {commit.isError && <ErrorMessage error={commit.error} retry={file ? () => commit.mutate(file.csv) : undefined} />}
      {job.isError && <ErrorMessage error={job.error} retry={() => void job.refetch()} />}

      {!file && !busy && !check.isError && <p className="empty muted">{t('importScreen.empty')}</p>}

      {outcome ? (
        <div className="card" role="status">
          <p className="success" ref={doneRef} tabIndex={-1} data-testid="import-done">
            {t('importScreen.done', { created: outcome.created, existing: outcome.existing, clients: outcome.clientsCreated })}
          </p>
          {outcome.errors.length > 0 && <RowErrors errors={outcome.errors} imported />}
          {outcome.jobItems && outcome.jobItems.length > 0 && <JobRows items={outcome.jobItems} />}
          <div className="row">
            <Link to="/invoices?tab=all" className="button primary">
              {t('importScreen.seeList')}
            </Link>
            <button type="button" className="button" onClick={again}>
              {t('importScreen.another')}
            </button>
          </div>
        </div>
      ) : (
        report &&
        !busy &&
        !commit.data && (
          <section className="card" aria-labelledby="import-summary">
            <h2 id="import-summary">
              {t('importScreen.summary')} — {file?.name}
            </h2>
            <dl className="stats">
              <Stat label={t('importScreen.rows')} value={number(report.rows)} />
              <Stat label={t('importScreen.toCreate')} value={<span data-testid="import-to-create">{number(report.created)}</span>} tone="ok" />
              <Stat label={t('importScreen.existing')} value={number(report.existing)} />
              <Stat label={t('importScreen.newClients')} value={number(report.clientsCreated)} />
            </dl>
            <DateOrderNote report={report} />
            {report.errors.length > 0 ? <RowErrors errors={report.errors} /> : <p className="success">{t('importScreen.noErrors')}</p>}
            {report.items.length > 0 && <Preview report={report} />}
            <div className="row" style={{ marginTop: '1rem' }}>
              {report.created > 0 ? (
                <button type="button" className="button primary" onClick={() => file && commit.mutate(file.csv)}>
                  {t('importScreen.confirm', { count: report.created })}
                </button>
              ) : (
                <p className="muted">{t('importScreen.nothingToImport')}</p>
              )}
              <button type="button" className="button" onClick={again}>
                {t('importScreen.another')}
              </button>
            </div>
          </section>
        )
      )}
    </section>
  );
}

/** A row error in the user's words: the column as the file's header names it, the problem in their language. */
export const useRowErrorText = () => {
  const { t, i18n } = useTranslation();
  // i18next reads '.' and ':' in a key as separators: the API's messages are looked up in the texts object itself.
  const problems = t('importScreen.problems', { returnObjects: true }) as unknown as Record<string, string>;
  return {
    column: (field: string) => (i18n.exists(`importScreen.columnNames.${field}`) ? t(`importScreen.columnNames.${field}`) : field),
    problem: (message: string) => {
      const duplicate = /^appears twice in the file \(row (\d+)\)$/.exec(message);
      if (duplicate) return t('importScreen.duplicate', { row: duplicate[1] });
      const lang = i18n.language === 'en' ? 'en' : 'fr';
      const afterToday = /^is after today \((\d{4}-\d{2}-\d{2})\): an invoice to import has been issued already$/.exec(message);
      if (afterToday) return t('importScreen.afterToday', { date: formatDate(afterToday[1]!, lang) });
      const taken = /^is already the number of an invoice \((.*)\)$/.exec(message);
      if (taken) return t('importScreen.numberTaken', { number: taken[1] });
      if (message === 'was imported before for another client: left as it was') return t('importScreen.importedForAnother');
      if (message === 'reads only as MM/DD/YYYY (month first), while other dates of the file read only as JJ/MM/AAAA: write every date of the file in one order') return t('importScreen.mixedDateOrder');
      const less = /^was imported before with less (paid|credited) \(([\d,]+) here, ([\d,]+) in the file\): (?:record the payment|issue the credit note) on the invoice$/.exec(message);
      // The API writes euros as "1234,56": said as the rest of the app says money ("1 234,56 €", "€1,234.56").
      const euros = (v: string) => {
        const cents = parseMoney(v);
        return cents === undefined ? v : formatMoney(cents, lang);
      };
      if (less) return t(less[1] === 'paid' ? 'importScreen.lessPaid' : 'importScreen.lessCredited', { here: euros(less[2]!), file: euros(less[3]!) });
      const before = /^was imported before with other figures \(gross ([\d,]+), issued (\d{4}-\d{2}-\d{2}), due (\d{4}-\d{2}-\d{2})\): left as it was$/.exec(message);
      if (before) return t('importScreen.importedBefore', { gross: euros(before[1]!), issued: formatDate(before[2]!, lang), due: formatDate(before[3]!, lang) });
      return typeof problems === 'object' && problems[message] ? problems[message] : message;
    },
  };
};

export const RowErrors = ({ errors, imported = false }: { errors: Report['errors']; imported?: boolean }) => {
  const { t } = useI18n();
  const words = useRowErrorText();
  return (
    <section aria-labelledby="import-errors">
      {/* Rows, not errors: a row with a bad date and a bad amount is one row to fix. */}
      <h3 id="import-errors">{t('importScreen.errorsTitle', { count: new Set(errors.map((e) => e.row)).size })}</h3>
      {/* Once the valid rows are in, "or import the valid rows" no longer applies: fix and import the file again. */}
      <p className="muted">{t(imported ? 'importScreen.errorsHintAfter' : 'importScreen.errorsHint')}</p>
      <div className="table-wrap">
        <table className="responsive" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('importScreen.row')}</th>
              <th scope="col">{t('importScreen.field')}</th>
              <th scope="col">{t('importScreen.message')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.row}-${e.field}-${i}`}>
                <td data-label={t('importScreen.row')}>{e.row}</td>
                <td data-label={t('importScreen.field')}>{words.column(e.field)}</td>
                <td data-label={t('importScreen.message')}>{words.problem(e.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

/** Rows of a job shown at most, in file order (a 5,000-row file lists its first ones; the summary counts them all). */
const JOB_ROWS_SHOWN = 500;

/** What became of each row of a job: imported, or skipped and why (imported before, or meanwhile by another upload). */
export const JobRows = ({ items }: { items: NonNullable<Outcome['jobItems']> }) => {
  const { t, number } = useI18n();
  const outcomeText = (item: (typeof items)[number]) =>
    item.outcome === 'created'
      ? t('importScreen.rowCreated')
      : item.outcome === 'pending'
        ? t('importScreen.rowPending')
        : item.reason === 'was imported meanwhile (another upload of it): left as it was'
          ? t('importScreen.rowSkippedMeanwhile')
          : t('importScreen.rowSkippedBefore');
  const shown = items.slice(0, JOB_ROWS_SHOWN);
  return (
    <details>
      <summary>{t('importScreen.jobRows', { created: number(items.filter((i) => i.outcome === 'created').length), skipped: number(items.filter((i) => i.outcome === 'skipped').length) })}</summary>
      <div className="table-wrap">
        <table className="responsive" data-testid="import-job-rows">
          <thead>
            <tr>
              <th scope="col">{t('importScreen.row')}</th>
              <th scope="col">{t('importScreen.number')}</th>
              <th scope="col">{t('importScreen.rowOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.row}>
                <td data-label={t('importScreen.row')}>{item.row}</td>
                <td data-label={t('importScreen.number')}>{item.number}</td>
                <td data-label={t('importScreen.rowOutcome')}>{outcomeText(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > JOB_ROWS_SHOWN && <p className="muted">{t('importScreen.more', { count: items.length - JOB_ROWS_SHOWN })}</p>}
    </details>
  );
};

/** A file read month first (MM/DD/YYYY, an American tool's export): said, with the date that shows it, before anything is imported. */
/**
 * The note said "check the preview before importing", while the preview shows no date: it says instead how the
 * date that decided reads (04/15/2026: 15 April) and what that means for a date reading both ways (03/04: 4 March).
 */
export const DateOrderNote = ({ report }: { report: Pick<Report, 'dateOrder' | 'dateOrderEvidence'> }) => {
  const { t, date } = useI18n();
  const evidence = report.dateOrderEvidence;
  if (report.dateOrder !== 'MM/DD/YYYY' || !evidence) return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/.exec(evidence.value.trim());
  const iso = m ? `${m[3]!.length === 2 ? `20${m[3]}` : m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : undefined;
  return (
    <p className="notice" data-testid="import-date-order">
      {t('importScreen.monthFirst', { value: evidence.value, row: evidence.row, read: iso ? date(iso) : evidence.value })}
    </p>
  );
};

export const Preview = ({ report }: { report: Report }) => {
  const { t, date, money } = useI18n();
  const shown = report.items.slice(0, PREVIEW_ROWS);
  return (
    <details>
      <summary>{t('importScreen.preview')}</summary>
      <div className="table-wrap">
        <table className="responsive">
          <thead>
            <tr>
              <th scope="col">{t('importScreen.row')}</th>
              <th scope="col">{t('importScreen.number')}</th>
              <th scope="col">{t('importScreen.dueDate')}</th>
              <th scope="col" className="num">{t('importScreen.gross')}</th>
              <th scope="col">{t('importScreen.importedStatus')}</th>
              <th scope="col">{t('importScreen.action')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.row}>
                <td data-label={t('importScreen.row')}>{item.row}</td>
                <td data-label={t('importScreen.number')}>{item.number}</td>
                {/* The dates and amounts as the file was read ("1 234,56", "03/04/2026"): checked before importing. */}
                <td data-label={t('importScreen.dueDate')}>
                  {date(item.dueDate)}
                  <span className="muted">
                    {' · '}
                    {t('importScreen.issued', { date: date(item.issueDate) })}
                  </span>
                </td>
                <td data-label={t('importScreen.gross')} className="num">
                  {money(item.grossCents)}
                  {item.paidCents > 0 && (
                    <span className="muted">
                      {' · '}
                      {t('importScreen.paidBefore', { amount: money(item.paidCents) })}
                    </span>
                  )}
                </td>
                <td data-label={t('importScreen.importedStatus')}>
                  {/* What the import gives it: one in litigation or cancelled where it comes from is not chased here. */}
                  <StatusBadge status={item.status} />
                  {item.action === 'create' && NOT_CHASED.has(item.status) && (
                    <span className="muted">
                      {' · '}
                      {t('importScreen.notChased')}
                    </span>
                  )}
                </td>
                <td data-label={t('importScreen.action')}>
                  {item.action === 'create' ? t('importScreen.create') : t('importScreen.exists')}
                  {item.newClient && (
                    <span className="muted">
                      {' · '}
                      {t('importScreen.newClient')} ({t(item.clientKind === 'consumer' ? 'importScreen.consumer' : 'importScreen.business')}
                      {item.clientKindGuessed && `, ${t('importScreen.kindGuessed')}`})
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.items.length > PREVIEW_ROWS && <p className="muted">{t('importScreen.more', { count: report.items.length - PREVIEW_ROWS })}</p>}
    </details>
  );
};
