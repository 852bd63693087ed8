import { localDate } from '../domain/dates.js';
import { invoiceBalanceCents, isOutstanding } from '../domain/invoice.js';
import { epcPayload } from '../domain/epc-qr.js';
import { withShownDates } from '../domain/import-payment.js';
import { OutOfChronologyError, seriesYear } from '../domain/numbering.js';
import { date, emailTexts, money } from '../../templates/email/index.js';
import { rateFromDueDate } from '../domain/penalties.js';
import type { Client } from '../domain/client.js';
import type { InvoiceView } from '../domain/invoice-types.js';
import { replyToOf, PLACEHOLDER_COMPANY_NAME, type Settings } from '../domain/settings.js';
import { exemptionPartyProblems } from '../domain/vat-exemption.js';
import { BusinessRuleError, ConflictError, NotFoundError, type FieldError } from './errors.js';
import { byPaymentDate } from './payments.js';
import { loadInvoice } from './invoices.js';
import { toInvoiceView } from './invoice-view.js';
import type { PortalLinks } from './portal/portal-links.js';
import type { ClientRepository, ClientSnapshot, Clock, InvoicePdfData, IssuedParties, InvoiceLedger, InvoiceRecord, Mailer, PdfRenderer, SettingsRepository } from './ports.js';

export interface SendInvoiceDeps {
  readonly invoices: InvoiceLedger;
  readonly clients: ClientRepository;
  readonly settings: SettingsRepository;
  readonly mailer: Mailer;
  readonly pdf: PdfRenderer;
  readonly clock: Clock;
  /** Gives the email its client-portal link (none without it). */
  readonly portalLinks?: PortalLinks;
}

/**
 * The rate the invoice states, as reminders and letters claim it: the contractual rate if the seller
 * set one, never below the legal floor (3 × the legal rate, C. com. L441-10 II: an agreed 1 % printed
 * "1 % par an" while every reminder claimed 7,86 %), else the legal default (ECB + 10 points) of the
 * semester penalties start in, the day after the due date.
 */
export const penaltyRateOf = (settings: Settings, invoice: Pick<InvoiceRecord, 'dueDate'>): number =>
  rateFromDueDate(invoice.dueDate, settings.penaltyRatePercent).ratePercent;

/** What an issued invoice's documents show: its frozen parties, or the live ones while it is a draft. */
export const partiesOf = (settings: Settings, client: Client, invoice: Pick<InvoiceRecord, 'issued' | 'dueDate'>) => {
  const issued = invoice.issued;
  if (!issued) return { seller: settings.company, client, language: client.language, penaltyRatePercent: penaltyRateOf(settings, invoice) };
  // Identity fields come only from the snapshot (an address added later must not appear either).
  const { name, kind, email, address, siren, vatNumber, language, ...rest } = client;
  void [name, kind, email, address, siren, vatNumber, language];
  return { seller: issued.seller, client: { ...rest, ...issued.client }, language: issued.client.language, penaltyRatePercent: issued.penaltyRatePercent };
};

export const invoicePdfData = (
  settings: Settings,
  client: Client,
  invoice: InvoiceRecord,
  payments: InvoicePdfData['payments'],
  copy = false,
): InvoicePdfData => {
  const parties = partiesOf(settings, client, invoice);
  const epc = invoiceEpcPayload(parties.seller, invoice);
  return {
    ...parties,
    invoice,
    // What was paid before an import stands at the issue date, as on the statement (never the import day).
    payments: withShownDates(invoice, payments.filter((p) => !p.removedAt)).sort(byPaymentDate),
    balanceCents: invoiceBalanceCents(invoice),
    copy,
    ...(epc ? { epcPayload: epc } : {}),
  };
};

/** The EPC QR payload of an issued invoice with a balance due (open or in litigation) and a seller IBAN: amount = balance, remittance = number. */
export const invoiceEpcPayload = (seller: Settings['company'], invoice: InvoiceRecord): string | undefined => {
  const balance = invoiceBalanceCents(invoice);
  // In litigation too: reminders stop, the balance is still to be paid.
  if (!invoice.number || !seller.iban || balance <= 0 || !isOutstanding(invoice.status)) return undefined;
  return epcPayload({ beneficiaryName: seller.name, iban: seller.iban, ...(seller.bic ? { bic: seller.bic } : {}), amountCents: balance, remittance: invoice.number });
};

const snapshotOf = (client: Client): ClientSnapshot => ({
  name: client.name,
  kind: client.kind,
  email: client.email,
  language: client.language,
  ...(client.address ? { address: client.address } : {}),
  ...(client.siren ? { siren: client.siren } : {}),
  ...(client.vatNumber ? { vatNumber: client.vatNumber } : {}),
});

/**
 * An invoice is a legal document: the seller must be identifiable (name, address, SIREN) and
 * the client must be told how to pay (an IBAN, or the payment URL). Lists every gap at once.
 */
export const legalIdentityGaps = (s: Settings): FieldError[] => {
  const c = s.company;
  const gaps: FieldError[] = [];
  if (!c.name.trim() || c.name === PLACEHOLDER_COMPANY_NAME) gaps.push({ path: 'settings.company.name', message: 'is required to issue an invoice' });
  if (!c.address) gaps.push({ path: 'settings.company.address', message: 'is required to issue an invoice' });
  if (!c.siren) gaps.push({ path: 'settings.company.siren', message: 'is required to issue an invoice' });
  if (!c.iban && !s.paymentUrl) gaps.push({ path: 'settings.company.iban', message: 'is required when settings.paymentUrl is not set' });
  return gaps;
};

const invoiceEmailText = (s: Settings, client: Client, invoice: InvoiceRecord, portalUrl?: string): { subject: string; text: string } =>
  emailTexts(client.language).invoice({
    clientName: client.name,
    number: invoice.number ?? '',
    // What it asks to be paid: a final invoice's net to pay, once its deposits are deducted (it said the job's total).
    amount: money(invoice.totals.grossCents - (invoice.deductedCents ?? 0), client.language),
    dueDate: date(invoice.dueDate, client.language),
    company: s.company.name,
    ...(s.company.iban ? { iban: s.company.iban } : {}),
    ...(s.company.bic ? { bic: s.company.bic } : {}),
    ...(portalUrl ? { portalUrl } : {}),
  });

/**
 * draft → sent: gives the next number of the tenant's gapless yearly sequence, then renders
 * and emails the PDF. Numbering and emailing are two steps on purpose: once numbered the
 * invoice exists legally, so a failed email leaves it `sent` and not yet emailed, and
 * sending again only retries the email (never a second number).
 */
export const makeSendInvoice = ({ invoices, clients, settings, mailer, pdf, clock, portalLinks }: SendInvoiceDeps) =>
  async (tenantId: string, id: string): Promise<InvoiceView> => {
    const [current, s] = await Promise.all([loadInvoice(invoices, tenantId, id), settings.get(tenantId)]);
    if (current.emailedAt) throw new ConflictError(`Invoice ${current.number} was already sent`, [{ path: 'path.id', message: 'the invoice was already sent' }]);
    // Numbered with nothing to pay, then its email failed: sending again retries the email.
    const issuedSettled = current.status === 'paid' && current.number !== undefined;
    if (current.status !== 'draft' && current.status !== 'sent' && !issuedSettled) {
      throw new BusinessRuleError('invoice-not-sendable', `A ${current.status} invoice cannot be sent`, [{ path: 'path.id', message: `the invoice is ${current.status}` }]);
    }
    const client = await clients.get(tenantId, current.clientId);
    if (!client) throw new NotFoundError('Client');

    let invoice = current;
    const now = clock.now();
    if (current.status === 'draft') {
      const gaps = legalIdentityGaps(s);
      if (gaps.length > 0) throw new BusinessRuleError('incomplete-legal-identity', 'Complete the company identity in settings before sending an invoice', gaps);
      // Reverse charge and intra-EU exemptions shift the VAT to a business client; intra-EU ones print both VAT numbers.
      const exemptionProblems = exemptionPartyProblems(current.vatExemption, client, s.company);
      if (exemptionProblems.length > 0) {
        throw new BusinessRuleError('vat-exemption-not-applicable', `The invoice's VAT exemption (${current.vatExemption}) does not fit its client or the company`, exemptionProblems);
      }
      // An invoice is issued on its date: numbered and emailed today, it cannot say it was issued later.
      const today = localDate(now, s.timezone);
      if (current.issueDate > today) {
        throw new BusinessRuleError('issue-date-in-future', 'An invoice cannot be sent before its issue date', [
          { path: 'invoice.issueDate', message: `is after today (${today}): send it on that day, or change its date` },
        ]);
      }
      const at = now.toISOString();
      // The series of the invoice's own year (F-2025-… for an invoice dated 2025 sent in January 2026), so
      // the years follow each other in date order too.
      const year = seriesYear(current.issueDate);
      const issued: IssuedParties = { seller: s.company, client: snapshotOf(client), penaltyRatePercent: penaltyRateOf(s, current), contractRatePercent: s.penaltyRatePercent ?? null };
      // Nothing to collect (a 0 € invoice, a final invoice its deposits cover): issued settled, `paid`,
      // never `sent` and then overdue with no balance (the list would show it late, the cockpit not).
      const status = invoiceBalanceCents(current) === 0 ? 'paid' : 'sent';
      try {
        invoice = await invoices.saveWithNextNumber(
          { ...current, clientKind: client.kind, issued, status, sentAt: at, updatedAt: at },
          { prefix: 'F', year },
          (number) => [
            { at, type: 'invoice.numbered', data: { number } },
            { at, type: 'invoice.status_changed', data: { from: 'draft', to: status } },
          ],
        );
      } catch (error) {
        // CGI 242 nonies A: numbers follow the dates. Nothing was written, no number consumed.
        if (!(error instanceof OutOfChronologyError)) throw error;
        const last = error.last;
        throw new BusinessRuleError('issue-date-before-last-numbered', `Invoices are numbered in date order: this one cannot be dated before ${last.number} (${last.issueDate})`, [
          { path: 'invoice.issueDate', message: `is before the date of ${last.number} (${last.issueDate}), the last invoice numbered: date it ${last.issueDate} or later` },
        ]);
      }
    }

    const bytes = await pdf.invoice(invoicePdfData(s, client, invoice, []));
    const portalUrl = await portalLinks?.issue(invoice);
    const { subject, text } = invoiceEmailText(s, client, invoice, portalUrl);
    const at = clock.now().toISOString();
    try {
      const { messageId } = await mailer.send({
        to: [client.email],
        cc: client.ccEmails,
        ...(replyToOf(s) ? { replyTo: replyToOf(s)! } : {}),
        fromName: s.company.name,
        subject,
        text,
        attachments: [{ fileName: `${invoice.number}.pdf`, contentType: 'application/pdf', content: bytes }],
        tags: { tenant: tenantId, invoice: invoice.id, kind: 'invoice' },
      });
      // The invoice remembers its stored link: its reminders then skip the token lookup.
      const stored = portalUrl ? await portalLinks?.storedMarker(invoice) : undefined;
      const emailed: InvoiceRecord = { ...invoice, emailedAt: at, emailedTo: client.email, updatedAt: at, ...(stored ? { portalLinkStored: stored } : {}) };
      await invoices.save(emailed, { events: [{ at, type: 'invoice.sent', data: { number: invoice.number, to: client.email, messageId } }] });
      return toInvoiceView(emailed, clock.now(), s.timezone);
    } catch (error) {
      await invoices.appendEvents(tenantId, id, [{ at, type: 'invoice.email_failed', data: { number: invoice.number } }]);
      throw error;
    }
  };
