import { localDate } from '../../domain/dates.js';
import { isOutstanding } from '../../domain/invoice.js';
import { shownPaymentDate } from '../../domain/import-payment.js';
import { buildStatement, type Statement } from '../../domain/statement.js';
import type { Client } from '../../domain/client.js';
import type { Settings } from '../../domain/settings.js';
import { NotFoundError } from '../errors.js';
import type { ClientRepository, Clock, SettingsRepository } from '../ports.js';
import type { AggregateStore } from './ports.js';

/** The reference of the statement line of credit notes issued before an import (as `Réglé avant import` for what was paid). */
export const IMPORTED_CREDITS_REFERENCE = 'Avoirs avant import';

export interface StatementDeps {
  readonly clients: ClientRepository;
  readonly aggregates: AggregateStore;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
}

export type ClientStatement = Statement & { readonly client: Pick<Client, 'id' | 'name'> & Partial<Pick<Client, 'email' | 'siren'>>; readonly currency: 'EUR' };

/** What a statement PDF prints: the statement, the seller and the full client. */
export interface StatementPdfData {
  readonly seller: Settings['company'];
  readonly client: Client;
  readonly statement: ClientStatement;
  readonly language: 'fr' | 'en';
}

export interface StatementPdfRenderer {
  statement(data: StatementPdfData): Promise<Uint8Array>;
}

/**
 * The relevé de compte of one client: its open invoices (from its aggregate's open entries,
 * then each invoice partition), their payments and credit notes, and the running balance.
 */
export const makeGetClientStatement = ({ clients, aggregates, settings, clock }: StatementDeps) =>
  async (tenantId: string, clientId: string): Promise<{ statement: ClientStatement; client: Client; settings: Settings }> => {
    const [client, s, agg] = await Promise.all([clients.get(tenantId, clientId), settings.get(tenantId), aggregates.client(tenantId, clientId)]);
    if (!client) throw new NotFoundError('Client');
    const states = await Promise.all((agg?.open ?? []).map((o) => aggregates.invoiceState(tenantId, o.invoiceId)));
    const invoices = states.flatMap((st) => {
      const i = st.invoice;
      if (!i || i.clientId !== clientId || !isOutstanding(i.status)) return [];
      return [{
        id: i.id,
        ...(i.number ? { number: i.number } : {}),
        issueDate: i.issueDate,
        dueDate: i.dueDate,
        billedCents: i.totals.grossCents - (i.deductedCents ?? 0),
        // What was paid before an import has no date of ours (it is recorded on the import day): like the credit notes
        // before it, one line at the issue date, so the running balance never shows it owed after later payments.
        payments: st.payments.filter((p) => !p.removedAt).map((p) => ({
          id: p.id, amountCents: p.amountCents, date: shownPaymentDate(i, p), method: p.method, ...(p.reference ? { reference: p.reference } : {}),
        })),
        credits: [
          // Credit notes issued before the import: one line at the issue date (the export's `Avoirs` gives no date nor number).
          ...(i.importedCreditedCents ? [{ id: `${i.id}-avoirs`, number: IMPORTED_CREDITS_REFERENCE, grossCents: i.importedCreditedCents, issueDate: i.issueDate }] : []),
          ...st.credits.map((c) => ({ id: c.id, number: c.number, grossCents: c.grossCents, issueDate: c.issueDate })),
        ],
      }];
    });
    const statement = buildStatement(invoices, localDate(clock.now(), s.timezone));
    return {
      statement: { ...statement, currency: 'EUR', client: { id: client.id, name: client.name, email: client.email, ...(client.siren ? { siren: client.siren } : {}) } },
      client,
      settings: s,
    };
  };

/** The PDF's file name, in the document's language as its title: an English statement is no "relevé". */
export const statementFileName = (language: 'fr' | 'en', asOf: string): string => `${language === 'en' ? 'statement' : 'releve'}-${asOf}.pdf`;

export const makeRenderStatementPdf = (deps: StatementDeps & { pdf: StatementPdfRenderer }) => {
  const getStatement = makeGetClientStatement(deps);
  return async (tenantId: string, clientId: string) => {
    const { statement, client, settings } = await getStatement(tenantId, clientId);
    const language = client.language ?? 'fr';
    const bytes = await deps.pdf.statement({ seller: settings.company, client, statement, language });
    return { bytes, fileName: statementFileName(language, statement.asOf) };
  };
};
